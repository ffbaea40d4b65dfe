/**
 * The text of a plain-text or Markdown file from its bytes: UTF-8 (with or without a byte-order
 * mark) or UTF-16 (with a byte-order mark, or without one, recognised by its zero bytes: text in
 * a Latin script saved as UTF-16 has a zero in every other byte). Anything else, and text that
 * holds NUL characters, is refused: it is binary, or in an encoding that cannot be told apart.
 * Other control characters that a Word document cannot hold (XML 1.0 has no place for them) are
 * left out, and counted so that the caller can say so.
 */
import { InputError } from '../../diagnostics/errors.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding of text bytes, or undefined when they do not look like text at all. */
export function detectTextEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  // Zeros on one side only, and on a good share of the characters: UTF-16 without a mark.
  if (pairs > 0 && evenZeros === 0 && oddZeros >= pairs / 4) return 'utf-16le';
  if (pairs > 0 && oddZeros === 0 && evenZeros >= pairs / 4) return 'utf-16be';
  if (evenZeros + oddZeros > 0) return undefined;
  return 'utf-8';
}

export function decodeText(bytes: Uint8Array, fileName: string): string {
  const encoding = detectTextEncoding(bytes);
  if (encoding === undefined) throw new InputError(fileName, 'not text (it holds NUL bytes, and is neither UTF-8 nor UTF-16)');
  let text: string;
  try {
    // `fatal`: a byte sequence that is not valid in the encoding is refused, never guessed at.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(fileName, encoding === 'utf-8' ? 'not UTF-8 text (nor UTF-16)' : `not valid ${encoding.toUpperCase()} text`, { cause: error });
  }
  if (text.includes('\u0000')) throw new InputError(fileName, 'not text (it holds NUL characters)');
  return text;
}

/** What {@link withoutUnwritableCharacters} left out. */
export interface DroppedCharacters {
  readonly count: number;
  /** The first one, as `U+001B`, and the line it was on (from 1). */
  readonly first: string;
  readonly line: number;
}

/** Control characters other than tab and line ends, and U+FFFE/U+FFFF: no XML 1.0 document can hold them. */
const UNWRITABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The text without the characters a Word document cannot hold, and what was left out. */
export function withoutUnwritableCharacters(text: string): { readonly text: string; readonly dropped?: DroppedCharacters } {
  const first = text.search(UNWRITABLE);
  if (first < 0) return { text };
  let count = 0;
  const kept = text.replace(UNWRITABLE, () => {
    count++;
    return '';
  });
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < first; at = text.indexOf('\n', at + 1)) line++;
  const code = `U+${text.charCodeAt(first).toString(16).toUpperCase().padStart(4, '0')}`;
  return { text: kept, dropped: { count, first: code, line } };
}
