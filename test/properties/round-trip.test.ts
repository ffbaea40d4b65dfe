import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Change } from '../../src/model/change-set.js';
import { documentLines } from '../../src/model/plain-text.js';
import type { RedlineBlock } from '../../src/model/redline.js';
import { buildDocx } from '../helpers/docx-builder.js';
import { applyEdit, type BlockSpec, documentArb, editArb, NUMBERING_XML, toXml } from '../helpers/random-docs.js';

function docx(spec: readonly BlockSpec[]): Uint8Array {
  const { body, footnotes } = toXml(spec);
  return buildDocx({ body, numbering: NUMBERING_XML, footnotes });
}

/**
 * Reject All of the redline reads as OLD, Accept All as NEW. Empty lines are ignored, as in the
 * LibreOffice check: a paragraph deleted between two tables must keep its mark (Word cannot join
 * a paragraph into a table), so Accept All leaves it empty.
 */
function roundTrip(oldSpec: readonly BlockSpec[], newSpec: readonly BlockSpec[]): { reject: string[]; accept: string[]; old: string[]; new: string[]; changes: number } {
  const old = fromDocx(docx(oldSpec), 'old.docx').document;
  const neu = fromDocx(docx(newSpec), 'new.docx').document;
  const redline = compareDocuments(old, neu);
  const { bytes } = redlineToDocx(redline);
  const lines = (doc: Parameters<typeof documentLines>[0]): string[] => documentLines(doc, { ignoreEmptyLines: true });
  return {
    reject: lines(fromDocx(bytes, 'redline.docx', { view: 'before' }).document),
    accept: lines(fromDocx(bytes, 'redline.docx', { view: 'after' }).document),
    old: lines(old),
    new: lines(neu),
    changes: redline.changes.length,
  };
}

describe('round trip of random documents and random edits', () => {
  it('accept all gives the new version and reject all the old one (1,000 cases)', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (base, edits) => {
        const edited = edits.reduce(applyEdit, base);
        const result = roundTrip(base, edited);
        expect(result.accept).toEqual(result.new);
        expect(result.reject).toEqual(result.old);
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  }, 120_000);

  it('every changed piece and mark belongs to a change of its kind, and every move has both ends (500 cases)', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (base, edits) => {
        const redline = compareDocuments(fromDocx(docx(base), 'old.docx').document, fromDocx(docx(edits.reduce(applyEdit, base)), 'new.docx').document);
        expect(changeSetProblems(redline.changes, [...redline.body, ...redline.notes.flatMap((n) => n.blocks)])).toEqual([]);
      }),
      { numRuns: 500, seed: 20261129 },
    );
  }, 120_000);

  it('comparing a document with itself gives no changes', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(roundTrip(doc, doc).changes).toBe(0);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

/** The kinds of change a piece of each status may belong to. */
const KINDS_OF: Readonly<Record<string, readonly string[]>> = {
  'moved-from': ['move'],
  'moved-to': ['move'],
  inserted: ['insert', 'replace', 'table-row-insert', 'table-insert'],
  deleted: ['delete', 'replace', 'table-row-delete', 'table-delete'],
};

/** What in a redline's change set does not hold together (empty when all does). */
function changeSetProblems(changes: readonly Change[], blocks: readonly RedlineBlock[]): string[] {
  const byId = new Map(changes.map((c) => [c.id, c]));
  const problems = changes.filter((c) => c.kind === 'move' && (c.to === undefined || c.oldText === '' || c.newText === '')).map((c) => `move ${c.id} lacks an end`);
  const walk = (list: readonly RedlineBlock[]): void => {
    for (const block of list) {
      if (block.type === 'table') {
        for (const row of block.rows) for (const cell of row.cells) walk(cell.blocks);
      } else if (block.type === 'paragraph') {
        for (const piece of block.pieces) {
          if (piece.status === 'equal') continue;
          const change = byId.get(piece.changeId ?? '');
          if (!change || !KINDS_OF[piece.status]?.includes(change.kind)) problems.push(`${piece.status} piece in ${change?.kind ?? 'no'} change`);
          piece.stories?.forEach(walk);
        }
        if (block.mark !== 'equal' && !byId.has(block.markChangeId ?? '')) problems.push(`${block.mark} mark without a change`);
      }
    }
  };
  walk(blocks);
  return problems;
}
