/**
 * The PDF's font files (and their indexes) under Node: read from the installed font packages
 * (`dejavu-fonts-ttf`, the optional `@fontsource` CJK fonts), never from the system. A browser
 * bundle uses `font-files.browser.ts` instead (package.json `browser` field).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const folders = new Map<string, string | null>();

function packageFolder(packageName: string): string | undefined {
  let folder = folders.get(packageName);
  if (folder === undefined) {
    try {
      folder = dirname(require.resolve(`${packageName}/package.json`));
    } catch {
      // An optional package that is not installed.
      folder = null;
    }
    folders.set(packageName, folder);
  }
  return folder ?? undefined;
}

/** A file of an installed package (`ttf/DejaVuSerif.ttf`), or undefined when the package or the file is not there. */
export function readPackageFile(packageName: string, path: string): Uint8Array | undefined {
  const folder = packageFolder(packageName);
  if (folder === undefined) return undefined;
  const file = join(folder, path);
  return existsSync(file) ? readFileSync(file) : undefined;
}
