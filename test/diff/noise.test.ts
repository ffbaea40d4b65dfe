/**
 * Redline noise: on generated pairs whose true edit is known, the number of changes reported and
 * the number of changed words must be within 10% of the truth.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Change } from '../../src/model/change-set.js';
import { applyEdits, randomEdits, type SpecEdit } from '../../tools/synthetic/edits.js';
import { Random } from '../../tools/synthetic/random.js';
import { type ClauseSpec, type DocSpec, generateDocSpec, type LimbSpec } from '../../tools/synthetic/spec.js';
import { specToDocx } from '../../tools/synthetic/to-docx.js';

const words = (text: string): number => (text.trim() === '' ? 0 : text.trim().split(/\s+/).length);

function clauseWords(clause: ClauseSpec | LimbSpec): number {
  return words(clause.text) + clause.limbs.reduce((n, l) => n + clauseWords(l), 0);
}

function paragraphs(clause: ClauseSpec | LimbSpec): number {
  return 1 + clause.limbs.reduce((n, l) => n + paragraphs(l), 0);
}

/** The true number of revisions and changed words of a list of edits. */
function truth(spec: DocSpec, edits: readonly SpecEdit[]): { revisions: number; words: number } {
  const clauses = new Map(spec.parts.flatMap((p) => p.clauses).map((c) => [c.id, c]));
  const rows = new Map(spec.parts.flatMap((p) => p.table?.rows ?? []).map((r) => [r.id, r]));
  let revisions = 0;
  let changed = 0;
  for (const edit of edits) {
    switch (edit.kind) {
      case 'replace-words': {
        const before = (clauses.get(edit.id) as ClauseSpec).text;
        const after = applyEdits({ ...spec, parts: [{ id: 'x', heading: '', clauses: [clauses.get(edit.id) as ClauseSpec] }] }, [edit]).parts[0]?.clauses[0]?.text ?? '';
        const a = before.split(' ');
        const b = after.split(' ');
        let prefix = 0;
        while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
        let suffix = 0;
        while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
        const removed = a.length - prefix - suffix;
        const inserted = b.length - prefix - suffix;
        if (removed + inserted > 0) revisions++;
        changed += removed + inserted;
        break;
      }
      case 'insert-clause':
        revisions += paragraphs(edit.clause);
        changed += clauseWords(edit.clause);
        break;
      case 'delete-clause': {
        const clause = clauses.get(edit.id) as ClauseSpec;
        revisions += paragraphs(clause);
        changed += clauseWords(clause);
        break;
      }
      case 'move-clause':
        revisions += 1;
        break;
      case 'edit-cell': {
        const row = rows.get(edit.row);
        revisions += 1;
        changed += words(row?.cells[edit.cell] ?? '') + words(edit.text);
        break;
      }
      case 'insert-row':
        revisions += 1;
        changed += edit.row.cells.reduce((n, c) => n + words(c), 0);
        break;
      case 'delete-row':
        revisions += 1;
        changed += (rows.get(edit.row)?.cells ?? []).reduce((n, c) => n + words(c), 0);
        break;
    }
  }
  return { revisions, words: changed };
}

function measured(changes: readonly Change[]): { revisions: number; words: number } {
  const counted = changes.filter((c) => c.kind !== 'renumber' && c.kind !== 'format');
  return { revisions: counted.length, words: counted.filter((c) => c.kind !== 'move').reduce((n, c) => n + words(c.oldText) + words(c.newText), 0) };
}

describe('redline noise on generated edits', () => {
  for (const seed of [1, 2, 3]) {
    it(`reports revisions and changed words within 10% of the true edit (seed ${seed})`, async () => {
      const spec = generateDocSpec({ id: 'H', title: 'Section H', prefix: 'H', words: 20_000, seed, definitions: 30, matrixRows: 40 });
      const edits = randomEdits(spec, new Random(seed + 100), { wordRate: 0.02, insertClauses: 4, deleteClauses: 4, moveClauses: 3, rowChanges: 6, tag: 'N' });
      const old = fromDocx(await specToDocx(spec), 'old.docx').document;
      const neu = fromDocx(await specToDocx(applyEdits(spec, edits)), 'new.docx').document;
      const expected = truth(spec, edits);
      const actual = measured(compareDocuments(old, neu).changes);
      process.stdout.write(`noise (seed ${seed}): revisions ${actual.revisions} vs true ${expected.revisions}; changed words ${actual.words} vs true ${expected.words}\n`);
      expect(Math.abs(actual.revisions - expected.revisions) / expected.revisions).toBeLessThanOrEqual(0.1);
      expect(Math.abs(actual.words - expected.words) / expected.words).toBeLessThanOrEqual(0.1);
    });
  }
});
