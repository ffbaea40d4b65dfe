/**
 * A line of a paragraph as a flow item, and the drawing of its pieces: text with its highlight,
 * underlines and strike-throughs, pictures and labelled boxes, link areas. Alignment happens
 * here: centred and right-aligned lines are shifted, justified ones get extra space after each
 * U+0020 (never on the paragraph's last line or before a line break). A line with right-to-left
 * text is drawn in visual order (see `bidi.ts`), and a right-to-left paragraph is mirrored: it
 * starts at the right, its label on the right, `left` alignment meaning its start.
 */
import type { ParagraphLayout } from '../../model/document.js';
import { type Direction, hasRightToLeft, mirrored, visualSpans } from './bidi.js';
import type { Canvas } from './canvas.js';
import { GREY, type Rgb } from './colour.js';
import type { ChangeBar, FlowItem, HeadingEntry } from './flow.js';
import { ASCENT, DESCENT, type DrawnGlyph } from './fonts.js';
import type { Footnote } from './inline-items.js';
import type { Line, Placed } from './line-breaker.js';
import type { StructElement } from './structure.js';

export interface LineOptions {
  readonly align: NonNullable<ParagraphLayout['align']>;
  /** The clause label, drawn on the first line at its own position. */
  readonly label?: readonly Placed[];
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly pageBreakBefore: boolean;
  readonly heading?: HeadingEntry;
  /** Change ids the line carries besides its pieces' (a changed mark, a label inserted with its paragraph). */
  readonly extraChangeIds?: readonly string[];
  /** Changes placed on the line without a bar (a renumbered label). */
  readonly quietChangeIds?: readonly string[];
  /** The paragraph's direction (default left to right). */
  readonly direction?: Direction;
  /** The width of the column the paragraph is set in (where a right-to-left line is mirrored). */
  readonly columnWidth?: number;
  /** The structure element the line's text is content of, and the label's (`Lbl`). */
  readonly element?: StructElement;
  readonly labelElement?: StructElement;
}

/** A piece (or part of one) in visual order, with the glyphs that draw it. */
interface VisualPiece {
  readonly piece: Placed;
  readonly width: number;
  readonly glyphs?: readonly DrawnGlyph[];
  readonly text?: string;
}

export class LineItem implements FlowItem {
  readonly height: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly pageBreakBefore: boolean;
  readonly pageBreakAfter: boolean;
  readonly footnotes: readonly Footnote[];
  readonly bars: readonly ChangeBar[];
  readonly heading?: HeadingEntry;
  private readonly line: Line;
  private readonly align: LineOptions['align'];
  private readonly label: readonly Placed[];
  private readonly ascent: number;
  private readonly direction: Direction;
  private readonly columnWidth: number;
  /** Set when the line needs the bidirectional algorithm. */
  private readonly visual?: readonly VisualPiece[];
  private readonly element: StructElement | undefined;
  private readonly labelElement: StructElement | undefined;

  constructor(line: Line, options: LineOptions) {
    this.line = line;
    this.align = options.align;
    this.label = options.label ?? [];
    this.ascent = Math.max(line.ascent, ...this.label.map((p) => pieceAscent(p)));
    const descent = Math.max(line.descent, ...this.label.map((p) => (p.kind === 'text' ? p.item.style.size * DESCENT : 0)));
    this.height = this.ascent + descent;
    this.spaceBefore = options.spaceBefore;
    this.spaceAfter = options.spaceAfter;
    this.keepWithNext = options.keepWithNext;
    this.pageBreakBefore = options.pageBreakBefore;
    this.pageBreakAfter = line.pageBreakAfter;
    this.footnotes = line.footnotes;
    const changeIds = [...new Set([...(options.extraChangeIds ?? []), ...line.changeIds])];
    const quiet = options.quietChangeIds ?? [];
    this.bars = [
      ...(changeIds.length === 0 ? [] : [{ top: 0, bottom: this.height, changeIds, ...(line.moves.length > 0 && { moves: line.moves }) }]),
      ...(quiet.length === 0 ? [] : [{ top: 0, bottom: this.height, changeIds: quiet, quiet: true }]),
    ];
    if (options.heading) this.heading = options.heading;
    this.direction = options.direction ?? 'ltr';
    this.element = options.element;
    this.labelElement = options.labelElement ?? options.element;
    this.columnWidth = options.columnWidth ?? line.slot.left + line.slot.width;
    if (this.direction === 'rtl' || line.placed.some((p) => p.kind === 'text' && hasRightToLeft(p.text))) this.visual = visualPieces(line.placed, this.direction);
  }

  draw(canvas: Canvas, left: number, top: number): void {
    canvas.tagged(this.element, () => this.drawLine(canvas, left, top));
  }

  private drawLine(canvas: Canvas, left: number, top: number): void {
    if (this.visual) {
      this.drawVisual(canvas, left, top + this.ascent, this.visual);
      return;
    }
    const baseline = top + this.ascent;
    canvas.tagged(this.labelElement, () => {
      for (const piece of this.label) drawPiece(canvas, piece, left + piece.x, baseline, 0);
    });
    const line = this.line;
    const free = line.slot.width - line.width;
    const spaces = line.placed.reduce((n, p) => n + (p.kind === 'text' ? p.spaces : 0), 0);
    let offset = 0;
    let wordSpacing = 0;
    if (this.align === 'center') offset = free / 2;
    else if (this.align === 'right') offset = free;
    else if (this.align === 'both' && !line.ragged && spaces > 0 && free > 0) wordSpacing = free / spaces;
    let spacesBefore = 0;
    for (const piece of line.placed) {
      drawPiece(canvas, piece, left + line.slot.left + offset + piece.x + spacesBefore * wordSpacing, baseline, wordSpacing);
      if (piece.kind === 'text') spacesBefore += piece.spaces;
    }
    this.drawBreakSpace(canvas, left + line.slot.left + offset + line.width + spacesBefore * wordSpacing, baseline);
  }

  /**
   * The space the line was broken at, drawn after its last word: it takes no room on the page,
   * but without it a screen reader or a copy would run the line's last word into the next line's
   * first ("shallimplement").
   */
  private drawBreakSpace(canvas: Canvas, x: number, baseline: number): void {
    if (!this.line.brokenAtSpace) return;
    const last = [...this.line.placed].reverse().find((p) => p.kind === 'text');
    if (last?.kind !== 'text') return;
    canvas.tagged(last.item.tag, () => canvas.text(last.item.face, last.item.style.size, x, baseline - last.item.style.rise, ' ', last.item.style.colour));
  }

  /** Pieces in visual order, placed from the line's start edge: never justified. */
  private drawVisual(canvas: Canvas, left: number, baseline: number, pieces: readonly VisualPiece[]): void {
    const slot = this.line.slot;
    const total = pieces.reduce((sum, p) => sum + p.width, 0);
    const free = slot.width - total;
    const shift = this.align === 'center' ? free / 2 : this.align === 'right' ? free : 0;
    const rtl = this.direction === 'rtl';
    canvas.tagged(this.labelElement, () => {
      for (const piece of this.label) drawPiece(canvas, piece, left + (rtl ? this.columnWidth - piece.x - piece.width : piece.x), baseline, 0);
    });
    let x = rtl ? left + this.columnWidth - slot.left - total - shift : left + slot.left + shift;
    for (const visual of pieces) {
      const piece = visual.piece;
      const start = x;
      canvas.tagged(piece.item.tag, () => {
        if (piece.kind === 'box') drawBox(canvas, piece, start, baseline);
        else drawText(canvas, piece, start, visual.width, baseline, 0, visual.text ?? piece.text, visual.glyphs);
      });
      x += visual.width;
    }
    if (this.line.brokenAtSpace) this.drawBreakSpace(canvas, rtl ? left + this.columnWidth - slot.left - total - shift - 1 : x, baseline);
  }
}

/** The line's pieces cut into spans of one direction, in the order they are drawn. */
function visualPieces(placed: readonly Placed[], direction: Direction): VisualPiece[] {
  const starts: number[] = [];
  let text = '';
  for (const piece of placed) {
    starts.push(text.length);
    text += piece.kind === 'text' ? piece.text : '\ufffc';
  }
  const out: VisualPiece[] = [];
  for (const span of visualSpans(text, direction)) {
    const parts: VisualPiece[] = [];
    placed.forEach((piece, i) => {
      const start = starts[i] as number;
      const end = i + 1 < placed.length ? (starts[i + 1] as number) : text.length;
      const from = Math.max(start, span.start);
      const to = Math.min(end, span.end);
      if (from >= to) return;
      if (piece.kind === 'box') {
        parts.push({ piece, width: piece.width });
        return;
      }
      const part = piece.text.slice(from - start, to - start);
      const glyphs = piece.item.face.glyphs(span.rtl ? mirrored(part) : part, span.rtl);
      const width = (glyphs.reduce((sum, glyph) => sum + glyph.xAdvance, 0) / piece.item.face.unitsPerEm) * piece.item.style.size;
      parts.push({ piece, width, glyphs, text: part });
    });
    out.push(...(span.rtl ? parts.reverse() : parts));
  }
  return out;
}

function pieceAscent(piece: Placed): number {
  return piece.kind === 'text' ? piece.item.style.size * ASCENT + piece.item.style.rise : piece.item.height;
}

/** Draws a placed piece with its left edge at `x` on `baseline`. */
function drawPiece(canvas: Canvas, piece: Placed, x: number, baseline: number, wordSpacing: number): void {
  canvas.tagged(piece.item.tag, () => drawUntagged(canvas, piece, x, baseline, wordSpacing));
}

function drawUntagged(canvas: Canvas, piece: Placed, x: number, baseline: number, wordSpacing: number): void {
  if (piece.kind === 'box') {
    drawBox(canvas, piece, x, baseline);
    return;
  }
  drawText(canvas, piece, x, piece.width + piece.spaces * wordSpacing, baseline, wordSpacing, piece.text);
}

/** Text with its highlight, decorations and link area; `glyphs` when shaped or reordered. */
function drawText(canvas: Canvas, piece: Placed & { kind: 'text' }, x: number, width: number, baseline: number, wordSpacing: number, text: string, glyphs?: readonly DrawnGlyph[]): void {
  const style = piece.item.style;
  const shifted = baseline - style.rise;
  const top = shifted - style.size * ASCENT;
  const height = style.size * (ASCENT + DESCENT);
  if (style.highlight) canvas.fill(x, top, width, height, style.highlight);
  canvas.text(piece.item.face, style.size, x, shifted, text, style.colour, wordSpacing, glyphs);
  decorate(canvas, x, width, shifted, style.size, style.underline, style.strike, style.colour);
  if (style.link !== undefined) canvas.link(x, top, width, height, { kind: 'uri', uri: style.link });
}

function drawBox(canvas: Canvas, piece: Placed & { kind: 'box' }, x: number, baseline: number): void {
  const item = piece.item;
  const top = baseline - item.height;
  if (item.image) {
    canvas.image(item.image, x, top, item.width, item.height);
  } else {
    canvas.frame(x, top, item.width, item.height, GREY, 0.5);
    if (item.label) {
      const textWidth = item.label.face.width(item.label.text, item.label.size);
      canvas.text(item.label.face, item.label.size, x + (item.width - textWidth) / 2, baseline - (item.height - item.label.size * 0.7) / 2, item.label.text, item.style.colour);
    }
  }
  const style = item.style;
  if (style.underline > 0) decorate(canvas, x, item.width, baseline, style.size, style.underline, 0, style.colour);
  if (style.strike > 0) {
    const thickness = Math.max(0.75, style.size * 0.06);
    canvas.fill(x, top + item.height / 2 - thickness / 2, item.width, thickness, style.colour);
  }
}

/** Underlines below the baseline and strike-throughs at mid x-height, as thin filled bars. */
function decorate(canvas: Canvas, x: number, width: number, baseline: number, size: number, underline: number, strike: number, colour: Rgb): void {
  if (width <= 0) return;
  const thickness = Math.max(0.5, size * 0.055);
  for (let i = 0; i < underline; i++) canvas.fill(x, baseline + size * 0.11 + i * thickness * 2.4, width, thickness, colour);
  for (let i = 0; i < strike; i++) canvas.fill(x, baseline - size * 0.3 + (strike === 2 ? (i - 0.5) * thickness * 2.4 : 0), width, thickness, colour);
}
