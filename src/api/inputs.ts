/**
 * What the API takes as a version of a document: its bytes (with, optionally, a name, a format
 * and the view of its tracked changes to read), or a document already read. Never a path: reading
 * files is the caller's business.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import { loadDocument } from '../importers/read-document.js';
import type { Document, RevisionView, SourceFormat } from '../model/document.js';

/** A version's bytes and what is known about them. */
export interface DocumentBytes {
  readonly bytes: Uint8Array;
  /**
   * The input's name, as errors and diagnostics name it and outputs show it (the JSON's `name`,
   * the PDF's default title); a file name, never a path the output would then depend on.
   * Default: the argument's name (`old`, `new`, `base`…).
   */
  readonly name?: string;
  /** `docx`, `text` or `markdown`; by default told by the name's extension, then by the content. */
  readonly format?: SourceFormat;
  /** For a DOCX with tracked changes: read it as Accept All (`after`, the default) or Reject All (`before`). */
  readonly view?: RevisionView;
}

/** A version: bytes, bytes with details, or a document already read (by {@link readDocument} or a comparison). */
export type DocumentInput = Uint8Array | DocumentBytes | Document;

/** The bytes form of an input (a plain `Uint8Array` named after its argument), or undefined for a document already read. */
export function asBytes(input: DocumentInput, field: string): DocumentBytes | undefined {
  if (input instanceof Uint8Array) return { bytes: input, name: field };
  if (typeof input !== 'object' || input === null) throw new OptionError(field, 'expected the bytes of a document or a document already read');
  if ('bytes' in input) {
    if (!(input.bytes instanceof Uint8Array)) throw new OptionError(`${field}.bytes`, 'expected a Uint8Array (a Node.js Buffer is one)');
    return input;
  }
  if (!('body' in input) || !Array.isArray(input.body)) throw new OptionError(field, 'expected the bytes of a document or a document already read');
  return undefined;
}

/** The document of an input, read when it is bytes; its diagnostics go to `diagnostics`. */
export async function resolveDocument(input: DocumentInput, field: string, diagnostics: Diagnostics): Promise<Document> {
  const bytes = asBytes(input, field);
  if (!bytes) return input as Document;
  const read = await loadDocument(bytes.bytes, bytes.name ?? field, { ...(bytes.view && { view: bytes.view }), ...(bytes.format && { format: bytes.format }) });
  diagnostics.addAll(read.diagnostics);
  return read.value;
}
