/**
 * Breaks a paragraph's items into lines: break opportunities from the Unicode line breaking
 * algorithm (UAX #14, the `linebreak` package) over the paragraph's whole text, filled greedily;
 * a word wider than the line is cut between characters. Each line keeps its pieces' natural
 * positions; alignment and justification are applied when it is drawn.
 */
import LineBreaker from 'linebreak';
import type { MoveAnchor } from './flow.js';
import { ASCENT, DESCENT } from './fonts.js';
import type { BoxItem, Footnote, InlineItem, TextItem } from './inline-items.js';

/** Where a line may go, relative to the paragraph's left edge. */
export interface LineSlot {
  readonly left: number;
  readonly width: number;
}

export interface PlacedText {
  readonly kind: 'text';
  readonly item: TextItem;
  readonly text: string;
  readonly x: number;
  readonly width: number;
  /** U+0020 characters in `text` (where justification adds space). */
  readonly spaces: number;
}

export interface PlacedBox {
  readonly kind: 'box';
  readonly item: BoxItem;
  readonly x: number;
  readonly width: number;
}

export type Placed = PlacedText | PlacedBox;

export interface Line {
  readonly slot: LineSlot;
  readonly placed: readonly Placed[];
  /** Natural width, without trailing spaces. */
  readonly width: number;
  readonly ascent: number;
  readonly descent: number;
  readonly changeIds: readonly string[];
  /** Move ends that have text on the line. */
  readonly moves: readonly MoveAnchor[];
  readonly footnotes: readonly Footnote[];
  /** The paragraph's last line, or one ended by a line break: never justified. */
  readonly ragged: boolean;
  /** The line ends with a page break. */
  readonly pageBreakAfter: boolean;
  /** The line was broken at a space (not drawn, but still a word boundary for text extraction). */
  readonly brokenAtSpace: boolean;
}

/** The height of a line with no text (an empty paragraph), as ascent and descent in points. */
export interface EmptyLineMetrics {
  readonly ascent: number;
  readonly descent: number;
}

/** Default tab stops every half inch from the column's left edge, as Word's. */
const TAB_STOP = 36;
const EPSILON = 0.01;
const OBJECT_CHAR = '\ufffc';

interface Slice {
  readonly item: number;
  readonly start: number;
  readonly end: number;
  /** Fixed width; tabs get theirs when placed. */
  readonly width: number;
}

interface Segment {
  readonly slices: Slice[];
  width: number;
  /** Width of the spaces the segment ends with (not counted at the end of a line). */
  trailing: number;
  hasTab: boolean;
  required: boolean;
  pageBreak: boolean;
}

export function breakLines(items: readonly InlineItem[], slotOf: (line: number) => LineSlot, metrics: EmptyLineMetrics): Line[] {
  return new LineFiller(items, slotOf, metrics).fill(segmentsOf(items));
}

function itemString(item: InlineItem): string {
  switch (item.kind) {
    case 'text':
      return item.text;
    case 'box':
      return OBJECT_CHAR;
    case 'tab':
      return '\t';
    case 'break':
      return '\n';
  }
}

function sliceWidth(item: InlineItem, start: number, end: number): number {
  if (item.kind === 'text') return item.face.width(item.text.slice(start, end), item.style.size);
  return item.kind === 'box' ? item.width : 0;
}

/** Cuts the items at the break opportunities: a segment is what lies between two of them. */
function segmentsOf(items: readonly InlineItem[]): Segment[] {
  const strings = items.map(itemString);
  const full = strings.join('');
  const breaks: { position: number; required: boolean }[] = [];
  const breaker = new LineBreaker(full);
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) breaks.push({ position: next.position, required: next.required });

  const segments: Segment[] = [];
  let segment = emptySegment();
  let b = 0;
  let offset = 0;
  items.forEach((item, index) => {
    const length = (strings[index] as string).length;
    let start = 0;
    while (b < breaks.length && (breaks[b]?.position ?? 0) <= offset + length) {
      const brk = breaks[b] as { position: number; required: boolean };
      b++;
      const end = brk.position - offset;
      if (end > start) addSlice(segment, items, { item: index, start, end, width: sliceWidth(item, start, end) });
      start = end;
      segment.required ||= brk.required;
      segments.push(segment);
      segment = emptySegment();
    }
    if (start < length) addSlice(segment, items, { item: index, start, end: length, width: sliceWidth(item, start, length) });
    offset += length;
  });
  if (segment.slices.length > 0) segments.push(segment);
  return segments;
}

function emptySegment(): Segment {
  return { slices: [], width: 0, trailing: 0, hasTab: false, required: false, pageBreak: false };
}

function addSlice(segment: Segment, items: readonly InlineItem[], slice: Slice): void {
  const item = items[slice.item] as InlineItem;
  segment.slices.push(slice);
  segment.width += slice.width;
  if (item.kind === 'tab') segment.hasTab = true;
  // UAX #14 reports the break after a final line feed as optional (end of text); ours always ends the line.
  if (item.kind === 'break') {
    segment.required = true;
    segment.pageBreak ||= item.page;
  }
  if (item.kind === 'text') {
    const text = item.text.slice(slice.start, slice.end);
    const content = text.replace(/ +$/, '');
    const trailingSpaces = item.face.advance(32) * item.style.size * (text.length - content.length);
    segment.trailing = content === '' ? segment.trailing + trailingSpaces : trailingSpaces;
  } else if (item.kind !== 'break') {
    segment.trailing = 0;
  }
}

function nextTabStop(position: number): number {
  return (Math.floor(position / TAB_STOP + EPSILON) + 1) * TAB_STOP;
}

class LineFiller {
  private readonly lines: Line[] = [];
  private slices: Slice[] = [];
  private x = 0;
  private readonly items: readonly InlineItem[];
  private readonly slotOf: (line: number) => LineSlot;
  private readonly metrics: EmptyLineMetrics;

  constructor(items: readonly InlineItem[], slotOf: (line: number) => LineSlot, metrics: EmptyLineMetrics) {
    this.items = items;
    this.slotOf = slotOf;
    this.metrics = metrics;
  }

  fill(segments: readonly Segment[]): Line[] {
    for (const segment of segments) {
      if (this.slices.length > 0 && this.x + this.contentWidth(segment) > this.slot().width + EPSILON) this.close(false, false);
      if (this.slices.length === 0 && this.contentWidth(segment) > this.slot().width + EPSILON) {
        const chunks = this.cutToWidth(segment);
        chunks.slice(0, -1).forEach((chunk) => {
          this.add(chunk);
          this.close(false, false);
        });
        this.add(chunks[chunks.length - 1] as Segment);
      } else {
        this.add(segment);
      }
      if (segment.required) this.close(true, segment.pageBreak);
    }
    if (this.slices.length > 0 || this.lines.length === 0) this.close(true, false);
    return this.lines;
  }

  private slot(): LineSlot {
    return this.slotOf(this.lines.length);
  }

  /** The segment's width if added now, without its trailing spaces (tabs measured from here). */
  private contentWidth(segment: Segment): number {
    if (!segment.hasTab) return segment.width - segment.trailing;
    let x = this.x;
    for (const slice of segment.slices) x += this.widthAt(slice, x);
    return x - this.x - segment.trailing;
  }

  private widthAt(slice: Slice, x: number): number {
    if ((this.items[slice.item] as InlineItem).kind !== 'tab') return slice.width;
    const left = this.slot().left;
    return nextTabStop(left + x) - (left + x);
  }

  private add(segment: Segment): void {
    for (const slice of segment.slices) {
      const width = this.widthAt(slice, this.x);
      this.slices.push({ ...slice, width });
      this.x += width;
    }
  }

  /** A word too wide for a line, cut between characters into pieces that fit. */
  private cutToWidth(segment: Segment): Segment[] {
    const width = this.slot().width;
    const chunks: Segment[] = [];
    let chunk = emptySegment();
    let used = 0;
    for (const slice of segment.slices) {
      const item = this.items[slice.item] as InlineItem;
      if (item.kind !== 'text') {
        if (used + slice.width > width && chunk.slices.length > 0) {
          chunks.push(chunk);
          chunk = emptySegment();
          used = 0;
        }
        addSlice(chunk, this.items, slice);
        used += slice.width;
        continue;
      }
      let start = slice.start;
      let position = slice.start;
      while (position < slice.end) {
        const code = item.text.codePointAt(position) as number;
        const next = position + (code > 0xffff ? 2 : 1);
        const advance = item.face.advance(code) * item.style.size;
        if (used + advance > width && (chunk.slices.length > 0 || position > start)) {
          if (position > start) addSlice(chunk, this.items, { item: slice.item, start, end: position, width: sliceWidth(item, start, position) });
          chunks.push(chunk);
          chunk = emptySegment();
          used = 0;
          start = position;
        }
        used += advance;
        position = next;
      }
      if (slice.end > start) addSlice(chunk, this.items, { item: slice.item, start, end: slice.end, width: sliceWidth(item, start, slice.end) });
    }
    chunks.push(chunk);
    return chunks;
  }

  private close(ragged: boolean, pageBreakAfter: boolean): void {
    const slot = this.slot();
    const changeIds = new Set<string>();
    const moves = new Map<string, MoveAnchor>();
    const footnotes: Footnote[] = [];
    let ascent = 0;
    let descent = 0;
    for (const slice of this.slices) {
      const item = this.items[slice.item] as InlineItem;
      if (item.changeId !== undefined) changeIds.add(item.changeId);
      if ((item.kind === 'text' || item.kind === 'box') && item.moveEnd !== undefined && item.changeId !== undefined)
        moves.set(`${item.changeId}:${item.moveEnd}`, { changeId: item.changeId, end: item.moveEnd });
      if (item.kind === 'text') {
        if (item.footnote && slice.start === 0) footnotes.push(item.footnote);
        ascent = Math.max(ascent, item.style.size * ASCENT + item.style.rise);
        descent = Math.max(descent, item.style.size * DESCENT - item.style.rise);
      } else if (item.kind === 'box') {
        ascent = Math.max(ascent, item.height);
      }
    }
    const trimmed = trimTrailingSpaces(this.slices, this.items);
    const placed = this.placeSlices(trimmed);
    const lastSlice = this.slices[this.slices.length - 1];
    const lastItem = lastSlice && this.items[lastSlice.item];
    const brokenAtSpace = !ragged && lastSlice !== undefined && lastItem?.kind === 'text' && / $/.test(lastItem.text.slice(lastSlice.start, lastSlice.end));
    const last = placed[placed.length - 1];
    this.lines.push({
      slot,
      placed,
      width: last ? last.x + last.width : 0,
      ascent: ascent > 0 ? ascent : this.metrics.ascent,
      descent: ascent > 0 ? Math.max(descent, 0) : this.metrics.descent,
      changeIds: [...changeIds],
      moves: [...moves.values()],
      footnotes,
      ragged,
      pageBreakAfter,
      brokenAtSpace,
    });
    this.slices = [];
    this.x = 0;
  }

  /** Consecutive slices of one item become one piece; tabs and breaks only move the pen. */
  private placeSlices(slices: readonly Slice[]): Placed[] {
    const placed: Placed[] = [];
    let x = 0;
    let i = 0;
    while (i < slices.length) {
      const slice = slices[i] as Slice;
      const item = this.items[slice.item] as InlineItem;
      if (item.kind === 'text') {
        let end = slice.end;
        let width = slice.width;
        while (i + 1 < slices.length && slices[i + 1]?.item === slice.item && slices[i + 1]?.start === end) {
          i++;
          end = (slices[i] as Slice).end;
          width += (slices[i] as Slice).width;
        }
        const text = item.text.slice(slice.start, end);
        if (text !== '') placed.push({ kind: 'text', item, text, x, width, spaces: countSpaces(text) });
        x += width;
      } else if (item.kind === 'box') {
        placed.push({ kind: 'box', item, x, width: slice.width });
        x += slice.width;
      } else {
        x += slice.width;
      }
      i++;
    }
    return placed;
  }
}

/** Drops the spaces at the end of a line: they take no room and are never underlined. */
function trimTrailingSpaces(slices: readonly Slice[], items: readonly InlineItem[]): Slice[] {
  const out = [...slices];
  while (out.length > 0) {
    const last = out[out.length - 1] as Slice;
    const item = items[last.item] as InlineItem;
    if (item.kind === 'break') {
      out.pop();
      continue;
    }
    if (item.kind !== 'text') break;
    const text = item.text.slice(last.start, last.end);
    const content = text.replace(/ +$/, '');
    if (content === text) break;
    if (content === '') {
      out.pop();
      continue;
    }
    const end = last.start + content.length;
    out[out.length - 1] = { ...last, end, width: sliceWidth(item, last.start, end) };
    break;
  }
  return out;
}

function countSpaces(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) count++;
  return count;
}
