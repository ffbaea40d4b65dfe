/**
 * Reads a document version from bytes, whatever its format. Text and Markdown go through a clean
 * Word package (`clean-docx.ts`) and are read back, so that every version compared has a package
 * behind it and the redline keeps real styles and numbering.
 */
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { LIMITS } from '../diagnostics/limits.js';
import type { Document, RevisionView, SourceFormat } from '../model/document.js';
import { CLEAN_MAIN_PART, cleanDocxParts } from './clean-docx.js';
import { fromDocx, fromDocxParts } from './docx/from-docx.js';
import { fromMarkdown } from './markdown/from-markdown.js';
import { decodeText, detectTextEncoding, withoutUnwritableCharacters } from './text/decode-text.js';
import { fromText } from './text/from-text.js';
import { recogniseTypedLabels } from './typed-labels.js';

export interface LoadOptions {
  /** For DOCX with tracked changes: read the `after` (accept all, default) or `before` view. */
  readonly view?: RevisionView;
  /** The format, when the caller knows it; otherwise it is told by the name, then the content. */
  readonly format?: SourceFormat;
}

const DOCX_EXTENSIONS = /\.(docx|docm|dotx|dotm)$/i;
const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown)$/i;
const TEXT_EXTENSIONS = /\.(txt|text)$/i;

/** The format of a file, by its extension, or by its content when the extension says nothing. */
export function detectFormat(bytes: Uint8Array, fileName: string): SourceFormat {
  const foreign = foreignFormat(bytes, fileName);
  if (foreign) throw new InputError(fileName, `${foreign.what}, not DOCX, text or Markdown: ${foreign.advice}`);
  if (DOCX_EXTENSIONS.test(fileName)) return 'docx';
  if (MARKDOWN_EXTENSIONS.test(fileName)) return 'markdown';
  if (TEXT_EXTENSIONS.test(fileName)) return 'text';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  if (detectTextEncoding(bytes) === undefined) throw new InputError(fileName, 'unknown format (a binary file that is not DOCX)');
  return 'text';
}

interface ForeignFormat {
  readonly what: string;
  readonly advice: string;
}

const SAVE_AS_DOCX = 'open it in Word or LibreOffice and save it as .docx';
const ODF_MIMETYPE = 'mimetypeapplication/vnd.oasis.opendocument.text';
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Formats people often have instead of DOCX, told by their content (or by their extension when
 * the content says nothing), so that the error names what the file is and what to do rather than
 * what a DOCX reader missed in it. A compound file named `.docx` is left to the package reader,
 * which tells a password-protected DOCX from a legacy `.doc`.
 */
function foreignFormat(bytes: Uint8Array, fileName: string): ForeignFormat | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 80));
  const zip = head.startsWith('PK');
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const compound = COMPOUND_FILE.every((b, i) => bytes[i] === b);
  if (head.startsWith('%PDF-') || (extension === 'pdf' && !zip))
    return { what: 'a PDF', advice: 'compare the Word or text versions it was made from (a PDF keeps no paragraphs or numbering to compare)' };
  if (head.startsWith('{\\rtf') || (extension === 'rtf' && !zip)) return { what: 'a Rich Text Format (RTF) file', advice: SAVE_AS_DOCX };
  if ((zip && head.includes(ODF_MIMETYPE)) || extension === 'odt' || extension === 'ott') return { what: 'an OpenDocument text (.odt)', advice: SAVE_AS_DOCX };
  if (compound ? !DOCX_EXTENSIONS.test(fileName) : extension === 'doc' && !zip) return { what: 'a Word 97-2003 document (.doc)', advice: SAVE_AS_DOCX };
  return undefined;
}

/** Reads a version from its bytes: the DOCX, text or Markdown importer, by its format. */
export async function loadDocument(bytes: Uint8Array, fileName: string, options: LoadOptions = {}): Promise<Result<Document>> {
  const format = options.format ?? detectFormat(bytes, fileName);
  if (format === 'docx') {
    const result = fromDocx(bytes, fileName, options.view === undefined ? {} : { view: options.view });
    return { value: result.document, diagnostics: result.diagnostics };
  }
  const diagnostics = new Diagnostics();
  const written = cleanPackage(bytes, fileName, format, diagnostics);
  const result = fromDocxParts(written.parts, CLEAN_MAIN_PART, fileName);
  diagnostics.addAll(result.diagnostics);
  // The clean DOCX holds typed clause numbers as text: they are recognised again, as the importer did.
  const body = recogniseTypedLabels(result.document.body);
  return { value: { ...result.document, body, format, ...(written.title !== undefined && { title: written.title }) }, diagnostics: diagnostics.list() };
}

/**
 * A text or Markdown version as a clean package of our own, to be read back (never zipped, so no
 * zip limit applies to it). Only the parts outlive this call: the text and the first model are
 * garbage before the package is read, which matters for a file of a million lines.
 */
function cleanPackage(bytes: Uint8Array, fileName: string, format: 'text' | 'markdown', diagnostics: Diagnostics): { readonly parts: Map<string, Uint8Array>; readonly title?: string } {
  const { text, dropped } = withoutUnwritableCharacters(decodeText(bytes, fileName));
  refuseTooManyLines(text, fileName);
  if (dropped)
    diagnostics.warn(
      'text/control-characters-dropped',
      `${dropped.count.toLocaleString('en')} control character${dropped.count === 1 ? '' : 's'} that a Word document cannot hold left out (the first, ${dropped.first}, on line ${dropped.line})`,
      fileName,
    );
  const model = format === 'markdown' ? fromMarkdown(text, fileName, diagnostics) : fromText(text, fileName);
  return { parts: cleanDocxParts(model), ...(model.title !== undefined && { title: model.title }) };
}

function refuseTooManyLines(text: string, fileName: string): void {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++lines > LIMITS.textLines) throw new InputError(fileName, `more than ${LIMITS.textLines.toLocaleString('en')} lines (the limit of a text or Markdown input)`);
  }
}
