/**
 * `npm run build:web`: the comparison app (`src/browser/`) as a static site in `dist/web/` (or the
 * folder given):
 * the page and its style sheet, the page's script and the worker's (esbuild bundles of the same
 * library code as the command line, minified, with the bundled packages' licences beside them),
 * the PDF's font files, and the sample pair, so that `index.html?old=samples/section-g-v1.docx&
 * new=samples/section-g-v2.docx` shows a redline. Browser bundles take the browser variants of
 * the platform modules (package.json `browser`), and fail to build if anything reaches a Node
 * built-in.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FONT_FILES } from '../../src/exporters/pdf/fonts.js';

/** The repository: the nearest folder above this module with the program's package.json (run from tools/ or from dist-tools/). */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'src/browser/app.ts'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('the repository (package.json and src/browser/) is not above tools/web/build-site');
    folder = parent;
  }
  return folder;
}

const ROOT = repositoryRoot();
const SOURCE = join(ROOT, 'src/browser');
/** Browsers of the last few years: module workers are not needed, CSS.escape and adoptedStyleSheets are. */
const TARGETS = ['chrome109', 'firefox115', 'safari16.4', 'edge109'];

export interface SiteFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipped: number;
}

export async function buildSite(out = join(ROOT, 'dist/web')): Promise<SiteFile[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'fonts'), { recursive: true });
  mkdirSync(join(out, 'samples'), { recursive: true });
  await build({
    entryPoints: { app: join(SOURCE, 'app.ts'), worker: join(SOURCE, 'worker.ts') },
    outdir: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: TARGETS,
    minify: true,
    legalComments: 'linked',
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  copyFileSync(join(SOURCE, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(SOURCE, 'app.css'), join(out, 'app.css'));
  const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const fonts = [...new Set(Object.values(FONT_FILES).flatMap((variants) => Object.values(variants)))];
  for (const font of fonts) copyFileSync(join(fontDir, font), join(out, 'fonts', font));
  for (const sample of ['section-g-v1.docx', 'section-g-v2.docx']) copyFileSync(join(ROOT, 'samples/compare', sample), join(out, 'samples', sample));
  return ['index.html', 'app.css', 'app.js', 'worker.js', ...fonts.map((font) => `fonts/${font}`)].map((file) => {
    const path = join(out, file);
    return { file, bytes: statSync(path).size, gzipped: gzipSync(readFileSync(path)).length };
  });
}

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(ROOT, 'dist/web');
  const files = await buildSite(resolve(out));
  for (const f of files) process.stdout.write(`${f.file.padEnd(36)} ${kilobytes(f.bytes).padStart(9)}  (${kilobytes(f.gzipped)} gzipped)\n`);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  process.stdout.write(`wrote ${out}: ${kilobytes(total)} in all\n`);
}
