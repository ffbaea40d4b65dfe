/**
 * Reads an input file, turning file-system errors into one-line input errors. Only a regular
 * file is read, and only up to a size limit: a FIFO, a device (`/dev/zero`, `/dev/urandom`, even
 * behind a symbolic link), a socket or a directory is refused at once, without blocking (the file
 * is opened non-blocking and checked through the open handle, so it cannot be swapped between
 * the check and the read), and a file that grows past its size while being read is refused too.
 */
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { InputError } from '../diagnostics/errors.js';
import { fileSystemReason } from '../diagnostics/exit-codes.js';
import { LIMITS } from '../diagnostics/limits.js';

/** Inputs larger than this are refused before they are read (a DOCX of 1,000 pages is ~5-20 MB). */
export const MAX_INPUT_BYTES = LIMITS.inputBytes;

export async function readInput(path: string, maxBytes: number = MAX_INPUT_BYTES): Promise<Uint8Array> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a file');
    if (!info.isFile()) throw new InputError(path, `is not a regular file (${kindOf(info)}); give a file`);
    if (info.size > maxBytes) throw new InputError(path, `the file is larger than ${mib(maxBytes)}`);
    // One byte more than the size: a file that grows while it is read is caught, not read on.
    const buffer = new Uint8Array(info.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > info.size) throw new InputError(path, 'the file changed while it was read');
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, fileSystemReason(error), { cause: error });
  } finally {
    await handle?.close();
  }
}

function kindOf(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
