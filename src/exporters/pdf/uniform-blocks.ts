/**
 * Plain model blocks seen as redline blocks that all carry one mark: the stories of a text box
 * that the comparison did not redline take the status (and change) of the piece that holds it.
 */
import type { Block } from '../../model/document.js';
import type { PieceStatus, RedlineBlock, RedlineRow, Side } from '../../model/redline.js';

export interface UniformMark {
  readonly status: PieceStatus;
  readonly changeId?: string;
}

export function uniformBlocks(blocks: readonly Block[], mark: UniformMark): RedlineBlock[] {
  const side: Side = mark.status === 'deleted' || mark.status === 'moved-from' ? 'old' : 'new';
  const changeId = mark.changeId === undefined ? {} : { changeId: mark.changeId };
  // Rows and block-level objects are only ever inserted or deleted, never moved.
  const blockStatus = mark.status === 'inserted' || mark.status === 'moved-to' ? 'inserted' : mark.status === 'equal' ? 'equal' : 'deleted';
  return blocks.map((block): RedlineBlock => {
    switch (block.type) {
      case 'paragraph':
        return {
          type: 'paragraph',
          paragraph: block,
          side,
          mark: mark.status,
          ...(mark.changeId !== undefined && { markChangeId: mark.changeId }),
          pieces: block.inlines.map((inline) => ({
            status: mark.status,
            inline,
            ...changeId,
            ...(inline.type === 'atom' && inline.stories && { stories: inline.stories.map((story) => uniformBlocks(story, mark)) }),
          })),
          unchanged: mark.status === 'equal',
        };
      case 'table':
        return {
          type: 'table',
          table: block,
          side,
          status: blockStatus,
          rows: block.rows.map((row): RedlineRow => ({ status: blockStatus, row, side, ...changeId, cells: row.cells.map((cell) => ({ cell, side, blocks: uniformBlocks(cell.blocks, mark) })) })),
        };
      case 'opaque':
        return { type: 'opaque', block, side, status: blockStatus, ...changeId };
    }
  });
}
