/**
 * The outputs a comparison can be rendered to, and the rendering itself, shared by `compare`,
 * `apply` and release runs: the redline as DOCX (tracked changes), PDF (marked up), interactive
 * HTML and text markup, the new version clean as DOCX and PDF, and the change set as JSON.
 */
import type { AttributionReport } from '../attribution/report.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { documentToDocx, redlineToDocx } from '../exporters/docx/to-docx.js';
import { redlineToHtml } from '../exporters/html/to-html.js';
import { changeSetToJson } from '../exporters/json/to-json.js';
import { toMarkup } from '../exporters/markup/to-markup.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { pdfExporter } from './pdf-exporter.js';

export type OutputKind = 'redline-docx' | 'redline-pdf' | 'html' | 'markup' | 'clean-docx' | 'clean-pdf' | 'json';

export interface OutputRequest {
  readonly path: string;
  readonly kind: OutputKind;
}

export interface RenderedOutput {
  readonly path: string;
  readonly data: Uint8Array | string;
}

/** What every output is rendered from. */
export interface RenderInput {
  readonly old: Document;
  readonly new: Document;
  readonly redline: Redline;
  readonly report?: AttributionReport;
  readonly diagnostics: Diagnostics;
  /** ISO 8601 date for revisions and PDF metadata; none by default (deterministic output). */
  readonly date?: string;
  readonly pdf?: Omit<PdfOptions, 'date'>;
}

/** `compare`'s outputs: the format follows the extension, and every one shows the redline. */
export function compareOutputKind(path: string): OutputKind {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'docx') return 'redline-docx';
  if (ext === 'pdf') return 'redline-pdf';
  if (ext === 'json') return 'json';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'txt' || ext === 'md') return 'markup';
  throw new UsageError(`${path}: unknown output format (use .docx, .pdf, .html, .json, .txt or .md)`);
}

// Outputs that add diagnostics (the DOCX writer's) come before the JSON that lists them.
const ORDER: Readonly<Record<OutputKind, number>> = { 'redline-docx': 0, 'clean-docx': 1, 'redline-pdf': 2, 'clean-pdf': 3, html: 4, markup: 5, json: 6 };

export async function renderOutputs(requests: readonly OutputRequest[], input: RenderInput): Promise<RenderedOutput[]> {
  const sorted = [...requests].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const outputs: RenderedOutput[] = [];
  for (const request of sorted) outputs.push({ path: request.path, data: await render(request.kind, input) });
  return outputs;
}

async function render(kind: OutputKind, input: RenderInput): Promise<Uint8Array | string> {
  const dated = input.date === undefined ? {} : { date: input.date };
  switch (kind) {
    case 'redline-docx': {
      const docx = redlineToDocx(input.redline, dated);
      input.diagnostics.addAll(docx.diagnostics);
      return docx.bytes;
    }
    case 'clean-docx':
      return documentToDocx(input.new).bytes;
    case 'redline-pdf':
      return (await pdfExporter()).redlineToPdf(input.redline, { ...input.pdf, ...dated });
    case 'clean-pdf':
      return (await pdfExporter()).documentToPdf(input.new, { ...input.pdf, ...dated });
    case 'html':
      // The PDF's title and subtitle (a release's document title and "marked up against") head the page too.
      return redlineToHtml(input.redline, { ...(input.pdf?.title !== undefined && { title: input.pdf.title }), ...(input.pdf?.subtitle !== undefined && { subtitle: input.pdf.subtitle }), ...(input.report && { report: input.report }) });
    case 'markup':
      return toMarkup(input.redline);
    case 'json':
      return changeSetToJson({ old: input.old, new: input.new, changes: input.redline.changes, diagnostics: input.diagnostics.list(), ...(input.report && { extra: { ...input.report } }) });
  }
}
