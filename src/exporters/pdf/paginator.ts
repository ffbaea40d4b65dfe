/**
 * Puts flow items on pages, top to bottom. Spacing is dropped at the top of a page; a heading
 * stays with what follows; a table row that does not fit moves to the next page, or is split
 * there if it is taller than a page; the header rows of a table are repeated at the top of each
 * page it continues on. Footnotes go at the foot of the page that calls them (a note too long for
 * that page continues at the foot of the next). It records where each change and heading landed,
 * for the summary's links and the outline, and hands each page over as soon as it is full.
 */
import { Canvas } from './canvas.js';
import { drawChangeBars } from './change-bars.js';
import type { ChangePalette } from './change-palette.js';
import { GREY } from './colour.js';
import type { ChangeBar, FlowItem, HeadingEntry, MoveEnd, TableInfo } from './flow.js';
import type { Footnote } from './inline-items.js';
import type { PageGeometry } from './page-geometry.js';
import { LAYOUT_ARTIFACT, PAGINATION_ARTIFACT } from './structure.js';
import type { TextPainter } from './text-painter.js';

export interface PageLayout {
  /** The page's number in the whole document. */
  readonly number: number;
  readonly canvas: Canvas;
  /** Anything on the page is marked as changed. */
  readonly hasChanges: boolean;
}

export interface PageSpot {
  readonly page: number;
  readonly top: number;
}

/** Where an end of a move starts, and where its note line's page number goes when it has one. */
export interface MoveSpot extends PageSpot {
  readonly noteX?: number;
}

export interface PlacedHeading extends HeadingEntry, PageSpot {}

export interface PaginatorOptions {
  readonly geometry: PageGeometry;
  readonly firstPage: number;
  /** For a redline: draws change bars. */
  readonly changeBars?: { readonly palette: ChangePalette; readonly painter: TextPainter };
}

/** Above the first footnote: a short rule with space around it. */
const FOOTNOTE_SEPARATOR = 12;
const FOOTNOTE_GAP = 2;
/** A row is split on the current page only when at least this much room is left. */
const MIN_SPLIT_ROOM = 36;
/** Footnote lines carried over take at most this share of the next page. */
const CARRIED_SHARE = 0.5;
const EPSILON = 0.01;

class PageState {
  readonly canvas: Canvas;
  readonly number: number;
  y: number;
  /** No content yet (repeated header rows do not count). */
  empty = true;
  spaceAfter = 0;
  headersOf: TableInfo | undefined;
  /** Footnote lines, each with the space above it. */
  readonly footItems: { readonly item: FlowItem; readonly spacing: number }[] = [];
  footHeight = 0;
  readonly bars: ChangeBar[] = [];

  constructor(number: number, geometry: PageGeometry) {
    this.number = number;
    this.canvas = new Canvas(geometry.height);
    this.y = geometry.bodyTop;
  }
}

export class Paginator {
  /** Where each change was first placed. */
  readonly changes = new Map<string, PageSpot>();
  /** Where each end of each move starts, by `changeId:from` and `changeId:to`. */
  readonly moveEnds = new Map<string, MoveSpot>();
  readonly headings: PlacedHeading[] = [];
  private readonly options: PaginatorOptions;
  private readonly geometry: PageGeometry;
  private pages = 0;
  private carried: FlowItem[] = [];

  constructor(options: PaginatorOptions) {
    this.options = options;
    this.geometry = options.geometry;
  }

  get pageCount(): number {
    return this.pages;
  }

  *paginate(items: Iterable<FlowItem>): Generator<PageLayout, void, undefined> {
    const queue = new Lookahead(items[Symbol.iterator]());
    let page = this.open();
    for (let item = queue.next(); item; item = queue.next()) {
      let pending: FlowItem | undefined = item;
      while (pending) {
        const outcome = this.place(page, pending, queue.peek());
        pending = outcome.rest;
        if (outcome.newPage) {
          yield this.finish(page);
          page = this.open();
        }
      }
    }
    while (this.carried.length > 0) {
      yield this.finish(page);
      page = this.open();
    }
    yield this.finish(page);
  }

  /** Places an item (or the first part of it); says whether a new page is needed and what is left. */
  private place(page: PageState, item: FlowItem, next: FlowItem | undefined): { newPage: boolean; rest?: FlowItem } {
    if (item.pageBreakBefore && !page.empty) return { newPage: true, rest: item };
    if (page.empty) this.repeatHeaderRows(page, item);
    const gap = page.empty ? 0 : page.spaceAfter + item.spaceBefore;
    const notes = this.notesHeight(page, item.footnotes);
    const room = this.limit(page) - page.y;
    if (gap + item.height + notes <= room + EPSILON) {
      if (!page.empty && item.keepWithNext && next && !this.nextFits(room - gap - item.height - notes, item, next)) return { newPage: true, rest: item };
      this.put(page, item, gap);
      return { newPage: item.pageBreakAfter === true };
    }
    if (item.split) {
      const freshRoom = this.geometry.bodyBottom - this.geometry.bodyTop - this.headerRowsHeight(item);
      const fitsOnFreshPage = item.height + notes <= freshRoom;
      if (!page.empty && (fitsOnFreshPage || room - gap - notes < MIN_SPLIT_ROOM)) return { newPage: true, rest: item };
      const parts = item.split(room - gap - notes, page.empty);
      if (parts) {
        this.put(page, parts[0], gap);
        return { newPage: true, rest: parts[1] };
      }
    }
    if (!page.empty) return { newPage: true, rest: item };
    // Taller than an empty page and cannot be split: it overflows rather than being lost.
    this.put(page, item, gap);
    return { newPage: item.pageBreakAfter === true };
  }

  /** Whether the start of `next` fits below an item that must stay with it. */
  private nextFits(room: number, item: FlowItem, next: FlowItem): boolean {
    const start = next.split ? Math.min(next.height, MIN_SPLIT_ROOM) : next.height;
    return item.spaceAfter + next.spaceBefore + start <= room + EPSILON;
  }

  private headerRowsHeight(item: FlowItem): number {
    if (!item.row || item.row.isHeader) return 0;
    return item.row.table.headerRows.reduce((sum, row) => sum + row.height, 0);
  }

  /** At the top of a page a table continues on, its header rows come first. */
  private repeatHeaderRows(page: PageState, item: FlowItem): void {
    const row = item.row;
    if (!row || row.isHeader || row.table.headerRows.length === 0 || page.headersOf === row.table) return;
    page.headersOf = row.table;
    for (const header of row.table.headerRows) {
      // Repeated for the reader's eye, not content a second time.
      page.canvas.asArtifact(PAGINATION_ARTIFACT, () => header.draw(page.canvas, this.geometry.marginLeft, page.y));
      page.y += header.height;
    }
  }

  private put(page: PageState, item: FlowItem, gap: number): void {
    const top = page.y + gap;
    item.draw(page.canvas, this.geometry.marginLeft, top);
    page.y = top + item.height;
    page.empty = false;
    page.spaceAfter = item.spaceAfter;
    this.recordBars(page, item, top);
    if (item.heading) this.headings.push({ ...item.heading, page: page.number, top });
    for (const note of item.footnotes) this.addFootnote(page, note.items);
  }

  /** Change bars of the item, and where its changes and move ends are (a quiet change gets no bar). */
  private recordBars(page: PageState, item: FlowItem, top: number): void {
    if (!this.options.changeBars) return;
    for (const bar of item.bars) {
      const spot = { page: page.number, top: top + bar.top };
      if (!bar.quiet) page.bars.push({ top: spot.top, bottom: top + bar.bottom, changeIds: bar.changeIds });
      for (const id of bar.changeIds) if (!this.changes.has(id)) this.changes.set(id, spot);
      for (const move of bar.moves ?? []) {
        const key = moveEndKey(move.changeId, move.end);
        if (!this.moveEnds.has(key)) this.moveEnds.set(key, move.noteX === undefined ? spot : { ...spot, noteX: move.noteX });
      }
    }
  }

  private limit(page: PageState): number {
    return this.geometry.bodyBottom - page.footHeight;
  }

  private notesHeight(page: PageState, notes: readonly Footnote[]): number {
    let height = 0;
    for (const note of notes) {
      height += page.footItems.length === 0 && height === 0 ? FOOTNOTE_SEPARATOR : FOOTNOTE_GAP;
      height += note.items.reduce((sum, item) => sum + item.height, 0);
    }
    return height;
  }

  /**
   * Adds a note's lines to the foot of the page; what does not fit continues on the next page
   * (the first line always stays, so that a note taller than a page still makes progress).
   */
  private addFootnote(page: PageState, items: readonly FlowItem[], maxFoot = this.geometry.bodyBottom - page.y): void {
    items.forEach((item, i) => {
      const spacing = page.footItems.length === 0 ? FOOTNOTE_SEPARATOR : i === 0 ? FOOTNOTE_GAP : 0;
      const fits = page.footHeight + spacing + item.height <= maxFoot + EPSILON;
      if (this.carried.length > 0 || (!fits && page.footItems.length > 0)) {
        this.carried.push(item);
        return;
      }
      page.footItems.push({ item, spacing });
      page.footHeight += spacing + item.height;
    });
  }

  private open(): PageState {
    this.pages++;
    const page = new PageState(this.options.firstPage + this.pages - 1, this.geometry);
    const carried = this.carried;
    this.carried = [];
    if (carried.length > 0) this.addFootnote(page, carried, (this.geometry.bodyBottom - this.geometry.bodyTop) * CARRIED_SHARE);
    return page;
  }

  private finish(page: PageState): PageLayout {
    if (page.footItems.length > 0) {
      const top = this.geometry.bodyBottom - page.footHeight;
      page.canvas.line(this.geometry.marginLeft, top + FOOTNOTE_SEPARATOR / 2, this.geometry.marginLeft + 144, top + FOOTNOTE_SEPARATOR / 2, GREY, 0.5);
      let y = top;
      for (const { item, spacing } of page.footItems) {
        y += spacing;
        item.draw(page.canvas, this.geometry.marginLeft, y);
        this.recordBars(page, item, y);
        y += item.height;
      }
    }
    const bars = this.options.changeBars;
    if (bars) page.canvas.asArtifact(LAYOUT_ARTIFACT, () => drawChangeBars(page.canvas, page.bars, page.number, this.geometry, bars.palette, bars.painter));
    return { number: page.number, canvas: page.canvas, hasChanges: page.bars.length > 0 };
  }
}

export function moveEndKey(changeId: string, end: MoveEnd): string {
  return `${changeId}:${end}`;
}

/** An iterator that can look one item ahead. */
class Lookahead<T> {
  private readonly iterator: Iterator<T>;
  private buffered: IteratorResult<T> | undefined;

  constructor(iterator: Iterator<T>) {
    this.iterator = iterator;
  }

  next(): T | undefined {
    const result = this.buffered ?? this.iterator.next();
    this.buffered = undefined;
    return result.done ? undefined : result.value;
  }

  peek(): T | undefined {
    this.buffered ??= this.iterator.next();
    return this.buffered.done ? undefined : this.buffered.value;
  }
}
