/** Whether a redline block carries no change at all (so it can be written back as it was). */
import type { RedlineBlock, RedlinePiece } from '../model/redline.js';

export function isUnchangedBlock(block: RedlineBlock): boolean {
  if (block.type === 'paragraph') return block.unchanged;
  return block.status === 'equal';
}

export function isUnchangedPiece(piece: RedlinePiece): boolean {
  return piece.status === 'equal' && piece.previousFormat === undefined && (piece.stories ?? []).every((story) => story.every(isUnchangedBlock));
}
