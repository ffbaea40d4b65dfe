/**
 * The state file of a release's output folder: for each document, the fingerprint of what made
 * its outputs (input bytes, options, program version), the hash of each output, and its result.
 * A re-run skips a document whose fingerprint is unchanged and whose outputs are intact.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../diagnostics/quote.js';
import { realPathInside } from '../io/output-folder.js';
import { readInput } from '../io/read-input.js';
import { writeOutputsAtomically } from '../io/write-outputs.js';
import { isObject, object, recordOf, str } from '../util/shape.js';
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

/**
 * The state of an output folder. The file is input like any other: no file is a first run; a
 * file that cannot be read or parsed is no state; an entry whose shape is wrong (hand-edited,
 * truncated, hostile) is dropped, so that document is done afresh. Each is said in a warning.
 */
export async function readState(folder: string, name: string): Promise<ReadStateResult> {
  const path = join(folder, name);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readInput(path, MAX_STATE_BYTES)));
  } catch (error) {
    if (error instanceof InputError && error.reason === 'no such file') return { state: { documents: {} }, warnings: [] };
    const reason = error instanceof InputError ? error.reason : 'not valid JSON';
    return { state: { documents: {} }, warnings: [`${path}: the release state cannot be used (${reason}); every document is done afresh`] };
  }
  if (!isObject(data) || !isObject(data.documents)) return { state: { documents: {} }, warnings: [`${path}: the release state has no 'documents' mapping; every document is done afresh`] };
  const documents: Record<string, DocumentState> = {};
  const warnings: string[] = [];
  for (const [id, entry] of Object.entries(data.documents)) {
    const wrong = stateShape(entry, `documents.${id}`) ?? (isObject(entry) && isObject(entry.result) && entry.result.id !== id ? `documents.${id}.result.id` : undefined);
    if (wrong === undefined) documents[id] = entry as unknown as DocumentState;
    else warnings.push(`${path}: ${quote(wrong)} is missing or malformed; document ${quote(id)} is done afresh`);
  }
  return { state: { documents }, warnings };
}

const stateShape = object({ fingerprint: str, outputs: recordOf(str), result: documentResultShape });

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
