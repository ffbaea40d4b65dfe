/**
 * Each class of hostile or extreme input (issue #15, and the Markdown and text items of #19),
 * run through the command line in a child process with a 1 GB heap (`--max-old-space-size`) and
 * a time limit: it must end with a documented exit code, one line per message, no stack trace,
 * and touch nothing outside its output folder. The large cases (a 100 MB document.xml, a 50 MB
 * line, a million lines, 10⁵ table rows) run in CI and with REDLINE_LARGE_TESTS=1.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BoundedRunResult, runBounded } from '../../tools/fuzz/bounded-run.js';
import { buildPackage, para } from '../../tools/fuzz/docx-package.js';
import { EXTREME_CASES, GUARDED_FILES } from '../../tools/fuzz/extremes.js';
import { IS_CI } from '../helpers/shared.js';

const root = mkdtempSync(join(tmpdir(), 'redline-extremes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const LARGE = IS_CI || process.env.REDLINE_LARGE_TESTS === '1';
if (!LARGE) process.stderr.write('\n[notice] skipping the large extreme inputs (CI=true or REDLINE_LARGE_TESTS=1 runs them)\n');

function expectWellBehaved(result: BoundedRunResult, accept: readonly number[]): void {
  expect(result.timedOut, 'timed out').toBe(false);
  expect(accept, `exit ${result.status} ${result.signal ?? ''}: ${result.stderr.slice(0, 300)}`).toContain(result.status);
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  for (const line of lines) expect(line).toMatch(/^(redline|warning): /);
  expect(lines.filter((l) => l.startsWith('redline: ')).length).toBeLessThanOrEqual(1);
  expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
  // The heap is capped at 1 GB; buffers (zip bytes, inflated parts) come on top.
  expect(result.peakMiB).toBeLessThan(1536);
}

describe('every class of extreme input ends cleanly under a 1 GB heap', () => {
  for (const c of EXTREME_CASES) {
    it.skipIf(c.large === true && !LARGE)(
      `${c.group}: ${c.id}`,
      async () => {
        const dir = join(root, c.id);
        mkdirSync(dir);
        const result = await runBounded(c.prepare(dir), { heapMiB: 1024, timeoutMs: c.large ? 600_000 : 120_000 });
        expectWellBehaved(result, c.accept);
        for (const guarded of GUARDED_FILES[c.id] ?? []) expect(existsSync(join(dir, guarded)), `${guarded} must survive`).toBe(true);
        if (c.id === 'release-symlink-document-folder') expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
      },
      900_000,
    );
  }
});

/** A tmpfs of `size`, read-only or not, when this process may mount one (root, as in CI). */
function tmpfs(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('output locations that cannot take the output', () => {
  const good = join(root, 'locations');
  mkdirSync(good, { recursive: true });
  const old = join(good, 'old.docx');
  const neu = join(good, 'new.docx');
  writeFileSync(old, buildPackage({ body: para('The old text.') }));
  // Words that do not compress, so that the outputs cannot fit on a 64 KiB disk.
  writeFileSync(neu, buildPackage({ body: para(`The new text. ${randomBytes(200_000).toString('hex')}`) }, 0));

  for (const [name, options, accept] of [
    ['a read-only file system', 'ro,size=1m', [2]],
    ['a full disk', 'size=64k', [2]],
  ] as const) {
    it(`compare onto ${name}: exit 2, one line, no partial file`, async () => {
      const mount = join(root, name.replace(/\W+/g, '-'));
      if (!tmpfs(mount, options)) {
        process.stderr.write(`\n[notice] skipping '${name}': cannot mount a tmpfs here (needs root)\n`);
        return;
      }
      try {
        const result = await runBounded(['compare', old, neu, '-o', join(mount, 'out', 'redline.docx'), '-o', join(mount, 'out', 'changes.json')]);
        expectWellBehaved(result, accept);
        expect(result.stderr).toMatch(/^redline: .*(read-only|no space|cannot)/m);
        const left = existsSync(join(mount, 'out')) ? readdirSync(join(mount, 'out')) : [];
        expect(left).toEqual([]);
      } finally {
        execFileSync('umount', [mount]);
      }
    }, 120_000);
  }

  it('a release onto a full disk: the document fails alone (exit 5) or the run stops (exit 2), no partial file', async () => {
    const mount = join(root, 'full-release');
    if (!tmpfs(mount, 'size=64k')) return;
    try {
      const manifest = join(good, 'release.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          release: { id: 'R', title: 'R', effectiveDate: '2026-01-01' },
          sources: [],
          documents: [{ id: 'doc', title: 'D', previous: { version: '1', file: 'old.docx' }, new: { version: '2', file: 'new.docx' } }],
          outputs: ['redline-docx', 'clean-docx'],
        }),
      );
      const result = await runBounded(['release', manifest, '-o', join(mount, 'out'), '-q']);
      expectWellBehaved(result, [2, 5]);
      const files = existsSync(join(mount, 'out', 'doc')) ? readdirSync(join(mount, 'out', 'doc')) : [];
      expect(files.filter((f) => f.includes('redline-tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [mount]);
    }
  }, 120_000);
});
