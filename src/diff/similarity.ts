/**
 * How alike two pieces of text are, for pairing paragraphs and rows: the Dice coefficient of
 * their multisets of words (spaces and punctuation left out), in [0, 1].
 *
 * A bag is its words' 32-bit hashes, sorted: building one allocates a single typed array (no
 * strings, no map), and two bags are compared by one merge pass. Two different words sharing a
 * hash would count as one shared word; at tens of thousands of distinct words a comparison meets
 * such a pair about once in a million, and a similarity only decides pairing, never content.
 */

export interface WordBag {
  /** The words' hashes in ascending order, a word repeated as often as it occurs. */
  readonly hashes: Uint32Array;
}

export const EMPTY_BAG: WordBag = { hashes: new Uint32Array(0) };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string's UTF-16 code units. */
export function hashText(text: string, start = 0, end = text.length, seed = FNV_OFFSET): number {
  let hash = seed;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/** A bag of the hashes collected (the array is sorted in place and kept). */
export function bagOfHashes(hashes: Uint32Array): WordBag {
  return { hashes: hashes.sort() };
}

export function bagSize(bag: WordBag): number {
  return bag.hashes.length;
}

export function mergeBags(bags: readonly WordBag[]): WordBag {
  if (bags.length === 1) return bags[0] as WordBag;
  let length = 0;
  for (const bag of bags) length += bag.hashes.length;
  const hashes = new Uint32Array(length);
  let offset = 0;
  for (const bag of bags) {
    hashes.set(bag.hashes, offset);
    offset += bag.hashes.length;
  }
  return bagOfHashes(hashes);
}

/** Words in common, counted with multiplicity. */
export function sharedWords(a: WordBag, b: WordBag): number {
  const x = a.hashes;
  const y = b.hashes;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    const u = x[i] as number;
    const v = y[j] as number;
    if (u === v) {
      shared++;
      i++;
      j++;
    } else if (u < v) {
      i++;
    } else {
      j++;
    }
  }
  return shared;
}

export function dice(a: WordBag, b: WordBag): number {
  const total = a.hashes.length + b.hashes.length;
  if (total === 0) return 1;
  if (a.hashes.length === 0 || b.hashes.length === 0) return 0;
  return (2 * sharedWords(a, b)) / total;
}
