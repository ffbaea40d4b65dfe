/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The comparison app's page: choose or drop OLD and NEW (and sources with their ids), compare them
 * in the worker, show the interactive redline (the HTML exporter's view and viewer), download the
 * DOCX, PDF, JSON and HTML. `index.html?old=URL&new=URL[&source=ID:URL…]` loads and compares files
 * of the same site as the page opens.
 *
 * `document.body.dataset.state` says where the page is (`loading`, `ready`, `working`, `shown`,
 * `failed`), `dataset.fonts` whether the PDF's fonts have loaded (`loaded`, `failed`: the last
 * request the page makes on its own), and `performance` holds a `redline:compare` measure of each comparison shown, for
 * tests and the bench.
 */
import { REDLINE_CSS } from '../exporters/html/page-style.js';
import { redlineViewer } from '../exporters/html/viewer.js';
import type { Download, FileInput, ProgressStep, SourceInput, WorkerReply, WorkerRequest } from './messages.js';

const STEPS: Readonly<Record<ProgressStep, { value: number; text: string }>> = {
  reading: { value: 1, text: 'Reading the documents…' },
  comparing: { value: 2, text: 'Comparing…' },
  rendering: { value: 3, text: 'Writing the redline…' },
  showing: { value: 4, text: 'Showing the redline…' },
};

/** Source ids as the command line takes them. */
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const form = element<HTMLFormElement>('compare-form');
const compareButton = element<HTMLButtonElement>('compare');
const status = element<HTMLParagraphElement>('status');
const progress = element<HTMLDivElement>('progress');
const progressBar = element<HTMLProgressElement>('progress-bar');
const result = element<HTMLElement>('result');
const view = element<HTMLDivElement>('view');
const sourceList = element<HTMLOListElement>('source-list');
const downloadNote = element<HTMLSpanElement>('download-note');
const choose = element<HTMLDetailsElement>('choose');
const chooseSummary = element<HTMLElement>('choose-summary');
const inputs = { old: element<HTMLInputElement>('old-file'), new: element<HTMLInputElement>('new-file') };

const worker = new Worker(new URL('worker.js', document.baseURI));
const downloads = new Map<string, Download>();
/** The PDF needs its fonts: until they have loaded, a PDF asked for waits for them in the worker. */
let pdfAvailable = true;
let busy = false;
let started = 0;

function setState(state: 'loading' | 'ready' | 'working' | 'shown' | 'failed'): void {
  document.body.dataset.state = state;
}

function say(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('app-error', error);
}

function send(request: WorkerRequest, transfer: Transferable[] = []): void {
  worker.postMessage(request, transfer);
}

// Choosing files

/** The files chosen or dropped, by input (drops are kept here: an input's files cannot be set from a drop everywhere). */
const chosen = new Map<HTMLInputElement, File>();

function fileOf(input: HTMLInputElement): File | undefined {
  return chosen.get(input) ?? input.files?.[0];
}

function updateButton(): void {
  compareButton.disabled = busy || !fileOf(inputs.old) || !fileOf(inputs.new);
}

function acceptDrops(zone: HTMLElement, input: HTMLInputElement): void {
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('app-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('app-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('app-over');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    chosen.set(input, file);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  input.addEventListener('change', (event) => {
    // A file picked with the input replaces a dropped one (a drop dispatches its own change).
    if (event.isTrusted) chosen.delete(input);
    const file = fileOf(input);
    const hint = zone.querySelector('.app-hint');
    if (hint) hint.textContent = file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : 'or drop a DOCX, text or Markdown file here';
    if (input === inputs.old || input === inputs.new) updateButton();
  });
}

for (const side of ['old', 'new'] as const) {
  const zone = document.querySelector<HTMLElement>(`[data-drop="${side}"]`);
  if (zone) acceptDrops(zone, inputs[side]);
}

/** A proposed id from a file name: its leading code (`mp201-section-g.docx` → `MP201`). */
function idFromName(name: string, index: number): string {
  const code = /^[A-Za-z]+[0-9]+/.exec(name)?.[0];
  return code ? code.toUpperCase() : `S${index}`;
}

let sourceCount = 0;

function addSource(): HTMLLIElement {
  sourceCount++;
  const item = document.createElement('li');
  item.className = 'app-drop';
  const idLabel = document.createElement('label');
  idLabel.textContent = 'Id ';
  const id = document.createElement('input');
  id.type = 'text';
  id.name = 'source-id';
  id.required = true;
  id.setAttribute('aria-label', `Source ${sourceCount} id`);
  idLabel.append(id);
  const file = document.createElement('input');
  file.type = 'file';
  file.name = 'source-file';
  file.accept = '.docx,.docm,.txt,.md,.markdown';
  file.setAttribute('aria-label', `Source ${sourceCount} file`);
  const hint = document.createElement('span');
  hint.className = 'app-hint';
  hint.textContent = 'or drop its file here';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Remove';
  remove.addEventListener('click', () => {
    chosen.delete(file);
    item.remove();
  });
  item.append(idLabel, file, hint, remove);
  sourceList.append(item);
  acceptDrops(item, file);
  file.addEventListener('change', () => {
    const picked = fileOf(file);
    if (picked && id.value.trim() === '') id.value = idFromName(picked.name, sourceList.children.length);
  });
  return item;
}

element<HTMLButtonElement>('add-source').addEventListener('click', () => addSource().querySelector<HTMLInputElement>('input[type="file"]')?.focus());

// Comparing

async function readFile(file: File): Promise<FileInput> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The sources of the form: each with an id and a file, ids valid and distinct. */
async function readSources(): Promise<SourceInput[]> {
  const sources: SourceInput[] = [];
  const seen = new Set<string>();
  for (const item of sourceList.querySelectorAll('li')) {
    const id = item.querySelector<HTMLInputElement>('input[name="source-id"]')?.value.trim() ?? '';
    const input = item.querySelector<HTMLInputElement>('input[name="source-file"]');
    const file = input ? fileOf(input) : undefined;
    if (!file && id === '') continue;
    if (!file) throw new Error(`source ${id}: choose its file`);
    if (!SOURCE_ID.test(id)) throw new Error(`${file.name}: give the source an id such as MP093 (letters, digits, . _ -)`);
    if (seen.has(id.toLowerCase())) throw new Error(`source ${id} is given twice`);
    seen.add(id.toLowerCase());
    sources.push({ id, ...(await readFile(file)) });
  }
  return sources;
}

function compare(old: FileInput, neu: FileInput, sources: readonly SourceInput[]): void {
  busy = true;
  updateButton();
  setState('working');
  downloads.clear();
  started = performance.now();
  performance.mark('redline:start');
  progress.hidden = false;
  showStep('reading');
  send({ type: 'compare', old, new: neu, sources }, [old.bytes.buffer as ArrayBuffer, neu.bytes.buffer as ArrayBuffer, ...sources.map((s) => s.bytes.buffer as ArrayBuffer)]);
}

function showStep(step: ProgressStep): void {
  progressBar.value = STEPS[step].value;
  say(STEPS[step].text);
}

/** Compares the files of the form (chosen, dropped, or loaded from the page's address). */
function compareForm(): void {
  const old = fileOf(inputs.old);
  const neu = fileOf(inputs.new);
  if (!old || !neu || busy) return;
  Promise.all([readFile(old), readFile(neu), readSources()]).then(
    ([a, b, sources]) => {
      chooseSummary.textContent = `Documents: ${old.name} → ${neu.name}${sources.length > 0 ? ` (sources ${sources.map((s) => s.id).join(', ')})` : ''}`;
      compare(a, b, sources);
    },
    (error: unknown) => fail((error as Error).message),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  compareForm();
});

function fail(message: string): void {
  busy = false;
  progress.hidden = true;
  setState('failed');
  say(message, true);
  updateButton();
}

/** The view's style sheet: the redline's own rules and its document's colours and layouts, set through the CSSOM. */
const viewSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [viewSheet];

function show(reply: Extract<WorkerReply, { type: 'compared' }>): void {
  showStep('showing');
  viewSheet.replaceSync(`${REDLINE_CSS}\n${reply.css}`);
  view.innerHTML = reply.html;
  result.hidden = false;
  const root = view.querySelector<HTMLElement>('.rl');
  if (root) redlineViewer(root);
  for (const download of reply.downloads) downloads.set(download.name.slice(download.name.lastIndexOf('.') + 1), download);
  performance.measure('redline:compare', 'redline:start');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  busy = false;
  progress.hidden = true;
  updateButton();
  choose.open = false;
  setState('shown');
  const warnings = reply.warnings.length > 0 ? ` Warnings: ${reply.warnings.join('; ')}.` : '';
  const { total, renumbered } = reply.changes;
  const renumberedText = renumbered === 0 ? '' : ` and ${renumbered} clause${renumbered === 1 ? '' : 's'} only renumbered`;
  say(`${total} change${total === 1 ? '' : 's'}${renumberedText}, compared and shown in ${seconds} s.${warnings}`);
}

// Downloads

function save(download: Download): void {
  const url = URL.createObjectURL(new Blob([download.bytes as BlobPart], { type: download.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = download.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

result.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-download]') : null;
  if (!button) return;
  const kind = button.dataset.download ?? '';
  const ready = downloads.get(kind);
  if (ready) save(ready);
  else if (kind === 'pdf' && pdfAvailable) {
    button.disabled = true;
    downloadNote.textContent = 'Making the PDF…';
    send({ type: 'pdf' });
  }
});

worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
  const reply = event.data;
  switch (reply.type) {
    case 'fonts':
      pdfAvailable = reply.loaded;
      document.body.dataset.fonts = reply.loaded ? 'loaded' : 'failed';
      if (!reply.loaded) {
        const button = result.querySelector<HTMLButtonElement>('button[data-download="pdf"]');
        if (button) button.disabled = true;
        downloadNote.textContent = `PDF download is not available here: ${reply.reason ?? 'its fonts did not load'}.`;
      }
      return;
    case 'ready':
      setState('ready');
      say('Ready: choose the old and new versions.');
      updateButton();
      loadFromAddress();
      return;
    case 'progress':
      showStep(reply.step);
      return;
    case 'compared':
      show(reply);
      return;
    case 'pdf': {
      downloads.set('pdf', reply.download);
      downloadNote.textContent = '';
      const button = result.querySelector<HTMLButtonElement>('button[data-download="pdf"]');
      if (button) button.disabled = false;
      save(reply.download);
      return;
    }
    case 'error':
      downloadNote.textContent = '';
      fail(reply.message);
      return;
  }
});

worker.addEventListener('error', (event) => fail(`The comparison engine stopped: ${event.message}`));

// ?old=URL&new=URL[&source=ID:URL]

/** A file of the same site, named by a URL relative to the page. */
async function fetchFile(address: string): Promise<File> {
  const url = new URL(address, document.baseURI);
  if (url.origin !== location.origin) throw new Error(`${address}: only files of this site can be loaded (the page makes no other request)`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${address}: ${response.status} ${response.statusText}`);
  const name = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)) || 'document';
  return new File([await response.arrayBuffer()], name);
}

/** Puts a file into the form as if it had been dropped on the input. */
function place(input: HTMLInputElement, file: File): void {
  chosen.set(input, file);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** `?old=URL&new=URL[&source=ID:URL…]`: the files go into the form, and are compared as the form's are. */
function loadFromAddress(): void {
  const parameters = new URLSearchParams(location.search);
  const old = parameters.get('old');
  const neu = parameters.get('new');
  if (old === null || neu === null) return;
  const sources: { id: string; address: string }[] = [];
  for (const value of parameters.getAll('source')) {
    const colon = value.indexOf(':');
    if (colon <= 0 || !SOURCE_ID.test(value.slice(0, colon))) {
      fail(`source=${value}: give a source as ID:URL, e.g. source=MP201:mp201.docx`);
      return;
    }
    sources.push({ id: value.slice(0, colon), address: value.slice(colon + 1) });
  }
  say('Loading the documents named in the address…');
  Promise.all([fetchFile(old), fetchFile(neu), ...sources.map((s) => fetchFile(s.address))]).then(
    ([a, b, ...files]) => {
      place(inputs.old, a);
      place(inputs.new, b);
      files.forEach((file, i) => {
        const item = addSource();
        const id = item.querySelector<HTMLInputElement>('input[name="source-id"]');
        if (id) id.value = sources[i]?.id ?? '';
        const input = item.querySelector<HTMLInputElement>('input[name="source-file"]');
        if (input) place(input, file);
      });
      compareForm();
    },
    (error: unknown) => fail((error as Error).message),
  );
}

setState('loading');
