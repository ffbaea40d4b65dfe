/** The release progress bar: documents in hand, and an ETA weighted by the documents' sizes. */
import { describe, expect, it, vi } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import type { DocumentResult } from '../../src/release/index.js';

const result = (id: string): DocumentResult => ({
  id,
  title: id,
  previousVersion: '1',
  newVersion: '2',
  conformed: false,
  status: 'ok',
  outputs: [],
  declaredSources: [],
  changes: 3,
  byKind: {},
  bySource: {},
  unattributed: 0,
});

describe('Progress', () => {
  it('weights the ETA by size: the large document done first does not make the small ones look slow', () => {
    vi.useFakeTimers({ now: 0 });
    const frames: string[] = [];
    const progress = new Progress((text) => frames.push(text), true);
    progress.start(
      [
        { id: 'big', size: 900 },
        { id: 'small-1', size: 50 },
        { id: 'small-2', size: 50 },
      ],
      [],
    );
    progress.started('big');
    vi.setSystemTime(90_000);
    progress.finished(result('big'), 90_000);
    // 900 of 1,000 bytes in 90 s: 10 s left (counting documents would say 180 s).
    expect(frames.at(-1)).toMatch(/1\/3 .* 1:30 elapsed, ETA 0:10$/);
    vi.useRealTimers();
  });

  it('shows only the documents a worker holds', () => {
    const frames: string[] = [];
    const progress = new Progress((text) => frames.push(text), true);
    progress.start(
      [
        { id: 'a', size: 1 },
        { id: 'b', size: 1 },
        { id: 'c', size: 1 },
      ],
      ['d'],
    );
    progress.started('a');
    progress.started('b');
    // Two workers: a's worker is free and takes c while a is still being recorded.
    progress.released('a');
    progress.started('c');
    expect(frames.at(-1)).toMatch(/\] 0\/3 {2}b, c {2}/);
    progress.finished(result('a'), 10);
    expect(frames[0]).toContain('skipped 1 unchanged document(s): d');
    expect(frames.at(-1)).toMatch(/\] 1\/3 {2}b, c {2}/);
  });

  it('writes plain lines, no bar, when not on a terminal', () => {
    const frames: string[] = [];
    const progress = new Progress((text) => frames.push(text), false);
    progress.start([{ id: 'a', size: 1 }], []);
    progress.started('a');
    progress.finished(result('a'), 1500);
    progress.end();
    expect(frames).toEqual(['[1/1] a: 3 change(s) (1.5 s)\n']);
  });
});
