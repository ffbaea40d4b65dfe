/**
 * How alike two pieces of text are, for pairing paragraphs and rows: the Dice coefficient of
 * their multisets of words (spaces and punctuation left out), in [0, 1].
 */
import type { Token } from './tokenize.js';

export interface WordBag {
  readonly counts: ReadonlyMap<string, number>;
  readonly total: number;
}

export function wordBag(tokens: Iterable<Token>): WordBag {
  const counts = new Map<string, number>();
  let total = 0;
  for (const token of tokens) {
    if (token.kind !== 'word' && token.kind !== 'atom') continue;
    counts.set(token.key, (counts.get(token.key) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** A word bag built from keys one at a time. */
export function bagOfKeys(each: (visit: (key: string) => void) => void): WordBag {
  const counts = new Map<string, number>();
  let total = 0;
  each((key) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  });
  return { counts, total };
}

export function mergeBags(bags: Iterable<WordBag>): WordBag {
  const counts = new Map<string, number>();
  let total = 0;
  for (const bag of bags) {
    for (const [key, count] of bag.counts) counts.set(key, (counts.get(key) ?? 0) + count);
    total += bag.total;
  }
  return { counts, total };
}

/** Words in common, counted with multiplicity. */
export function sharedWords(a: WordBag, b: WordBag): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [key, count] of small.counts) {
    const other = large.counts.get(key);
    if (other !== undefined) shared += Math.min(count, other);
  }
  return shared;
}

export function dice(a: WordBag, b: WordBag): number {
  if (a.total === 0 && b.total === 0) return 1;
  if (a.total === 0 || b.total === 0) return 0;
  return (2 * sharedWords(a, b)) / (a.total + b.total);
}
