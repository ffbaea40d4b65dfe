/**
 * The fuzz suite: generated cases (a seed document mutated by a structure-aware mutator, run
 * through one command) checked against what bad input may do. Every case must exit with a code
 * its command documents (0, 2, 4, 5; `apply` also 3, `verify` 1 for a mismatch), within the time
 * and memory limits, with one line per message and no stack trace, and leave everything outside
 * its output folder as it was (its inputs, and a decoy folder that a link inside the output
 * folder points to).
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Random } from '../synthetic/random.js';
import { type BoundedRunResult, runBounded } from './bounded-run.js';
import { zipParts } from './docx-package.js';
import { encodeText, MARKDOWN_MUTATIONS, mutateDocx, REPORT_MUTATIONS, TEXT_MUTATIONS } from './mutators.js';
import { seedMarkdown, seedParts, seedText } from './seeds.js';

export const COMMANDS = ['compare', 'apply', 'convert', 'verify', 'release', 'merge-reports'] as const;
export type FuzzCommand = (typeof COMMANDS)[number];

export interface FuzzOptions {
  readonly seed: number;
  readonly cases: number;
  readonly commands?: readonly FuzzCommand[];
  /** Per case. */
  readonly timeoutMs?: number;
  readonly heapMiB?: number;
  /** Largest resident memory a case may reach (the heap cap plus buffers). */
  readonly maxRssMiB?: number;
  /** Cases run side by side. */
  readonly jobs?: number;
  /** Where failing cases are kept (their folder, with the command line); deleted otherwise. */
  readonly keepFailures?: string;
  /** Called with each DOCX written by a case that exited 0, 4 or 5 (for a LibreOffice check). */
  readonly onDocxWritten?: (path: string, caseId: string) => void;
  /** Keep the case folders (for `onDocxWritten` to read the files after the run). */
  readonly keepAll?: string;
  readonly log?: (line: string) => void;
}

export interface CaseOutcome {
  readonly id: string;
  readonly command: FuzzCommand;
  readonly mutation: string;
  readonly status: number | null;
  readonly milliseconds: number;
  readonly peakMiB: number;
  readonly failure?: string;
}

export interface FuzzSummary {
  readonly outcomes: readonly CaseOutcome[];
  readonly failures: readonly CaseOutcome[];
  /** `command mutation → exit code → count`. */
  readonly counts: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** The exit codes each command may end with on bad input. */
const ALLOWED: Readonly<Record<FuzzCommand, readonly number[]>> = {
  compare: [0, 2, 4],
  apply: [0, 2, 3, 4],
  convert: [0, 2],
  verify: [0, 1, 2],
  release: [0, 2, 4, 5],
  'merge-reports': [0, 2, 4, 5],
};

interface PreparedCase {
  readonly command: FuzzCommand;
  readonly mutation: string;
  readonly args: string[];
  /** A folder outside the output folder that a link inside it points to. */
  readonly decoy?: string;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const root = mkdtempSync(join(options.keepAll ?? tmpdir(), 'redline-fuzz-'));
  const shards = await shardReports(root);
  const commands = options.commands ?? COMMANDS;
  const outcomes: CaseOutcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.cases) {
      const index = next++;
      outcomes.push(await runCase(root, index, commands, shards, options));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 2) }, worker));
  if (options.keepAll === undefined) rmSync(root, { recursive: true, force: true });
  outcomes.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes) {
    const key = `${o.command} ${o.mutation}`;
    const byCode = counts.get(key) ?? new Map<string, number>();
    const code = o.failure ? 'FAILED' : `exit ${o.status}`;
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
    counts.set(key, byCode);
  }
  return { outcomes, failures: outcomes.filter((o) => o.failure !== undefined), counts };
}

async function runCase(root: string, index: number, commands: readonly FuzzCommand[], shards: readonly string[], options: FuzzOptions): Promise<CaseOutcome> {
  const random = new Random((options.seed * 1_000_003 + index * 7919) >>> 0);
  const id = `case-${options.seed}-${index}`;
  const dir = join(root, id);
  mkdirSync(join(dir, 'in'), { recursive: true });
  mkdirSync(join(dir, 'out'), { recursive: true });
  const prepared = prepareCase(dir, random, random.pick(commands), shards);
  const before = snapshot(dir);
  const result = await runBounded(prepared.args, { heapMiB: options.heapMiB ?? 1024, timeoutMs: options.timeoutMs ?? 60_000, cwd: dir });
  const failure = check(prepared, result, before, snapshot(dir), options.maxRssMiB ?? 1536);
  const outcome: CaseOutcome = {
    id,
    command: prepared.command,
    mutation: prepared.mutation,
    status: result.status,
    milliseconds: result.milliseconds,
    peakMiB: result.peakMiB,
    ...(failure !== undefined && { failure }),
  };
  options.log?.(`${id} ${prepared.command} ${prepared.mutation}: ${failure ?? `exit ${result.status}`} (${result.milliseconds} ms, ${result.peakMiB} MiB)`);
  if (failure === undefined && result.status !== null && [0, 4, 5].includes(result.status)) for (const docx of listDocx(join(dir, 'out'))) options.onDocxWritten?.(docx, id);
  if (failure !== undefined && options.keepFailures !== undefined) {
    const kept = join(options.keepFailures, id);
    mkdirSync(kept, { recursive: true });
    writeFileSync(join(kept, 'command.txt'), `${prepared.args.join(' ')}\n\nexit ${result.status} ${result.signal ?? ''}\n${failure}\n\nstderr:\n${result.stderr}`);
  }
  if (options.keepAll === undefined) rmSync(dir, { recursive: true, force: true });
  return outcome;
}

/** What was wrong with a run, or undefined when it behaved. */
function check(prepared: PreparedCase, result: BoundedRunResult, before: Snapshot, after: Snapshot, maxRssMiB: number): string | undefined {
  if (result.timedOut) return `timed out after ${result.milliseconds} ms`;
  if (result.status === null) return `killed by ${result.signal}`;
  if (!ALLOWED[prepared.command].includes(result.status)) return `exit ${result.status}: ${result.stderr.trim().split('\n')[0] ?? ''}`;
  if (result.peakMiB > maxRssMiB) return `peak memory ${result.peakMiB} MiB over ${maxRssMiB} MiB`;
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  if (lines.some((l) => /^\s+at /.test(l) || /internal error/.test(l))) return `a stack trace or internal error: ${lines.find((l) => /^\s+at |internal error/.test(l))}`;
  const stray = lines.find((l) => !l.startsWith('redline: ') && !l.startsWith('warning: '));
  if (stray !== undefined) return `a message that is not one line: ${JSON.stringify(stray.slice(0, 200))}`;
  const errors = lines.filter((l) => l.startsWith('redline: '));
  if (result.status === 2 && errors.length !== 1) return `exit 2 with ${errors.length} error lines`;
  if (prepared.command === 'verify' && result.status === 1 && !result.stdout.startsWith('FAIL')) return 'verify exit 1 without a FAIL';
  for (const [path, hash] of before) if (after.get(path) !== hash) return `${path} outside the output folder was changed or removed`;
  for (const path of after.keys()) if (!before.has(path)) return `${path} was written outside the output folder`;
  return undefined;
}

/** Path → hash of every file outside `out/` (links as their target's name), relative to the case. */
type Snapshot = Map<string, string>;

function snapshot(dir: string): Snapshot {
  const files: Snapshot = new Map();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const rel = relative(dir, path);
      if (rel === 'out') continue;
      const info = lstatSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) files.set(rel, createHash('sha256').update(readFileSync(path)).digest('hex'));
      else files.set(rel, `special ${info.mode}`);
    }
  };
  walk(dir);
  return files;
}

function listDocx(folder: string): string[] {
  const out: string[] = [];
  const walk = (f: string): void => {
    for (const name of readdirSync(f)) {
      const path = join(f, name);
      const info = lstatSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile() && name.endsWith('.docx')) out.push(path);
    }
  };
  walk(folder);
  return out;
}

type InputKind = 'docx' | 'text' | 'markdown';

/** A mutated input file of a kind, written into the case's `in/` folder; returns its path and mutation. */
function mutatedInput(dir: string, name: string, kind: InputKind, random: Random, variant: number): { path: string; mutation: string } {
  if (kind === 'docx') {
    const { bytes, mutation } = mutateDocx(seedParts(random, variant), random);
    return { path: write(dir, `${name}.docx`, bytes), mutation };
  }
  const mutations = kind === 'text' ? TEXT_MUTATIONS : MARKDOWN_MUTATIONS;
  const mutation = random.pick(mutations);
  const { bytes, encoding } = encodeText(mutation.apply(kind === 'text' ? seedText(variant) : seedMarkdown(variant), random), random);
  return { path: write(dir, `${name}.${kind === 'text' ? 'txt' : 'md'}`, bytes), mutation: `${mutation.name}${encoding === 'utf-8' ? '' : `+${encoding}`}` };
}

function cleanInput(dir: string, name: string, kind: InputKind, random: Random, variant: number): string {
  if (kind === 'docx') return write(dir, `${name}.docx`, zipParts(seedParts(random, variant)));
  return write(dir, `${name}.${kind === 'text' ? 'txt' : 'md'}`, kind === 'text' ? seedText(variant) : seedMarkdown(variant));
}

function write(dir: string, name: string, data: Uint8Array | string): string {
  const path = join(dir, 'in', name);
  writeFileSync(path, data);
  return path;
}

function prepareCase(dir: string, random: Random, command: FuzzCommand, shards: readonly string[]): PreparedCase {
  const out = (name: string): string => join(dir, 'out', name);
  const kind: InputKind = random.chance(0.7) ? 'docx' : random.chance(0.5) ? 'text' : 'markdown';
  switch (command) {
    case 'compare': {
      const old = random.chance(0.3) ? mutatedInput(dir, 'old', kind, random, 0) : { path: cleanInput(dir, 'old', kind, random, 0), mutation: '' };
      const neu = mutatedInput(dir, 'new', kind, random, 1);
      const outputs = ['redline.docx', 'changes.json', ...(random.chance(0.25) ? ['redline.pdf'] : []), ...(random.chance(0.2) ? ['redline.txt'] : [])];
      return { command, mutation: `${kind}:${neu.mutation}`, args: ['compare', old.path, neu.path, ...outputs.flatMap((o) => ['-o', out(o)])] };
    }
    case 'apply': {
      const old = cleanInput(dir, 'old', 'docx', random, 0);
      const source = mutatedInput(dir, 'mp1', 'docx', random, 1);
      const second = random.chance(0.3) ? ['--source', `MP2=${cleanInput(dir, 'mp2', 'docx', random, 2)}`] : [];
      return {
        command,
        mutation: `docx:${source.mutation}`,
        args: [
          'apply',
          old,
          '--source',
          `MP1=${source.path}`,
          ...second,
          '--on-conflict',
          random.pick(['fail', 'first', 'skip']),
          '-o',
          out('new.docx'),
          '-o',
          out('redline.docx'),
          '-o',
          out('report.json'),
        ],
      };
    }
    case 'convert': {
      const input = mutatedInput(dir, 'version', kind, random, 1);
      const target = kind === 'docx' || random.chance(0.5) ? 'clean.pdf' : 'clean.docx';
      return { command, mutation: `${kind}:${input.mutation}`, args: ['convert', input.path, '-o', out(target)] };
    }
    case 'verify': {
      const redline = mutatedInput(dir, 'redline', 'docx', random, 1);
      return { command, mutation: `docx:${redline.mutation}`, args: ['verify', redline.path, cleanInput(dir, 'old', 'docx', random, 0), cleanInput(dir, 'new', 'docx', random, 1)] };
    }
    case 'release':
      return releaseCase(dir, random);
    case 'merge-reports': {
      const mutation = random.pick(REPORT_MUTATIONS);
      const victim = random.int(shards.length);
      const reports = shards.map((shard, i) => {
        const report: unknown = JSON.parse(readFileSync(shard, 'utf8'));
        return write(dir, `report-shard-${i + 1}-of-2.json`, JSON.stringify(i === victim ? mutation.apply(report, random) : report));
      });
      return { command, mutation: mutation.name, args: ['release', '--merge-reports', ...reports, '-o', join(dir, 'out'), '-q'] };
    }
  }
}

/** A release of two documents, one mutated; sometimes a link in the output folder leads to a decoy. */
function releaseCase(dir: string, random: Random): PreparedCase {
  const mutated = mutatedInput(dir, 'b-new', 'docx', random, 1);
  cleanInput(dir, 'a-old', 'docx', random, 0);
  cleanInput(dir, 'a-new', 'docx', random, 1);
  cleanInput(dir, 'b-old', 'docx', random, 0);
  const manifest = {
    release: { id: 'R1', title: 'Fuzz release', effectiveDate: '2026-01-01' },
    sources: [],
    documents: [
      { id: 'a', title: 'A', previous: { version: '1.0', file: 'a-old.docx' }, new: { version: '2.0', file: 'a-new.docx' } },
      { id: 'b', title: 'B', previous: { version: '1.0', file: 'b-old.docx' }, new: { version: '2.0', file: 'b-new.docx' } },
    ],
    outputs: ['redline-docx', 'clean-docx', 'json', ...(random.chance(0.2) ? ['redline-pdf'] : [])],
  };
  const path = write(dir, 'release.json', JSON.stringify(manifest));
  let decoy: string | undefined;
  if (random.chance(0.2)) {
    decoy = join(dir, 'decoy');
    mkdirSync(decoy);
    writeFileSync(join(decoy, 'canary.txt'), 'must stay');
    symlinkSync(decoy, join(dir, 'out', random.pick(['a', 'b'])));
  }
  return { command: 'release', mutation: `docx:${mutated.mutation}${decoy ? '+link-out' : ''}`, args: ['release', path, '-o', join(dir, 'out'), '-q', '--concurrency', '1'], ...(decoy && { decoy }) };
}

/** Shard reports of a clean two-document release, which the merge cases mutate. */
async function shardReports(root: string): Promise<string[]> {
  const dir = join(root, 'shards');
  mkdirSync(join(dir, 'in'), { recursive: true });
  const random = new Random(1);
  const names = ['a-old', 'a-new', 'b-old', 'b-new'];
  names.forEach((name, i) => cleanInput(dir, name, 'docx', random, i % 2));
  const manifest = {
    release: { id: 'R1', title: 'Fuzz release', effectiveDate: '2026-01-01' },
    sources: [],
    documents: [
      { id: 'a', title: 'A', previous: { version: '1.0', file: 'a-old.docx' }, new: { version: '2.0', file: 'a-new.docx' } },
      { id: 'b', title: 'B', previous: { version: '1.0', file: 'b-old.docx' }, new: { version: '2.0', file: 'b-new.docx' } },
    ],
    outputs: ['json'],
  };
  const path = write(dir, 'release.json', JSON.stringify(manifest));
  const reports: string[] = [];
  for (const k of [1, 2]) {
    const out = join(dir, `out${k}`);
    const result = await runBounded(['release', path, '-o', out, '-q', '--shard', `${k}/2`, '--concurrency', '1']);
    if (result.status !== 0) throw new Error(`the shard release for the merge cases failed: ${result.stderr}`);
    reports.push(join(out, `report-shard-${k}-of-2.json`));
  }
  return reports;
}
