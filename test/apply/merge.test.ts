/**
 * `apply`'s three-way merge, exactly: word edits of several sources to one paragraph (a conflict
 * resolved a whole drafting change at a time, in source order), and table edits row by row (a
 * changed row's cells merged word by word).
 */
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/api/apply.js';
import type { ConflictPolicy } from '../../src/apply/merge-sources.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { documentLines } from '../../src/model/plain-text.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

const GRID = (columns: number): string => `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(columns)}</w:tblGrid>`;
const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${p(text)}</w:tc>`;
const row = (texts: readonly string[]): string => `<w:tr>${texts.map(cell).join('')}</w:tr>`;
const tableOf = (columns: number, rows: readonly string[]): string => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${GRID(columns)}${rows.join('')}</w:tbl>`;
const table = (rows: readonly (readonly string[])[]): string => tableOf(rows[0]?.length ?? 1, rows.map(row));
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
  const { value } = await apply(
    { bytes: old, name: 'old.docx' },
    sources.map(([id, bytes]) => ({ id, bytes, name: `${id}.docx` })),
    { onConflict: policy, outputs: { cleanDocx: true } },
  );
  const bytes = value.outputs.cleanDocx;
  const lines = bytes instanceof Uint8Array ? documentLines(fromDocx(bytes, 'new.docx').document, { headers: true }) : [];
  return { lines, conflicts: value.report.conflicts, failed: value.failed };
}

describe('apply: word edits of several sources in one paragraph', () => {
  const old = docx(p(CLAUSE));
  const a = docx(p(CLAUSE.replace('30 days', '45 days')));
  const b = docx(p(CLAUSE.replace('within 30 days', 'in 60 days')));
  const c = docx(p(CLAUSE.replace('of the Order', 'of the written Order')));

  it('applies edits of different words together', async () => {
    expect(
      (
        await merge(old, [
          ['A', a],
          ['C', c],
        ])
      ).lines[0],
    ).toBe('The Supplier shall deliver the Goods within 45 days of the written Order.');
  });

  it('resolves a collision a whole change at a time, the first source in order winning with `first`', async () => {
    expect(
      (
        await merge(old, [
          ['A', a],
          ['B', b],
        ])
      ).lines[0],
    ).toBe('The Supplier shall deliver the Goods within 45 days of the Order.');
    expect(
      (
        await merge(old, [
          ['B', b],
          ['A', a],
        ])
      ).lines[0],
    ).toBe('The Supplier shall deliver the Goods in 60 days of the Order.');
  });

  it('applies neither colliding change with `skip`, and reports the collision once with both texts', async () => {
    const skipped = await merge(
      old,
      [
        ['B', b],
        ['A', a],
      ],
      'skip',
    );
    expect(skipped.lines[0]).toBe(CLAUSE);
    expect(skipped.conflicts).toEqual([{ sources: ['B', 'A'], oldText: 'within 30', texts: { B: 'in 60', A: '45' } }]);
  });

  it('writes nothing with `fail`', async () => {
    const failed = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'fail',
    );
    expect(failed.failed).toBe(true);
    expect(failed.lines).toEqual([]);
  });

  it('takes the same edit made by two sources once, with no conflict', async () => {
    const same = await merge(
      old,
      [
        ['A', a],
        ['A2', a],
      ],
      'fail',
    );
    expect(same.conflicts).toEqual([]);
    expect(same.lines[0]).toBe('The Supplier shall deliver the Goods within 45 days of the Order.');
  });
});

describe('apply: headers and footers', () => {
  it('applies a source’s edit to the header with another source’s edit to the body', async () => {
    const version = (header: string, body: string): Uint8Array => buildDocx({ body: p(body), header: p(header) });
    const old = version('Section G version 14.0', CLAUSE);
    const a = version('Section G version 15.0', CLAUSE);
    const b = version('Section G version 14.0', CLAUSE.replace('30 days', '45 days'));
    const merged = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'fail',
    );
    expect(merged.conflicts).toEqual([]);
    expect(merged.lines).toEqual([CLAUSE.replace('30 days', '45 days'), '[header]', 'Section G version 15.0']);
  });
});

describe('apply: table edits row by row', () => {
  const old = docx(table(ROWS));
  const withRows = (rows: readonly (readonly string[])[]): Uint8Array => docx(table(rows));
  const cells = (lines: readonly string[]): string[] => lines.filter((l) => l.includes('|') || /^SR|^Request/.test(l));

  it('applies changes to different rows by different sources', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'Supplier', '3 WD'] : r)));
    const b = withRows(ROWS.map((r, i) => (i === 3 ? ['SR3 Read meter', 'Supplier', '1 WD'] : r)));
    const merged = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'fail',
    );
    expect(merged.conflicts).toEqual([]);
    expect(merged.lines.join('\n')).toContain('3 WD');
    expect(merged.lines.join('\n')).toMatch(/SR3 Read meter\s*\|?\s*Supplier/);
  });

  it('inserts a row two sources both add once, and keeps different rows added at one place', async () => {
    const added = ['SR4 Exchange meter', 'Supplier', '15 WD'];
    const other = ['SR5 Inspect meter', 'DCC', '20 WD'];
    const both = await merge(
      old,
      [
        ['A', withRows([...ROWS, added])],
        ['B', withRows([...ROWS, added])],
      ],
      'fail',
    );
    expect(both.lines.filter((l) => l.includes('SR4 Exchange meter'))).toHaveLength(1);
    const two = await merge(
      old,
      [
        ['A', withRows([...ROWS, added])],
        ['B', withRows([...ROWS, other])],
      ],
      'fail',
    );
    const text = two.lines.join('\n');
    expect(text.indexOf('SR4 Exchange meter')).toBeGreaterThan(-1);
    expect(text.indexOf('SR5 Inspect meter')).toBeGreaterThan(text.indexOf('SR4 Exchange meter'));
  });

  it('applies changes to different cells of one row by different sources', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'Supplier', '3 WD'] : r)));
    const b = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'DCC', '5 WD'] : r)));
    const merged = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'fail',
    );
    expect(merged.conflicts).toEqual([]);
    expect(cells(merged.lines)).toEqual(cells(documentLines(fromDocx(withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'DCC', '3 WD'] : r))), 'x').document)));
  });

  it('carries a cell edit of a source drafted on an earlier base into the old row, keeping its other cells', async () => {
    // A tracked-changes source whose base had "Network Party" where OLD has "Supplier": it changes the time only.
    const trackedTime =
      '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:del w:id="1" w:author="Drafter"><w:r><w:delText>10 WD</w:delText></w:r></w:del><w:ins w:id="2" w:author="Drafter"><w:r><w:t>7 WD</w:t></w:r></w:ins></w:p></w:tc>';
    const drifted = `<w:tr>${cell('SR2 Remove meter')}${cell('Network Party')}${trackedTime}</w:tr>`;
    const source = docx(tableOf(3, [row(ROWS[0] as string[]), row(ROWS[1] as string[]), drifted, row(ROWS[3] as string[])]));
    const merged = await merge(old, [['A', source]], 'fail');
    expect(merged.conflicts).toEqual([]);
    expect(merged.lines.join('\n')).toMatch(/SR2 Remove meter\s*\|?\s*Supplier\s*\|?\s*7 WD/);
  });

  it('reports the same words of one cell changed two ways as a conflict, the other cells applied', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 2 ? ['SR2 Remove meter', 'DCC', '7 WD'] : r)));
    const b = withRows(ROWS.map((r, i) => (i === 2 ? ['SR2 Remove meter', 'Supplier', '8 WD'] : r)));
    const merged = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'first',
    );
    expect(merged.conflicts.map((c) => [c.sources.join('+'), c.oldText, c.texts])).toEqual([['A+B', '10', { A: '7', B: '8' }]]);
    expect(merged.lines.join('\n')).toMatch(/SR2 Remove meter\s*\|?\s*DCC\s*\|?\s*7 WD/);
  });

  it('replaces a changed row whole when the source merged its cells', async () => {
    const merged2 = `<w:tr>${cell('SR1 Install meter')}<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>${p('Supplier within 5 WD')}</w:tc></w:tr>`;
    const source = docx(tableOf(3, [row(ROWS[0] as string[]), merged2, row(ROWS[2] as string[]), row(ROWS[3] as string[])]));
    const merged = await merge(old, [['A', source]], 'fail');
    expect(merged.conflicts).toEqual([]);
    expect(merged.lines.join('\n')).toMatch(/SR1 Install meter\s*\|?\s*Supplier within 5 WD\s*\|?\s*SR2/);
  });

  it('reports one row changed two ways as a conflict', async () => {
    const a = withRows(ROWS.map((r, i) => (i === 2 ? ['SR2 Remove meter', 'Supplier', '7 WD'] : r)));
    const b = withRows(ROWS.filter((_, i) => i !== 2));
    const merged = await merge(
      old,
      [
        ['A', a],
        ['B', b],
      ],
      'skip',
    );
    expect(merged.conflicts.map((c) => [c.sources.join('+'), Object.keys(c.texts).join('+')])).toEqual([['A+B', 'A+B']]);
    expect(merged.lines.join('\n')).toContain('10 WD');
  });

  it('treats a source that changes the columns as replacing the table: another source’s row edit then conflicts', async () => {
    const wider = withRows(ROWS.map((r, i) => [...r, i === 0 ? 'Notes' : '']));
    const row = withRows(ROWS.map((r, i) => (i === 1 ? ['SR1 Install meter', 'Supplier', '3 WD'] : r)));
    const merged = await merge(
      old,
      [
        ['A', wider],
        ['B', row],
      ],
      'fail',
    );
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
    const merged = await merge(
      titled(ROWS),
      [
        ['A', wider],
        ['B', appended],
      ],
      'fail',
    );
    expect(merged.conflicts.map((c) => c.sources.join('+'))).toEqual(['A+B']);
  });
});
