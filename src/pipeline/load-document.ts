/**
 * Reads a document version from bytes, whatever its format. Text and Markdown go through a clean
 * DOCX (written with `docx`) and are read back, so that every version compared has a Word package
 * behind it and the redline keeps real styles and numbering.
 */
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from '../diagnostics/limits.js';
import { DEFAULT_PACKAGE_LIMITS } from '../ooxml/package.js';
import { InputError } from '../diagnostics/errors.js';
import type { Document, RevisionView, SourceFormat } from '../model/document.js';
import { fromDocx } from '../importers/docx/from-docx.js';
import { fromMarkdown } from '../importers/markdown/from-markdown.js';
import { decodeText, detectTextEncoding } from '../importers/text/decode-text.js';
import { fromText } from '../importers/text/from-text.js';
import { toCleanDocx } from '../exporters/docx/to-clean-docx.js';

export interface LoadOptions {
  /** For DOCX with tracked changes: read the `after` (accept all, default) or `before` view. */
  readonly view?: RevisionView;
}

export interface LoadedDocument {
  readonly document: Document;
  readonly diagnostics: readonly Diagnostic[];
}

const DOCX_EXTENSIONS = /\.(docx|docm|dotx|dotm)$/i;
const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown)$/i;
const TEXT_EXTENSIONS = /\.(txt|text)$/i;

/** The format of a file, by its extension, or by its content when the extension says nothing. */
export function detectFormat(bytes: Uint8Array, fileName: string): SourceFormat {
  if (DOCX_EXTENSIONS.test(fileName)) return 'docx';
  if (MARKDOWN_EXTENSIONS.test(fileName)) return 'markdown';
  if (TEXT_EXTENSIONS.test(fileName)) return 'text';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  if (/\.(pdf|doc|odt|rtf)$/i.test(fileName)) throw new InputError(fileName, `unsupported format (${fileName.slice(fileName.lastIndexOf('.'))}); use .docx, .txt or .md`);
  if (detectTextEncoding(bytes) === undefined) throw new InputError(fileName, 'unknown format (a binary file that is not DOCX)');
  return 'text';
}

export async function loadDocument(bytes: Uint8Array, fileName: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const format = detectFormat(bytes, fileName);
  if (format === 'docx') {
    const result = fromDocx(bytes, fileName, options.view === undefined ? {} : { view: options.view });
    return { document: result.document, diagnostics: result.diagnostics };
  }
  const text = decodeText(bytes, fileName);
  refuseTooManyLines(text, fileName);
  const diagnostics = new Diagnostics();
  const model = format === 'markdown' ? fromMarkdown(text, fileName, diagnostics) : fromText(text, fileName);
  // The package is our own: a text of one word repeated compresses far past a zip bomb's ratio.
  const result = fromDocx(await toCleanDocx(model), fileName, { limits: { ...DEFAULT_PACKAGE_LIMITS, maxRatio: Infinity } });
  diagnostics.addAll(result.diagnostics);
  return { document: { ...result.document, format, ...(model.title !== undefined && { title: model.title }) }, diagnostics: diagnostics.list() };
}

function refuseTooManyLines(text: string, fileName: string): void {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++lines > LIMITS.textLines) throw new InputError(fileName, `more than ${LIMITS.textLines.toLocaleString('en')} lines (the limit of a text or Markdown input)`);
  }
}
