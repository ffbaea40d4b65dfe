/** Reads an input file, turning file-system errors into one-line input errors. */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../diagnostics/errors.js';

/** Inputs larger than this are refused before they are read (a DOCX of 1,000 pages is ~5-20 MB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export async function readInput(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a file');
    if (info.size > MAX_INPUT_BYTES) throw new InputError(path, `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(path, 'no such file');
    if (code === 'EACCES') throw new InputError(path, 'permission denied');
    throw new InputError(path, `cannot be read (${(error as Error).message})`, { cause: error });
  }
}
