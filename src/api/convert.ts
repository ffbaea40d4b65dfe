/** One version to clean outputs (DOCX, PDF): `redline convert`. No file-system access here. */
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import type { Document } from '../model/document.js';
import { toDocx, toPdf } from './exporters.js';
import { type DocumentInput, resolveDocument } from './inputs.js';
import { checkPdfOptions, optionalDate } from './options.js';
import type { PdfOutputOptions } from './outputs.js';

/** Options of `convert`: the outputs (DOCX, PDF) and the PDF's date. */
export interface ConvertOptions {
  /** What to write: `{ docx: true }`, `{ pdf: { pageSize: 'Letter' } }` or both. */
  readonly outputs: { readonly docx?: boolean; readonly pdf?: boolean | PdfOutputOptions };
  /** The PDF's creation date (ISO 8601); none by default, so that output is deterministic. */
  readonly date?: string;
}

/** A version converted. */
export interface Conversion {
  readonly document: Document;
  readonly outputs: { readonly docx?: Uint8Array; readonly pdf?: Uint8Array };
}

/** A version as a clean DOCX (from text or Markdown; a DOCX's tracked changes resolved) or a clean PDF. */
export async function convert(version: DocumentInput, options: ConvertOptions): Promise<Result<Conversion>> {
  const requested = options.outputs;
  if (typeof requested !== 'object' || requested === null) throw new OptionError('outputs', 'expected { docx?, pdf? }');
  for (const kind of Object.keys(requested)) if (kind !== 'docx' && kind !== 'pdf') throw new OptionError(`outputs.${kind}`, 'convert writes docx or pdf');
  if (typeof requested.pdf === 'object') checkPdfOptions(requested.pdf, 'outputs.pdf');
  const dated = optionalDate(options.date);
  const diagnostics = new Diagnostics();
  const document = await resolveDocument(version, 'version', diagnostics);
  const outputs: { docx?: Uint8Array; pdf?: Uint8Array } = {};
  if (requested.docx) {
    const docx = toDocx(document);
    diagnostics.addAll(docx.diagnostics);
    outputs.docx = docx.value;
  }
  if (requested.pdf) {
    const pdf = await toPdf(document, { ...(typeof requested.pdf === 'object' && requested.pdf), ...dated });
    diagnostics.addAll(pdf.diagnostics);
    outputs.pdf = pdf.value;
  }
  return { value: { document, outputs }, diagnostics: diagnostics.list() };
}
