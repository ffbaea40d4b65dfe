/**
 * A release run: every document of the manifest (or of one shard, or those asked for) through
 * its document task on a pool of worker processes, skipping those whose inputs have not changed,
 * then the release report. A document that fails fails alone.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { isInside } from '../io/paths.js';
import { quote } from '../util/quote.js';
import { removeStaleTemporaries } from '../io/write-outputs.js';
import type { DocumentResult, DocumentTask } from './document-job.js';
import type { ReleaseDocument, ReleaseManifest } from './manifest.js';
import type { ProgressSink } from './progress.js';
import { buildReleaseReport, type ReleaseReport } from './release-report.js';
import { writeReleaseReport } from './write-report.js';
import { fingerprint, outputsIntact, readState, sha256, StateJournal, stateFileName, type DocumentState } from './run-state.js';
import { WorkerFailure, WorkerPool } from './worker-pool.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface ReleaseRunOptions {
  readonly manifest: ReleaseManifest;
  readonly outputFolder: string;
  readonly programVersion: string;
  /** Worker processes; default the number of cores. */
  readonly concurrency?: number;
  /** Each worker's heap limit in MiB; default {@link defaultWorkerMemory}. */
  readonly workerMemoryMb?: number;
  readonly only?: readonly string[];
  readonly shard?: Shard;
  /** Redo every document, even those whose inputs have not changed. */
  readonly force?: boolean;
  readonly progress?: ProgressSink;
}

export interface ReleaseRunResult {
  readonly report: ReleaseReport;
  readonly processed: readonly string[];
  readonly skipped: readonly string[];
  readonly failed: readonly string[];
  /**
   * Documents left out by `--only` whose inputs, options or program version changed since their
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
  const share = Math.floor((totalmem() / 1024 / 1024) * 0.8 / workers);
  return Math.max(512, Math.min(4096, share));
}

/** The documents of shard K of N: every N-th document of the manifest, starting at the K-th. */
export function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index - 1;
}

export async function runRelease(options: ReleaseRunOptions): Promise<ReleaseRunResult> {
  const began = Date.now();
  const { manifest, outputFolder } = options;
  const known = new Set(manifest.documents.map((d) => d.id));
  for (const id of options.only ?? []) if (!known.has(id)) throw new UsageError(`--only: no document ${quote(id)} in ${manifest.file}`);
  await mkdir(outputFolder, { recursive: true });
  await removeStaleTemporaries(outputFolder);

  const stateName = stateFileName(options.shard);
  const state = await readState(outputFolder, stateName);
  const documents = { ...state.documents } as Record<string, DocumentState>;
  // Documents no longer in the manifest: their outputs go, with their state.
  for (const id of Object.keys(documents)) {
    if (known.has(id)) continue;
    await removeSuperseded(outputFolder, documents[id], undefined);
    delete documents[id];
  }
  const scope = manifest.documents.filter((_, i) => inShard(i, options.shard));
  for (const id of options.only ?? []) if (!scope.some((d) => d.id === id)) throw new UsageError(`--only: document ${quote(id)} is not in shard ${options.shard?.index} of ${options.shard?.count}`);
  const selected = scope.filter((d) => options.only === undefined || options.only.includes(d.id));

  const taskOf = (document: ReleaseDocument): DocumentTask => ({ release: manifest.release, document, sources: manifest.sources.filter((s) => document.sources.some((r) => r.id === s.id)), outputs: manifest.outputs, outputFolder });
  const isCurrent = async (id: string, print: string): Promise<boolean> => {
    const previous = documents[id];
    return previous?.fingerprint === print && (await outputsIntact(outputFolder, previous.outputs));
  };
  const outOfDate: string[] = [];
  for (const document of scope) {
    if (selected.includes(document) || documents[document.id] === undefined) continue;
    if (!(await isCurrent(document.id, await fingerprint(taskOf(document), options.programVersion)))) outOfDate.push(document.id);
  }

  const tasks: { task: DocumentTask; fingerprint: string; size: number }[] = [];
  const skipped: string[] = [];
  for (const document of selected) {
    const task = taskOf(document);
    const print = await fingerprint(task, options.programVersion);
    if (!options.force && documents[document.id]?.result.status !== 'failed' && (await isCurrent(document.id, print))) {
      skipped.push(document.id);
      continue;
    }
    const size = (await stat(document.previous.file)).size + (document.new.file ? (await stat(document.new.file)).size : 0);
    tasks.push({ task, fingerprint: print, size });
  }
  // Largest first, so that the longest document does not start last.
  tasks.sort((a, b) => b.size - a.size);

  options.progress?.start(tasks.length, skipped);
  const processed: string[] = [];
  const journal = await StateJournal.open(outputFolder, stateName);
  if (tasks.length > 0) {
    const workers = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), tasks.length));
    const pool = new WorkerPool<DocumentTask, DocumentResult>(WORKER, { size: workers, heapMb: options.workerMemoryMb ?? defaultWorkerMemory(workers) });
    try {
      // Every task settles before the pool closes; the first error, if any, is thrown after.
      const settled = await Promise.allSettled(
        tasks.map(async ({ task, fingerprint: print }) => {
          let started = Date.now();
          const onStart = (): void => {
            started = Date.now();
            options.progress?.started(task.document.id);
          };
          const result = await pool.run(task, onStart).catch((error: Error): DocumentResult => failedResult(task, error));
          await removeSuperseded(outputFolder, documents[task.document.id], result);
          documents[task.document.id] = { fingerprint: print, outputs: await outputHashes(outputFolder, result), result };
          processed.push(task.document.id);
          // Journalled as each document finishes, so an interrupted run keeps what it finished.
          await journal.record(task.document.id, documents[task.document.id] as DocumentState);
          options.progress?.finished(result, Date.now() - started);
        }),
      );
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failure) throw failure.reason;
    } catch (error) {
      await journal.close();
      throw error;
    } finally {
      await pool.close();
      options.progress?.end();
    }
  }

  await journal.compact({ documents });
  const results = scope.filter((d) => !outOfDate.includes(d.id)).map((d) => documents[d.id]?.result).filter((r): r is DocumentResult => r !== undefined);
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
  return { report, processed, skipped, failed: results.filter((r) => r.status === 'failed').map((r) => r.id), outOfDate, milliseconds: Date.now() - began, reportFiles };
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
    const path = resolve(folder, file);
    // The state file is input too: never delete outside the output folder whatever it says.
    if (!current.has(file) && isInside(folder, path)) await rm(path, { force: true });
  }
}

async function outputHashes(folder: string, result: DocumentResult): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const output of result.outputs) hashes[output.file] = sha256(await readFile(join(folder, output.file)));
  return hashes;
}
