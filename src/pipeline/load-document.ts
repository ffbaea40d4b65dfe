/**
 * Reads a document version from bytes, whatever its format. Text and Markdown go through a clean
 * DOCX (written with `docx`) and are read back, so that every version compared has a Word package
 * behind it and the redline keeps real styles and numbering.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import type { Document, RevisionView, SourceFormat } from '../model/document.js';
import { fromDocx } from '../importers/docx/from-docx.js';
import { fromMarkdown } from '../importers/markdown/from-markdown.js';
import { fromText } from '../importers/text/from-text.js';
import { recogniseTypedLabels } from '../importers/typed-labels.js';
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
  if (bytes.includes(0)) throw new InputError(fileName, 'unknown format (a binary file that is not DOCX)');
  return 'text';
}

export async function loadDocument(bytes: Uint8Array, fileName: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const format = detectFormat(bytes, fileName);
  if (format === 'docx') {
    const result = fromDocx(bytes, fileName, options.view === undefined ? {} : { view: options.view });
    return { document: result.document, diagnostics: result.diagnostics };
  }
  const text = decodeUtf8(bytes, fileName);
  const model = format === 'markdown' ? fromMarkdown(text, fileName) : fromText(text, fileName);
  const result = fromDocx(await toCleanDocx(model), fileName);
  // The clean DOCX holds typed clause numbers as text: they are recognised again, as the importer did.
  const body = recogniseTypedLabels(result.document.body);
  return { document: { ...result.document, body, format, ...(model.title !== undefined && { title: model.title }) }, diagnostics: result.diagnostics };
}

function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(fileName, 'not UTF-8 text', { cause: error });
  }
}
