/** One version to clean outputs (PDF, DOCX): `redline convert`. No file-system access here. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { documentToDocx } from '../exporters/docx/to-docx.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { VersionInput } from './compare.js';
import { loadDocument } from '../importers/read-document.js';
import { pdfExporter } from './pdf-exporter.js';
import type { RenderedOutput } from './outputs.js';

export interface ConvertJob {
  readonly version: VersionInput;
  readonly outputs: readonly string[];
  readonly pdf?: Omit<PdfOptions, 'date'>;
  readonly date?: string;
}

export interface ConvertResult {
  readonly outputs: readonly RenderedOutput[];
  readonly diagnostics: readonly Diagnostic[];
}

export async function runConvert(job: ConvertJob): Promise<ConvertResult> {
  for (const path of job.outputs) if (!/\.(pdf|docx)$/i.test(path)) throw new UsageError(`${path}: convert writes .pdf or .docx`);
  const loaded = await loadDocument(job.version.bytes, job.version.name, job.version.view === undefined ? {} : { view: job.version.view });
  const document = loaded.document;
  const outputs: RenderedOutput[] = [];
  for (const path of job.outputs) {
    const data = /\.pdf$/i.test(path) ? await (await pdfExporter()).documentToPdf(document, { ...job.pdf, ...(job.date !== undefined && { date: job.date }) }) : documentToDocx(document).bytes;
    outputs.push({ path, data });
  }
  return { outputs, diagnostics: loaded.diagnostics };
}
