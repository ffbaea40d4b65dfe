/**
 * The benchmark's document pairs: a synthetic code document of about `pages` pages (500 words a
 * page) with tables, footnotes and repeated boilerplate, and a new version with ≈2% of its words
 * changed, clauses inserted, deleted and moved, and table rows changed; as DOCX and as plain text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { documentLines } from '../../src/model/plain-text.js';
import { applyEdits, randomEdits } from '../synthetic/edits.js';
import { Random } from '../synthetic/random.js';
import { generateDocSpec } from '../synthetic/spec.js';
import { specToDocx } from '../synthetic/to-docx.js';

export const WORDS_PER_PAGE = 500;

export interface Pair {
  readonly oldDocx: string;
  readonly newDocx: string;
  readonly oldText: string;
  readonly newText: string;
  readonly words: number;
}

/** Writes a generated pair of the given size into `dir`. */
export async function generatePair(dir: string, pages: number, seed = 7): Promise<Pair> {
  const words = pages * WORDS_PER_PAGE;
  const spec = generateDocSpec({
    id: 'G',
    title: `Section G (${pages} pages)`,
    prefix: 'G',
    words,
    seed,
    definitions: Math.round(pages / 2),
    matrixRows: Math.round(pages / 2),
    matrixColumns: 6,
    footnoteEvery: 40,
  });
  const edits = randomEdits(spec, new Random(seed + 1), {
    wordRate: 0.02,
    insertClauses: Math.ceil(pages / 20),
    deleteClauses: Math.ceil(pages / 20),
    moveClauses: Math.ceil(pages / 50),
    rowChanges: Math.ceil(pages / 10),
    tag: `v2-${pages}`,
  });
  const oldBytes = await specToDocx(spec);
  const newBytes = await specToDocx(applyEdits(spec, edits));
  const pair: Pair = { oldDocx: join(dir, `${pages}-old.docx`), newDocx: join(dir, `${pages}-new.docx`), oldText: join(dir, `${pages}-old.txt`), newText: join(dir, `${pages}-new.txt`), words };
  writeFileSync(pair.oldDocx, oldBytes);
  writeFileSync(pair.newDocx, newBytes);
  writeFileSync(pair.oldText, `${documentLines(fromDocx(oldBytes, pair.oldDocx).document).join('\n')}\n`);
  writeFileSync(pair.newText, `${documentLines(fromDocx(newBytes, pair.newDocx).document).join('\n')}\n`);
  return pair;
}
