/**
 * Which ranges of the old version (bookmarks, comment anchors, permission ranges) the redline
 * carries into its deletions, so that Reject All restores them: a table of contents or a REF
 * field that pointed at a bookmark in a deleted paragraph still finds it, a comment on deleted
 * text comes back with it.
 *
 * The paragraph diff writes every range marker only the old side of a paragraph has as deleted
 * markup where it stood. A range is kept when it is whole and each of its markers can go into a
 * deletion: the new version does not have it anywhere (a range it kept, or moved, is written where
 * the new version has it, and one name cannot stand twice), every marker of it was written, and
 * each stands in a deleted paragraph or beside changed content (white space aside). Accept All
 * then drops it with the deletions, Reject All restores it. Otherwise its markers are dropped: a
 * bookmark removed while the text around it stayed as it was is a change Word cannot track (a
 * deletion of nothing but the bookmark), and half a range would be a damaged one.
 */
import type { Block, Document, Inline, Marker } from '../model/document.js';
import type { RedlineBlock, RedlineParagraph, RedlinePiece } from '../model/redline.js';
import type { RedlineParts } from './compare-documents.js';

export function settleOldMarkers(old: Document, neu: Document, parts: RedlineParts): RedlineParts {
  const ranges = new Map<string, CarriedRange>();
  walkParts(parts, (paragraph) => {
    paragraph.pieces.forEach((piece, index) => {
      const name = carriedRange(piece);
      if (name === undefined) return;
      const range = ranges.get(name) ?? { markers: 0, beside: true };
      range.markers++;
      range.beside &&= isBesideDeletion(paragraph, index);
      ranges.set(name, range);
    });
  });
  if (ranges.size === 0) return parts;
  const inNew = rangeCounts(neu);
  const inOld = rangeCounts(old);
  const kept = new Set<string>();
  for (const [name, range] of ranges) if (!inNew.has(name) && range.markers === inOld.get(name) && range.beside) kept.add(name);
  const keep = (piece: RedlinePiece): boolean => {
    const name = carriedRange(piece);
    return name === undefined || kept.has(name);
  };
  return {
    body: withoutDropped(parts.body, keep),
    notes: parts.notes.map((note) => ({ ...note, blocks: withoutDropped(note.blocks, keep) })),
    stories: parts.stories.map((story) => ({ ...story, blocks: withoutDropped(story.blocks, keep) })),
  };
}

/** What the redline holds of a range only the old version has. */
interface CarriedRange {
  /** Its markers written (as deleted markup). */
  markers: number;
  /** Every marker of it stands in a deleted paragraph or beside changed content. */
  beside: boolean;
}

function isBlank(piece: RedlinePiece): boolean {
  return piece.inline.type === 'text' && piece.inline.text.trim() === '';
}

/** The range an old-side marker piece belongs to. */
function carriedRange(piece: RedlinePiece): string | undefined {
  if (piece.inline.type !== 'marker' || (piece.status !== 'deleted' && piece.status !== 'moved-from')) return undefined;
  return piece.inline.range?.name;
}

/** Whether a marker piece stands in a deleted paragraph or beside changed content (white space between left aside). */
function isBesideDeletion(paragraph: RedlineParagraph, index: number): boolean {
  if (paragraph.side === 'old') return true;
  const changed = (step: -1 | 1): boolean => {
    for (let i = index + step; i >= 0 && i < paragraph.pieces.length; i += step) {
      const piece = paragraph.pieces[i] as RedlinePiece;
      if (piece.inline.type === 'marker' || (piece.status === 'equal' && isBlank(piece))) continue;
      return piece.status !== 'equal';
    }
    // At the paragraph's end, a removed mark joins it to the next: deleted content too.
    return step === 1 && (paragraph.mark === 'deleted' || paragraph.mark === 'moved-from');
  };
  return changed(-1) || changed(1);
}

/** How many markers each range has in a document (all stories, text boxes included). */
function rangeCounts(document: Document): Map<string, number> {
  const counts = new Map<string, number>();
  const inline = (item: Inline): void => {
    if (item.type === 'marker') {
      const name = (item as Marker).range?.name;
      if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    } else if (item.type === 'atom') {
      for (const story of item.stories ?? []) blocks(story);
    }
  };
  const blocks = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'paragraph') block.inlines.forEach(inline);
      else if (block.type === 'table') for (const row of block.rows) for (const cell of row.cells) blocks(cell.blocks);
    }
  };
  blocks(document.body);
  for (const note of [...document.footnotes, ...document.endnotes]) blocks(note.blocks);
  for (const story of [...document.headers, ...document.footers]) blocks(story.blocks);
  return counts;
}

function walkParts(parts: RedlineParts, visit: (paragraph: RedlineParagraph) => void): void {
  const blocks = (list: readonly RedlineBlock[]): void => {
    for (const block of list) {
      if (block.type === 'paragraph') {
        visit(block);
        for (const piece of block.pieces) for (const story of piece.stories ?? []) blocks(story);
      } else if (block.type === 'table') {
        for (const row of block.rows) for (const cell of row.cells) blocks(cell.blocks);
      }
    }
  };
  blocks(parts.body);
  for (const note of parts.notes) blocks(note.blocks);
  for (const story of parts.stories) blocks(story.blocks);
}

function withoutDropped(list: readonly RedlineBlock[], keep: (piece: RedlinePiece) => boolean): RedlineBlock[] {
  return list.map((block): RedlineBlock => {
    if (block.type === 'paragraph') {
      const pieces = block.pieces.filter(keep).map((piece) => (piece.stories ? { ...piece, stories: piece.stories.map((story) => withoutDropped(story, keep)) } : piece));
      return { ...block, pieces };
    }
    if (block.type === 'table') {
      return { ...block, rows: block.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: withoutDropped(cell.blocks, keep) })) })) };
    }
    return block;
  });
}
