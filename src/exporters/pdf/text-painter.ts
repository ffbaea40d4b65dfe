/**
 * Single lines of text the exporter writes itself (running heads, the summary, change bar
 * labels): measured, truncated with an ellipsis to fit, and drawn with per-character font
 * fallback like the document's own text.
 */
import type { Canvas } from './canvas.js';
import type { Rgb } from './colour.js';
import type { FontFamily, FontLibrary, FontVariant } from './fonts.js';

export interface PlainStyle {
  readonly family: FontFamily;
  readonly variant: FontVariant;
  readonly size: number;
  readonly colour: Rgb;
}

export class TextPainter {
  private readonly fonts: FontLibrary;

  constructor(fonts: FontLibrary) {
    this.fonts = fonts;
  }

  width(text: string, style: PlainStyle): number {
    return this.fonts.runs(text, style.variant, style.family).reduce((sum, run) => sum + run.face.width(run.text, style.size), 0);
  }

  /** Draws `text` from `x` on `baseline`; returns the width drawn. */
  draw(canvas: Canvas, text: string, x: number, baseline: number, style: PlainStyle): number {
    let pen = x;
    for (const run of this.fonts.runs(text, style.variant, style.family)) {
      canvas.text(run.face, style.size, pen, baseline, run.text, style.colour);
      pen += run.face.width(run.text, style.size);
    }
    return pen - x;
  }

  drawRight(canvas: Canvas, text: string, right: number, baseline: number, style: PlainStyle): void {
    this.draw(canvas, text, right - this.width(text, style), baseline, style);
  }

  drawCentred(canvas: Canvas, text: string, centre: number, baseline: number, style: PlainStyle): void {
    this.draw(canvas, text, centre - this.width(text, style) / 2, baseline, style);
  }

  /** The text, cut and ended with `…` when wider than `maxWidth`. */
  fit(text: string, maxWidth: number, style: PlainStyle): string {
    if (this.width(text, style) <= maxWidth) return text;
    const chars = [...text];
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.width(`${chars.slice(0, middle).join('')}…`, style) <= maxWidth) low = middle;
      else high = middle - 1;
    }
    return low === 0 ? '' : `${chars.slice(0, low).join('').trimEnd()}…`;
  }
}
