/**
 * Built-in verification of a DOCX redline: its Reject All view must read as the old version and
 * its Accept All view as the new one (text, tables and notes; see `documentLines`), and it must
 * hold nothing LibreOffice reads differently from Word (see `libreoffice-reading.ts`).
 */
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import { libreOfficeDifferences } from '../importers/docx/libreoffice-reading.js';
import { loadDocument } from '../importers/read-document.js';
import type { Document, RevisionView } from '../model/document.js';
import { documentLines } from '../model/plain-text.js';
import { asBytes, type DocumentBytes, type DocumentInput, resolveDocument } from './inputs.js';

/** One view of a redline checked against its version: equal, or the first line that differs. */
export interface ViewCheck {
  readonly ok: boolean;
  readonly expectedLines: number;
  readonly actualLines: number;
  /** 1-based line of the first difference. */
  readonly line?: number;
  readonly expected?: string;
  readonly actual?: string;
}

/** What a verification found: both views checked. */
export interface Verification {
  readonly ok: boolean;
  /** Reject All against OLD. */
  readonly reject: ViewCheck;
  /** Accept All against NEW. */
  readonly accept: ViewCheck;
  /** What LibreOffice would read differently from Word (any makes the check fail). */
  readonly libreOffice: readonly string[];
}

/** Options of `verify`. */
export interface VerifyOptions {
  /** Leave empty lines out of both sides. */
  readonly ignoreEmptyLines?: boolean;
  /** Compare headers and footers too. */
  readonly headers?: boolean;
}

/**
 * Checks a DOCX redline (its bytes) against the two versions it was made from (bytes or documents
 * already read): Reject All must read as OLD, Accept All as NEW.
 */
export async function verify(redline: Uint8Array | DocumentBytes, old: DocumentInput, neu: DocumentInput, options: VerifyOptions = {}): Promise<Result<Verification>> {
  const textOptions = { ignoreEmptyLines: options.ignoreEmptyLines ?? false, headers: options.headers ?? false };
  const diagnostics = new Diagnostics();
  const tracked = asBytes(redline, 'redline');
  if (!tracked) throw new OptionError('redline', 'expected the bytes of a DOCX redline');
  const view = async (name: RevisionView): Promise<Document> => {
    const read = await loadDocument(tracked.bytes, tracked.name ?? 'redline', { view: name, ...(tracked.format && { format: tracked.format }) });
    diagnostics.addAll(read.diagnostics);
    return read.value;
  };
  const lines = (document: Document): string[] => documentLines(document, textOptions);
  const reject = compareLines(lines(await resolveDocument(old, 'old', diagnostics)), lines(await view('before')));
  const accept = compareLines(lines(await resolveDocument(neu, 'new', diagnostics)), lines(await view('after')));
  const libreOffice = libreOfficeDifferences(tracked.bytes, tracked.name ?? 'redline');
  return { value: { ok: reject.ok && accept.ok && libreOffice.length === 0, reject, accept, libreOffice }, diagnostics: diagnostics.list() };
}

function compareLines(expected: readonly string[], actual: readonly string[]): ViewCheck {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== actual[i]) {
      return { ok: false, expectedLines: expected.length, actualLines: actual.length, line: i + 1, expected: expected[i] ?? '<end of text>', actual: actual[i] ?? '<end of text>' };
    }
  }
  return { ok: true, expectedLines: expected.length, actualLines: actual.length };
}
