/**
 * `npm run fuzz -- --seed S --cases N [options]`: runs the fuzz suite and prints the counts per
 * command and mutation, and every failure. Exit 0 when no case failed.
 *
 *   --seed S           the first seed (default 1); the same seed gives the same cases
 *   --cases N          how many cases (default 200)
 *   --commands a,b     only these commands (compare, apply, convert, verify, release, merge-reports)
 *   --jobs J           cases run side by side (default 2)
 *   --timeout SEC      per case (default 60)
 *   --keep DIR         keep each failing case's command line and messages in DIR
 *   --lo-check [K]     load every DOCX written with exit 0, 4 or 5 in LibreOffice (a sample of
 *                      K, default all), through ../shared/tools/lo-redline or $LO_REDLINE
 *   --extremes         run the catalogue of extreme inputs instead (add --large for the big ones)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Random } from '../synthetic/random.js';
import { runBounded } from './bounded-run.js';
import { EXTREME_CASES } from './extremes.js';
import { COMMANDS, type FuzzCommand, runFuzz } from './harness.js';
import { loadInLibreOffice } from './libreoffice.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    cases: { type: 'string', default: '200' },
    commands: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    keep: { type: 'string' },
    'lo-check': { type: 'string' },
    extremes: { type: 'boolean' },
    large: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  allowPositionals: false,
});

const DEFAULT_LO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/tools/lo-redline');
const log = values.quiet ? undefined : (line: string): void => void process.stdout.write(`${line}\n`);

if (values.extremes) process.exitCode = await extremes();
else process.exitCode = await fuzz();

async function fuzz(): Promise<number> {
  const commands = values.commands?.split(',').map((c) => c.trim()) as FuzzCommand[] | undefined;
  for (const c of commands ?? []) if (!(COMMANDS as readonly string[]).includes(c)) throw new Error(`--commands: unknown command '${c}'`);
  const loCheck = values['lo-check'] !== undefined;
  const keepAll = loCheck ? mkdtempSync(join(tmpdir(), 'redline-fuzz-lo-')) : undefined;
  const written: string[] = [];
  const began = Date.now();
  const summary = await runFuzz({
    seed: Number(values.seed),
    cases: Number(values.cases),
    ...(commands && { commands }),
    jobs: Number(values.jobs),
    timeoutMs: Number(values.timeout) * 1000,
    ...(values.keep !== undefined && { keepFailures: values.keep }),
    ...(keepAll !== undefined && { keepAll, onDocxWritten: (path: string) => written.push(path) }),
    ...(log && { log }),
  });
  const seconds = ((Date.now() - began) / 1000).toFixed(0);
  process.stdout.write(`\nfuzz: seed ${values.seed}, ${summary.outcomes.length} cases in ${seconds} s\n`);
  for (const [key, byCode] of [...summary.counts].sort(([a], [b]) => a.localeCompare(b))) process.stdout.write(`  ${key.padEnd(48)} ${[...byCode].map(([code, n]) => `${code}: ${n}`).join(', ')}\n`);
  const byExit = new Map<string, number>();
  for (const o of summary.outcomes) byExit.set(o.failure ? 'failed' : `exit ${o.status}`, (byExit.get(o.failure ? 'failed' : `exit ${o.status}`) ?? 0) + 1);
  process.stdout.write(
    `  total: ${[...byExit]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}\n`,
  );
  for (const f of summary.failures) process.stdout.write(`FAIL ${f.id} ${f.command} ${f.mutation}: ${f.failure}\n`);
  let loFailures = 0;
  if (keepAll !== undefined) {
    const sampleSize = values['lo-check'] === '' ? written.length : Math.min(written.length, Number(values['lo-check']));
    const random = new Random(Number(values.seed));
    const sample = [...written]
      .sort((a, b) => a.localeCompare(b))
      .map((p) => [random.next(), p] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, sampleSize)
      .map(([, p]) => p);
    const failures = loadInLibreOffice(sample, process.env.LO_REDLINE ?? DEFAULT_LO, keepAll);
    loFailures = failures.length;
    process.stdout.write(`LibreOffice: ${sample.length - failures.length} of ${sample.length} DOCX written (of ${written.length}) loaded\n`);
    for (const f of failures) process.stdout.write(`LO-FAIL ${f.file}: exit ${f.exitCode} ${f.detail}\n`);
    if (failures.length === 0) rmSync(keepAll, { recursive: true, force: true });
    else process.stdout.write(`(case folders kept in ${keepAll})\n`);
  }
  process.stdout.write(`${summary.outcomes.length - summary.failures.length} passed, ${summary.failures.length + loFailures} failed\n`);
  return summary.failures.length + loFailures === 0 ? 0 : 1;
}

async function extremes(): Promise<number> {
  let failed = 0;
  const root = mkdtempSync(join(tmpdir(), 'redline-extremes-'));
  for (const c of EXTREME_CASES) {
    if (c.large && !values.large) continue;
    const dir = join(root, c.id);
    mkdirSync(dir);
    const result = await runBounded(c.prepare(dir), { timeoutMs: Number(values.timeout) * 1000 });
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    const ok = !result.timedOut && result.status !== null && c.accept.includes(result.status) && !lines.some((l) => /^\s+at |internal error/.test(l));
    if (!ok) failed++;
    process.stdout.write(
      `| ${c.id} | ${result.timedOut ? 'timeout' : (result.status ?? result.signal)} | ${(result.milliseconds / 1000).toFixed(1)} s | ${result.peakMiB} MiB | ${ok ? 'ok' : 'FAIL'} | ${(lines.find((l) => l.startsWith('redline: ')) ?? lines[0] ?? '').slice(0, 160)} |\n`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(root, { recursive: true, force: true });
  return failed === 0 ? 0 : 1;
}
