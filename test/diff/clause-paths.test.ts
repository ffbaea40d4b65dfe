/**
 * Full clause paths: a change is located the way a lawyer cites it (`1.1(a)(i)`, `Schedule 2,
 * 1(a)`, `Table under 3, row "MP202"`), from a multi-level legal numbering, numbering that
 * restarts under headings, and tables.
 */
import { describe, expect, it } from 'vitest';
import { ClausePaths } from '../../src/diff/clause-paths.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { paragraph, table, tableCell, tableRow, textRun } from '../../src/model/build.js';
import type { Block, Paragraph } from '../../src/model/document.js';
import { buildDocx, np, p } from '../helpers/docx-builder.js';

/** A legal numbering: `1`, `1.1`, `(a)`, `(i)`, on one multi-level list (numId 1). */
const LEGAL_NUMBERING =
  '<w:abstractNum w:abstractNumId="1">' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>' +
  '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' +
  // The same scheme restarted: list 2 and 3 override the start, so each counts from 1 again.
  '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
  '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>';

const heading = (text: string): string => p(text, '<w:pStyle w:val="Heading1"/>');
const cell = (text: string): string => `<w:tc><w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:tc>`;
const tbl = (rows: readonly (readonly string[])[]): string =>
  `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;

/** The clause paths of every change between two bodies built from the same numbering. */
function changePaths(oldBody: string, newBody: string): (string | undefined)[] {
  const read = (body: string, name: string) => fromDocx(buildDocx({ numbering: LEGAL_NUMBERING, body }), name).document;
  return compareDocuments(read(oldBody, 'old.docx'), read(newBody, 'new.docx')).changes.map((c) => (c.kind === 'renumber' ? `renumber ${c.location.path ?? ''}` : c.location.path));
}

/** Each paragraph's text, and the same with "amended" added: every paragraph changes. */
function amendEach(paragraphs: readonly (readonly [string, number, number])[]): [string, string] {
  const body = (suffix: string): string => paragraphs.map(([text, numId, level]) => np(`${text}${suffix}`, numId, level)).join('');
  return [body(''), body(' amended')];
}

describe('clause paths of changes', () => {
  it('joins the labels of a multi-level legal numbering: 1, 1.1, 1.1(a), 1.1(a)(i)', () => {
    const [old, neu] = amendEach([
      ['Definitions', 1, 0],
      ['In this Agreement the following words have these meanings', 1, 1],
      ['Goods means the goods set out in the Order', 1, 2],
      ['including spare parts', 1, 3],
      ['and replacements', 1, 3],
      ['Price means the price in the Order', 1, 2],
      ['Interpretation applies to this Agreement', 1, 1],
      ['Supply', 1, 0],
      ['The Supplier shall supply the Goods', 1, 1],
      ['on time', 1, 2],
    ]);
    expect(changePaths(old, neu)).toEqual(['1', '1.1', '1.1(a)', '1.1(a)(i)', '1.1(a)(ii)', '1.1(b)', '1.2', '2', '2.1', '2.1(a)']);
  });

  it('cites a deleted limb by its old path and the clauses after an insertion by their new one', () => {
    const old = np('Supply', 1, 0) + np('The Supplier shall supply the Goods', 1, 1) + np('on time', 1, 2) + np('in full', 1, 2) + np('The Buyer shall pay', 1, 1) + np('within thirty days', 1, 2);
    const neu =
      np('Supply', 1, 0) +
      np('A wholly new clause about the supply of the goods', 1, 1) +
      np('The Supplier shall supply the Goods', 1, 1) +
      np('on time', 1, 2) +
      np('The Buyer shall pay', 1, 1) +
      np('within thirty days of invoice', 1, 2);
    expect(changePaths(old, neu)).toEqual(['1.1', 'renumber 1.2', '1.1(b)', 'renumber 1.3', '1.3(a)']);
  });

  it('prefixes the heading when the numbering restarts under headings (schedules)', () => {
    const [old, neu] = amendEach([
      ['The Supplier shall supply the Goods', 1, 0],
      ['on time', 1, 2],
    ]);
    const schedule = (text: string, numId: number, suffix: string): string => heading(`Schedule ${numId - 1}`) + np(`${text}${suffix}`, numId, 0) + np(`first limb${suffix}`, numId, 2);
    const oldBody = heading('Terms') + old + schedule('Charges', 2, '') + schedule('Service levels', 3, '');
    const newBody = heading('Terms') + neu + schedule('Charges', 2, ' amended') + schedule('Service levels', 3, ' amended');
    expect(changePaths(oldBody, newBody)).toEqual(['Terms, 1', 'Terms, 1(a)', 'Schedule 1, 1', 'Schedule 1, 1(a)', 'Schedule 2, 1', 'Schedule 2, 1(a)']);
  });

  it('names a table by the heading above it and a row by its first cell', () => {
    const rows = [
      ['Term', 'Definition'],
      ['MP201', 'Incident reporting'],
      ['MP202', 'Service requests'],
    ];
    const old = np('Modifications', 1, 0, 'Heading1') + tbl(rows);
    const neu = np('Modifications', 1, 0, 'Heading1') + tbl([rows[0] as string[], ['MP201', 'Incident reporting timescales'], ['MP203', 'Data retention'], rows[2] as string[]]);
    expect(changePaths(old, neu)).toEqual(['Table under 1, row "MP201"', 'Table under 1, row "MP203"']);
  });

  it('names a table by its caption, and by its place when several share a heading', () => {
    const rows = (key: string): string[][] => [
      ['Key', 'Value'],
      [key, 'old'],
    ];
    const caption = p('Table 7: Charges', '<w:pStyle w:val="Caption"/>');
    const old = heading('Annex') + tbl(rows('A')) + tbl(rows('B')) + caption + tbl(rows('C'));
    const neu =
      heading('Annex') +
      tbl([
        ['Key', 'Value'],
        ['A', 'new'],
      ]) +
      tbl([
        ['Key', 'Value'],
        ['B', 'new'],
      ]) +
      caption +
      tbl([
        ['Key', 'Value'],
        ['C', 'new'],
      ]);
    expect(changePaths(old, neu)).toEqual(['Table 1, row "A"', 'Table 2, row "B"', 'Table 7, row "C"']);
  });
});

describe('ClausePaths', () => {
  const numbered = (label: string, numId: string, level: number, indentLeft = 0): Paragraph =>
    paragraph([textRun(`clause ${label}`)], { numbering: { numId, level, label, isBullet: false }, layout: { indentLeft } });

  it('nests a list of its own under a clause indented less (not one indented alike), and cites typed labels as lawyers do', () => {
    const blocks: Block[] = [
      numbered('Article 3', 'typed', 0),
      numbered('3.1', 'typed', 1),
      numbered('a)', 'typed', 2),
      numbered('G3.5', '1', 1),
      numbered('(a)', '9', 0, 72),
      paragraph([textRun('a continuation of (a)')]),
      paragraph([textRun('Part B')], { headingLevel: 1 }),
      paragraph([textRun('text under a heading belongs to no clause')]),
    ];
    const paths = new ClausePaths(blocks);
    expect(blocks.map((b) => (b.type === 'paragraph' ? paths.paragraph(b) : undefined))).toEqual(['Article 3', 'Article 3.1', 'Article 3.1(a)', 'G3.5', 'G3.5(a)', 'G3.5(a)', undefined, undefined]);
  });

  it('keys rows by their first cell, by number when that is not unique', () => {
    const t = table([tableRow([tableCell([paragraph([textRun('X')])])]), tableRow([tableCell([paragraph([textRun('X')])])]), tableRow([tableCell([paragraph([textRun('Y')])])])]);
    const paths = new ClausePaths([t]);
    expect(paths.table(t)).toBe('Table 1');
    expect(t.rows.map((r) => paths.rowKey(r))).toEqual(['row 1', 'row 2', 'row "Y"']);
  });
});
