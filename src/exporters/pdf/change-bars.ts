/**
 * Change bars: a vertical bar in the outer margin beside every changed line, labelled with the
 * ids of the sources that made the changes. Bars of neighbouring lines with the same sources are
 * drawn as one, labelled once.
 */

import { pushAll } from '../../util/arrays.js';
import type { BarPattern } from '../source-styles.js';
import type { Canvas } from './canvas.js';
import type { ChangePalette } from './change-palette.js';
import type { Rgb } from './colour.js';
import type { ChangeBar } from './flow.js';
import { outerMarginIsRight, type PageGeometry } from './page-geometry.js';
import type { TextPainter } from './text-painter.js';

const BAR_WIDTH = 1.6;
/** Between the text and the bar. */
const BAR_OFFSET = 9;
/** Lines closer than this (the space between paragraphs) share a bar. */
const JOIN_GAP = 9;
const LABEL_SIZE = 6.5;
/** Within this distance a second label of the same source would read as the same line's. */
const SAME_LINE = 16;

interface MergedBar {
  top: number;
  bottom: number;
  readonly labels: readonly string[];
  readonly changeIds: string[];
}

export function drawChangeBars(canvas: Canvas, bars: readonly ChangeBar[], pageNumber: number, geometry: PageGeometry, palette: ChangePalette, painter: TextPainter): void {
  const right = outerMarginIsRight(pageNumber);
  const x = right ? geometry.width - geometry.marginRight + BAR_OFFSET : geometry.marginLeft - BAR_OFFSET - BAR_WIDTH;
  const labels = new LabelPlacer();
  for (const bar of merge(bars, palette)) {
    const { colour, pattern } = palette.barStyle(bar.changeIds);
    drawBar(canvas, x, bar.top, bar.bottom, pattern, colour);
    const style = { family: 'sans', variant: 'regular', size: LABEL_SIZE, colour } as const;
    for (const label of bar.labels) {
      const baseline = labels.place(label, bar.top);
      if (baseline === undefined) continue;
      if (right) painter.draw(canvas, label, x + BAR_WIDTH + 3, baseline, style);
      else painter.drawRight(canvas, label, x - 3, baseline, style);
    }
  }
}

/** Dash and gap lengths (points) of each pattern, repeated down the bar; solid has none. */
const DASHES: Readonly<Record<BarPattern, readonly number[]>> = {
  solid: [],
  dashed: [4, 2],
  dotted: [BAR_WIDTH, BAR_WIDTH],
  'dash-dot': [4, 1.6, BAR_WIDTH, 1.6],
};

/** A vertical bar from `top` to `bottom` in a pattern: the second cue beside colour. */
export function drawBar(canvas: Canvas, x: number, top: number, bottom: number, pattern: BarPattern, colour: Rgb, width = BAR_WIDTH): void {
  const dashes = DASHES[pattern];
  if (dashes.length === 0) {
    canvas.fill(x, top, width, bottom - top, colour);
    return;
  }
  let y = top;
  for (let i = 0; y < bottom; i++) {
    const length = dashes[i % dashes.length] as number;
    if (i % 2 === 0) canvas.fill(x, y, width, Math.min(length, bottom - y), colour);
    y += length;
  }
}

/**
 * Where source labels go: each below the one before (never on top of it), and a source's label
 * left out when the same label already stands within a line's height above, so that bars of
 * neighbouring lines with overlapping sources read "MP2" once rather than "MP2 / MP2".
 */
export class LabelPlacer {
  private last = Number.NEGATIVE_INFINITY;
  private readonly seen = new Map<string, number>();

  /** The label's baseline, or undefined when it would repeat the same label on the same line. */
  place(label: string, top: number): number | undefined {
    const wanted = top + LABEL_SIZE;
    const previous = this.seen.get(label);
    if (previous !== undefined && wanted - previous < SAME_LINE) return undefined;
    const baseline = Math.max(wanted, this.last + LABEL_SIZE + 1);
    this.last = baseline;
    this.seen.set(label, baseline);
    return baseline;
  }
}

function merge(bars: readonly ChangeBar[], palette: ChangePalette): MergedBar[] {
  const sorted = [...bars].sort((a, b) => a.top - b.top || a.bottom - b.bottom);
  const merged: MergedBar[] = [];
  for (const bar of sorted) {
    const labels = palette.sourceLabels(bar.changeIds);
    const last = merged[merged.length - 1];
    if (last && bar.top - last.bottom <= JOIN_GAP && sameLabels(last.labels, labels)) {
      last.bottom = Math.max(last.bottom, bar.bottom);
      pushAll(last.changeIds, bar.changeIds);
    } else {
      merged.push({ top: bar.top, bottom: bar.bottom, labels, changeIds: [...bar.changeIds] });
    }
  }
  return merged;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}
