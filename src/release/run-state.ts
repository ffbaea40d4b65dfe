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
import { type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import { realPathInside } from '../io/output-folder.js';
import { readInput } from '../io/read-input.js';
import { writeOutputsAtomically } from '../io/write-outputs.js';
import { quote } from '../util/quote.js';
import { describeShapeError, fieldPath, isObject, name, object, recordOf } from '../util/shape.js';
import type { DocumentResult, DocumentTask } from './document-job.js';
import { documentResultShape } from './result-shape.js';

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

/** Largest state file read (a 5,000-document release writes a few megabytes). */
const MAX_STATE_BYTES = 256 * 1024 * 1024;

export interface ReadStateResult {
  readonly state: RunState;
  /** What was wrong with the file, if anything (those documents are done afresh). */
  readonly warnings: readonly string[];
}

const journalName = (name: string): string => `${name}.journal`;

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

/**
 * The state of an output folder: the snapshot with the journal of an interrupted run replayed
 * over it. Both files are input like any other: no file is a first run; a file that cannot be
 * read or parsed is no state; an entry whose shape is wrong (hand-edited, truncated, hostile) is
 * dropped, so that document is done afresh. Each is said in a warning. The last journal line of a
 * run killed while writing it may be cut short: it is skipped without a word.
 */
export async function readState(folder: string, name: string): Promise<ReadStateResult> {
  const documents: Record<string, DocumentState> = {};
  const warnings: string[] = [];
  const path = join(folder, name);
  const snapshot = await readStateFile(path, warnings);
  if (snapshot !== undefined) {
    const data = parseJson(snapshot);
    if (data === undefined) warnings.push(`${path}: the release state cannot be used (not valid JSON); every document is done afresh`);
    else if (!isObject(data) || !isObject(data.documents)) warnings.push(`${path}: the release state has no 'documents' mapping; every document is done afresh`);
    else for (const [id, entry] of Object.entries(data.documents)) takeEntry(documents, id, entry, path, warnings);
  }
  const journalPath = join(folder, journalName(name));
  const lines = ((await readStateFile(journalPath, warnings)) ?? '').split('\n');
  lines.forEach((line, i) => {
    const entry = parseJson(line);
    if (isObject(entry) && typeof entry.id === 'string') takeEntry(documents, entry.id, entry.state, journalPath, warnings);
    else if (line.trim() !== '' && i < lines.length - 1) warnings.push(`${journalPath}: line ${i + 1} is not a document's state; it is ignored`);
  });
  return { state: { documents }, warnings };
}

async function readStateFile(path: string, warnings: string[]): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readInput(path, MAX_STATE_BYTES));
  } catch (error) {
    if (!(error instanceof InputError && error.reason === 'no such file'))
      warnings.push(`${path}: the release state cannot be used (${error instanceof InputError ? error.reason : 'not UTF-8'}); its documents are done afresh`);
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function takeEntry(documents: Record<string, DocumentState>, id: string, entry: unknown, path: string, warnings: string[]): void {
  const field = fieldPath('documents', id);
  const wrong =
    stateShape(entry, field) ?? (isObject(entry) && isObject(entry.result) && entry.result.id !== id ? { path: `${field}.result.id`, problem: 'is not the document it is filed under' } : undefined);
  if (wrong === undefined) documents[id] = entry as unknown as DocumentState;
  else warnings.push(`${path}: ${describeShapeError(wrong)}; document ${quote(id)} is done afresh`);
}

const stateShape = object({ fingerprint: name, outputs: recordOf(name), result: documentResultShape });

export async function writeState(folder: string, name: string, state: RunState): Promise<void> {
  // Ordered by code unit, not by locale: the file must be the same on every machine.
  const sorted = Object.fromEntries(Object.entries(state.documents).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeOutputsAtomically([{ path: join(folder, name), data: `${JSON.stringify({ documents: sorted }, null, 1)}\n` }], { within: folder });
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a document's outputs depend on: the task (options, labels, paths), its inputs' bytes and the program version. */
export async function fingerprint(task: DocumentTask, programVersion: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ programVersion, task: { ...task, outputFolder: undefined } }));
  const files = [task.document.previous.file, ...(task.document.new.file === undefined ? [] : [task.document.new.file]), ...task.document.sources.map((s) => s.file)];
  for (const file of files) hash.update(sha256(await readInput(file)));
  return hash.digest('hex');
}

/**
 * Whether the outputs recorded for a document are all there, unchanged. The names come from the
 * state file: one that leads out of the output folder is never read, and counts as missing.
 */
export async function outputsIntact(folder: string, outputs: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [file, hash] of Object.entries(outputs)) {
    const bytes = await readOutput(folder, file);
    if (!bytes || sha256(bytes) !== hash) return false;
  }
  return true;
}

/** An output file's bytes, read only where it really lies inside the output folder. */
export async function readOutput(folder: string, file: string): Promise<Uint8Array | undefined> {
  const path = await realPathInside(folder, file);
  return path === undefined ? undefined : readInput(path).catch(() => undefined);
}
