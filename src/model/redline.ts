/**
 * A redline: the new document with the old one's deleted content woven in, every piece marked
 * with its status. It mirrors OOXML's own model (runs inside `w:ins`/`w:del`, paragraph marks that
 * are inserted or deleted, inserted or deleted rows), so each exporter is a walk over this tree.
 *
 * Which version a node's XML comes from follows from its status: deleted and moved-from content
 * is the old version's, everything else the new version's.
 */

import { assertNever } from '../util/assert-never.js';
import type { Change } from './change-set.js';
import type { Document, Inline, NoteKind, OpaqueBlock, Paragraph, RunFormat, StoryKind, Table, TableCell, TableRow } from './document.js';
import type { SourceInfo } from './source.js';

/** Which version a redline node comes from. */
export type Side = 'old' | 'new';

/** What happened to a piece of a paragraph: unchanged, inserted, deleted, moved away or moved here. */
export type PieceStatus = 'equal' | 'inserted' | 'deleted' | 'moved-from' | 'moved-to';

/** A piece of a redline paragraph: one inline with its status, tied to its change by `changeId`. */
export interface RedlinePiece {
  readonly status: PieceStatus;
  readonly inline: Inline;
  /** For equal text whose formatting changed: the old formatting (a `w:rPrChange`). */
  readonly previousFormat?: { readonly format: RunFormat; readonly props?: string };
  /** The change this piece belongs to (absent for equal pieces). */
  readonly changeId?: string;
  /** For moves: the name shared by the moved-from and moved-to ranges. */
  readonly moveName?: string;
  /** For text boxes: the redline of each story inside (compared as stories of their own). */
  readonly stories?: readonly (readonly RedlineBlock[])[];
  /**
   * Where the piece's text comes from: the paragraph (the old one for deleted and moved-from
   * pieces, the new one otherwise) and the offset in its text (atoms count one character).
   * Attribution uses it to find who changed these characters.
   */
  readonly origin?: { readonly paragraph: Paragraph; readonly offset: number };
  /** The sources that made this change (set by attribution). */
  readonly sources?: readonly string[];
}

/**
 * `inserted`: the paragraph mark is new (rejecting joins this paragraph to the next);
 * `deleted`: the mark was removed (accepting joins this paragraph to the next).
 */
export type MarkStatus = 'equal' | 'inserted' | 'deleted' | 'moved-from' | 'moved-to';

/** A paragraph of the redline: its pieces and what happened to its paragraph mark. */
export interface RedlineParagraph {
  readonly type: 'paragraph';
  /** The paragraph whose properties are written: the new one when there is one. */
  readonly paragraph: Paragraph;
  readonly side: Side;
  /** The old paragraph when this one was paired with it. */
  readonly previous?: Paragraph;
  readonly mark: MarkStatus;
  readonly markChangeId?: string;
  /** The `renumber` change of a clause whose label changed (set with the change set). */
  readonly labelChangeId?: string;
  readonly pieces: readonly RedlinePiece[];
  /** Nothing changed: the new paragraph can be written back as it was. */
  readonly unchanged: boolean;
  readonly moveName?: string;
  /** The sources of a changed paragraph mark (set by attribution). */
  readonly markSources?: readonly string[];
}

/** What happened to a table row. */
export type RowStatus = 'equal' | 'inserted' | 'deleted' | 'modified';

/** A cell of a redline table row: its blocks, compared as a story of their own. */
export interface RedlineCell {
  readonly cell: TableCell;
  readonly side: Side;
  /** A cell of an inserted or deleted column. */
  readonly status?: 'inserted' | 'deleted';
  readonly blocks: readonly RedlineBlock[];
}

/** A row of a redline table: its cells and what happened to it. */
export interface RedlineRow {
  readonly status: RowStatus;
  readonly row: TableRow;
  readonly side: Side;
  readonly cells: readonly RedlineCell[];
  readonly changeId?: string;
}

/** A table of the redline: its rows and what happened to it. */
export interface RedlineTable {
  readonly type: 'table';
  readonly table: Table;
  readonly side: Side;
  readonly status: RowStatus;
  readonly rows: readonly RedlineRow[];
  /** When columns were inserted or deleted: the widths (points) of the columns written. */
  readonly columnWidths?: readonly number[];
}

/** An element kept as it was (compared by its content), inserted, deleted or unchanged. */
export interface RedlineOpaque {
  readonly type: 'opaque';
  readonly block: OpaqueBlock;
  readonly side: Side;
  readonly status: 'equal' | 'inserted' | 'deleted';
  readonly changeId?: string;
}

/** A block of the redline: a paragraph, a table, or an element kept as it was. */
export type RedlineBlock = RedlineParagraph | RedlineTable | RedlineOpaque;

/** A footnote or endnote of the redline: a new note (paired or inserted) or an old deleted one. */
export interface RedlineNote {
  readonly kind: NoteKind;
  readonly side: Side;
  /** The note's id in its own version. */
  readonly id: string;
  /** For a new note paired with an old one: the old note's id. */
  readonly oldId?: string;
  readonly blocks: readonly RedlineBlock[];
}

/** A header or footer of the new version, compared with its old counterpart. */
export interface RedlineStory {
  readonly kind: StoryKind;
  readonly variant: string;
  /** The new version's part. */
  readonly part: string;
  /** The old version's part it was compared with, if any. */
  readonly oldPart?: string;
  readonly blocks: readonly RedlineBlock[];
}

/** Two versions woven together: every story with each changed piece marked and tied to its change, the change set, and the sources. */
export interface Redline {
  readonly old: Document;
  readonly new: Document;
  readonly body: readonly RedlineBlock[];
  readonly notes: readonly RedlineNote[];
  readonly stories: readonly RedlineStory[];
  /** The sources changes are attributed to (empty for a plain comparison). */
  readonly sources: readonly SourceInfo[];
  readonly changes: readonly Change[];
  /**
   * A view by source: only the `shown` sources' changes are tracked; the `made` sources' are
   * already in the old version shown (OLD with their edits applied).
   */
  readonly view?: SourceView;
}

/** Which sources a redline shows as changes, and which it takes as made. */
export interface SourceView {
  readonly shown: readonly string[];
  readonly made: readonly string[];
}

/**
 * Visits every paragraph of redline blocks in reading order, those in table cells too. Text boxes
 * are the visitor's to enter (through its pieces' `stories`): not every walk wants them.
 */
export function forEachParagraph(blocks: readonly RedlineBlock[], visit: (paragraph: RedlineParagraph) => void): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        visit(block);
        break;
      case 'table':
        for (const row of block.rows) for (const cell of row.cells) forEachParagraph(cell.blocks, visit);
        break;
      case 'opaque':
        break;
      default:
        assertNever(block, 'block');
    }
  }
}

/** Whether a redline block carries no change at all (so it can be written back as it was). */
export function isUnchangedBlock(block: RedlineBlock): boolean {
  if (block.type === 'paragraph') return block.unchanged;
  return block.status === 'equal';
}

export function isUnchangedPiece(piece: RedlinePiece): boolean {
  return piece.status === 'equal' && piece.previousFormat === undefined && (piece.stories ?? []).every((story) => story.every(isUnchangedBlock));
}

/**
 * The status every piece of a paragraph inserted, deleted or moved whole shares (its mark's, or,
 * for a paragraph added at the end of a run, whose mark is the one before it, its pieces'); its
 * clause number goes with it. Undefined for a paragraph changed in part.
 */
export function wholeParagraphStatus(block: RedlineParagraph): PieceStatus | undefined {
  const content = block.pieces.filter((piece) => piece.inline.type !== 'marker');
  const status = block.mark !== 'equal' ? block.mark : block.previous === undefined ? content[0]?.status : undefined;
  if (status === undefined || status === 'equal') return undefined;
  return content.length > 0 && content.every((piece) => piece.status === status) ? status : undefined;
}
