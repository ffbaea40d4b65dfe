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
import type { MarkStatus, RedlineBlock, RedlineParagraph } from '../model/redline.js';

export function fixStoryMarks(blocks: readonly RedlineBlock[]): RedlineBlock[] {
  const out: RedlineBlock[] = [];
  let segment: RedlineParagraph[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      segment.push(block);
      continue;
    }
    out.push(...fixSegment(segment), block);
    segment = [];
  }
  out.push(...fixSegment(segment));
  return out;
}

const isRemoved = (mark: MarkStatus): boolean => mark === 'deleted' || mark === 'moved-from';
const isAdded = (mark: MarkStatus): boolean => mark === 'inserted' || mark === 'moved-to';

function fixSegment(paragraphs: readonly RedlineParagraph[]): RedlineParagraph[] {
  const last = paragraphs[paragraphs.length - 1];
  if (!last || last.mark === 'equal') return [...paragraphs];
  const out = [...paragraphs];
  let tailStart = out.length;
  while (tailStart > 0 && (out[tailStart - 1] as RedlineParagraph).mark !== 'equal') tailStart--;
  const tail = out.slice(tailStart);
  const lastRemoved = findLastIndex(tail, (p) => isRemoved(p.mark));
  const lastAdded = findLastIndex(tail, (p) => isAdded(p.mark));

  if (lastRemoved >= 0 && lastAdded >= 0) {
    // The last deleted and the last inserted paragraph become one paragraph with a kept mark.
    const removed = tail[lastRemoved] as RedlineParagraph;
    const added = tail[lastAdded] as RedlineParagraph;
    const shared: RedlineParagraph = { ...added, mark: 'equal', previous: removed.paragraph, pieces: [...removed.pieces, ...added.pieces], unchanged: false };
    tail[lastAdded] = shared;
    tail.splice(lastRemoved, 1);
    return [...out.slice(0, tailStart), ...tail];
  }
  const keptIndex = tailStart - 1;
  const kept = out[keptIndex];
  const lastIndex = out.length - 1;
  if (kept) {
    // The paragraph before the tail takes the tail's status (and move, for a moved tail); the
    // tail's last mark stays.
    out[keptIndex] = { ...kept, mark: last.mark, unchanged: false, ...(last.moveName !== undefined && { moveName: last.moveName }) };
    out[lastIndex] = { ...last, mark: 'equal', unchanged: false };
  } else {
    // Nothing before: the story was empty on one side; its last mark must stay all the same.
    out[lastIndex] = { ...last, mark: 'equal', unchanged: false };
  }
  return out;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return i;
  return -1;
}
