/**
 * The state file of a release's output folder: for each document, the fingerprint of what made
 * its outputs (input bytes, options, program version), the hash of each output, and its result.
 * A re-run skips a document whose fingerprint is unchanged and whose outputs are intact.
 *
 * It is kept in two files: a snapshot (`.redline-state.json`, written whole and atomically at the
 * start and at the end of a run) and a journal beside it (`.redline-state.json.journal`, one JSON line appended per
 * document as it finishes). A run that is killed keeps what it finished: the next one reads the
 * snapshot and replays the journal over it. Appending a line costs the same for the 5,000th
 * document as for the first; rewriting the whole state after every document (as this once did)
 * made a release slow down as it went (1,363 → 905 documents a minute over 5,000).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeOutputsAtomically } from '../io/write-outputs.js';
import type { DocumentResult, DocumentTask } from './document-job.js';

export interface DocumentState {
  readonly fingerprint: string;
  /** Output file (relative to the output folder) → SHA-256 of its bytes. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly result: DocumentResult;
}

export interface RunState {
  readonly documents: Readonly<Record<string, DocumentState>>;
}

export function stateFileName(shard?: { readonly index: number; readonly count: number }): string {
  return shard ? `.redline-state-${shard.index}-of-${shard.count}.json` : '.redline-state.json';
}

const journalName = (name: string): string => `${name}.journal`;

/** The state: the snapshot with the journal of an interrupted run replayed over it. */
export async function readState(folder: string, name: string): Promise<RunState> {
  const documents: Record<string, DocumentState> = {};
  const snapshot = await readFile(join(folder, name), 'utf8').catch(() => undefined);
  if (snapshot !== undefined) {
    try {
      const data = JSON.parse(snapshot) as { documents?: unknown };
      if (isRecord(data.documents)) for (const [id, state] of Object.entries(data.documents)) if (isDocumentState(state)) documents[id] = state;
    } catch {
      // An unreadable snapshot: every document is done afresh (the journal may still hold some).
    }
  }
  const journal = await readFile(join(folder, journalName(name)), 'utf8').catch(() => '');
  for (const line of journal.split('\n')) {
    // The last line of a run killed while writing it may be cut short: it is skipped.
    const entry = parseLine(line);
    if (entry) documents[entry.id] = entry.state;
  }
  return { documents };
}

function parseLine(line: string): { id: string; state: DocumentState } | undefined {
  if (line.trim() === '') return undefined;
  try {
    const entry = JSON.parse(line) as { id?: unknown; state?: unknown };
    return typeof entry.id === 'string' && isDocumentState(entry.state) ? { id: entry.id, state: entry.state } : undefined;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Enough of a document's state to be trusted by a re-run (its result is only shown, never acted on blindly). */
function isDocumentState(value: unknown): value is DocumentState {
  return isRecord(value) && typeof value.fingerprint === 'string' && isRecord(value.outputs) && Object.values(value.outputs).every((h) => typeof h === 'string') && isRecord(value.result) && typeof value.result.id === 'string' && typeof value.result.status === 'string' && Array.isArray(value.result.outputs);
}

/** The journal of a run: one line per document finished, appended in the order they finish. */
export class StateJournal {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    private readonly folder: string,
    private readonly name: string,
  ) {}

  /**
   * Starts a run's journal: the state as it stands (the snapshot with any earlier journal replayed
   * into it) is written as the snapshot first, and the journal begins empty. An output folder
   * where the state cannot be written thus fails before any document is done.
   */
  static async open(folder: string, name: string, state: RunState): Promise<StateJournal> {
    await writeState(folder, name, state);
    // Never through a symbolic link planted in the output folder: it could point anywhere.
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
    return new StateJournal(await open(join(folder, journalName(name)), flags, 0o644), folder, name);
  }

  /** Appends a document's state; resolves once it is written. */
  record(id: string, state: DocumentState): Promise<void> {
    const line = `${JSON.stringify({ id, state })}\n`;
    this.writing = this.writing.then(() => this.handle.appendFile(line, 'utf8'));
    return this.writing;
  }

  /** Writes the whole state as the snapshot and removes the journal it now holds. */
  async compact(state: RunState): Promise<void> {
    await this.writing;
    await this.handle.close();
    await writeState(this.folder, this.name, state);
    await rm(join(this.folder, journalName(this.name)), { force: true });
  }

  /** Closes the journal without compacting it (the run failed; the next one replays it). */
  async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}

export async function writeState(folder: string, name: string, state: RunState): Promise<void> {
  // Ordered by code unit, not by locale: the file must be the same on every machine.
  const sorted = Object.fromEntries(Object.entries(state.documents).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeOutputsAtomically([{ path: join(folder, name), data: `${JSON.stringify({ documents: sorted }, null, 1)}\n` }]);
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a document's outputs depend on: the task (options, labels, paths), its inputs' bytes and the program version. */
export async function fingerprint(task: DocumentTask, programVersion: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ programVersion, task: { ...task, outputFolder: undefined } }));
  const files = [task.document.previous.file, ...(task.document.new.file === undefined ? [] : [task.document.new.file]), ...task.document.sources.map((s) => s.file)];
  for (const file of files) hash.update(sha256(await readFile(file)));
  return hash.digest('hex');
}

/** Whether the outputs recorded for a document are all there, unchanged. */
export async function outputsIntact(folder: string, outputs: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [file, hash] of Object.entries(outputs)) {
    const bytes = await readFile(join(folder, file)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== hash) return false;
  }
  return true;
}
