/** Whether a path lies strictly inside a folder (both resolved first; no `..` escape, no other root). */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function isInside(folder: string, path: string): boolean {
  const inside = relative(resolve(folder), resolve(path));
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
