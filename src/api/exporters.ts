/**
 * The exporters as the API offers them: a redline (or one version, clean) to a tracked-change
 * DOCX, a marked-up PDF, an interactive HTML page, the JSON change set, a text redline or Markdown;
 * each returns its bytes or text with the diagnostics met while writing.
 */
import type { AttributionReport } from '../attribution/report.js';
import { type Diagnostic, Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { documentToDocx, redlineToDocx } from '../exporters/docx/to-docx.js';
import { type HtmlOptions, redlineToHtml } from '../exporters/html/to-html.js';
import { changeSetToJson } from '../exporters/json/to-json.js';
import { toCriticMarkup } from '../exporters/markup/to-critic-markup.js';
import { toMarkup } from '../exporters/markup/to-markup.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { checkPdfOptions, optionalDate } from './options.js';
import { pdfExporter } from './pdf-exporter.js';

export type { HtmlOptions } from '../exporters/html/to-html.js';
export type { PdfOptions } from '../exporters/pdf/to-pdf.js';

/** Options of `toDocx`. */
export interface DocxOptions {
  /** The revisions' date (ISO 8601); none by default, so that output is deterministic. */
  readonly date?: string;
  /** Comment each change with its source (default: when the redline has sources). */
  readonly comments?: boolean;
}

/** Options of `toJson`. */
export interface JsonOptions {
  /** The attribution report, written beside the changes (`sources`, `unattributed`, …). */
  readonly report?: AttributionReport;
  /** The diagnostics to list in the JSON's `diagnostics`. */
  readonly diagnostics?: readonly Diagnostic[];
}

const isRedline = (input: Redline | Document): input is Redline => 'changes' in input;

/**
 * A redline as a DOCX with real tracked changes, built on the new version's own package; or one
 * version as a clean DOCX (its own tracked changes resolved to the view it was read in).
 */
export function toDocx(input: Redline | Document, options: DocxOptions = {}): Result<Uint8Array> {
  const written = isRedline(input) ? redlineToDocx(input, { ...options, ...optionalDate(options.date) }) : documentToDocx(input);
  return { value: written.bytes, diagnostics: written.diagnostics };
}

/** A redline as a marked-up PDF (a summary of the changes, then the document marked up); or one version as a clean PDF. */
export async function toPdf(input: Redline | Document, options: PdfOptions = {}): Promise<Result<Uint8Array>> {
  checkPdfOptions(options, 'options');
  const pdf = await pdfExporter();
  const settled = { ...options, ...optionalDate(options.date) };
  const diagnostics = new Diagnostics();
  const bytes = isRedline(input) ? await pdf.redlineToPdf(input, settled, diagnostics) : await pdf.documentToPdf(input, settled, diagnostics);
  return { value: bytes, diagnostics: diagnostics.list() };
}

/**
 * A redline as one self-contained, interactive HTML page: the document marked up, the list of
 * changes, filters, keyboard navigation, side by side; no request of any kind (`docs/html.md`).
 */
export function toHtml(redline: Redline, options: HtmlOptions = {}): Result<string> {
  return { value: redlineToHtml(redline, options), diagnostics: [] };
}

/** The change set as JSON (`docs/change-set.md`; the schema is `change-set.schema.json`). */
export function toJson(redline: Redline, options: JsonOptions = {}): Result<string> {
  const extra = { ...(redline.view && { view: redline.view }), ...options.report };
  const json = changeSetToJson({ old: redline.old, new: redline.new, changes: redline.changes, diagnostics: options.diagnostics ?? [], ...(Object.keys(extra).length > 0 && { extra }) });
  return { value: json, diagnostics: [] };
}

/** A plain-text redline: `[-deleted-]{+inserted+}`, moves as `[>from<]`/`{>to<}`, changed paragraph marks as `[-¶-]`/`{+¶+}`. */
export function toText(redline: Redline): Result<string> {
  return { value: toMarkup(redline), diagnostics: [] };
}

/**
 * The redline as Markdown with CriticMarkup: `{++inserted++}`, `{--deleted--}`, `{~~old~>new~~}`,
 * comments `{>>MP201<<}` naming the sources and where each end of a move is; headings, lists and
 * tables kept.
 */
export function toMarkdown(redline: Redline): Result<string> {
  return { value: toCriticMarkup(redline), diagnostics: [] };
}
