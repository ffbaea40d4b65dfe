/**
 * Which characters of one version are the same characters in another: for each paragraph, runs
 * of offsets `[start, end)` that map onto a paragraph of the other version. Offsets count atoms as
 * one character, as the diff core's tokens do.
 */
import type { Paragraph } from '../model/document.js';

export interface MappedRange {
  readonly paragraph: Paragraph;
  readonly start: number;
  readonly end: number;
}

interface Run {
  readonly start: number;
  readonly end: number;
  readonly target: Paragraph;
  readonly targetStart: number;
}

export class CharMap {
  private readonly runs = new Map<Paragraph, Run[]>();

  add(from: Paragraph, start: number, end: number, to: Paragraph, toStart: number): void {
    if (end <= start) return;
    let list = this.runs.get(from);
    if (!list) {
      list = [];
      this.runs.set(from, list);
    }
    const last = list[list.length - 1];
    if (last && last.end === start && last.target === to && last.targetStart + (last.end - last.start) === toStart) {
      list[list.length - 1] = { ...last, end };
    } else {
      list.push({ start, end, target: to, targetStart: toStart });
    }
  }

  /** The parts of `[start, end)` of `paragraph` that map, as ranges of the other version. */
  map(paragraph: Paragraph, start: number, end: number): MappedRange[] {
    const out: MappedRange[] = [];
    for (const run of this.runs.get(paragraph) ?? []) {
      const from = Math.max(start, run.start);
      const to = Math.min(end, run.end);
      if (from < to) out.push({ paragraph: run.target, start: run.targetStart + from - run.start, end: run.targetStart + to - run.start });
    }
    return out;
  }

  /** How many characters of `[start, end)` map. */
  mappedLength(paragraph: Paragraph, start: number, end: number): number {
    return this.map(paragraph, start, end).reduce((n, r) => n + r.end - r.start, 0);
  }

  /** The paragraph of the other version that most characters of `paragraph` map to. */
  mainTarget(paragraph: Paragraph): Paragraph | undefined {
    const lengths = new Map<Paragraph, number>();
    for (const run of this.runs.get(paragraph) ?? []) lengths.set(run.target, (lengths.get(run.target) ?? 0) + run.end - run.start);
    let best: Paragraph | undefined;
    for (const [target, length] of lengths) if (best === undefined || length > (lengths.get(best) ?? 0)) best = target;
    return best;
  }

  /** The same correspondence, read the other way. */
  inverse(): CharMap {
    const out = new CharMap();
    for (const [from, list] of this.runs) for (const run of list) out.add(run.target, run.targetStart, run.targetStart + run.end - run.start, from, run.start);
    return out;
  }
}
