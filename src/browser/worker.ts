/// <reference lib="dom" />
/**
 * The app's worker: the whole engine, off the page's thread. It fetches the PDF's fonts as the
 * page loads (so that no request is made later), then compares what the page sends: the redline
 * view to show, and the DOCX, JSON and HTML to download; the PDF when asked for.
 */
import { type Comparison, compare, DEJAVU_PACKAGE, FONT_FILES, htmlPage, InputError, OptionError, provideFontFiles, redlineView, summariseChanges, toPdf } from './engine.js';
import type { CompareRequest, Download, WorkerReply, WorkerRequest } from './messages.js';

/** The worker's side of its messages (the DOM library types only the page's side). */
interface WorkerScope {
  readonly location: { readonly href: string };
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

interface Compared {
  readonly comparison: Comparison;
  readonly title: string;
  readonly stem: string;
}

let last: Compared | undefined;

function post(message: WorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/**
 * The DejaVu fonts the PDF uses, fetched from the site's `fonts/` folder. The CJK fonts (tens of
 * megabytes) are not carried: a browser-made PDF draws CJK characters as a replacement mark.
 */
async function loadFonts(): Promise<void> {
  const files = [...new Set(Object.values(FONT_FILES).flatMap((variants) => Object.values(variants)))];
  const loaded = await Promise.all(
    files.map(async (file): Promise<[string, Uint8Array]> => {
      const response = await fetch(new URL(`fonts/${file}`, scope.location.href));
      if (!response.ok) throw new Error(`fonts/${file}: ${response.status} ${response.statusText}`);
      return [`${DEJAVU_PACKAGE}/ttf/${file}`, new Uint8Array(await response.arrayBuffer())];
    }),
  );
  provideFontFiles(new Map(loaded));
}

const fonts = loadFonts();
fonts.then(
  () => post({ type: 'fonts', loaded: true }),
  (error: unknown) => post({ type: 'fonts', loaded: false, reason: `its fonts did not load (${(error as Error).message})` }),
);

const encoder = new TextEncoder();

async function compareFiles(request: CompareRequest): Promise<void> {
  const started = performance.now();
  const stem = request.new.name.replace(/\.[^.]*$/, '');
  const result = await compare(request.old, request.new, {
    ...(request.sources.length > 0 && { sources: request.sources }),
    outputs: { docx: true, json: true },
    progress: (step) => post({ type: 'progress', step }),
  });
  const comparison = result.value;
  const view = redlineView(comparison.redline, comparison.report ? { report: comparison.report } : {});
  last = { comparison, title: view.title, stem };
  const downloads: Download[] = [
    { name: `${stem}-redline.docx`, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: comparison.outputs.docx ?? new Uint8Array() },
    { name: `${stem}-changes.json`, type: 'application/json', bytes: encoder.encode(comparison.outputs.json ?? '') },
    { name: `${stem}-redline.html`, type: 'text/html', bytes: encoder.encode(htmlPage(view)) },
  ];
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.message}${d.count > 1 ? ` (${d.count} times)` : ''}`);
  post(
    { type: 'compared', title: view.title, html: view.html, css: view.css, changes: summariseChanges(comparison.changes), downloads, warnings, milliseconds: Math.round(performance.now() - started) },
    downloads.map((d) => d.bytes.buffer as ArrayBuffer),
  );
}

async function pdf(): Promise<void> {
  if (!last) throw new Error('nothing has been compared yet');
  await fonts;
  const bytes = (await toPdf(last.comparison.redline, { title: last.title })).value;
  post({ type: 'pdf', download: { name: `${last.stem}-redline.pdf`, type: 'application/pdf', bytes } }, [bytes.buffer as ArrayBuffer]);
}

post({ type: 'ready' });

scope.addEventListener('message', (event) => {
  const request = event.data;
  const work = request.type === 'compare' ? compareFiles(request) : pdf();
  work.catch((error: unknown) => {
    // Bad input says which file and why; anything else is a bug of ours, said as such.
    const message = error instanceof InputError || error instanceof OptionError ? error.message : `internal error: ${(error as Error).message}`;
    post({ type: 'error', message });
  });
});
