/**
 * The edit script between two sequences of keys, in a form the rest of the diff core shares:
 * alternating equal and changed ranges. Myers' algorithm (jsdiff's `diffArrays`) does the work
 * after the common prefix and suffix are trimmed; past an edit-length bound it gives up and the
 * middle becomes one change, so no input makes it super-linear in practice.
 */
import { diffArrays } from 'diff';

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
  /** Told when Myers gives up at that bound: the middle is then one change, not aligned. */
  readonly onLimit?: () => void;
}

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
    const maxEditLength = options.maxEditLength ?? Math.max(1000, (middle.old.length + middle.new.length) >> 1);
    // Without a key in common (one word replaced by another, most often) there is nothing to align.
    const changes = !middle.shared ? undefined : diffArrays(middle.old, middle.new, { maxEditLength });
    if (middle.shared && !changes) options.onLimit?.();
    if (changes) {
      for (const change of changes) {
        const count = change.count;
        if (change.added) builder.insert(count);
        else if (change.removed) builder.delete(count);
        else builder.equal(count);
      }
    } else {
      builder.delete(middle.old.length);
      builder.insert(middle.new.length);
    }
  }
  builder.equal(suffix);
  return builder.segments;
}

/** Maps the keys of both middles to small integers so Myers compares numbers; `shared`: some key is in both. */
function internKeys<K extends string | number>(oldKeys: readonly K[], oldFrom: number, oldTo: number, newKeys: readonly K[], newFrom: number, newTo: number): { old: number[]; new: number[]; shared: boolean } {
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
