/**
 * `apply`'s three-way merge, exactly: word edits of several sources to one paragraph (a conflict
 * resolved a whole drafting change at a time, in source order), and table edits row by row.
 */
import { describe, expect, it } from 'vitest';
import { applyOutputKinds, runApply } from '../../src/pipeline/apply.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { documentLines } from '../../src/model/plain-text.js';
import type { ConflictPolicy } from '../../src/attribution/merge.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

const GRID = (columns: number): string => `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(columns)}</w:tblGrid>`;
const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${p(text)}</w:tc>`;
const table = (rows: readonly (readonly string[])[]): string => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${GRID(rows[0]?.length ?? 1)}${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
const docx = (body: string): Uint8Array => buildDocx({ body: body + p('End.') });

const CLAUSE = 'The Supplier shall deliver the Goods within 30 days of the Order.';
const ROWS = [
  ['Request', 'Owner', 'Time'],
  ['SR1 Install meter', 'Supplier', '5 WD'],
  ['SR2 Remove meter', 'Supplier', '10 WD'],
  ['SR3 Read meter', 'DCC', '1 WD'],
];

interface Merged {
  readonly lines: string[];
  readonly conflicts: readonly { sources: readonly string[]; oldText: string; texts: Readonly<Record<string, string>> }[];
  readonly failed: boolean;
}

async function merge(old: Uint8Array, sources: readonly [string, Uint8Array][], policy: ConflictPolicy = 'first'): Promise<Merged> {
  const result = await runApply({
    old: { bytes: old, name: 'old.docx' },
    sources: sources.map(([id, bytes]) => ({ id, bytes, name: `${id}.docx` })),
    policy,
    outputs: applyOutputKinds(['new.docx']),
  });
  const bytes = result.outputs.find((o) => o.path === 'new.docx')?.data;
  const lines = bytes instanceof Uint8Array ? documentLines(fromDocx(bytes, 'new.docx').document) : [];
  return { lines, conflicts: result.report.conflicts, failed: result.failed };
}

describe('apply: word edits of several sources in one paragraph', () => {
  const old = docx(p(CLAUSE));
  const a = docx(p(CLAUSE.replace('30 days', '45 days')));
  const b = docx(p(CLAUSE.replace('within 30 days', 'in 60 days')));
  const c = docx(p(CLAUSE.replace('of the Order', 'of the written Order')));

  it('applies edits of different words together', async () => {
    expect((await merge(old, [['A', a], ['C', c]])).lines[0]).toBe('The Supplier shall deliver the Goods within 45 days of the written Order.');
  });

  it('resolves a collision a whole change at a time, the first source in order winning with `first`', async () => {
    expect((await merge(old, [['A', a], ['B', b]])).lines[0]).toBe('The Supplier shall deliver the Goods within 45 days of the Order.');
    expect((await merge(old, [['B', b], ['A', a]])).lines[0]).toBe('The Supplier shall deliver the Goods in 60 days of the Order.');
  });

  it('applies neither colliding change with `skip`, and reports the collision once with both texts', async () => {
    const skipped = await merge(old, [['B', b], ['A', a]], 'skip');
    expect(skipped.lines[0]).toBe(CLAUSE);
    expect(skipped.conflicts).toEqual([{ sources: ['B', 'A'], oldText: 'within 30', texts: { B: 'in 60', A: '45' } }]);
  });

  it('writes nothing with `fail`', async () => {
    const failed = await merge(old, [['A', a], ['B', b]], 'fail');
    expect(failed.failed).toBe(true);
    expect(failed.lines).toEqual([]);
  });

  it('takes the same edit made by two sources once, with no conflict', async () => {
    const same = await merge(old, [['A', a], ['A2', a]], 'fail');
    expect(same.conflicts).toEqual([]);
    expect(same.lines[0]).toBe('The Supplier shall deliver the Goods within 45 days of the Order.');
  });
});

describe('apply: table edits row by row', () => {
  const old = docx(table(ROWS));
  const withRows = (rows: readonly (readonly string[])[]): Uint8Array => docx(table(rows));
  const cells = (lines: readonly string[]): string[] => lines.filter((l) => l.includes('|') || /^SR|^Request/.test(l));

  it('applies changes to different rows by different sources', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'Supplier', '3 WD'] : r)));
    const b = withRows(ROWS.map((r, i) => (i === 3 ? ['SR3 Read meter', 'Supplier', '1 WD'] : r)));
    const merged = await merge(old, [['A', a], ['B', b]], 'fail');
    expect(merged.conflicts).toEqual([]);
    expect(merged.lines.join('\n')).toContain('3 WD');
    expect(merged.lines.join('\n')).toMatch(/SR3 Read meter\s*\|?\s*Supplier/);
  });

  it('inserts a row two sources both add once, and keeps different rows added at one place', async () => {
    const added = ['SR4 Exchange meter', 'Supplier', '15 WD'];
    const other = ['SR5 Inspect meter', 'DCC', '20 WD'];
    const both = await merge(old, [['A', withRows([...ROWS, added])], ['B', withRows([...ROWS, added])]], 'fail');
    expect(both.lines.filter((l) => l.includes('SR4 Exchange meter'))).toHaveLength(1);
    const two = await merge(old, [['A', withRows([...ROWS, added])], ['B', withRows([...ROWS, other])]], 'fail');
    const text = two.lines.join('\n');
    expect(text.indexOf('SR4 Exchange meter')).toBeGreaterThan(-1);
    expect(text.indexOf('SR5 Inspect meter')).toBeGreaterThan(text.indexOf('SR4 Exchange meter'));
  });

  it('reports one row changed two ways as a conflict', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 2 ? ['SR2 Remove meter', 'Supplier', '7 WD'] : r)));
    const b = withRows(ROWS.filter((_, i) => i !== 2));
    const merged = await merge(old, [['A', a], ['B', b]], 'skip');
    expect(merged.conflicts.map((c) => [c.sources.join('+'), Object.keys(c.texts).join('+')])).toEqual([['A+B', 'A+B']]);
    expect(merged.lines.join('\n')).toContain('10 WD');
  });

  it('treats a source that changes the columns as replacing the table: another source’s row edit then conflicts', async () => {
    const wider = withRows(ROWS.map((r, i) => [...r, i === 0 ? 'Notes' : '']));
    const row = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'Supplier', '3 WD'] : r)));
    const merged = await merge(old, [['A', wider], ['B', row]], 'fail');
    expect(merged.failed).toBe(true);
    expect(merged.conflicts.map((c) => c.sources.join('+'))).toEqual(['A+B']);
  });

  it('sees a column change behind a merged title row', async () => {
    const titled = (rows: readonly (readonly string[])[]): Uint8Array => {
      const width = rows[0]?.length ?? 1;
      const title = `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="${width}"/></w:tcPr>${p('Service requests')}</w:tc></w:tr>`;
      return docx(table(rows).replace('</w:tblGrid>', `</w:tblGrid>${title}`));
    };
    const wider = titled(ROWS.map((r, i) => [...r, i === 0 ? 'Notes' : '']));
    const appended = titled([...ROWS, ['SR4 Exchange meter', 'Supplier', '15 WD']]);
    const merged = await merge(titled(ROWS), [['A', wider], ['B', appended]], 'fail');
    expect(merged.conflicts.map((c) => c.sources.join('+'))).toEqual(['A+B']);
  });
});

