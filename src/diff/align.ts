/**
 * Aligns two sequences of items (blocks of a story, rows of a table): which old item is the same
 * as which new one, which changed a little (paired), which were deleted or inserted.
 *
 * 1. Exact matches by signature, found patience-style: items unique in both ranges anchor the
 *    alignment (longest increasing subsequence), and the ranges between anchors are aligned
 *    recursively, so boilerplate repeated hundreds of times cannot derail it. Where no unique
 *    item is left, Myers' diff of the signatures (bounded) takes over.
 * 2. Between exact matches, items are paired by similarity with a dynamic programme that keeps
 *    the order (a changed paragraph is paired with its old self, not deleted and re-inserted).
 *    Large unmatched regions are paired greedily within a window, so the cost stays linear.
 */

import { pushAll } from '../util/arrays.js';
import { longestIncreasing } from './patience.js';
import { diffSequences } from './sequence-diff.js';

export type AlignOp =
  | { readonly type: 'equal'; readonly old: number; readonly new: number }
  | { readonly type: 'pair'; readonly old: number; readonly new: number }
  | { readonly type: 'delete'; readonly old: number }
  | { readonly type: 'insert'; readonly new: number };

export interface AlignOptions<T> extends PairingOptions<T> {
  /** Exact-match key. */
  readonly signature: (item: T) => string;
}

/** An internal bound the alignment met, past which its result is coarser (see `visitAlignment`). */
export type AlignLimit = 'edit-length' | 'dp-cells';

/** How items between exact matches are paired. */
export interface PairingOptions<T> {
  /**
   * Told when a bound is met: Myers gave up on a long stretch without unique anchors (it becomes
   * one gap), or a gap was too large for the pairing DP and was paired greedily in a window.
   */
  readonly onLimit?: (limit: AlignLimit) => void;
  /** 0..1: how alike two items are; items at or above `threshold` may be paired. */
  readonly similarity: (a: T, b: T) => number;
  readonly threshold: number;
  /**
   * Whether a lone old item and a lone new item between two exact matches may be paired whatever
   * their similarity (a paragraph rewritten in place, a row whose cells were emptied). Told
   * whether `a`'s signature occurs among the new items and `b`'s among the old (a sign of a move).
   */
  readonly canPairAlone?: (a: T, b: T, aInNew: boolean, bInOld: boolean) => boolean;
  /**
   * A cheap test that two items are certainly alike (most of their text the same, in place):
   * a gap of n old and n new items that pass it one for one is paired in order without
   * computing any similarity.
   */
  readonly clearlyAlike?: (a: T, b: T) => boolean;
}

/** Regions larger than this (old × new items) are paired greedily instead of by the full DP. */
const DP_CELL_LIMIT = 40_000;
/** How far ahead the greedy pairing looks for a partner. */
const GREEDY_WINDOW = 12;

/** Two sequences' signatures interned as small integers: equal signatures, equal ids. */
export interface InternedSequences {
  readonly oldIds: Int32Array;
  readonly newIds: Int32Array;
  /** The id of every signature met. */
  readonly ids: ReadonlyMap<string, number>;
}

export function internSignatures<T>(olds: readonly T[], news: readonly T[], signature: (item: T) => string): InternedSequences {
  const ids = new Map<string, number>();
  // A plain loop: `Int32Array.from` with a mapping function takes V8's slow generic path.
  const intern = (items: readonly T[]): Int32Array => {
    const out = new Int32Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const key = signature(items[i] as T);
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      out[i] = id;
    }
    return out;
  };
  return { oldIds: intern(olds), newIds: intern(news), ids };
}

/** Aligns two sequences; `interned` may be given when the caller has interned their signatures already. */
export function alignSequences<T>(olds: readonly T[], news: readonly T[], options: AlignOptions<T>, interned = internSignatures(olds, news, options.signature)): AlignOp[] {
  const ops: AlignOp[] = [];
  visitAlignment(olds, news, options, interned, (op) => ops.push(op));
  return ops;
}

/**
 * Aligns two sequences, handing each operation to `visit` in order as it is found: a long story's
 * operations are consumed at once instead of being kept (and copied by the garbage collector).
 */
export function visitAlignment<T>(olds: readonly T[], news: readonly T[], options: PairingOptions<T>, interned: InternedSequences, visit: (op: AlignOp) => void): void {
  const { oldIds, newIds, ids } = interned;
  const canPairAlone = options.canPairAlone;
  let canPair: PairTest | undefined;
  if (canPairAlone) {
    let inNew: Uint8Array | undefined;
    let inOld: Uint8Array | undefined;
    canPair = (i, j) => {
      inNew ??= presence(newIds, ids.size);
      inOld ??= presence(oldIds, ids.size);
      return canPairAlone(olds[i] as T, news[j] as T, inNew[oldIds[i] as number] === 1, inOld[newIds[j] as number] === 1);
    };
  }
  const aligner = new Aligner(oldIds, newIds, ids.size, (a0, a1, b0, b1) => pairBySimilarity(olds, news, a0, a1, b0, b1, options, canPair), visit, options.onLimit);
  aligner.alignRange(0, olds.length, 0, news.length);
}

type GapHandler = (a0: number, a1: number, b0: number, b1: number) => AlignOp[];
/** Whether old item `i` and new item `j`, alone in a gap, may be paired. */
type PairTest = (i: number, j: number) => boolean;

/** A range still to align, or an operation to emit, in order. */
interface RangeTask {
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
  readonly depth: number;
}
type AlignTask = RangeTask | { readonly op: AlignOp };

/** Nested anchor splits past this go to Myers (each level of splits costs O(n)). */
const MAX_ANCHOR_DEPTH = 32;

/** Unique matches chosen as anchors: old and new indexes, in order. */
interface Anchors {
  readonly olds: Int32Array;
  readonly news: Int32Array;
}

/** Which interned signatures occur in a sequence. */
function presence(ids: Int32Array, distinct: number): Uint8Array {
  const present = new Uint8Array(distinct);
  for (const id of ids) present[id] = 1;
  return present;
}

/** The exact-match part of the alignment, over signatures interned as small integers. */
class Aligner {
  private readonly emit: (op: AlignOp) => void;
  private readonly oldIds: Int32Array;
  private readonly newIds: Int32Array;
  private readonly pairGap: GapHandler;
  private readonly onLimit: ((limit: AlignLimit) => void) | undefined;
  // Per-signature scratch space for counting, reset lazily by generation.
  private readonly generation: Int32Array;
  private readonly oldCount: Int32Array;
  private readonly newCount: Int32Array;
  private readonly newIndex: Int32Array;
  private currentGeneration = 0;

  constructor(oldIds: Int32Array, newIds: Int32Array, distinct: number, pairGap: GapHandler, emit: (op: AlignOp) => void, onLimit?: (limit: AlignLimit) => void) {
    this.onLimit = onLimit;
    this.emit = emit;
    this.oldIds = oldIds;
    this.newIds = newIds;
    this.pairGap = pairGap;
    this.generation = new Int32Array(distinct);
    this.oldCount = new Int32Array(distinct);
    this.newCount = new Int32Array(distinct);
    this.newIndex = new Int32Array(distinct);
  }

  /**
   * Aligns a range: shared ends, then unique anchors with the ranges between them aligned in
   * turn, then Myers where no item is unique. The ranges wait on an explicit stack, not on the
   * call stack, so no sequence can overflow it; past {@link MAX_ANCHOR_DEPTH} nested splits a
   * range goes to Myers directly, so the anchor passes cost O(n) each level, a bounded number of
   * levels.
   */
  alignRange(a0: number, a1: number, b0: number, b1: number): void {
    const stack: AlignTask[] = [{ a0, a1, b0, b1, depth: 0 }];
    for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
      if ('op' in task) this.emit(task.op);
      else this.alignOne(task, stack);
    }
  }

  private alignOne(range: RangeTask, stack: AlignTask[]): void {
    let { a0, a1, b0, b1 } = range;
    const { oldIds, newIds, emit } = this;
    // Common prefix and suffix.
    while (a0 < a1 && b0 < b1 && oldIds[a0] === newIds[b0]) emit({ type: 'equal', old: a0++, new: b0++ });
    // The shared tail is emitted after everything between: pushed first, it comes off last.
    while (a0 < a1 && b0 < b1 && oldIds[a1 - 1] === newIds[b1 - 1]) stack.push({ op: { type: 'equal', old: --a1, new: --b1 } });

    if (a0 < a1 && b0 < b1) {
      const anchors = range.depth < MAX_ANCHOR_DEPTH ? this.uniqueAnchors(a0, a1, b0, b1) : { olds: new Int32Array(0), news: new Int32Array(0) };
      if (anchors === undefined) {
        // Nothing in common: the whole range is one gap (the commonest case, a changed item).
        this.pairGap(a0, a1, b0, b1).forEach(emit);
      } else if (anchors.olds.length > 0) {
        const pieces: AlignTask[] = [];
        let oldPos = a0;
        let newPos = b0;
        for (let k = 0; k < anchors.olds.length; k++) {
          const oldIndex = anchors.olds[k] as number;
          const newIndex = anchors.news[k] as number;
          pieces.push({ a0: oldPos, a1: oldIndex, b0: newPos, b1: newIndex, depth: range.depth + 1 }, { op: { type: 'equal', old: oldIndex, new: newIndex } });
          oldPos = oldIndex + 1;
          newPos = newIndex + 1;
        }
        pieces.push({ a0: oldPos, a1, b0: newPos, b1, depth: range.depth + 1 });
        for (let k = pieces.length - 1; k >= 0; k--) stack.push(pieces[k] as AlignTask);
      } else {
        this.alignByMyers(a0, a1, b0, b1);
      }
    } else {
      this.pairGap(a0, a1, b0, b1).forEach(emit);
    }
  }

  /**
   * Items whose signature occurs once in each range, kept in an order-preserving chain (LIS);
   * undefined when no signature occurs in both ranges at all.
   */
  private uniqueAnchors(a0: number, a1: number, b0: number, b1: number): Anchors | undefined {
    const generation = ++this.currentGeneration;
    const touch = (id: number): void => {
      if (this.generation[id] !== generation) {
        this.generation[id] = generation;
        this.oldCount[id] = 0;
        this.newCount[id] = 0;
      }
    };
    for (let i = a0; i < a1; i++) {
      const id = this.oldIds[i] as number;
      touch(id);
      this.oldCount[id] = (this.oldCount[id] as number) + 1;
    }
    for (let j = b0; j < b1; j++) {
      const id = this.newIds[j] as number;
      touch(id);
      this.newCount[id] = (this.newCount[id] as number) + 1;
      this.newIndex[id] = j;
    }
    const olds: number[] = [];
    const news: number[] = [];
    let shared = false;
    for (let i = a0; i < a1; i++) {
      const id = this.oldIds[i] as number;
      if (this.newCount[id] === 0) continue;
      shared = true;
      if (this.oldCount[id] === 1 && this.newCount[id] === 1) {
        olds.push(i);
        news.push(this.newIndex[id] as number);
      }
    }
    if (!shared) return undefined;
    const chain = longestIncreasing(news);
    return { olds: chain.map((k) => olds[k] as number), news: chain.map((k) => news[k] as number) };
  }

  private alignByMyers(a0: number, a1: number, b0: number, b1: number): void {
    const segments = diffSequences(Array.from(this.oldIds.subarray(a0, a1)), Array.from(this.newIds.subarray(b0, b1)), { onLimit: () => this.onLimit?.('edit-length') });
    for (const segment of segments) {
      if (segment.equal) {
        for (let k = 0; k < segment.oldTo - segment.oldFrom; k++) this.emit({ type: 'equal', old: a0 + segment.oldFrom + k, new: b0 + segment.newFrom + k });
      } else {
        this.pairGap(a0 + segment.oldFrom, a0 + segment.oldTo, b0 + segment.newFrom, b0 + segment.newTo).forEach(this.emit);
      }
    }
  }
}

/** Pairs the items of an unmatched region by similarity, keeping order; the rest are deleted/inserted. */
function pairBySimilarity<T>(olds: readonly T[], news: readonly T[], a0: number, a1: number, b0: number, b1: number, options: PairingOptions<T>, canPair: PairTest | undefined): AlignOp[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return emitUnpaired(a0, a1, b0, b1);
  // The commonest gap of all, one changed item: no similarity needed.
  if (n === 1 && m === 1 && canPair?.(a0, b0)) return [{ type: 'pair', old: a0, new: b0 }];
  if (n === m && options.clearlyAlike && pairsInOrder(olds, news, a0, b0, n, options.clearlyAlike)) {
    return Array.from({ length: n }, (_, k): AlignOp => ({ type: 'pair', old: a0 + k, new: b0 + k }));
  }
  const withinDp = n * m <= DP_CELL_LIMIT;
  if (!withinDp) options.onLimit?.('dp-cells');
  const found = withinDp ? pairByDp(olds, news, a0, b0, n, m, options) : pairGreedily(olds, news, a0, a1, b0, b1, options);
  const pairs = canPair ? pairLoneGaps(found, a0, a1, b0, b1, canPair) : found;
  const ops: AlignOp[] = [];
  let oldPos = a0;
  let newPos = b0;
  for (const [i, j] of pairs) {
    pushAll(ops, emitUnpaired(oldPos, i, newPos, j));
    ops.push({ type: 'pair', old: i, new: j });
    oldPos = i + 1;
    newPos = j + 1;
  }
  pushAll(ops, emitUnpaired(oldPos, a1, newPos, b1));
  return ops;
}

function pairsInOrder<T>(olds: readonly T[], news: readonly T[], a0: number, b0: number, n: number, alike: (a: T, b: T) => boolean): boolean {
  for (let k = 0; k < n; k++) if (!alike(olds[a0 + k] as T, news[b0 + k] as T)) return false;
  return true;
}

/** Between pairs, a single old and a single new item left over are taken as one changed item. */
function pairLoneGaps(pairs: readonly [number, number][], a0: number, a1: number, b0: number, b1: number, canPair: PairTest): [number, number][] {
  const out: [number, number][] = [];
  let oldPos = a0;
  let newPos = b0;
  for (const pair of [...pairs, [a1, b1] as [number, number]]) {
    if (pair[0] - oldPos === 1 && pair[1] - newPos === 1 && canPair(oldPos, newPos)) out.push([oldPos, newPos]);
    if (pair[0] < a1 || pair[1] < b1) out.push(pair);
    oldPos = pair[0] + 1;
    newPos = pair[1] + 1;
  }
  return out;
}

/** Deletions before insertions, as a reader expects within one region. */
function emitUnpaired(a0: number, a1: number, b0: number, b1: number): AlignOp[] {
  const ops: AlignOp[] = [];
  for (let i = a0; i < a1; i++) ops.push({ type: 'delete', old: i });
  for (let j = b0; j < b1; j++) ops.push({ type: 'insert', new: j });
  return ops;
}

function pairByDp<T>(olds: readonly T[], news: readonly T[], a0: number, b0: number, n: number, m: number, options: PairingOptions<T>): [number, number][] {
  const width = m + 1;
  const score = new Float64Array((n + 1) * width);
  const sims = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const sim = options.similarity(olds[a0 + i] as T, news[b0 + j] as T);
      sims[i * m + j] = sim >= options.threshold ? sim : 0;
    }
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sim = sims[(i - 1) * m + (j - 1)] as number;
      const diagonal = sim > 0 ? (score[(i - 1) * width + (j - 1)] as number) + sim : -1;
      score[i * width + j] = Math.max(score[(i - 1) * width + j] as number, score[i * width + (j - 1)] as number, diagonal);
    }
  }
  const pairs: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = score[i * width + j] as number;
    const sim = sims[(i - 1) * m + (j - 1)] as number;
    if (sim > 0 && here === (score[(i - 1) * width + (j - 1)] as number) + sim) {
      pairs.push([a0 + i - 1, b0 + j - 1]);
      i--;
      j--;
    } else if (here === (score[(i - 1) * width + j] as number)) {
      i--;
    } else {
      j--;
    }
  }
  return pairs.reverse();
}

function pairGreedily<T>(olds: readonly T[], news: readonly T[], a0: number, a1: number, b0: number, b1: number, options: PairingOptions<T>): [number, number][] {
  const pairs: [number, number][] = [];
  let j0 = b0;
  for (let i = a0; i < a1 && j0 < b1; i++) {
    let best = -1;
    let bestSim = options.threshold;
    for (let j = j0; j < Math.min(b1, j0 + GREEDY_WINDOW); j++) {
      const sim = options.similarity(olds[i] as T, news[j] as T);
      if (sim >= bestSim) {
        bestSim = sim;
        best = j;
        if (sim === 1) break;
      }
    }
    if (best >= 0) {
      pairs.push([i, best]);
      j0 = best + 1;
    }
  }
  return pairs;
}
