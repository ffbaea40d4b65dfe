/**
 * One fixture per capability of the diff core: moves, renumbering, definitions tables, column
 * inserts, headers, footnotes, formatting and quote styles. Each redline is checked by our own
 * reader and, with LibreOffice available, by `lo-redline verify` (run once for all fixtures).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { compare as compareVersions } from '../../src/api/compare.js';
import { verify } from '../../src/api/verify.js';
import type { DiffOptions } from '../../src/diff/options.js';
import type { Change } from '../../src/model/change-set.js';
import { tempDir } from '../helpers/cli.js';
import { buildDocx, escapeXmlText, np, p } from '../helpers/docx-builder.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const dir = tempDir('redline-capabilities-');
const checked: { name: string; file: string; old: string; new: string; parts?: string }[] = [];

interface Result {
  readonly changes: readonly Change[];
  readonly xml: string;
  readonly parts: Readonly<Record<string, string>>;
}

async function compare(name: string, oldDocx: Uint8Array, newDocx: Uint8Array, options: DiffOptions = {}, headers = false): Promise<Result> {
  const oldFile = join(dir, `${name}-old.docx`);
  const newFile = join(dir, `${name}-new.docx`);
  const outFile = join(dir, `${name}-redline.docx`);
  writeFileSync(oldFile, oldDocx);
  writeFileSync(newFile, newDocx);
  const { value: result } = await compareVersions({ bytes: oldDocx, name: oldFile }, { bytes: newDocx, name: newFile }, { ...options, outputs: { docx: true } });
  const bytes = result.outputs.docx as Uint8Array;
  writeFileSync(outFile, bytes);
  const caseInsensitiveOrIgnoring = options.ignoreCase || options.ignoreQuotes || options.ignoreWhitespace || options.ignoreFormatting;
  if (!caseInsensitiveOrIgnoring) {
    const { value: verdict } = await verify({ bytes, name: outFile }, { bytes: oldDocx, name: oldFile }, { bytes: newDocx, name: newFile }, { ignoreEmptyLines: true, headers });
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
    checked.push({ name, file: outFile, old: oldFile, new: newFile, ...(headers && { parts: 'body,notes,headers' }) });
  }
  const parts = Object.fromEntries(
    Object.entries(unzipSync(bytes))
      .filter(([k]) => k.endsWith('.xml'))
      .map(([k, v]) => [k, new TextDecoder().decode(v)]),
  );
  return { changes: result.redline.changes, xml: parts['word/document.xml'] ?? '', parts };
}

const kinds = (changes: readonly Change[]): string[] => changes.map((c) => c.kind);
const numbered = (paragraphs: readonly (readonly [string, number])[]): Uint8Array => buildDocx({ numbering: NUMBERING_XML, body: paragraphs.map(([text, level]) => np(text, 1, level)).join('') });

const CLAUSES = [
  'The Supplier shall deliver the Goods to the Delivery Point within thirty days of the Order Date.',
  'The Buyer shall pay the Price within sixty days of receiving a valid invoice from the Supplier.',
  'Each Party shall keep the Confidential Information of the other Party secret and shall not disclose it.',
  'Either Party may terminate this Agreement by giving not less than three months written notice to the other.',
  'This Agreement is governed by the law of England and Wales and the courts of England have jurisdiction.',
];

describe('diff core capabilities', () => {
  it('reports a moved clause as a move, with matching move ranges in the DOCX', async () => {
    const old = numbered([
      ['General', 0],
      [CLAUSES[0] as string, 1],
      [CLAUSES[1] as string, 1],
      ['delivery to be made in working hours', 2],
      [CLAUSES[2] as string, 1],
      [CLAUSES[3] as string, 1],
    ]);
    const neu = numbered([
      ['General', 0],
      [CLAUSES[0] as string, 1],
      [CLAUSES[2] as string, 1],
      [CLAUSES[3] as string, 1],
      [CLAUSES[1] as string, 1],
      ['delivery to be made in working hours', 2],
    ]);
    const { changes, xml } = await compare('moved-clause', old, neu);
    const moves = changes.filter((c) => c.kind === 'move');
    expect(moves).toHaveLength(1);
    expect(moves[0]?.oldText).toBe(`${CLAUSES[1]}\ndelivery to be made in working hours`);
    expect(moves[0]?.location.label).toBe('1.2');
    expect(moves[0]?.to?.label).toBe('1.4');
    expect(kinds(changes).filter((k) => k !== 'move' && k !== 'renumber')).toEqual([]);
    const from = /<w:moveFromRangeStart w:id="\d+"[^>]*w:name="(move\d+)"/.exec(xml)?.[1];
    const to = /<w:moveToRangeStart w:id="\d+"[^>]*w:name="(move\d+)"/.exec(xml)?.[1];
    expect(from).toBeDefined();
    expect(to).toBe(from);
    expect((xml.match(/<w:moveFromRangeEnd /g) ?? []).length).toBe(1);
    expect((xml.match(/<w:moveToRangeEnd /g) ?? []).length).toBe(1);
  });

  it('shows the edits inside a moved-and-edited clause as word changes', async () => {
    const old = numbered(CLAUSES.map((c) => [c, 1] as const));
    const edited = (CLAUSES[0] as string).replace('thirty', 'forty-five');
    const neu = numbered([
      [CLAUSES[1] as string, 1],
      [CLAUSES[2] as string, 1],
      [CLAUSES[3] as string, 1],
      [edited, 1],
      [CLAUSES[4] as string, 1],
    ]);
    const { changes, xml } = await compare('moved-and-edited', old, neu);
    expect(kinds(changes).filter((k) => k !== 'renumber')).toEqual(['move', 'delete', 'insert']);
    expect(changes.find((c) => c.kind === 'insert')?.newText).toBe('forty-five');
    expect(changes.find((c) => c.kind === 'delete')?.oldText).toBe('thirty');
    expect(xml).toMatch(/<w:moveTo [^>]*>.*<w:ins [^>]*><w:r><w:t xml:space="preserve">forty-five<\/w:t>/);
  });

  it('records a renumbering cascade as renumber changes without marking the numbers in the DOCX', async () => {
    const clauses = CLAUSES.map((c) => [c, 1] as const);
    const old = numbered([['Supply', 0], ...clauses]);
    const neu = numbered([['Supply', 0], clauses[0] as [string, number], ['The Supplier shall appoint a contract manager for the term of this Agreement.', 1], ...clauses.slice(1)]);
    const { changes, xml } = await compare('renumbering', old, neu);
    expect(changes.filter((c) => c.kind === 'insert')).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'renumber').map((c) => `${c.oldLabel}→${c.newLabel}`)).toEqual(['1.2→1.3', '1.3→1.4', '1.4→1.5', '1.5→1.6']);
    expect((xml.match(/<w:ins /g) ?? []).length).toBe(2);
  });

  it('aligns a definitions table by term: inserted and deleted terms are rows, an amended definition is a word change', async () => {
    const terms = [
      ['Agreement', 'means this agreement and its schedules.'],
      ['Business Day', 'means a day other than a weekend or a public holiday in England.'],
      ['Goods', 'means the goods described in Schedule 1.'],
      ['Price', 'means the price of the Goods set out in Schedule 2.'],
      ['Supplier', 'means the party supplying the Goods.'],
    ];
    const table = (rows: readonly string[][]): string =>
      `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="2500"/><w:gridCol w:w="6000"/></w:tblGrid>${rows.map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${escapeXmlText(c)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>${p('')}`;
    const newTerms = [terms[0], ['Buyer', 'means the party buying the Goods.'], terms[1], ['Goods', 'means the goods and services described in Schedule 1.'], terms[3]] as string[][];
    const { changes } = await compare('definitions', buildDocx({ body: table(terms) }), buildDocx({ body: table(newTerms) }));
    expect(changes.map((c) => [c.kind, c.oldText || c.newText])).toEqual([
      ['table-row-insert', 'Buyer | means the party buying the Goods.'],
      ['insert', 'and services '],
      ['table-row-delete', 'Supplier | means the party supplying the Goods.'],
    ]);
  });

  it('tracks a formatting-only change in a table whose text did not change', async () => {
    const cell = (text: string, bold = false): string => `<w:tc><w:p><w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:tc>`;
    const table = (bold: boolean): string =>
      `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr>${cell('Term')}${cell('Meaning')}</w:tr><w:tr>${cell('Supplier', bold)}${cell('the party supplying the Goods')}</w:tr></w:tbl>${p('')}`;
    const { changes } = await compare('table-formatting', buildDocx({ body: table(false) }), buildDocx({ body: table(true) }));
    expect(changes.map((c) => [c.kind, c.newText, c.location.row, c.location.cell])).toEqual([['format', 'Supplier', 2, 1]]);
  });

  it('compares a table in which every row was amended row by row, not as a replaced table', async () => {
    const table = (rows: readonly string[][]): string =>
      `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>${rows.map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${c}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>${p('')}`;
    const rows = [
      ['Smart Meter', 'installed by the Supplier'],
      ['Communications Hub', 'installed by the DCC'],
      ['Gas Proxy Function', 'hosted on the Communications Hub'],
    ];
    const amended = rows.map(([term, text]) => [term as string, `${text as string} in accordance with this Code`]);
    const { changes } = await compare('table-every-row', buildDocx({ body: table(rows) }), buildDocx({ body: table(amended) }));
    expect(changes.map((c) => [c.kind, c.newText, c.location.row])).toEqual([
      ['insert', ' in accordance with this Code', 1],
      ['insert', ' in accordance with this Code', 2],
      ['insert', ' in accordance with this Code', 3],
    ]);
  });

  it('shows an inserted table column as inserted cells', async () => {
    const grid = (n: number): string => `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(n)}</w:tblGrid>`;
    const row = (cells: readonly string[]): string => `<w:tr>${cells.map((c) => `<w:tc><w:p><w:r><w:t>${c}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
    const old = buildDocx({
      body: `<w:tbl><w:tblPr/>${grid(3)}${row(['Requirement', 'Supplier', 'DCC'])}${row(['R1', 'Mandatory', 'Optional'])}${row(['R2', 'Optional', 'Mandatory'])}</w:tbl>${p('')}`,
    });
    const neu = buildDocx({
      body: `<w:tbl><w:tblPr/>${grid(4)}${row(['Requirement', 'Supplier', 'Network Party', 'DCC'])}${row(['R1', 'Mandatory', 'Conditional', 'Optional'])}${row(['R2', 'Optional', 'Mandatory', 'Mandatory'])}</w:tbl>${p('')}`,
    });
    const { changes, xml } = await compare('column-insert', old, neu);
    expect(changes.map((c) => [c.kind, c.newText, c.location.row, c.location.cell])).toEqual([
      ['insert', 'Network Party', 1, 3],
      ['insert', 'Conditional', 2, 3],
      ['insert', 'Mandatory', 3, 3],
    ]);
    expect((xml.match(/<w:cellIns /g) ?? []).length).toBe(3);
    expect((xml.match(/<w:gridCol /g) ?? []).length).toBe(4);
  });

  it('compares headers as a story of their own', async () => {
    const old = buildDocx({ body: p('Body text.'), header: p('Smart Energy Code — Section G (version 1.0)') });
    const neu = buildDocx({ body: p('Body text.'), header: p('Smart Energy Code — Section G (version 2.0)') });
    const { changes, parts } = await compare('header', old, neu, {}, true);
    expect(changes.map((c) => [c.kind, c.oldText, c.newText, c.location.story, c.location.part])).toEqual([['replace', '1.0', '2.0', 'header', 'word/header1.xml']]);
    expect(parts['word/header1.xml']).toMatch(/<w:del [^>]*><w:r><w:delText xml:space="preserve">1\.0<\/w:delText>/);
  });

  it('writes an unchanged header that carries tracked changes of its own as the view read, not with its revisions', async () => {
    const trackedHeader =
      '<w:p><w:r><w:t xml:space="preserve">Section G version </w:t></w:r><w:del w:id="5" w:author="Drafter"><w:r><w:delText>14.0</w:delText></w:r></w:del><w:ins w:id="6" w:author="Drafter"><w:r><w:t>15.0</w:t></w:r></w:ins></w:p>';
    const old = buildDocx({ body: p('Body text.'), header: p('Section G version 15.0') });
    const neu = buildDocx({ body: p('Body text, amended.'), header: trackedHeader });
    const { changes, parts } = await compare('header-tracked', old, neu, {}, true);
    expect(changes.map((c) => c.location.story)).toEqual(['body']);
    expect(parts['word/header1.xml']).not.toMatch(/<w:(ins|del)\b/);
  });

  it('compares footnotes as a story of their own', async () => {
    const body = '<w:p><w:r><w:t xml:space="preserve">Clause with a note.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>';
    const note = (text: string): string => `<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${text}</w:t></w:r></w:p></w:footnote>`;
    const { changes, parts } = await compare(
      'footnote',
      buildDocx({ body, footnotes: note('See the Panel guidance of 2024.') }),
      buildDocx({ body, footnotes: note('See the Panel guidance of 2026.') }),
    );
    expect(changes.map((c) => [c.kind, c.oldText, c.newText, c.location.story])).toEqual([['replace', '2024', '2026', 'footnote']]);
    expect(parts['word/footnotes.xml']).toMatch(/<w:ins [^>]*><w:r><w:t xml:space="preserve">2026<\/w:t>/);
  });

  it('tracks a formatting-only change as a formatting revision, and ignores it on request', async () => {
    const run = (text: string, bold = false): string => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    const old = buildDocx({ body: `<w:p>${run('The ')}${run('Supplier')}${run(' shall deliver.')}</w:p>` });
    const neu = buildDocx({ body: `<w:p>${run('The ')}${run('Supplier', true)}${run(' shall deliver.')}</w:p>` });
    const { changes, xml } = await compare('formatting', old, neu);
    expect(changes.map((c) => [c.kind, c.newText, c.oldFormat, c.newFormat])).toEqual([['format', 'Supplier', {}, { bold: true }]]);
    expect(xml).toMatch(/<w:rPr><w:b\/><w:rPrChange w:id="\d+" w:author="Redline"><w:rPr><\/w:rPr><\/w:rPrChange><\/w:rPr><w:t xml:space="preserve">Supplier<\/w:t>/);
    expect((await compare('formatting-ignored', old, neu, { ignoreFormatting: true })).changes).toEqual([]);
  });

  it('shows quote-style-only changes, and none with --ignore quotes', async () => {
    const old = buildDocx({ body: p('The "Code" means the Smart Energy Code - as amended - and the Supplier\'s obligations.') });
    const neu = buildDocx({ body: p('The \u201cCode\u201d means the Smart Energy Code \u2013 as amended \u2013 and the Supplier\u2019s obligations.') });
    const shown = await compare('quotes', old, neu);
    expect(shown.changes.length).toBeGreaterThan(0);
    expect(shown.changes.every((c) => c.kind === 'replace')).toBe(true);
    expect((await compare('quotes-ignored', old, neu, { ignoreQuotes: true })).changes).toEqual([]);
  });

  it('keeps repeated boilerplate aligned: one deleted copy among many is one change', async () => {
    const boilerplate = 'Each Party shall comply with its obligations under this Section in accordance with Good Industry Practice.';
    const paragraphs = Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? `Clause ${i / 10 + 1} heading` : boilerplate));
    const old = buildDocx({ body: paragraphs.map((t) => p(t)).join('') });
    const neu = buildDocx({
      body: paragraphs
        .filter((_, i) => i !== 205)
        .map((t) => p(t))
        .join(''),
    });
    const { changes } = await compare('boilerplate', old, neu);
    expect(changes.map((c) => [c.kind, c.scope])).toEqual([['delete', 'paragraph']]);
  });

  const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());
  afterAll(() => {
    if (!runLibreOffice || checked.length === 0) return;
    const manifest = join(dir, 'verify.json');
    writeFileSync(manifest, JSON.stringify({ defaults: { ignore_empty_lines: true }, cases: checked }));
    const run = runLoRedline(['verify-many', manifest]);
    expect(run.stdout).toMatch(new RegExp(`${checked.length} passed, 0 failed`));
  }, 300_000);
});
