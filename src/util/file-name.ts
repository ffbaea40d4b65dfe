/**
 * The last segment of a path, as `path.basename` gives it on POSIX, without Node's `path` (the
 * engine also runs in browsers, where names are already plain file names).
 */
export function fileName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
