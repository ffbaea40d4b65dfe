/**
 * The characters each change of a redline touched: deleted (in the old version), inserted and
 * reformatted (in the new version), from the pieces' origins.
 */
import type { Inline } from '../model/document.js';
import { forEachParagraph, type RedlineBlock, type RedlinePiece } from '../model/redline.js';
import type { MappedRange } from './char-map.js';

export interface ChangeRanges {
  deleted: MappedRange[];
  inserted: MappedRange[];
  formatted: MappedRange[];
}

export function pieceLength(inline: Inline): number {
  return inline.type === 'text' ? inline.text.length : 1;
}

/** The characters a piece stands for, in the version it comes from. */
export function pieceRange(piece: RedlinePiece): MappedRange | undefined {
  if (!piece.origin || piece.inline.type === 'marker') return undefined;
  return { paragraph: piece.origin.paragraph, start: piece.origin.offset, end: piece.origin.offset + pieceLength(piece.inline) };
}

export const isRemovedPiece = (piece: RedlinePiece): boolean => piece.status === 'deleted' || piece.status === 'moved-from';
export const isAddedPiece = (piece: RedlinePiece): boolean => piece.status === 'inserted' || piece.status === 'moved-to';

/** Visits every piece of some redline blocks in reading order, table cells and text boxes included. */
export function forEachPiece(blocks: readonly RedlineBlock[], visit: (piece: RedlinePiece) => void): void {
  forEachParagraph(blocks, (paragraph) => {
    for (const piece of paragraph.pieces) {
      visit(piece);
      for (const story of piece.stories ?? []) forEachPiece(story, visit);
    }
  });
}

/** Per change id, the characters its pieces deleted (old side), inserted and reformatted (new side). */
export function collectRanges(blocks: readonly RedlineBlock[], out = new Map<string, ChangeRanges>()): Map<string, ChangeRanges> {
  forEachPiece(blocks, (piece) => {
    const range = pieceRange(piece);
    if (piece.changeId === undefined || !range) return;
    let entry = out.get(piece.changeId);
    if (!entry) {
      entry = { deleted: [], inserted: [], formatted: [] };
      out.set(piece.changeId, entry);
    }
    if (isRemovedPiece(piece)) entry.deleted.push(range);
    else if (isAddedPiece(piece)) entry.inserted.push(range);
    else if (piece.previousFormat) entry.formatted.push(range);
  });
  return out;
}

/** Characters of each paragraph, each range with a tag (the change it belongs to, say). */
export class CharIndex {
  private readonly ranges = new Map<MappedRange['paragraph'], { start: number; end: number; tag: string }[]>();

  add(range: MappedRange, tag = ''): void {
    const list = this.ranges.get(range.paragraph) ?? [];
    list.push({ start: range.start, end: range.end, tag });
    this.ranges.set(range.paragraph, list);
  }

  /** How many characters of the range are in the index (in ranges whose tag `keep` accepts). */
  covered(range: MappedRange, keep?: (tag: string) => boolean): number {
    let n = 0;
    for (const r of this.ranges.get(range.paragraph) ?? []) if (keep === undefined || keep(r.tag)) n += Math.max(0, Math.min(range.end, r.end) - Math.max(range.start, r.start));
    return n;
  }

  /** Tags of the ranges that overlap (or, for an empty range, touch) the range. */
  tagsAt(range: MappedRange): string[] {
    return (this.ranges.get(range.paragraph) ?? [])
      .filter((r) => (range.start === range.end ? r.start <= range.end && r.end >= range.start : r.start < range.end && r.end > range.start))
      .map((r) => r.tag);
  }
}

/** The characters a diff removes from the old version (deleted, moved away) and adds to the new. */
export function changedCharacters(blocks: readonly RedlineBlock[]): { readonly removed: CharIndex; readonly added: CharIndex } {
  const removed = new CharIndex();
  const added = new CharIndex();
  forEachPiece(blocks, (piece) => {
    const range = pieceRange(piece);
    if (!range) return;
    if (isRemovedPiece(piece)) removed.add(range);
    else if (isAddedPiece(piece)) added.add(range);
  });
  return { removed, added };
}

/** The total length of some ranges. */
export function rangesLength(ranges: readonly MappedRange[]): number {
  return ranges.reduce((n, r) => n + r.end - r.start, 0);
}
