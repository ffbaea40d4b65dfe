/**
 * Single lines of text the exporter writes itself (running heads, the summary, change bar
 * labels): measured, wrapped or cut to fit, and drawn with per-character font fallback like the
 * document's own text, right-to-left text in visual order.
 */
import { hasRightToLeft, mirrored, visualSpans } from './bidi.js';
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
    const spans = hasRightToLeft(text) ? visualSpans(text, 'ltr') : [{ start: 0, end: text.length, rtl: false }];
    for (const span of spans) {
      const part = text.slice(span.start, span.end);
      const runs = this.fonts.runs(span.rtl ? mirrored(part) : part, style.variant, style.family);
      for (const run of span.rtl ? runs.reverse() : runs) {
        const glyphs = span.rtl ? run.face.glyphs(run.text, true) : undefined;
        canvas.text(run.face, style.size, pen, baseline, run.text, style.colour, 0, glyphs);
        pen += run.face.width(run.text, style.size);
      }
    }
    return pen - x;
  }

  drawRight(canvas: Canvas, text: string, right: number, baseline: number, style: PlainStyle): void {
    this.draw(canvas, text, right - this.width(text, style), baseline, style);
  }

  drawCentred(canvas: Canvas, text: string, centre: number, baseline: number, style: PlainStyle): void {
    this.draw(canvas, text, centre - this.width(text, style) / 2, baseline, style);
  }

  /** The text, cut and ended with `…` when wider than `maxWidth` (for table cells, never for titles). */
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

  /** The text in lines no wider than `maxWidth`: broken at spaces, a word too long broken anywhere. */
  wrap(text: string, maxWidth: number, style: PlainStyle): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (this.width(candidate, style) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (this.width(line, style) > maxWidth && [...line].length > 1) {
        const chars = [...line];
        let take = chars.length - 1;
        while (take > 1 && this.width(chars.slice(0, take).join(''), style) > maxWidth) take--;
        lines.push(chars.slice(0, take).join(''));
        line = chars.slice(take).join('');
      }
    }
    if (line !== '' || lines.length === 0) lines.push(line);
    return lines;
  }
}
