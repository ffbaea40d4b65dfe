/**
 * The fuzz suite in CI: a few hundred generated hostile cases across compare, apply, convert,
 * verify, release and --merge-reports, each in a child process under a 1 GB heap and a time
 * limit; every one must exit with a documented code, print one line per message with no stack
 * trace, and write nothing outside its output folder. `npm run fuzz` runs longer campaigns.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../tools/fuzz/harness.js';

describe('fuzz suite', () => {
  it('240 generated hostile cases behave (seed 15)', async () => {
    const summary = await runFuzz({ seed: 15, cases: 240, jobs: 2, timeoutMs: 120_000 });
    const commands = new Set(summary.outcomes.map((o) => o.command));
    expect([...commands].sort()).toEqual(['apply', 'compare', 'convert', 'merge-reports', 'release', 'verify']);
    expect(summary.failures.map((f) => `${f.id} ${f.command} ${f.mutation}: ${f.failure}`)).toEqual([]);
  }, 1_800_000);
});
