/**
 * Patience anchors: items whose key occurs exactly once in each of two ranges, kept in an order
 * both share (a longest increasing subsequence). They split a large alignment into small ones
 * whatever else the ranges hold, in O(n log n).
 */

/** The positions of a longest strictly increasing subsequence of the values, in order: O(n log n). */
export function longestIncreasing(values: ArrayLike<number>): Int32Array {
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const chain = new Int32Array(tails.length);
  let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  for (let n = chain.length - 1; n >= 0; n--) {
    chain[n] = k;
    k = previous[k] as number;
  }
  return chain;
}

/** Anchors found in two ranges: old and new positions, in order. */
export interface Anchors {
  readonly olds: Int32Array;
  readonly news: Int32Array;
}

/**
 * Unique anchors of `old[a0..a1)` and `neu[b0..b1)` (keys compared with `===`). Empty when no
 * key is unique in both. Counting costs the size of the ranges, never more.
 */
export function uniqueAnchors<K>(old: ArrayLike<K>, neu: ArrayLike<K>, a0: number, a1: number, b0: number, b1: number): Anchors {
  // Per key: its count in the old range, its count in the new one, and its (last) new position.
  const counts = new Map<K, [number, number, number]>();
  for (let i = a0; i < a1; i++) {
    const entry = counts.get(old[i] as K);
    if (entry) entry[0]++;
    else counts.set(old[i] as K, [1, 0, -1]);
  }
  for (let j = b0; j < b1; j++) {
    const entry = counts.get(neu[j] as K);
    if (entry) {
      entry[1]++;
      entry[2] = j;
    }
  }
  const olds: number[] = [];
  const news: number[] = [];
  for (let i = a0; i < a1; i++) {
    const entry = counts.get(old[i] as K) as [number, number, number];
    if (entry[0] === 1 && entry[1] === 1) {
      olds.push(i);
      news.push(entry[2]);
    }
  }
  const chain = longestIncreasing(news);
  return { olds: chain.map((k) => olds[k] as number), news: chain.map((k) => news[k] as number) };
}
