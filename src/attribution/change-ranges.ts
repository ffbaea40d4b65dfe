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

/** Per change id, the characters its pieces deleted (old side), inserted and reformatted (new side). */
export function collectRanges(blocks: readonly RedlineBlock[], out = new Map<string, ChangeRanges>()): Map<string, ChangeRanges> {
  const add = (piece: RedlinePiece): void => {
    if (piece.changeId === undefined || !piece.origin || piece.inline.type === 'marker') return;
    let entry = out.get(piece.changeId);
    if (!entry) {
      entry = { deleted: [], inserted: [], formatted: [] };
      out.set(piece.changeId, entry);
    }
    const range = { paragraph: piece.origin.paragraph, start: piece.origin.offset, end: piece.origin.offset + pieceLength(piece.inline) };
    if (piece.status === 'deleted' || piece.status === 'moved-from') entry.deleted.push(range);
    else if (piece.status === 'inserted' || piece.status === 'moved-to') entry.inserted.push(range);
    else if (piece.previousFormat) entry.formatted.push(range);
  };
  const walk = (list: readonly RedlineBlock[]): void =>
    forEachParagraph(list, (paragraph) => {
      for (const piece of paragraph.pieces) {
        add(piece);
        for (const story of piece.stories ?? []) walk(story);
      }
    });
  walk(blocks);
  return out;
}

