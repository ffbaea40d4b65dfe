/**
 * The state file of a release's output folder: for each document, the fingerprint of what made
 * its outputs (input bytes, options, program version), the hash of each output, and its result.
 * A re-run skips a document whose fingerprint is unchanged and whose outputs are intact.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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

export async function readState(folder: string, name: string): Promise<RunState> {
  try {
    const data = JSON.parse(await readFile(join(folder, name), 'utf8')) as RunState;
    return typeof data.documents === 'object' && data.documents !== null ? data : { documents: {} };
  } catch {
    // No state (a first run) or an unreadable one: every document is done afresh.
    return { documents: {} };
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
