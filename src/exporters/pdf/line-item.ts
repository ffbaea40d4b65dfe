/**
 * A line of a paragraph as a flow item, and the drawing of its pieces: text with its highlight,
 * underlines and strike-throughs, pictures and labelled boxes, link areas. Alignment happens
 * here: centred and right-aligned lines are shifted, justified ones get extra space after each
 * U+0020 (never on the paragraph's last line or before a line break).
 */
import type { ParagraphLayout } from '../../model/document.js';
import type { Canvas } from './canvas.js';
import { GREY, type Rgb } from './colour.js';
import type { ChangeBar, FlowItem, HeadingEntry } from './flow.js';
import { ASCENT, DESCENT } from './fonts.js';
import type { Footnote } from './inline-items.js';
import type { Line, Placed } from './line-breaker.js';

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
  }

  draw(canvas: Canvas, left: number, top: number): void {
    const baseline = top + this.ascent;
    for (const piece of this.label) drawPiece(canvas, piece, left + piece.x, baseline, 0);
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
  }
}

function pieceAscent(piece: Placed): number {
  return piece.kind === 'text' ? piece.item.style.size * ASCENT + piece.item.style.rise : piece.item.height;
}

/** Draws a placed piece with its left edge at `x` on `baseline`. */
function drawPiece(canvas: Canvas, piece: Placed, x: number, baseline: number, wordSpacing: number): void {
  if (piece.kind === 'box') {
    drawBox(canvas, piece, x, baseline);
    return;
  }
  const style = piece.item.style;
  const width = piece.width + piece.spaces * wordSpacing;
  const shifted = baseline - style.rise;
  const top = shifted - style.size * ASCENT;
  const height = style.size * (ASCENT + DESCENT);
  if (style.highlight) canvas.fill(x, top, width, height, style.highlight);
  canvas.text(piece.item.face, style.size, x, shifted, piece.text, style.colour, wordSpacing);
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
