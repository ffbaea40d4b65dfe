/**
 * The one place where an error that ends a run becomes an exit code and a message. Bad input,
 * bad usage and a place the output cannot go are the user's to fix: exit 2 and one line naming
 * the file and the reason. Anything else is a bug of ours: exit 1, one line, with the stack
 * trace kept for a bug report (printed when `REDLINE_DEBUG` is set).
 */
import { InputError, PartError, UsageError } from './errors.js';

export const EXIT = { ok: 0, internal: 1, badInput: 2, conflicts: 3, findings: 4, documentFailed: 5 } as const;

export interface ClassifiedError {
  readonly exitCode: typeof EXIT.internal | typeof EXIT.badInput;
  /** One line, without the program's name. */
  readonly message: string;
  /** For internal errors: the stack trace, for a bug report. */
  readonly stack?: string;
}

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof InputError || error instanceof UsageError || error instanceof PartError) return { exitCode: EXIT.badInput, message: oneLine(error.message) };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof TypeError && code?.startsWith('ERR_PARSE_ARGS')) return { exitCode: EXIT.badInput, message: oneLine(error.message) };
  // A file-system error that reached here came from a path the user gave (an output folder that
  // is read-only, full, missing or a file): theirs to fix, named with the reason.
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code !== undefined && path !== undefined && FILE_SYSTEM_CODES.has(code)) return { exitCode: EXIT.badInput, message: oneLine(`${path}: ${fileSystemReason(error)}`) };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { exitCode: EXIT.internal, message: oneLine(`internal error: ${message}`), ...(error instanceof Error && error.stack !== undefined && { stack: error.stack }) };
}

const FILE_SYSTEM_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'ENOTDIR',
  'EISDIR',
  'ENAMETOOLONG',
  'ELOOP',
  'EEXIST',
  'EMFILE',
  'ENFILE',
  'EIO',
  'EXDEV',
  'EBUSY',
  'ETXTBSY',
  'EFBIG',
]);

/** A message on one line: line breaks and other control characters written as escapes. */
export function oneLine(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** What a file-system error means to the user, in a few words. */
export function fileSystemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long for the file system';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an input/output error';
    case 'EEXIST':
      return 'a file is in the way';
    default:
      return `a file-system error (${code ?? (error as Error).message})`;
  }
}
