/**
 * The unit of pagination: a flow item is something of fixed height that goes on one page (a line
 * of a paragraph, a table row) with what the paginator needs to know about it: spacing, keeps,
 * the footnotes it calls, its change bars and whether it starts a heading. Table rows can be split
 * when taller than a page, and carry their table's header rows for repetition.
 */
import type { Canvas } from './canvas.js';
import type { Footnote } from './inline-items.js';

/** An end of a move: where its text leaves (`from`) or arrives (`to`). */
export type MoveEnd = 'from' | 'to';

/** A move end that starts on a stretch: the move's change and which end. */
export interface MoveAnchor {
  readonly changeId: string;
  readonly end: MoveEnd;
  /** On a move's note line: where (from the text column's left) the other end's page number goes. */
  readonly noteX?: number;
}

/** A stretch of an item that carries changes, relative to the item's top. */
export interface ChangeBar {
  readonly top: number;
  readonly bottom: number;
  readonly changeIds: readonly string[];
  /**
   * Changes placed here that get no bar and do not make the page a changed one (a clause only
   * renumbered): recorded for the summary's links only.
   */
  readonly quiet?: boolean;
  /** Move ends on this stretch, for the margin notes that tie a move's two ends together. */
  readonly moves?: readonly MoveAnchor[];
}

export interface HeadingEntry {
  readonly level: number;
  readonly title: string;
}

/** What a table row shares with the rest of its table. */
export interface TableInfo {
  /** The header rows (repeated at the top of each page the table continues on). */
  readonly headerRows: readonly FlowItem[];
}

export interface RowInfo {
  readonly table: TableInfo;
  readonly isHeader: boolean;
}

export interface FlowItem {
  readonly height: number;
  /** Space above and below; the space above is dropped at the top of a page. */
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly pageBreakBefore: boolean;
  /** Ends with a page break: what follows starts a new page. */
  readonly pageBreakAfter?: boolean;
  readonly footnotes: readonly Footnote[];
  readonly bars: readonly ChangeBar[];
  readonly heading?: HeadingEntry;
  readonly row?: RowInfo;
  /** Draws the item with its top left corner at (`left`, `top`). */
  draw(canvas: Canvas, left: number, top: number): void;
  /**
   * Splits the item so that its first part is at most `height` tall (table rows). `force` takes at
   * least one line of each cell, for a page that can hold nothing less.
   */
  split?(height: number, force: boolean): readonly [FlowItem, FlowItem] | undefined;
}

/** An item moved right (text box content, indented under its paragraph) with a rule beside it. */
export function indented(item: FlowItem, indent: number, rule: (canvas: Canvas, left: number, top: number, height: number) => void): FlowItem {
  return {
    height: item.height,
    spaceBefore: item.spaceBefore,
    spaceAfter: item.spaceAfter,
    keepWithNext: item.keepWithNext,
    pageBreakBefore: item.pageBreakBefore,
    ...(item.pageBreakAfter !== undefined && { pageBreakAfter: item.pageBreakAfter }),
    footnotes: item.footnotes,
    bars: item.bars,
    draw(canvas, left, top) {
      rule(canvas, left, top, item.height);
      item.draw(canvas, left + indent, top);
    },
  };
}
