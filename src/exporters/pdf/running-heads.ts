/**
 * The running header (title on the left, subtitle on the right, a rule below) and footer
 * (`page N of M`, N being the page's number in the whole document) of every page.
 */
import type { Canvas } from './canvas.js';
import { GREY, type Rgb } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import type { PlainStyle, TextPainter } from './text-painter.js';

export interface RunningHeads {
  readonly title: string;
  readonly subtitle?: string;
}

const INK: Rgb = [0.25, 0.25, 0.25];
const TITLE: PlainStyle = { family: 'sans', variant: 'bold', size: 8.5, colour: INK };
const SUBTITLE: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: INK };
const FOOTER: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: INK };

export function drawRunningHeads(canvas: Canvas, painter: TextPainter, geometry: PageGeometry, heads: RunningHeads, page: number, pages: number): void {
  const left = geometry.marginLeft;
  const right = geometry.width - geometry.marginRight;
  const half = geometry.textWidth / 2 - 6;
  const subtitle = heads.subtitle === undefined ? '' : painter.fit(heads.subtitle, half, SUBTITLE);
  const titleRoom = geometry.textWidth - (subtitle === '' ? 0 : painter.width(subtitle, SUBTITLE) + 12);
  painter.draw(canvas, painter.fit(heads.title, titleRoom, TITLE), left, geometry.headerBaseline, TITLE);
  if (subtitle !== '') painter.drawRight(canvas, subtitle, right, geometry.headerBaseline, SUBTITLE);
  canvas.line(left, geometry.headerBaseline + 5, right, geometry.headerBaseline + 5, GREY, 0.4);
  painter.drawCentred(canvas, `page ${page} of ${pages}`, left + geometry.textWidth / 2, geometry.footerBaseline, FOOTER);
}
