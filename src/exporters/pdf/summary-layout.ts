/**
 * How the pages a redline adds to its document (the summary at the front, the list of changes at
 * the back) are laid out: lines of fixed heights, known from their text alone, put onto pages
 * before the body is laid out (so that every page's number is known), and drawn once the body has
 * placed the changes they link to. A table's rows get its header row at the top of every page.
 */
import type { Canvas } from './canvas.js';
import { BLACK, GREY, type Rgb } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import type { PageSpot } from './paginator.js';
import type { ContentTag } from './structure.js';
import type { PlainStyle } from './text-painter.js';

export const TITLE: PlainStyle = { family: 'serif', variant: 'bold', size: 16, colour: BLACK };
export const DOC_TITLE: PlainStyle = { family: 'serif', variant: 'bold', size: 11, colour: BLACK };
export const TEXT: PlainStyle = { family: 'serif', variant: 'regular', size: 10, colour: BLACK };
export const NOTE: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: GREY };
export const HEADING: PlainStyle = { family: 'sans', variant: 'bold', size: 9.5, colour: BLACK };
export const CELL: PlainStyle = { family: 'sans', variant: 'regular', size: 7.5, colour: BLACK };
export const CELL_BOLD: PlainStyle = { ...CELL, variant: 'bold' };
export const COUNT: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: BLACK };

export const LINK_BLUE: Rgb = [0.1, 0.25, 0.65];
export const ROW_SHADE: Rgb = [0.955, 0.955, 0.955];
export const HEADER_SHADE: Rgb = [0.88, 0.88, 0.88];
export const ROW_RULE: Rgb = [0.85, 0.85, 0.85];

export const ROW_HEIGHT = 11;
/** The pitch of a wrapped cell's further lines in a row. */
export const CELL_LINE = 9;
export const HEADER_ROW_HEIGHT = 14;
export const TABLE_HEADING_HEIGHT = 18;
/** The "(continued)" title at the top of a further page. */
export const CONTINUED_HEIGHT = 24;

/** Where the body placed each change and each end of each move. */
export interface PlacedChanges {
  readonly changes: ReadonlyMap<string, PageSpot>;
  /** By `changeId:from` and `changeId:to`. */
  readonly moveEnds: ReadonlyMap<string, PageSpot>;
  /** The first page of the list of changes at the back, when the summary sends the reader there. */
  readonly listPage?: number;
}

/** A line of the added pages: a fixed height, and how to draw it once the changes are placed. */
export interface SummaryLine {
  readonly height: number;
  /** A row of a table: the table's header row goes above it at the top of each page. */
  readonly header?: () => SummaryLine;
  /** Kept on the same page as the line after it. */
  readonly keepWithNext?: boolean;
  /** What the line is content of in the structure tree (none: it draws nothing but rules). */
  readonly tag?: ContentTag;
  draw(canvas: Canvas, top: number, placed: PlacedChanges): void;
}

/** Lines onto pages, a table's header row above its rows at the top of each page. */
export function paginateLines(lines: readonly SummaryLine[], geometry: PageGeometry): SummaryLine[][] {
  const pages: SummaryLine[][] = [[]];
  let y = geometry.bodyTop;
  let header: (() => SummaryLine) | undefined;
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    const needsHeader = line.header !== undefined && line.header !== header;
    const headerHeight = needsHeader ? HEADER_ROW_HEIGHT : 0;
    const kept = line.keepWithNext && next ? next.height + (next.header && next.header !== header ? HEADER_ROW_HEIGHT : 0) : 0;
    if ((pages[pages.length - 1] as SummaryLine[]).length > 0 && y + headerHeight + line.height + kept > geometry.bodyBottom) {
      pages.push([]);
      y = geometry.bodyTop + CONTINUED_HEIGHT;
      header = undefined;
    }
    const page = pages[pages.length - 1] as SummaryLine[];
    if (line.header !== undefined && line.header !== header) {
      page.push(line.header());
      y += HEADER_ROW_HEIGHT;
      header = line.header;
    }
    page.push(line);
    y += line.height;
  });
  return pages;
}
