/**
 * A release run: every document of the manifest (or of one shard, or those asked for) through
 * its document task on a pool of worker processes, skipping those whose inputs have not changed,
 * then the release report. A document that fails fails alone.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Diagnostic, programFingerprint, type Result } from '../api/index.js';
import { OptionError } from '../diagnostics/errors.js';
import { prepareOutputFolder, removeInside } from '../io/output-folder.js';
import { readInput } from '../io/read-input.js';
import { removeStaleTemporaries } from '../io/write-outputs.js';
import { quote } from '../util/quote.js';
import type { DocumentResult, DocumentTask } from './document-job.js';
import { parseManifest, type ReleaseDocument, type ReleaseManifest } from './manifest.js';
import type { ProgressSink } from './progress.js';
import { buildReleaseReport, type ReleaseReport } from './release-report.js';
import { type DocumentState, fingerprint, outputsIntact, readOutput, readState, StateJournal, sha256, stateFileName } from './run-state.js';
import { WorkerFailure, WorkerPool } from './worker-pool.js';
import { writeReleaseReport } from './write-report.js';

/** One of N disjoint slices of a release's documents: every N-th document, starting at the K-th (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Options of `runRelease`. */
export interface ReleaseRunOptions {
  /** The manifest: its file (YAML or JSON; the paths in it are relative to it), or one already read. */
  readonly manifest: string | ReleaseManifest;
  /** Where the outputs, the report and the state file go; nothing is written outside it. */
  readonly outputFolder: string;
  /**
   * What made the outputs: a document made by another program is redone. Default: this
   * program's version and a hash of its compiled code.
   */
  readonly programVersion?: string;
  /** Worker processes; default the number of cores. */
  readonly concurrency?: number;
  /** Each worker's heap limit in MiB; default {@link defaultWorkerMemory}. */
  readonly workerMemoryMb?: number;
  /** Run only these documents (by id); the report keeps the others' current results. */
  readonly only?: readonly string[];
  /** Run only this shard of the documents: every `count`-th, starting at the `index`-th (1-based). */
  readonly shard?: Shard;
  /** Redo every document, even those whose inputs have not changed. */
  readonly force?: boolean;
  /** Told as documents start and finish. */
  readonly progress?: ProgressSink;
}

/** What a release run did: the report, and which documents it processed, skipped, failed or left out of date. */
export interface ReleaseRunResult {
  readonly report: ReleaseReport;
  readonly processed: readonly string[];
  readonly skipped: readonly string[];
  readonly failed: readonly string[];
  /**
   * Documents left out by `only` whose inputs, options or program version changed since their
   * outputs were made: the report counts them as not run rather than show stale results.
   */
  readonly outOfDate: readonly string[];
  readonly milliseconds: number;
  /** Files written for the report, relative to the output folder. */
  readonly reportFiles: readonly string[];
}

const WORKER = new URL('./document-worker.js', import.meta.url);

/**
 * A worker's heap limit: an equal share of four fifths of the machine's memory, between 512 MiB
 * and 4 GiB (a 1,000-page comparison peaks near 320 MB). A document that needs more fails alone.
 */
export function defaultWorkerMemory(workers: number): number {
  const share = Math.floor(((totalmem() / 1024 / 1024) * 0.8) / workers);
  return Math.max(512, Math.min(4096, share));
}

/** The documents of shard K of N: every N-th document of the manifest, starting at the K-th. */
export function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index - 1;
}

/** A document to run: its task, what made it (the fingerprint), and its inputs' size in bytes. */
interface PlannedTask {
  readonly task: DocumentTask;
  readonly fingerprint: string;
  readonly size: number;
}

/** The state of the output folder: each document's fingerprint, output hashes and result. */
type States = Record<string, DocumentState>;

/**
 * Runs a release: every document of the manifest (or of a shard, or those asked for) on a pool of
 * worker processes, skipping those whose inputs, options and program are unchanged since their
 * outputs were made, then the release report. A document that fails fails alone: its result says
 * why. The diagnostics are every document's, each naming its file.
 */
export async function runRelease(options: ReleaseRunOptions): Promise<Result<ReleaseRunResult>> {
  const began = Date.now();
  const manifest = typeof options.manifest === 'string' ? await readManifest(options.manifest) : options.manifest;
  checkRunOptions(options, manifest);
  const programVersion = options.programVersion ?? programFingerprint();
  const { outputFolder } = options;
  await prepareOutputFolder(outputFolder);
  await removeStaleTemporaries(outputFolder);

  const stateName = stateFileName(options.shard);
  const { documents, warnings } = await currentStates(outputFolder, stateName, manifest);
  const scope = manifest.documents.filter((_, i) => inShard(i, options.shard));
  const selected = scope.filter((d) => options.only === undefined || options.only.includes(d.id));
  const sourceOrder = manifest.sources.map((s) => s.id);
  const taskOf = (document: ReleaseDocument): DocumentTask => ({
    release: manifest.release,
    document,
    sources: manifest.sources.filter((s) => document.sources.some((r) => r.id === s.id)),
    sourceOrder,
    outputs: manifest.outputs,
    outputFolder,
  });
  const isCurrent = async (id: string, print: string): Promise<boolean> => {
    const previous = documents[id];
    return previous?.fingerprint === print && (await outputsIntact(outputFolder, previous.outputs));
  };

  const outOfDate: string[] = [];
  for (const document of scope) {
    if (selected.includes(document) || documents[document.id] === undefined) continue;
    if (!(await isCurrent(document.id, await fingerprint(taskOf(document), programVersion)))) outOfDate.push(document.id);
  }
  const tasks: PlannedTask[] = [];
  const skipped: string[] = [];
  for (const document of selected) {
    const task = taskOf(document);
    const print = await fingerprint(task, programVersion);
    if (!options.force && documents[document.id]?.result.status !== 'failed' && (await isCurrent(document.id, print))) skipped.push(document.id);
    else tasks.push({ task, fingerprint: print, size: await inputSize(document) });
  }

  const journal = await StateJournal.open(outputFolder, stateName, { documents });
  let processed: string[];
  try {
    processed = await runTasks(tasks, skipped, documents, journal, options);
  } catch (error) {
    await journal.close();
    throw error;
  }
  await journal.compact({ documents });
  const results = scope
    .filter((d) => !outOfDate.includes(d.id))
    .map((d) => documents[d.id]?.result)
    .filter((r): r is DocumentResult => r !== undefined);
  const report = buildReleaseReport({
    release: manifest.release,
    sources: manifest.sources,
    documentOrder: manifest.documents.map((d) => d.id),
    documentTitles: Object.fromEntries(manifest.documents.map((d) => [d.id, d.title])),
    scope: scope.map((d) => d.id),
    results,
    ...(options.shard && { shard: options.shard }),
  });
  const reportFiles = await writeReleaseReport(report, outputFolder);
  const value = { report, processed, skipped, failed: results.filter((r) => r.status === 'failed').map((r) => r.id), outOfDate, milliseconds: Date.now() - began, reportFiles };
  return { value, diagnostics: [...warnings, ...results.flatMap((r): readonly Diagnostic[] => r.diagnostics ?? [])] };
}

/** Reads and checks a manifest file. */
export async function readManifest(file: string): Promise<ReleaseManifest> {
  return parseManifest(new TextDecoder().decode(await readInput(file)), file);
}

function checkRunOptions(options: ReleaseRunOptions, manifest: ReleaseManifest): void {
  const { concurrency, shard, only, workerMemoryMb } = options;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256))
    throw new OptionError('concurrency', `'${concurrency}' is not a whole number from 1 to 256`);
  if (workerMemoryMb !== undefined && (!Number.isInteger(workerMemoryMb) || workerMemoryMb < 64 || workerMemoryMb > 65_536))
    throw new OptionError('workerMemoryMb', `'${workerMemoryMb}' is not a whole number of MiB from 64 to 65536`);
  if (shard !== undefined && (!Number.isInteger(shard.index) || !Number.isInteger(shard.count) || shard.count < 1 || shard.index < 1 || shard.index > shard.count))
    throw new OptionError('shard', `${shard.index}/${shard.count} is not K/N with 1 ≤ K ≤ N`);
  const known = new Set(manifest.documents.map((d) => d.id));
  for (const id of only ?? []) if (!known.has(id)) throw new OptionError('only', `no document ${quote(id)} in ${manifest.file}`);
  const scope = new Set(manifest.documents.filter((_, i) => inShard(i, shard)).map((d) => d.id));
  for (const id of only ?? []) if (!scope.has(id)) throw new OptionError('only', `document ${quote(id)} is not in shard ${shard?.index} of ${shard?.count}`);
}

/**
 * The saved state, less the documents no longer in the manifest (their outputs go with them),
 * and what was wrong with the state file, as warnings (those documents are done afresh).
 */
async function currentStates(folder: string, stateName: string, manifest: ReleaseManifest): Promise<{ documents: States; warnings: Diagnostic[] }> {
  const known = new Set(manifest.documents.map((d) => d.id));
  const read = await readState(folder, stateName);
  const documents = { ...read.state.documents } as States;
  for (const id of Object.keys(documents)) {
    if (known.has(id)) continue;
    await removeSuperseded(folder, documents[id], undefined);
    delete documents[id];
  }
  const warnings = read.warnings.map((message): Diagnostic => ({ severity: 'warning', code: 'release/state-ignored', message, file: join(folder, stateName), count: 1 }));
  return { documents, warnings };
}

/** The bytes of a document's versions: what its comparison costs, roughly. */
async function inputSize(document: ReleaseDocument): Promise<number> {
  return (await stat(document.previous.file)).size + (document.new.file ? (await stat(document.new.file)).size : 0);
}

/**
 * Runs the tasks on the worker pool, largest first (so that the longest document does not start
 * last), journalling each document's state as it finishes so that an interrupted run keeps what
 * it finished. Returns the documents processed, in the order they finished.
 */
async function runTasks(tasks: PlannedTask[], skipped: readonly string[], documents: States, journal: StateJournal, options: ReleaseRunOptions): Promise<string[]> {
  const { outputFolder, progress } = options;
  tasks.sort((a, b) => b.size - a.size);
  progress?.start(
    tasks.map((t) => ({ id: t.task.document.id, size: t.size })),
    skipped,
  );
  const processed: string[] = [];
  if (tasks.length === 0) return processed;
  const workers = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), tasks.length));
  const pool = new WorkerPool<DocumentTask, DocumentResult>(WORKER, { size: workers, heapMb: options.workerMemoryMb ?? defaultWorkerMemory(workers) });
  try {
    // Every task settles before the pool closes; the first error, if any, is thrown after.
    const settled = await Promise.allSettled(
      tasks.map(async ({ task, fingerprint: print }) => {
        let started = Date.now();
        const onStart = (): void => {
          started = Date.now();
          progress?.started(task.document.id);
        };
        const result = await pool.run(task, onStart).catch((error: Error): DocumentResult => failedResult(task, error));
        // The worker is free (and may already be taking the next document) while this one is recorded.
        progress?.released(task.document.id);
        await removeSuperseded(outputFolder, documents[task.document.id], result);
        documents[task.document.id] = { fingerprint: print, outputs: await outputHashes(outputFolder, result), result };
        processed.push(task.document.id);
        await journal.record(task.document.id, documents[task.document.id] as DocumentState);
        // Told once journalled: a document reported done is one a killed run keeps.
        progress?.finished(result, Date.now() - started);
      }),
    );
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await pool.close();
    progress?.end();
  }
  return processed;
}

/** A task whose worker died: the document fails with the reason, the others go on. */
function failedResult(task: DocumentTask, error: Error): DocumentResult {
  const { document } = task;
  return {
    id: document.id,
    title: document.title,
    previousVersion: document.previous.version,
    newVersion: document.new.version,
    conformed: document.new.file === undefined,
    status: 'failed',
    error: error instanceof WorkerFailure ? error.reason : `worker failed: ${error.message}`,
    outputs: [],
    declaredSources: document.sources.map((s) => s.id),
    changes: 0,
    renumbered: 0,
    byKind: {},
    bySource: {},
    unattributed: 0,
  };
}

/**
 * Outputs a document had before and does not have now (it failed, or an output kind was dropped
 * from the manifest) are removed, so that nothing stale looks current.
 */
async function removeSuperseded(folder: string, previous: DocumentState | undefined, result: DocumentResult | undefined): Promise<void> {
  const current = new Set(result?.outputs.map((o) => o.file));
  for (const file of Object.keys(previous?.outputs ?? {})) {
    // The state file is input too: never delete outside the output folder whatever it says,
    // nor through a link that leads out of it.
    if (!current.has(file)) await removeInside(folder, file);
  }
}

async function outputHashes(folder: string, result: DocumentResult): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const output of result.outputs) {
    const bytes = await readOutput(folder, output.file);
    if (bytes !== undefined) hashes[output.file] = sha256(bytes);
  }
  return hashes;
}
