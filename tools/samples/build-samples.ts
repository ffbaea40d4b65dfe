/**
 * Regenerates the bundled samples (`npm run samples`). The samples are committed; this script is
 * how they were made, and it makes them again byte for byte.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyEdits, randomEdits } from '../synthetic/edits.js';
import { Random } from '../synthetic/random.js';
import { generateDocSpec } from '../synthetic/spec.js';
import { specToDocx } from '../synthetic/to-docx.js';
import { buildSampleRelease } from './build-release.js';

async function buildComparePair(folder: string): Promise<void> {
  const v1 = generateDocSpec({ id: 'G', title: 'Section G: Security (version 1.0)', prefix: 'G', words: 6000, seed: 11, definitions: 12, matrixRows: 14, matrixColumns: 5, footnoteEvery: 9 });
  const edits = randomEdits(v1, new Random(12), { wordRate: 0.03, insertClauses: 2, deleteClauses: 1, moveClauses: 1, rowChanges: 4, tag: 'G-v2' });
  const v2 = { ...applyEdits(v1, edits), title: 'Section G: Security (version 2.0)' };
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'section-g-v1.docx'), await specToDocx(v1));
  await writeFile(join(folder, 'section-g-v2.docx'), await specToDocx(v2));
}

const root = process.argv[2] ?? 'samples';
await buildComparePair(join(root, 'compare'));
await buildSampleRelease(join(root, 'release'));
