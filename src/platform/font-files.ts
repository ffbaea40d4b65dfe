/**
 * The PDF's font files under Node: read from the `dejavu-fonts-ttf` package, never from the
 * system. A browser bundle uses `font-files.browser.ts` instead (package.json `browser` field).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The bytes of a font file of the package's `ttf` folder, e.g. `DejaVuSerif.ttf`. */
export function readFontFile(file: string): Uint8Array {
  return readFileSync(join(FONT_DIR, file));
}
