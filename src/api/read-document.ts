/** Reading a version from its bytes, whatever its format, as the API offers it. */
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import type { Document } from '../model/document.js';
import { type DocumentBytes, resolveDocument } from './inputs.js';

/**
 * Reads a version of a document: DOCX (its tracked changes read as Accept All, or as Reject All
 * with `view: 'before'`), plain text or Markdown, the format given or told by the name and the
 * content. Text and Markdown are given a clean Word package, so that every version has one.
 */
export async function readDocument(input: Uint8Array | DocumentBytes): Promise<Result<Document>> {
  const diagnostics = new Diagnostics();
  const document = await resolveDocument(input, 'document', diagnostics);
  return { value: document, diagnostics: diagnostics.list() };
}
