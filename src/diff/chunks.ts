/**
 * Content-defined chunks of a long text, for aligning a paragraph too long to compare word by
 * word at once (a text file of one 50 MB line, a million lines in one paragraph). A chunk ends
 * after a word whose hash has its low bits zero, once the chunk is long enough, so where chunks
 * end depends only on the words around: an edit changes the chunks it touches, and the chunks
 * after it fall back into step with the other version's. A word that never ends is cut at a
 * fixed length.
 */
import { isWhiteSpaceCode } from './tokenize.js';

/** No chunk is shorter than this, unless the text is (the end of the range). */
const MIN_CHUNK = 64;
/** A chunk is cut here even inside a word. */
const MAX_CHUNK = 4096;
/** On average one word in this many ends a chunk (a power of two). */
const WORDS_PER_CHUNK = 16;

/** Chunk boundaries of `text[from..to)`: `from`, then each chunk's end, the last being `to`. */
export function chunkBoundaries(text: string, from: number, to: number): number[] {
  const bounds = [from];
  let start = from;
  let hash = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpaceCode(c) || c === 0xfffc) {
      // The word before this space decides whether the chunk ends here.
      if (i + 1 - start >= MIN_CHUNK && (hash & (WORDS_PER_CHUNK - 1)) === 0 && hash !== 0) {
        bounds.push(i + 1);
        start = i + 1;
      }
      hash = 0;
    } else {
      hash = (Math.imul(hash, 31) + c) | 0 || 1;
    }
    if (i + 1 - start >= MAX_CHUNK && i + 1 < to) {
      bounds.push(i + 1);
      start = i + 1;
      hash = 0;
    }
  }
  if (bounds[bounds.length - 1] !== to) bounds.push(to);
  return bounds;
}
