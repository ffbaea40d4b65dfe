/** One version to clean outputs (PDF, DOCX): `redline convert`. No file-system access here. */
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import { unchangedRedline } from '../model/unchanged-redline.js';
import type { VersionInput } from './compare.js';
import { loadDocument } from './load-document.js';
import { renderOutputs, type OutputRequest, type RenderedOutput } from './outputs.js';

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
  const requests = job.outputs.map((path): OutputRequest => {
    if (/\.pdf$/i.test(path)) return { path, kind: 'clean-pdf' };
    if (/\.docx$/i.test(path)) return { path, kind: 'clean-docx' };
    throw new UsageError(`${path}: convert writes .pdf or .docx`);
  });
  const loaded = await loadDocument(job.version.bytes, job.version.name, job.version.view === undefined ? {} : { view: job.version.view });
  const diagnostics = new Diagnostics();
  diagnostics.addAll(loaded.diagnostics);
  const document = loaded.document;
  const outputs = await renderOutputs(requests, {
    old: document,
    new: document,
    redline: unchangedRedline(document),
    diagnostics,
    ...(job.date !== undefined && { date: job.date }),
    ...(job.pdf && { pdf: job.pdf }),
  });
  return { outputs, diagnostics: diagnostics.list() };
}
