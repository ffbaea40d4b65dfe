/**
 * Access to what lives outside the repository: the shared corpus (`../shared/corpus`) and the
 * LibreOffice oracle (`../shared/tools/lo-redline`). Without them the tests that need them skip
 * with a visible notice; with CI=true they are mandatory and a missing one fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = resolve(__dirname, '../../../shared');
export const CORPUS = resolve(SHARED, 'corpus/wmlcomparer');
export const LO_REDLINE = resolve(SHARED, 'tools/lo-redline');
export const IS_CI = process.env.CI === 'true';

export function hasCorpus(): boolean {
  return existsSync(resolve(CORPUS, 'manifest.json'));
}

let libreOffice: boolean | undefined;
export function hasLibreOffice(): boolean {
  if (libreOffice === undefined) {
    // lo-redline runs under /usr/bin/python3 (Debian's, which has the `uno` bridge).
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    libreOffice = existsSync(LO_REDLINE) && spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 && spawnSync(python, ['-c', 'import uno'], { encoding: 'utf8' }).status === 0;
  }
  return libreOffice;
}

/**
 * Whether a test that needs `what` can run. Without it: a visible notice (skip) locally, a failure
 * in CI.
 */
export function requireOrSkip(what: string, available: boolean): boolean {
  if (available) return true;
  if (IS_CI) throw new Error(`${what} is required when CI=true but is not available`);
  process.stderr.write(`\n[notice] skipping tests that need ${what} (not available here; CI=true makes them mandatory)\n`);
  return false;
}

export function runLoRedline(args: readonly string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(LO_REDLINE, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 30 * 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
