/**
 * Confinement to an output folder: nothing is written, renamed or deleted outside it. Paths are
 * checked on their real location, not on their spelling: every folder on the way from the output
 * folder to a file is looked at before it is used, and a symbolic link inside the output folder
 * that leads out of it is refused, so `OUT/doc -> /elsewhere` never receives a file and a state
 * file naming `link/file` never deletes `/elsewhere/file`. Folders are created one level at a time,
 * each checked, so that `mkdir -p` never follows a link out.
 */
import { constants } from 'node:fs';
import { access, lstat, mkdir, realpath, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import { fileSystemReason } from '../diagnostics/exit-codes.js';
import { quote } from '../util/quote.js';
import { isInside } from './paths.js';

/**
 * Creates the output folder if need be and checks that it can be written: a read-only, missing
 * or wrong location is refused at once (exit 2), before any work is done.
 */
export async function prepareOutputFolder(folder: string): Promise<void> {
  try {
    await makeFolders(folder);
    const info = await lstat(await realpath(folder));
    if (!info.isDirectory()) throw new InputError(folder, 'the output location is not a folder');
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(folder, `the output folder cannot be used (${fileSystemReason(error)})`, { cause: error });
  }
}

/**
 * Creates a folder and the missing folders above it, one level at a time. Not `mkdir -p`: Node's
 * recursive `mkdir` never settles on some file systems (a path under /proc), which would hang.
 */
export async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(folder); ; ) {
    const exists = await lstat(current).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (exists) break;
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * A path given relative to the output folder (from a manifest, a state file, a report), as an
 * absolute path inside it; refused when its spelling leaves the folder (`..`, an absolute path).
 */
export function pathInside(folder: string, file: string): string {
  const path = resolve(folder, file);
  if (isAbsolute(file) || !isInside(folder, path)) throw new InputError(folder, `${quote(file)} is not a path inside the output folder`);
  return path;
}

/** Whether the real location of an existing path is inside the output folder's real location. */
async function reallyInside(realFolder: string, path: string): Promise<boolean> {
  const real = await realpath(path);
  return real === realFolder || isInside(realFolder, real);
}

/**
 * Makes sure the folder `path` (inside `folder`) exists and really lies inside it: each level is
 * created if missing, and an existing level that is a link leading out is refused.
 */
export async function ensureFolderInside(folder: string, path: string): Promise<void> {
  const realFolder = await realpath(folder);
  const steps = relative(resolve(folder), resolve(path));
  if (steps === '') return;
  if (steps.startsWith('..') || isAbsolute(steps)) throw new InputError(path, 'is outside the output folder');
  let current = resolve(folder);
  for (const step of steps.split(sep)) {
    current = join(current, step);
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info === undefined) {
      await mkdir(current);
      continue;
    }
    if (info.isSymbolicLink() && !(await reallyInside(realFolder, current))) throw new InputError(current, 'is a symbolic link that leads out of the output folder; refusing to write through it');
    if (!(await lstat(await realpath(current))).isDirectory()) throw new InputError(current, 'is in the way of an output folder (not a folder)');
  }
}

/**
 * Deletes a file named relative to the output folder, only when it really lies inside it: a
 * name that leaves the folder, or a folder on the way that is a link leading out, is left alone.
 * Returns whether a file was deleted.
 */
export async function removeInside(folder: string, file: string): Promise<boolean> {
  let path: string;
  try {
    path = pathInside(folder, file);
  } catch {
    return false;
  }
  const realFolder = await realpath(folder).catch(() => undefined);
  if (realFolder === undefined) return false;
  const parentInside = await reallyInside(realFolder, dirname(path)).catch(() => false);
  if (!parentInside) return false;
  const info = await lstat(path).catch(() => undefined);
  // A link is removed itself (its target is never touched); a folder is not a file to remove.
  if (info === undefined || info.isDirectory()) return false;
  await rm(path, { force: true });
  return true;
}

/** The real path of a file named relative to the output folder, when it really lies inside it. */
export async function realPathInside(folder: string, file: string): Promise<string | undefined> {
  try {
    const path = pathInside(folder, file);
    const realFolder = await realpath(folder);
    const real = await realpath(path);
    return isInside(realFolder, real) ? real : undefined;
  } catch {
    return undefined;
  }
}
