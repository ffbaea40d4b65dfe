/**
 * The diff core's internal bounds keep every comparison near-linear; past one its result is
 * coarser, and it says so: each bound met is a diagnostic with its code and place, in the result,
 * the JSON and (as a warning) on the command line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { runCli, tempDir } from '../helpers/cli.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `count` words of a vocabulary of its own (`prefix`), deterministic. */
function words(prefix: string, count: number, seed: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${(i * 7919 + seed * 104729) % 9973}`);
}

/**
 * One numbered clause of 3,000 ideographs (one token each), drawn from the same 30 in an order of
 * its own (`seed`): every key repeats, so there is no anchor to split at, and two such clauses are
 * too far apart for Myers' budget. (Clauses with no key in common would be an exact replacement,
 * no bound met.)
 */
function rewritten(seed: number): string {
  let x = seed;
  const ideographs = Array.from({ length: 3000 }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return String.fromCodePoint(0x4e00 + ((x >> 16) % 30));
  });
  return `1. ${ideographs.join('')}\n`;
}

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => d.code).sort();

describe('the diff core reports the bounds it meets', () => {
  it('Myers giving up on a changed paragraph: diff/edit-length-limit, at its clause', async () => {
    const old = encode(rewritten(1));
    const neu = encode(rewritten(2));
    const { value, diagnostics } = await compare({ bytes: old, name: 'old.md' }, { bytes: neu, name: 'new.md' });
    expect(value.changes.length).toBeGreaterThan(0);
    const limit = diagnostics.find((d) => d.code === 'diff/edit-length-limit');
    expect(limit).toMatchObject({ severity: 'warning', location: { story: 'body' } });
    expect(limit?.location?.clausePath).toMatch(/^1/);
  });

  it('a large unmatched region: diff/dp-cell-limit and diff/similarity-pair-limit, once each with a count', async () => {
    // 600 paragraphs replaced by 600 unrelated ones: too many for the pairing DP and the move search.
    const paragraphs = (prefix: string): string => Array.from({ length: 600 }, (_, i) => `${words(prefix, 10, i).join(' ')}.`).join('\n\n');
    const { diagnostics } = await compare({ bytes: encode(paragraphs('alpha')), name: 'old.txt' }, { bytes: encode(paragraphs('omega')), name: 'new.txt' });
    expect(codes(diagnostics)).toEqual(['diff/dp-cell-limit', 'diff/similarity-pair-limit']);
    for (const d of diagnostics) expect(d).toMatchObject({ severity: 'warning', location: { story: 'body' }, count: 1 });
  });

  it('an ordinary comparison meets none', async () => {
    const { diagnostics } = await compare({ bytes: encode('Payment is due within 30 days.\n'), name: 'a.txt' }, { bytes: encode('Payment is due within 45 days.\n'), name: 'b.txt' });
    expect(diagnostics).toEqual([]);
  });

  it('reach the JSON and the command line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.md'), rewritten(1));
    writeFileSync(join(dir, 'new.md'), rewritten(2));
    const result = runCli(['compare', join(dir, 'old.md'), join(dir, 'new.md'), '-o', join(dir, 'changes.json')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: a long changed stretch .* \(body 1/m);
    const json = JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8')) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => d.code)).toContain('diff/edit-length-limit');
  });
});
