/**
 * The PDF exporter: a redline as a marked-up PDF (a summary of the changes with links to them,
 * then the new version with deletions and moves woven in, every change marked in its source's
 * colour with a change bar beside it), or one version as a clean PDF.
 *
 * Layout follows the document model: headings, clause labels with hanging indents, paragraph
 * indents, spacing and alignment (justified text included), run formatting, tables with repeated
 * header rows, pictures from the DOCX package. Footnotes are set at the foot of the page that
 * first calls them; endnotes, and headers and footers that changed, follow the body in sections
 * of their own. Fonts are DejaVu Serif (DejaVu Sans for what the serif lacks), embedded as
 * subsets. The same input always gives the same bytes.
 */
import type { AttributionReport } from '../../attribution/report.js';
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { Document } from '../../model/document.js';
import type { Redline } from '../../model/redline.js';
import { unchangedRedline } from '../../model/unchanged-redline.js';
import { renderPdf } from './render-pdf.js';

/** Settings of a PDF: page size, only the changed pages, the running head's title and subtitle, the date. */
export interface PdfOptions {
  /** Default `A4`. */
  readonly pageSize?: 'A4' | 'Letter';
  /** Keep only the pages that carry a change (and the summary), each with its real page number. */
  readonly changedPagesOnly?: boolean;
  /** The running header; default the document's title, or its file name. */
  readonly title?: string;
  /** e.g. "Marked up against v26.0". */
  readonly subtitle?: string;
  /** ISO 8601: the PDF's creation and modification date. Without it the PDF carries no dates. */
  readonly date?: string;
  /**
   * The order sources take their colours and bar patterns in: a release's manifest order, so that
   * a source looks the same in every document of the release. By default the redline's own order
   * (the order a comparison was given its sources).
   */
  readonly sourceOrder?: readonly string[];
  /** The attribution report of a redline with sources: its findings are listed on the summary page. */
  readonly report?: AttributionReport;
}

/** `diagnostics`, when given, collects what the PDF cannot draw as the document has it. */
export async function redlineToPdf(redline: Redline, options: PdfOptions = {}, diagnostics?: Diagnostics): Promise<Uint8Array> {
  return renderPdf(redline, options, true, diagnostics);
}

/** A clean PDF of one version: no marks, no summary, no change bars (`changedPagesOnly` is ignored). */
export async function documentToPdf(document: Document, options: PdfOptions = {}, diagnostics?: Diagnostics): Promise<Uint8Array> {
  return renderPdf(unchangedRedline(document), options, false, diagnostics);
}
