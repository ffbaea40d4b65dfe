/**
 * A document as a redline with no change: how a clean version (an applied merge, a DOCX read as
 * Accept All) is written through the same exporters as a redline.
 */

import { assertNever } from '../util/assert-never.js';
import type { Block, Document } from './document.js';
import type { Redline, RedlineBlock } from './redline.js';

export function unchangedBlocks(blocks: readonly Block[]): RedlineBlock[] {
  return blocks.map((block): RedlineBlock => {
    switch (block.type) {
      case 'paragraph':
        return { type: 'paragraph', paragraph: block, side: 'new', mark: 'equal', pieces: block.inlines.map((inline) => ({ status: 'equal', inline })), unchanged: true };
      case 'table':
        return {
          type: 'table',
          table: block,
          side: 'new',
          status: 'equal',
          rows: block.rows.map((row) => ({ status: 'equal', row, side: 'new', cells: row.cells.map((cell) => ({ cell, side: 'new', blocks: unchangedBlocks(cell.blocks) })) })),
        };
      case 'opaque':
        return { type: 'opaque', block, side: 'new', status: 'equal' };
      default:
        return assertNever(block, 'block');
    }
  });
}

/** The redline of a document against itself. */
export function unchangedRedline(document: Document): Redline {
  const notes = [...document.footnotes, ...document.endnotes].map((note) => ({ kind: note.kind, side: 'new' as const, id: note.id, blocks: unchangedBlocks(note.blocks) }));
  // Headers and footers too: a story read from tracked changes must be written as the view read.
  const stories = [...document.headers, ...document.footers].map((story) => ({ kind: story.kind, variant: story.variant, part: story.part, blocks: unchangedBlocks(story.blocks) }));
  return { old: document, new: document, body: unchangedBlocks(document.body), notes, stories, changes: [], sources: [] };
}
