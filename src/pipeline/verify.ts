/**
 * Built-in verification of a DOCX redline: its Reject All view must read as the old version and
 * its Accept All view as the new one (text, tables and notes; see `documentLines`), and it must
 * hold nothing LibreOffice reads differently from Word (see `libreoffice-reading.ts`).
 */
import { libreOfficeDifferences } from '../importers/docx/libreoffice-reading.js';
import { documentLines } from '../model/plain-text.js';
import { loadDocument } from './load-document.js';

export interface ViewCheck {
  readonly ok: boolean;
  readonly expectedLines: number;
  readonly actualLines: number;
  /** 1-based line of the first difference. */
  readonly line?: number;
  readonly expected?: string;
  readonly actual?: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly reject: ViewCheck;
  readonly accept: ViewCheck;
  /** What LibreOffice would read differently from Word (either makes the check fail). */
  readonly libreOffice: readonly string[];
}

export interface VerifyInput {
  readonly bytes: Uint8Array;
  readonly name: string;
}

export interface VerifyOptions {
  readonly ignoreEmptyLines?: boolean;
  /** Compare headers and footers too. */
  readonly headers?: boolean;
}

export async function verifyRedline(redline: VerifyInput, old: VerifyInput, neu: VerifyInput, options: VerifyOptions = {}): Promise<VerifyResult> {
  const textOptions = { ignoreEmptyLines: options.ignoreEmptyLines ?? false, headers: options.headers ?? false };
  const lines = async (input: VerifyInput, view: 'before' | 'after'): Promise<string[]> => documentLines((await loadDocument(input.bytes, input.name, { view })).document, textOptions);
  const reject = compareLines(await lines(old, 'after'), await lines(redline, 'before'));
  const accept = compareLines(await lines(neu, 'after'), await lines(redline, 'after'));
  const libreOffice = libreOfficeDifferences(redline.bytes, redline.name);
  return { ok: reject.ok && accept.ok && libreOffice.length === 0, reject, accept, libreOffice };
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
