/**
 * The running header (title on the left, subtitle on the right, a rule below) and footer
 * (`page N of M`, N being the page's number in the whole document) of every page. Neither the
 * title nor the subtitle is ever cut: when they do not fit side by side they are set smaller,
 * then one above the other, then wrapped, growing up into the top margin.
 */
import type { Canvas } from './canvas.js';
import { GREY, type Rgb } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import { FOOTER_ARTIFACT, HEADER_ARTIFACT } from './structure.js';
import type { PlainStyle, TextPainter } from './text-painter.js';

export interface RunningHeads {
  readonly title: string;
  readonly subtitle?: string;
}

const INK: Rgb = [0.25, 0.25, 0.25];
const TITLE: PlainStyle = { family: 'sans', variant: 'bold', size: 8.5, colour: INK };
const SUBTITLE: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: INK };
const FOOTER: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: INK };
/** Heads are set down to this size before they are stacked. */
const MIN_SIZE = 7;
const GAP = 12;
/** At most this many header lines, so that the top one stays on the page. */
const MAX_LINES = 4;

interface HeadLine {
  readonly text: string;
  readonly style: PlainStyle;
  readonly align: 'left' | 'right';
}

export function drawRunningHeads(canvas: Canvas, painter: TextPainter, geometry: PageGeometry, heads: RunningHeads, page: number, pages: number): void {
  const left = geometry.marginLeft;
  const right = geometry.width - geometry.marginRight;
  const lines = headLines(painter, geometry.textWidth, heads);
  canvas.asArtifact(HEADER_ARTIFACT, () => {
    // The last line sits on the header baseline, the others above it.
    lines.forEach((line, i) => {
      const baseline = geometry.headerBaseline - (lines.length - 1 - i) * (line.style.size + 1.5);
      if (line.align === 'right') painter.drawRight(canvas, line.text, right, baseline, line.style);
      else painter.draw(canvas, line.text, left, baseline, line.style);
    });
    canvas.line(left, geometry.headerBaseline + 5, right, geometry.headerBaseline + 5, GREY, 0.4);
  });
  canvas.asArtifact(FOOTER_ARTIFACT, () => painter.drawCentred(canvas, `page ${page} of ${pages}`, left + geometry.textWidth / 2, geometry.footerBaseline, FOOTER));
}

/** The header's lines: side by side if they fit (at a smaller size if need be), else stacked and wrapped. */
export function headLines(painter: TextPainter, width: number, heads: RunningHeads): HeadLine[] {
  const subtitle = heads.subtitle ?? '';
  for (let size = TITLE.size; size >= MIN_SIZE; size -= 0.5) {
    const title = { ...TITLE, size };
    const sub = { ...SUBTITLE, size };
    const used = painter.width(heads.title, title) + (subtitle === '' ? 0 : GAP + painter.width(subtitle, sub));
    if (used <= width) return [{ text: heads.title, style: title, align: 'left' }, ...(subtitle === '' ? [] : [{ text: subtitle, style: sub, align: 'right' as const }])];
  }
  const title = { ...TITLE, size: MIN_SIZE };
  const sub = { ...SUBTITLE, size: MIN_SIZE };
  const lines: HeadLine[] = [
    ...painter.wrap(heads.title, width, title).map((text) => ({ text, style: title, align: 'left' as const })),
    ...(subtitle === '' ? [] : painter.wrap(subtitle, width, sub).map((text) => ({ text, style: sub, align: 'left' as const }))),
  ];
  if (lines.length <= MAX_LINES) return lines;
  // Past four lines the text is set smaller still rather than run off the page.
  const smaller = { ...title, size: 5.5 };
  const smallerSub = { ...sub, size: 5.5 };
  return [
    ...painter.wrap(heads.title, width, smaller).map((text) => ({ text, style: smaller, align: 'left' as const })),
    ...(subtitle === '' ? [] : painter.wrap(subtitle, width, smallerSub).map((text) => ({ text, style: smallerSub, align: 'left' as const }))),
  ];
}
