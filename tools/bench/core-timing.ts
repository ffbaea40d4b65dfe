/**
 * Times the diff core on one pair of DOCX files, in a process of its own (run by the bench): the
 * first comparison, which pays for V8 compiling the code (what one `redline compare` pays), and
 * the median of the runs after it, once V8 has optimised it. A process per pair keeps each figure
 * clear of what ran before it: earlier pairs warming the code, the generator's garbage.
 *
 * Usage: `node core-timing.js OLD.docx NEW.docx`; prints `{"firstMs":…,"warmMs":…,"changes":…}`.
 */
import { readFileSync } from 'node:fs';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';

/** Enough runs for the median to be the steady state: V8 is still optimising during the first few. */
const WARM_RUNS = 20;

export interface CoreTiming {
  readonly firstMs: number;
  readonly warmMs: number;
  readonly changes: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeDiffCore(oldPath: string, newPath: string): CoreTiming {
  const old = fromDocx(readFileSync(oldPath), oldPath).document;
  const neu = fromDocx(readFileSync(newPath), newPath).document;
  const runs: number[] = [];
  let changes = 0;
  for (let i = 0; i <= WARM_RUNS; i++) {
    const start = performance.now();
    changes = compareDocuments(old, neu).changes.length;
    runs.push(performance.now() - start);
  }
  return { firstMs: runs[0] as number, warmMs: median(runs.slice(1)), changes };
}

const [oldPath, newPath] = process.argv.slice(2);
if (oldPath === undefined || newPath === undefined) {
  process.stderr.write('usage: core-timing OLD.docx NEW.docx\n');
  process.exitCode = 2;
} else {
  process.stdout.write(`${JSON.stringify(timeDiffCore(oldPath, newPath))}\n`);
}
