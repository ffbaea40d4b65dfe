/**
 * The PDF exporter, loaded on first use: pdf-lib and fontkit take about a quarter of a second to load, which
 * every command that writes no PDF (and every exit on bad input) would otherwise pay.
 */
export type PdfExporter = typeof import('../exporters/pdf/to-pdf.js');

export function pdfExporter(): Promise<PdfExporter> {
  return import('../exporters/pdf/to-pdf.js');
}
