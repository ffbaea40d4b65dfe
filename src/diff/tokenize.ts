/**
 * Lossless tokenisation of paragraph content for the word diff.
 *
 * Tokens are words, runs of white space, single punctuation marks and atoms (a tab, an image, a
 * note reference…). A word keeps inner `.` `,` `'` `’` `/` and hyphens or dashes between letters or digits, so
 * `3.5`, `1,000`, `2012-13`, `G3.5` and `don't` stay whole; CJK ideographs are one token each.
 * Tokens span runs: a word whose letters are formatted differently is still one word, and the
 * exporter splits it back at run boundaries.
 */
import type { Inline, Marker, Paragraph } from '../model/document.js';
import type { ResolvedDiffOptions } from './options.js';
import { hashText } from './similarity.js';

export type TokenKind = 'word' | 'space' | 'punct' | 'atom' | 'mark';

export interface Token {
  /** What the comparison looks at (normalised by the options). */
  readonly key: string;
  readonly text: string;
  readonly kind: TokenKind;
  /** Offsets in the paragraph's token text (atoms count one character). */
  readonly start: number;
  readonly end: number;
}

export interface TokenizedParagraph {
  readonly paragraph: Paragraph;
  readonly tokens: readonly Token[];
  /** The content inlines (markers excluded) and where each starts in the token text. */
  readonly inlines: readonly Inline[];
  readonly inlineStarts: readonly number[];
  /** Markers by the offset they stand at. */
  readonly markers: ReadonlyMap<number, readonly Marker[]>;
}

/** Stands for an atom in the token text. */
export const ATOM_CHAR = '\uFFFC';

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Characters that join two word parts into one word (`3.5`, `1,000`, `don't`, `2012-13`, `a/b`):
 * `'` `’` `.` `,` `-` `/`, the Unicode hyphens and dashes and the minus sign.
 */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 44 || c === 45 || c === 47 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/**
 * The width (1, or 2 for a surrogate pair) of the letter, mark, digit or underscore at `i`, or 0
 * when there is none. ASCII is decided without a regex: the scanner runs once per character.
 */
function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
  // General Punctuation (spaces, dashes, quotes, bullets) holds no letter, mark or digit.
  if (c >= 0x2000 && c <= 0x206f) return 0;
  const codePoint = text.codePointAt(i) as number;
  const char = String.fromCodePoint(codePoint);
  if (!WORD_CHAR.test(char) || IDEOGRAPH.test(char)) return 0;
  return codePoint > 0xffff ? 2 : 1;
}

/**
 * Whether a UTF-16 code unit is white space as a regular expression's `\s` means it (the scanners
 * run once per character, and a regular expression per character is what made them slow).
 */
export function isWhiteSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A space for the tokenizer: tab, line feed, carriage return, space, or non-ASCII white space. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 10 || c === 13 || (c >= 128 && isWhiteSpaceCode(c));
}

/** Scans the text into (kind, start, end) tokens: ideograph, word, space, atom or other. */
function scanTokens(text: string, emit: (kind: TokenKind, start: number, end: number) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const start = i;
    let width = wordCharWidth(text, i);
    if (width > 0) {
      i += width;
      for (;;) {
        while (i < length && (width = wordCharWidth(text, i)) > 0) i += width;
        if (i + 1 < length && isJoiner(text.charCodeAt(i)) && wordCharWidth(text, i + 1) > 0) i++;
        else break;
      }
      emit('word', start, i);
    } else if (isSpaceAt(text, i)) {
      i++;
      while (i < length && isSpaceAt(text, i)) i++;
      emit('space', start, i);
    } else if (text.charCodeAt(i) === 0xfffc) {
      emit('atom', i, i + 1);
      i++;
    } else {
      // Ideographs are words of one character; anything else is one punctuation mark.
      i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
      emit(IDEOGRAPH.test(text.slice(start, i)) ? 'word' : 'punct', start, i);
    }
  }
}

const QUOTE_FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
};

/** The comparison key of a piece of text under the options. */
export function normaliseText(text: string, options: ResolvedDiffOptions): string {
  let key = text;
  if (options.ignoreQuotes) key = key.replace(/[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212\u00a0\u202f\u2007]/g, (c) => QUOTE_FOLDS[c] ?? c);
  if (options.ignoreCase) key = key.toLocaleLowerCase('en');
  if (options.ignoreWhitespace && /^\s+$/.test(key)) key = ' ';
  return key;
}

function kindOf(text: string): TokenKind {
  if (text === ATOM_CHAR) return 'atom';
  if (/^\s+$/u.test(text)) return 'space';
  if (/^[\p{L}\p{M}\p{N}_]/u.test(text)) return 'word';
  return 'punct';
}

/** A paragraph's text (atoms as one character each) with where each inline starts. */
export interface PreparedParagraph {
  readonly paragraph: Paragraph;
  readonly text: string;
  readonly inlines: readonly Inline[];
  readonly inlineStarts: readonly number[];
  readonly markers: ReadonlyMap<number, readonly Marker[]>;
  /** Atom keys by offset. */
  readonly atomKeys: ReadonlyMap<number, string>;
}

/** Shared by every paragraph without markers or atoms: most have neither. */
const NO_MARKERS: ReadonlyMap<number, readonly Marker[]> = new Map<number, readonly Marker[]>();
const NO_ATOMS: ReadonlyMap<number, string> = new Map<number, string>();

export function prepareParagraph(paragraph: Paragraph): PreparedParagraph {
  // Most paragraphs have no markers: their inlines are taken as they are, not copied.
  const inlines = paragraph.inlines.some((inline) => inline.type === 'marker') ? paragraph.inlines.filter((inline) => inline.type !== 'marker') : paragraph.inlines;
  let markers: Map<number, Marker[]> | undefined;
  let atomKeys: Map<number, string> | undefined;
  let text = '';
  for (const inline of paragraph.inlines) {
    if (inline.type === 'marker') {
      markers ??= new Map();
      const at = markers.get(text.length);
      if (at) at.push(inline);
      else markers.set(text.length, [inline]);
    } else if (inline.type === 'atom') {
      atomKeys ??= new Map();
      atomKeys.set(text.length, inline.key);
      text += ATOM_CHAR;
    } else {
      text += inline.text;
    }
  }
  let start = 0;
  const inlineStarts = inlines.map((inline) => {
    const at = start;
    start += inline.type === 'text' ? inline.text.length : 1;
    return at;
  });
  return { paragraph, text, inlines, inlineStarts, markers: markers ?? NO_MARKERS, atomKeys: atomKeys ?? NO_ATOMS };
}

/** Tokens of the prepared text between two offsets (which must fall between tokens). */
export function tokenizeRange(prepared: PreparedParagraph, from: number, to: number, options: ResolvedDiffOptions): TokenizedParagraph {
  const { text, atomKeys } = prepared;
  const tokens: Token[] = [];
  if (options.granularity === 'char') {
    let offset = from;
    for (const char of text.slice(from, to)) {
      tokens.push(makeToken(char, kindOf(char), offset, atomKeys, options));
      offset += char.length;
    }
  } else {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    scanTokens(part, (kind, start, end) => tokens.push(makeToken(part.slice(start, end), kind, start + from, atomKeys, options)));
  }
  return { paragraph: prepared.paragraph, tokens, inlines: prepared.inlines, inlineStarts: prepared.inlineStarts, markers: prepared.markers };
}

/**
 * The hashes of the paragraph's word and atom keys, for its word bag: hashed where they stand in
 * the text unless the options normalise keys (only then is each word cut out).
 */
export function wordKeyHashes(prepared: PreparedParagraph, options: ResolvedDiffOptions): Uint32Array {
  const { text, atomKeys } = prepared;
  const normalise = options.ignoreCase || options.ignoreQuotes;
  const hashes: number[] = [];
  scanTokens(text, (kind, start, end) => {
    if (kind === 'word') hashes.push(normalise ? hashText(normaliseText(text.slice(start, end), options)) : hashText(text, start, end));
    else if (kind === 'atom') hashes.push(hashText(atomKeys.get(start) ?? '', 0, undefined, ATOM_SEED));
  });
  return Uint32Array.from(hashes);
}

/** Atom keys hash apart from words that read the same. */
const ATOM_SEED = hashText('\u0000');

export function tokenizeParagraph(paragraph: Paragraph, options: ResolvedDiffOptions): TokenizedParagraph {
  const prepared = prepareParagraph(paragraph);
  return tokenizeRange(prepared, 0, prepared.text.length, options);
}

function makeToken(text: string, kind: TokenKind, start: number, atomKeys: ReadonlyMap<number, string>, options: ResolvedDiffOptions): Token {
  let key: string;
  if (kind === 'atom') key = `\u0000${atomKeys.get(start) ?? ''}`;
  // A no-break space is deliberate in legal text ("section 5", "£ 100"): only the typography
  // option folds it into a space.
  else if (kind === 'space') key = text === ' ' ? text : normaliseText(text, options);
  else key = options.ignoreCase || options.ignoreQuotes ? normaliseText(text, options) : text;
  return { key, text, kind, start, end: start + text.length };
}
