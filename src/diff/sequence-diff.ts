/**
 * The edit script between two sequences of keys, in a form the rest of the diff core shares:
 * alternating equal and changed ranges. Myers' algorithm (jsdiff's `diffArrays`) does the work
 * after the common prefix and suffix are trimmed. Its cost is (N+M)·D for an edit of length D,
 * so each diff has a budget of work: an edit too large to align key by key within it is split
 * at patience anchors (keys unique on both sides) and the pieces aligned in turn; what is still
 * too large is given as one change, and `onLimit` is told. No input makes it quadratic.
 */
import { diffArrays } from 'diff';
import { uniqueAnchors } from './patience.js';

/** A range of the old sequence matched to a range of the new one. */
export interface Segment {
  readonly equal: boolean;
  readonly oldFrom: number;
  readonly oldTo: number;
  readonly newFrom: number;
  readonly newTo: number;
}

export interface SequenceDiffOptions {
  /** Largest edit distance Myers may explore before the middle is taken as one change. */
  readonly maxEditLength?: number;
  /** Told of each range given as one change because aligning it key by key cost too much. */
  readonly onLimit?: () => void;
}

/**
 * Myers steps ((N+M)·D) one diff may take, about a second: far more than any paragraph of a real
 * document needs (a 5,000-word paragraph rewritten throughout takes a few million).
 */
export const DIFF_WORK_BUDGET = 60_000_000;
/** Patience splits nested deeper than this give way to coarse changes (each level is O(n log n)). */
const MAX_SPLIT_DEPTH = 12;

/** Diffs two key sequences into segments: equal ones and changed ones, never two changes in a row. */
export function diffSequences<K extends string | number>(oldKeys: readonly K[], newKeys: readonly K[], options: SequenceDiffOptions = {}): Segment[] {
  let prefix = 0;
  const minLength = Math.min(oldKeys.length, newKeys.length);
  while (prefix < minLength && oldKeys[prefix] === newKeys[prefix]) prefix++;
  let suffix = 0;
  while (suffix < minLength - prefix && oldKeys[oldKeys.length - 1 - suffix] === newKeys[newKeys.length - 1 - suffix]) suffix++;

  const builder = new SegmentBuilder();
  builder.equal(prefix);
  const middle = internKeys(oldKeys, prefix, oldKeys.length - suffix, newKeys, prefix, newKeys.length - suffix);
  if (middle.old.length > 0 || middle.new.length > 0) {
    // Without a key in common (one word replaced by another, most often) there is nothing to align.
    if (!middle.shared) {
      builder.delete(middle.old.length);
      builder.insert(middle.new.length);
    } else {
      new BudgetedDiff(middle.old, middle.new, builder, options).run();
    }
  }
  builder.equal(suffix);
  return builder.segments;
}

/** A range still to align, or a stretch of equal keys to emit, in order. */
type Task = { readonly kind: 'range'; readonly a0: number; readonly a1: number; readonly b0: number; readonly b1: number; readonly depth: number } | { readonly kind: 'equal'; readonly count: number };

/** Myers within a budget of work, patience splits past it, coarse changes past those; no recursion. */
class BudgetedDiff {
  private budget = DIFF_WORK_BUDGET;

  constructor(
    private readonly old: readonly number[],
    private readonly neu: readonly number[],
    private readonly builder: SegmentBuilder,
    private readonly options: SequenceDiffOptions,
  ) {}

  run(): void {
    const stack: Task[] = [{ kind: 'range', a0: 0, a1: this.old.length, b0: 0, b1: this.neu.length, depth: 0 }];
    for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
      if (task.kind === 'equal') this.builder.equal(task.count);
      else this.align(task, stack);
    }
  }

  private align(range: Extract<Task, { kind: 'range' }>, stack: Task[]): void {
    let { a0, a1, b0, b1 } = range;
    const { old, neu, builder } = this;
    // Shared ends, as at the top level: the pieces between anchors often start or end alike.
    let head = 0;
    while (a0 < a1 && b0 < b1 && old[a0] === neu[b0]) {
      a0++;
      b0++;
      head++;
    }
    let tail = 0;
    while (a0 < a1 && b0 < b1 && old[a1 - 1] === neu[b1 - 1]) {
      a1--;
      b1--;
      tail++;
    }
    builder.equal(head);
    if (tail > 0) stack.push({ kind: 'equal', count: tail });
    const n = a1 - a0;
    const m = b1 - b0;
    if (n === 0 || m === 0) {
      builder.delete(n);
      builder.insert(m);
      return;
    }
    // Pieces with no key in common (one chunk or word replaced by another) are replacements
    // however they are aligned: no work, and no limit reached.
    if (!sharesKey(old, a0, a1, neu, b0, b1)) {
      builder.delete(n);
      builder.insert(m);
      return;
    }
    const wanted = this.options.maxEditLength ?? Math.max(1000, (n + m) >> 1);
    // One attempt may spend half of what is left, so that the pieces of a split still get some.
    const affordable = Math.floor(this.budget / 2 / (n + m));
    const maxEditLength = Math.min(wanted, affordable);
    if (maxEditLength >= 1) {
      const changes = diffArrays(old.slice(a0, a1), neu.slice(b0, b1), { maxEditLength });
      let edits = 0;
      if (changes) {
        for (const change of changes) {
          if (change.added) {
            builder.insert(change.count);
            edits += change.count;
          } else if (change.removed) {
            builder.delete(change.count);
            edits += change.count;
          } else {
            builder.equal(change.count);
          }
        }
        this.budget -= (n + m) * Math.max(1, edits);
        return;
      }
      this.budget -= (n + m) * maxEditLength;
    }
    // Too large an edit for the work left: split at anchors and align the pieces, or give up.
    const anchors = range.depth < MAX_SPLIT_DEPTH ? uniqueAnchors(old, neu, a0, a1, b0, b1) : undefined;
    if (anchors === undefined || anchors.olds.length === 0) {
      builder.delete(n);
      builder.insert(m);
      this.options.onLimit?.();
      return;
    }
    // Pushed last piece first: the stack hands them back in order.
    const pieces: Task[] = [];
    let oldPos = a0;
    let newPos = b0;
    for (let k = 0; k < anchors.olds.length; k++) {
      const oldAnchor = anchors.olds[k] as number;
      const newAnchor = anchors.news[k] as number;
      pieces.push({ kind: 'range', a0: oldPos, a1: oldAnchor, b0: newPos, b1: newAnchor, depth: range.depth + 1 }, { kind: 'equal', count: 1 });
      oldPos = oldAnchor + 1;
      newPos = newAnchor + 1;
    }
    pieces.push({ kind: 'range', a0: oldPos, a1, b0: newPos, b1, depth: range.depth + 1 });
    for (let k = pieces.length - 1; k >= 0; k--) stack.push(pieces[k] as Task);
  }
}

/** Whether `old[a0..a1)` and `neu[b0..b1)` have a key in common (a set of the shorter one, looked up). */
function sharesKey(old: readonly number[], a0: number, a1: number, neu: readonly number[], b0: number, b1: number): boolean {
  const [short, s0, s1, long, l0, l1] = a1 - a0 <= b1 - b0 ? [old, a0, a1, neu, b0, b1] : [neu, b0, b1, old, a0, a1];
  const keys = new Set<number>();
  for (let i = s0; i < s1; i++) keys.add(short[i] as number);
  for (let i = l0; i < l1; i++) if (keys.has(long[i] as number)) return true;
  return false;
}

/** Maps the keys of both middles to small integers so Myers compares numbers; `shared`: some key is in both. */
function internKeys<K extends string | number>(
  oldKeys: readonly K[],
  oldFrom: number,
  oldTo: number,
  newKeys: readonly K[],
  newFrom: number,
  newTo: number,
): { old: number[]; new: number[]; shared: boolean } {
  const ids = new Map<K, number>();
  const intern = (key: K): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const oldIds: number[] = [];
  for (let i = oldFrom; i < oldTo; i++) oldIds.push(intern(oldKeys[i] as K));
  const oldDistinct = ids.size;
  const newIds: number[] = [];
  let shared = false;
  for (let i = newFrom; i < newTo; i++) {
    const id = intern(newKeys[i] as K);
    if (id < oldDistinct) shared = true;
    newIds.push(id);
  }
  return { old: oldIds, new: newIds, shared };
}

/** Accumulates equal/delete/insert counts into alternating segments. */
export class SegmentBuilder {
  readonly segments: Segment[] = [];
  private oldPos = 0;
  private newPos = 0;

  constructor(oldStart = 0, newStart = 0) {
    this.oldPos = oldStart;
    this.newPos = newStart;
  }

  equal(count: number): void {
    if (count <= 0) return;
    this.push(true, count, count);
  }

  delete(count: number): void {
    if (count > 0) this.push(false, count, 0);
  }

  insert(count: number): void {
    if (count > 0) this.push(false, 0, count);
  }

  /** A change of `oldCount` old items for `newCount` new ones. */
  change(oldCount: number, newCount: number): void {
    if (oldCount > 0 || newCount > 0) this.push(false, oldCount, newCount);
  }

  private push(equal: boolean, oldCount: number, newCount: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last && last.equal === equal) {
      this.segments[this.segments.length - 1] = { ...last, oldTo: last.oldTo + oldCount, newTo: last.newTo + newCount };
    } else {
      this.segments.push({ equal, oldFrom: this.oldPos, oldTo: this.oldPos + oldCount, newFrom: this.newPos, newTo: this.newPos + newCount });
    }
    this.oldPos += oldCount;
    this.newPos += newCount;
  }
}
