/**
 * Labels on characters of a version: which source edit deleted (in the old version) or inserted
 * (in the new version) each character. A changed piece of the redline reads its labels here.
 */
import type { Paragraph } from '../model/document.js';

export interface Label {
  readonly source: string;
  /** The source edit (an index into the attribution's list of source edits). */
  readonly edit: number;
}

interface LabelledRange {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
}

export interface LabelSegment {
  readonly start: number;
  readonly end: number;
  readonly labels: readonly Label[];
}

export class LabelMap {
  private readonly ranges = new Map<Paragraph, LabelledRange[]>();

  add(paragraph: Paragraph, start: number, end: number, label: Label): void {
    if (end <= start) return;
    let list = this.ranges.get(paragraph);
    if (!list) {
      list = [];
      this.ranges.set(paragraph, list);
    }
    list.push({ start, end, label });
  }

  /**
   * `[start, end)` cut where its labels change, each part with the labels covering all of it
   * (only those `keep` accepts, when given).
   */
  segments(paragraph: Paragraph, start: number, end: number, keep?: (label: Label) => boolean): LabelSegment[] {
    const overlapping = (this.ranges.get(paragraph) ?? []).filter((r) => r.start < end && r.end > start && (keep === undefined || keep(r.label)));
    if (overlapping.length === 0) return [{ start, end, labels: [] }];
    const cuts = new Set<number>([start, end]);
    for (const r of overlapping) {
      if (r.start > start) cuts.add(r.start);
      if (r.end < end) cuts.add(r.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out: LabelSegment[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i] as number;
      const to = points[i + 1] as number;
      const labels = overlapping.filter((r) => r.start <= from && r.end >= to).map((r) => r.label);
      const last = out[out.length - 1];
      if (last && sameLabels(last.labels, labels)) out[out.length - 1] = { ...last, end: to };
      else out.push({ start: from, end: to, labels });
    }
    return out;
  }

  /** The labels found anywhere in some ranges. */
  labelsIn(ranges: readonly { readonly paragraph: Paragraph; readonly start: number; readonly end: number }[]): Label[] {
    const out: Label[] = [];
    for (const range of ranges) for (const r of this.ranges.get(range.paragraph) ?? []) if (r.start < range.end && r.end > range.start) out.push(r.label);
    return out;
  }

  /** Every labelled range of a paragraph (for conflict detection). */
  rangesOf(paragraph: Paragraph): readonly LabelledRange[] {
    return this.ranges.get(paragraph) ?? [];
  }

  paragraphs(): IterableIterator<Paragraph> {
    return this.ranges.keys();
  }
}

function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((l, i) => l.source === b[i]?.source && l.edit === b[i]?.edit);
}

/** The distinct sources of some labels, in first-seen order. */
export function sourcesOf(labels: readonly Label[]): string[] {
  return [...new Set(labels.map((l) => l.source))];
}
