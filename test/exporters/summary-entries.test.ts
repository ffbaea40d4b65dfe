/**
 * The entries and parts of a summary of changes, as golden strings: a clause inserted, deleted or
 * moved with its limbs is one entry; renumbering cascades are one entry each; entries gather into
 * parts by top-level clause (tables and unnumbered paragraphs with the clause above them under the
 * same heading, a move where it went), in document order, notes and headers after the body.
 */
import { describe, expect, it } from 'vitest';
import { clauseList } from '../../src/exporters/pdf/part-table.js';
import { summaryEntries } from '../../src/exporters/summary-entries.js';
import { clauseRoot, summaryParts } from '../../src/exporters/summary-parts.js';
import type { Change, ChangeKind, ChangeLocation, ChangeScope } from '../../src/model/change-set.js';

let nextId = 1;

function at(path: string | undefined, block: number, heading?: string, story: ChangeLocation['story'] = 'body'): ChangeLocation {
  return { story, block, newBlock: block, ...(path !== undefined && { path, label: path }), ...(heading !== undefined && { heading }) };
}

function change(
  kind: ChangeKind,
  location: ChangeLocation,
  texts: { oldText?: string; newText?: string; scope?: ChangeScope; sources?: string[]; from?: ChangeLocation; to?: ChangeLocation; oldLabel?: string; newLabel?: string } = {},
): Change {
  const { oldText = '', newText = '', scope = 'paragraph', sources = [], ...rest } = texts;
  return { id: `c${nextId++}`, kind, scope, oldText, newText, location, sources, author: 'test', ...rest };
}

/** Entries as `clause | kind | text | ids`. */
function entryLines(changes: readonly Change[]): string[] {
  const { changes: entries, renumbered } = summaryEntries(changes);
  return [...entries, ...renumbered].map((entry) => `${entry.clause} | ${entry.kind} | ${entry.text} | ${entry.changeIds.length}`);
}

/** Parts as `name: clauses (changes)`. */
function partLines(changes: readonly Change[]): string[] {
  return summaryParts(summaryEntries(changes).changes).map((part) => `${part.name}: ${clauseList(part.entries)} (${part.entries.reduce((n, e) => n + e.changeIds.length, 0)})`);
}

describe('summary entries', () => {
  it('makes one entry of a clause deleted or inserted with its limbs, and stops at the next clause or source', () => {
    const changes = [
      change('delete', at('A6.33', 10), { oldText: 'The Panel shall review.' }),
      change('delete', at('A6.33(a)', 11), { oldText: 'first;' }),
      change('delete', at('A6.33(b)', 12), { oldText: 'second;' }),
      change('delete', at('A6.33(b)(i)', 13), { oldText: 'inner;' }),
      change('delete', at('A6.33(d)', 14), { oldText: 'last.' }),
      change('delete', at('A6.34', 15), { oldText: 'Next clause.' }),
      change('insert', at('A7.2', 20), { newText: 'New clause.', sources: ['MP1'] }),
      change('insert', at('A7.2(a)', 21), { newText: 'its limb.', sources: ['MP2'] }),
    ];
    expect(entryLines(changes)).toEqual([
      'A6.33 | delete | A6.33 deleted, with (a)–(d): The Panel shall review. | 5',
      'A6.34 | delete | − Next clause. | 1',
      'A7.2 | insert | + New clause. | 1',
      'A7.2(a) | insert | + its limb. | 1',
    ]);
  });

  it('makes one entry of a clause moved with its limbs, naming both ends', () => {
    const move = (from: string, to: string, block: number): Change =>
      change('move', at(from, block), { from: at(from, block), to: at(to, block + 50), oldText: `text of ${from}`, newText: `text of ${from}`, sources: ['MP205'] });
    const changes = [move('D2.28', 'D5.18', 30), move('D2.28(a)', 'D5.18(a)', 31), move('D2.28(a)(i)', 'D5.18(a)(i)', 32), move('D2.28(b)', 'D5.18(b)', 33), move('D2.29', 'D6.1', 34)];
    expect(entryLines(changes)).toEqual(['D2.28 → D5.18 | move | D2.28 moved, with (a)–(b): text of D2.28 | 4', 'D2.29 → D6.1 | move | text of D2.29 | 1']);
  });

  it('makes one entry of a renumbering cascade, with what set it off', () => {
    const changes = [
      change('insert', at('G3.5', 5), { newText: 'A new clause.' }),
      ...[5, 6, 7].map((n) => change('renumber', at(`G3.${n + 1}`, n + 1), { oldText: `G3.${n}`, newText: `G3.${n + 1}`, oldLabel: `G3.${n}`, newLabel: `G3.${n + 1}` })),
    ];
    expect(entryLines(changes)).toEqual(['G3.5 | insert | + A new clause. | 1', 'G3.5–G3.7 | renumber | renumbered (+1), after new G3.5; now G3.6–G3.8 | 3']);
  });
});

describe('summary parts', () => {
  it('gathers entries by top-level clause, with the table under it, named by number and heading', () => {
    const changes = [
      change('replace', at('G1.6', 14, 'Introduction'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('G1.10', 23, 'Introduction'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('table-row-insert', at('Table under G1, row "MP202"', 97, 'Introduction'), { newText: 'MP202 | x', scope: 'table-row' }),
      change('replace', at('Table under G1, row "MP203"', 97, 'Introduction'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('G1.10', 23, 'Introduction'), { oldText: 'c', newText: 'd', scope: 'text' }),
      change('replace', at('G2.14', 130, 'Scope and Application'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('G3.1', 200, 'Audit'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('G4.1', 300, 'Audit'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at(undefined, 2, undefined, 'footnote'), { oldText: 'a', newText: 'b', scope: 'text' }),
    ];
    expect(partLines(changes)).toEqual([
      'G1 Introduction: G1.6, G1.10, Table under G1, rows "MP202", "MP203" (5)',
      'G2 Scope and Application: G2.14 (1)',
      'G3 Audit: G3.1 (1)',
      'G4 Audit: G4.1 (1)',
      'Footnotes: footnote (1)',
    ]);
  });

  it('puts a move in the part it went to, and the parts in document order', () => {
    const moved = change('move', at('A5.26', 438, 'Incident Management'), { from: at('A5.26', 438, 'Incident Management'), to: at('A7.27', 640, 'Release Management'), oldText: 'x', newText: 'x' });
    const changes = [
      change('replace', at('A5.12', 400, 'Incident Management'), { oldText: 'a', newText: 'b', scope: 'text' }),
      moved,
      change('insert', at('A5.26', 439, 'Incident Management'), { newText: 'New A5.26.' }),
      change('replace', at('A6.14', 515, 'Testing'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('A7.7', 597, 'Release Management'), { oldText: 'a', newText: 'b', scope: 'text' }),
    ];
    expect(partLines(changes)).toEqual(['A5 Incident Management: A5.12, A5.26 (2)', 'A6 Testing: A6.14 (1)', 'A7 Release Management: A7.7, A5.26 → A7.27 (2)']);
  });

  it('names parts without a heading by clause, and unnumbered text by its heading, a repeated heading apart', () => {
    const changes = [
      change('replace', at(undefined, 0), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('3.1(a)', 10), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('3.2', 12), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at(undefined, 20, 'Definitions'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at(undefined, 22, 'Definitions'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at('Schedule 2, 1(a)', 40, 'Charges'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at(undefined, 50, 'Notes'), { oldText: 'a', newText: 'b', scope: 'text' }),
      change('replace', at(undefined, 60, 'Definitions'), { oldText: 'a', newText: 'b', scope: 'text' }),
    ];
    expect(
      partLines(changes)
        .map((line) => line.replace(/:.*\(/, ' ('))
        .map((line) => line.trim()),
    ).toEqual(['Opening paragraphs (1)', 'Clause 3 (2)', 'Definitions (2)', 'Schedule 2, 1 Charges (1)', 'Notes (1)', 'Definitions (1)']);
  });

  it('finds the top-level clause of a clause path, and none for a table’s row', () => {
    const roots = ['A6.33(c)(i)', 'G3.5', '4.2', '(a)', 'Article 3.1', 'Schedule 2, 1(a)', 'Table 3, row "MP202"', 'Matrix 2, row 4', 'Table under G1, row "Key Report 27"'].map(clauseRoot);
    expect(roots).toEqual(['A6', 'G3', '4', undefined, 'Article 3', 'Schedule 2, 1', undefined, undefined, undefined]);
  });
});
