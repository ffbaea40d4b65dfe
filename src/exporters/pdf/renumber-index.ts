/**
 * Renumbering changes have no piece to carry their id: the label Word computes changed. They are
 * found again here by their old and new labels, in change-set order, which is the order in which
 * the layout meets the paragraphs.
 */
import type { Change } from '../../model/change-set.js';

export class RenumberIndex {
  private readonly pending = new Map<string, string[]>();

  constructor(changes: readonly Change[]) {
    for (const change of changes) {
      if (change.kind !== 'renumber') continue;
      const key = labelKey(change.oldLabel ?? change.oldText, change.newLabel ?? change.newText);
      const ids = this.pending.get(key) ?? [];
      ids.push(change.id);
      this.pending.set(key, ids);
    }
  }

  /** The next renumbering change from `oldLabel` to `newLabel`, if the change set has one. */
  take(oldLabel: string, newLabel: string): string | undefined {
    return this.pending.get(labelKey(oldLabel, newLabel))?.shift();
  }
}

function labelKey(oldLabel: string, newLabel: string): string {
  return `${oldLabel}\u0000${newLabel}`;
}
