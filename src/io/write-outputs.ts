/**
 * Writes output files atomically: each goes to a temporary file beside its target and is renamed
 * into place only when every output is ready, so a failed run leaves no partial file behind.
 */
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../diagnostics/errors.js';
import { fileSystemReason } from '../diagnostics/exit-codes.js';
import { ensureFolderInside, makeFolders } from './output-folder.js';

export interface OutputFile {
  readonly path: string;
  readonly data: Uint8Array | string;
}

const SUFFIX = '.redline-tmp';

export interface WriteOptions {
  /**
   * The output folder every output must really lie in (release runs): folders on the way are
   * created level by level and a symbolic link leading out of it is refused.
   */
  readonly within?: string;
}

export async function writeOutputsAtomically(outputs: readonly OutputFile[], options: WriteOptions = {}): Promise<void> {
  const seen = new Set<string>();
  for (const output of outputs) {
    const path = resolve(output.path);
    if (seen.has(path)) throw new UsageError(`${output.path}: the same output is given twice`);
    seen.add(path);
  }
  const temporaries: string[] = [];
  let current = '';
  try {
    for (const [i, output] of outputs.entries()) {
      current = output.path;
      if (options.within === undefined) await makeFolders(dirname(output.path));
      else await ensureFolderInside(options.within, dirname(output.path));
      const temporary = join(dirname(output.path), `.${basename(output.path)}.${process.pid}-${i}${SUFFIX}`);
      temporaries.push(temporary);
      // `wx`: a new file, never one that exists already (nor a link planted under its name).
      await writeFile(temporary, output.data, { flag: 'wx' });
    }
    for (let i = 0; i < outputs.length; i++) {
      current = (outputs[i] as OutputFile).path;
      await rename(temporaries[i] as string, current);
    }
  } catch (error) {
    // A temporary that could not be made (a file in the way of its folder) has nothing to remove.
    await Promise.all(temporaries.map((t) => rm(t, { force: true }).catch(() => undefined)));
    if (error instanceof InputError) throw error;
    // A place the output cannot go (read-only, full, a file in the way, a name too long) is the
    // user's to fix: one line naming it, not a stack trace.
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new InputError(current, `cannot be written (${fileSystemReason(error)})`, { cause: error });
    throw error;
  }
}

const TEMPORARY = new RegExp(`^\\..+\\.(\\d+)-\\d+${SUFFIX.replace('.', '\\.')}$`);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a killed run left in a folder and its subfolders, `depth` levels
 * down; never a finished output, nor a temporary of a process still running (another shard
 * writing into the same folder).
 */
export async function removeStaleTemporaries(folder: string, depth = 1): Promise<number> {
  let removed = 0;
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) removed += await removeStaleTemporaries(path, depth - 1);
      continue;
    }
    const match = TEMPORARY.exec(entry.name);
    if (match && !isRunning(Number(match[1]))) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
