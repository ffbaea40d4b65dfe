/**
 * Keeps paragraph marks valid at the end of a story segment (the end of the body, a cell or a
 * note, or the paragraph before a table).
 *
 * Word stores a paragraph's properties in its mark, and a tracked deleted (or inserted) mark
 * means "join this paragraph to the next one" on accept (or reject). The last paragraph of a
 * segment has no next paragraph to join, so its mark must stay: when the last paragraphs of a
 * segment were inserted or deleted, the mark that goes away is moved onto the paragraph before
 * them, or a deleted and an inserted last paragraph share one mark. Accept and reject then give
 * exactly the new and the old paragraphs.
 */
import type { MarkStatus, RedlineBlock, RedlineParagraph, RedlinePiece } from '../model/redline.js';

export function fixStoryMarks(blocks: readonly RedlineBlock[]): RedlineBlock[] {
  const out = blocks.slice();
  // Segments are fixed from the last to the first: a fix may remove a paragraph, which leaves
  // the indexes of the segments before it as they were.
  let end = out.length;
  for (let i = out.length - 1; i >= -1; i--) {
    if (i >= 0 && (out[i] as RedlineBlock).type === 'paragraph') continue;
    if (end > i + 1) fixSegment(out, i + 1, end);
    end = i;
  }
  return out;
}

const isRemoved = (mark: MarkStatus): boolean => mark === 'deleted' || mark === 'moved-from';
const isAdded = (mark: MarkStatus): boolean => mark === 'inserted' || mark === 'moved-to';

/** Fixes the paragraphs `out[from..to)` (one segment) in place. */
function fixSegment(out: RedlineBlock[], from: number, to: number): void {
  const last = out[to - 1] as RedlineParagraph;
  if (last.mark === 'equal') return;
  let tailStart = to;
  while (tailStart > from && (out[tailStart - 1] as RedlineParagraph).mark !== 'equal') tailStart--;
  const tail = out.slice(tailStart, to) as RedlineParagraph[];
  const lastRemoved = findLastIndex(tail, (p) => isRemoved(p.mark));
  const lastAdded = findLastIndex(tail, (p) => isAdded(p.mark));

  if (lastRemoved >= 0 && lastAdded >= 0) {
    // The last deleted and the last inserted paragraph become one paragraph with a kept mark.
    const removed = tail[lastRemoved] as RedlineParagraph;
    const added = tail[lastAdded] as RedlineParagraph;
    out[tailStart + lastAdded] = { ...added, mark: 'equal', previous: removed.paragraph, pieces: joinedPieces(removed.pieces, added.pieces), unchanged: false };
    out.splice(tailStart + lastRemoved, 1);
    return;
  }
  const keptIndex = tailStart - 1;
  if (keptIndex >= from) {
    // The paragraph before the tail takes the tail's status (and move, for a moved tail); the
    // tail's last mark stays.
    out[keptIndex] = { ...(out[keptIndex] as RedlineParagraph), mark: last.mark, unchanged: false, ...(last.moveName !== undefined && { moveName: last.moveName }) };
  }
  // With nothing before (the story was empty on one side), its last mark must stay all the same.
  out[to - 1] = { ...last, mark: 'equal', unchanged: false };
}

/**
 * The pieces of a deleted and an inserted paragraph that become one: the deleted first, except
 * that a range both hold (a bookmark, a comment anchor) is written once, after the deleted and the
 * inserted content that stood before it, so that it keeps its place in both views.
 */
function joinedPieces(removed: readonly RedlinePiece[], added: readonly RedlinePiece[]): RedlinePiece[] {
  const keyOf = (piece: RedlinePiece): string | undefined => (piece.inline.type === 'marker' && piece.inline.range ? `${piece.inline.range.role} ${piece.inline.range.name}` : undefined);
  const addedKeys = new Map<string, number>();
  added.forEach((piece, i) => {
    const key = piece.status === 'equal' ? keyOf(piece) : undefined;
    if (key !== undefined && !addedKeys.has(key)) addedKeys.set(key, i);
  });
  const out: RedlinePiece[] = [];
  let j = 0;
  for (const piece of removed) {
    const key = keyOf(piece);
    const partner = key === undefined ? undefined : addedKeys.get(key);
    if (partner === undefined) {
      out.push(piece);
    } else if (partner >= j) {
      out.push(...added.slice(j, partner + 1));
      j = partner + 1;
    }
  }
  return [...out, ...added.slice(j)];
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return i;
  return -1;
}
