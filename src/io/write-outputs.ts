/**
 * Writes output files atomically: each goes to a temporary file beside its target and is renamed
 * into place only when every output is ready, so a failed run leaves no partial file behind.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export interface OutputFile {
  readonly path: string;
  readonly data: Uint8Array | string;
}

export async function writeOutputsAtomically(outputs: readonly OutputFile[]): Promise<void> {
  const temporaries: string[] = [];
  try {
    for (const output of outputs) {
      await mkdir(dirname(output.path), { recursive: true });
      const temporary = join(dirname(output.path), `.${basename(output.path)}.${process.pid}.tmp`);
      temporaries.push(temporary);
      await writeFile(temporary, output.data);
    }
    for (let i = 0; i < outputs.length; i++) await rename(temporaries[i] as string, (outputs[i] as OutputFile).path);
  } catch (error) {
    await Promise.all(temporaries.map((t) => rm(t, { force: true })));
    throw error;
  }
}

const TEMPORARY = /^\..+\.\d+\.tmp$/;

/** Removes the temporary files a killed run left in a folder tree (never a finished output). */
export async function removeStaleTemporaries(folder: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removed += await removeStaleTemporaries(path);
    else if (TEMPORARY.test(entry.name)) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
