/**
 * Model content seen as a redline in which nothing changed (or everything changed one way): a
 * document's own blocks for the clean PDF, and the plain stories of a text box that the
 * comparison did not redline.
 */
import type { Block, Document, Note } from '../../model/document.js';
import type { PieceStatus, Redline, RedlineBlock, RedlineNote, RedlineRow, Side } from '../../model/redline.js';

export interface StaticMark {
  readonly status: PieceStatus;
  readonly changeId?: string;
}

const EQUAL: StaticMark = { status: 'equal' };

/** Blocks whose every piece has one status (equal by default). */
export function staticBlocks(blocks: readonly Block[], mark: StaticMark = EQUAL): RedlineBlock[] {
  const side: Side = mark.status === 'deleted' || mark.status === 'moved-from' ? 'old' : 'new';
  const changeId = mark.changeId === undefined ? {} : { changeId: mark.changeId };
  const tableStatus = mark.status === 'inserted' || mark.status === 'moved-to' ? 'inserted' : mark.status === 'equal' ? 'equal' : 'deleted';
  return blocks.map((block): RedlineBlock => {
    switch (block.type) {
      case 'paragraph':
        return {
          type: 'paragraph',
          paragraph: block,
          side,
          mark: mark.status,
          ...(mark.changeId !== undefined && { markChangeId: mark.changeId }),
          pieces: block.inlines.map((inline) => ({ status: mark.status, inline, ...changeId, ...(inline.type === 'atom' && inline.stories && { stories: inline.stories.map((story) => staticBlocks(story, mark)) }) })),
          unchanged: mark.status === 'equal',
        };
      case 'table':
        return {
          type: 'table',
          table: block,
          side,
          status: tableStatus,
          rows: block.rows.map((row): RedlineRow => ({ status: tableStatus, row, side, ...changeId, cells: row.cells.map((cell) => ({ cell, side, blocks: staticBlocks(cell.blocks, mark) })) })),
        };
      case 'opaque':
        return { type: 'opaque', block, side, status: tableStatus === 'equal' ? 'equal' : tableStatus, ...changeId };
    }
  });
}

function staticNotes(notes: readonly Note[]): RedlineNote[] {
  return notes.map((note) => ({ kind: note.kind, side: 'new', id: note.id, blocks: staticBlocks(note.blocks) }));
}

/** A document as a redline of itself: no changes, no sources. */
export function documentAsRedline(document: Document): Redline {
  return {
    old: document,
    new: document,
    body: staticBlocks(document.body),
    notes: [...staticNotes(document.footnotes), ...staticNotes(document.endnotes)],
    stories: [],
    sources: [],
    changes: [],
  };
}
