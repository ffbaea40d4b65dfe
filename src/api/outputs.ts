/**
 * The outputs a comparison can be rendered to, asked for by kind, and the rendering itself,
 * shared by `compare`, `apply` and release runs: the redline as DOCX (tracked changes), PDF
 * (marked up), interactive HTML, text and Markdown, the new version clean as DOCX and PDF, and the
 * change set as JSON. A new kind is a member of `OutputKinds` and `RenderedOutputs`, a place in `RENDER_ORDER`
 * and a case in `render`; the compiler asks for each.
 */
import type { AttributionReport } from '../attribution/report.js';
import type { Diagnostics, Result } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { assertNever } from '../util/assert-never.js';
import { type HtmlOptions, toDocx, toHtml, toJson, toMarkdown, toPdf, toText } from './exporters.js';
import { checkPdfOptions } from './options.js';

/** PDF settings of one PDF output (its date is the comparison's). */
export type PdfOutputOptions = Omit<PdfOptions, 'date' | 'report'>;

/** The HTML redline's heading (its findings are the comparison's report). */
export type HtmlOutputOptions = Omit<HtmlOptions, 'report'>;

/** The outputs to render, by kind: `{ docx: true, pdf: { pageSize: 'A4' }, json: true }`. */
export interface OutputKinds {
  /** The redline as a DOCX with tracked changes, built on the new version's own package. */
  readonly docx?: boolean;
  /** The redline as a marked-up PDF: a summary of the changes, then the document marked up. */
  readonly pdf?: boolean | PdfOutputOptions;
  /** The redline as one self-contained, interactive HTML page (`docs/html.md`). */
  readonly html?: boolean | HtmlOutputOptions;
  /** The change set (and the attribution report, when there are sources) as JSON. */
  readonly json?: boolean;
  /** A plain-text redline: `[-deleted-]{+inserted+}`. */
  readonly text?: boolean;
  /** The redline for Markdown readers. */
  readonly markdown?: boolean;
  /** The new version, clean (no marks), as DOCX. */
  readonly cleanDocx?: boolean;
  /** The new version, clean, as PDF. */
  readonly cleanPdf?: boolean | PdfOutputOptions;
}

/** The name of an output kind: `docx`, `pdf`, `json`, `text`, `markdown`, `cleanDocx`, `cleanPdf`. */
export type OutputKind = keyof OutputKinds;

/** The rendered outputs, by kind: only those asked for are present. */
export interface RenderedOutputs {
  readonly docx?: Uint8Array;
  readonly pdf?: Uint8Array;
  readonly html?: string;
  readonly json?: string;
  readonly text?: string;
  readonly markdown?: string;
  readonly cleanDocx?: Uint8Array;
  readonly cleanPdf?: Uint8Array;
}

/** What every output is rendered from. */
export interface RenderInput {
  readonly old: Document;
  readonly new: Document;
  readonly redline: Redline;
  readonly report?: AttributionReport;
  /** Every diagnostic so far; the outputs' own are added, and the JSON lists them all. */
  readonly diagnostics: Diagnostics;
  /** ISO 8601 date for revisions and PDF metadata; none by default (deterministic output). */
  readonly date?: string;
  /**
   * The date of the tracked changes when `date` is not given: the new version's own modified
   * date, or a release's effective date. The PDF carries no date then.
   */
  readonly revisionDate?: string;
}

/** Outputs that add diagnostics come before the JSON that lists them. */
const RENDER_ORDER: readonly OutputKind[] = ['docx', 'cleanDocx', 'pdf', 'cleanPdf', 'html', 'text', 'markdown', 'json'];

export async function renderOutputs(kinds: OutputKinds, input: RenderInput): Promise<RenderedOutputs> {
  const outputs: Partial<Record<OutputKind, Uint8Array | string>> = {};
  for (const kind of RENDER_ORDER) {
    const request = kinds[kind];
    if (request === undefined || request === false) continue;
    const rendered = await render(kind, input, typeof request === 'object' ? request : {});
    input.diagnostics.addAll(rendered.diagnostics);
    outputs[kind] = rendered.value;
  }
  return outputs as RenderedOutputs;
}

/** Checks what a caller asked for before any work is done. */
export function checkOutputKinds(kinds: OutputKinds, field = 'outputs'): void {
  for (const kind of Object.keys(kinds)) if (!(RENDER_ORDER as readonly string[]).includes(kind)) throw new OptionError(`${field}.${kind}`, `unknown output kind (use ${RENDER_ORDER.join(', ')})`);
  for (const kind of ['pdf', 'cleanPdf'] as const) {
    const request = kinds[kind];
    if (typeof request === 'object') checkPdfOptions(request, `${field}.${kind}`);
  }
  if (typeof kinds.html === 'object') checkHeading(kinds.html, `${field}.html`);
}

function checkHeading(options: HtmlOutputOptions, field: string): void {
  for (const key of ['title', 'subtitle'] as const) if (options[key] !== undefined && typeof options[key] !== 'string') throw new OptionError(`${field}.${key}`, 'expected a string');
  if (options.sourceOrder !== undefined && (!Array.isArray(options.sourceOrder) || !options.sourceOrder.every((id) => typeof id === 'string')))
    throw new OptionError(`${field}.sourceOrder`, 'expected a list of source ids');
}

/** Renders one kind; `settings` are that kind's own (a PDF's page size, the HTML page's title). */
async function render(kind: OutputKind, input: RenderInput, settings: PdfOutputOptions & HtmlOutputOptions): Promise<Result<Uint8Array | string>> {
  const dated = input.date === undefined ? {} : { date: input.date };
  switch (kind) {
    case 'docx': {
      const revisionDate = input.date ?? input.revisionDate;
      return toDocx(input.redline, revisionDate === undefined ? {} : { date: revisionDate });
    }
    case 'cleanDocx':
      return toDocx(input.new);
    case 'pdf':
      // The PDF's summary lists the report's findings, as the HTML's side panel does.
      return toPdf(input.redline, { ...settings, ...dated, ...(input.report && { report: input.report }) });
    case 'cleanPdf':
      return toPdf(input.new, { ...settings, ...dated });
    case 'html':
      // The HTML takes its colours from the same order of sources as the PDF of the same run.
      return toHtml(input.redline, {
        ...(settings.title !== undefined && { title: settings.title }),
        ...(settings.subtitle !== undefined && { subtitle: settings.subtitle }),
        ...(settings.sourceOrder !== undefined && { sourceOrder: settings.sourceOrder }),
        ...(input.report && { report: input.report }),
      });
    case 'text':
      return toText(input.redline);
    case 'markdown':
      return toMarkdown(input.redline);
    case 'json':
      return toJson(input.redline, { diagnostics: input.diagnostics.list(), ...(input.report && { report: input.report }) });
    default:
      return assertNever(kind, 'output kind');
  }
}
