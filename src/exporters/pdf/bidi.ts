/**
 * Right-to-left text (Arabic, Hebrew) in visual order, by the Unicode bidirectional algorithm
 * (UAX #9, the `bidi-js` package): a line's characters are resolved to embedding levels with the
 * paragraph's direction, then cut into spans of one direction in the order they are drawn, left
 * to right. A right-to-left span is drawn reversed, its mirrored characters (brackets) swapped.
 * Lines with no right-to-left character in a left-to-right paragraph are left alone.
 */
import * as bidiModule from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

// Node reads the package as CommonJS, whose `module.exports` (the factory) is the namespace's
// `default`; a bundler reads its ES module build, whose default export is the factory. Both agree
// with its types on `default`.
const bidi = bidiModule.default();

/** Characters of right-to-left scripts, and the marks and embeddings that start right-to-left text. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|\ud802[\udc00-\udfff]|\ud803[\udc00-\ude7f]|\ud83a[\udc00-\udcdf]|\ud83b[\ude00-\udeff]/;

export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/** The direction of a paragraph that does not say: that of its first strong character (rules P2-P3). */
export function autoDirection(text: string): Direction {
  if (!hasRightToLeft(text)) return 'ltr';
  return (bidi.getEmbeddingLevels(text, 'auto').paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

/** A stretch of a line's text (UTF-16 offsets, end exclusive) drawn in one direction. */
export interface VisualSpan {
  readonly start: number;
  readonly end: number;
  readonly rtl: boolean;
}

/** The line's text as spans in drawing order (left to right). */
export function visualSpans(text: string, direction: Direction): VisualSpan[] {
  if (text === '') return [];
  if (direction === 'ltr' && !hasRightToLeft(text)) return [{ start: 0, end: text.length, rtl: false }];
  const levels = bidi.getEmbeddingLevels(text, direction);
  const order = bidi.getReorderedIndices(text, levels);
  const spans: VisualSpan[] = [];
  let first = order[0] as number;
  let last = first;
  const level = (index: number): number => levels.levels[index] ?? 0;
  for (let i = 1; i <= order.length; i++) {
    const index = order[i];
    const rtl = level(first) % 2 === 1;
    if (index !== undefined && level(index) === level(first) && index === last + (rtl ? -1 : 1)) {
      last = index;
      continue;
    }
    spans.push({ start: Math.min(first, last), end: Math.max(first, last) + 1, rtl });
    if (index === undefined) break;
    first = last = index;
  }
  return spans;
}

/** Brackets and other mirrored characters as they are drawn in right-to-left text (rule L4). */
export function mirrored(text: string): string {
  let out = '';
  for (const char of text) out += bidi.getMirroredCharacter(char) ?? char;
  return out;
}
