import { describe, expect, it } from 'vitest';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Block } from '../../src/model/document.js';
import { buildDocx, np, p } from '../helpers/docx-builder.js';

const lvl = (ilvl: number, fmt: string, text: string, extra = ''): string => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

/** A legal scheme: 1. / 1.1 / (a) / (i), the top level tied to Heading1. */
const LEGAL = `<w:abstractNum w:abstractNumId="10">${lvl(0, 'decimal', '%1.', '<w:pStyle w:val="Heading1"/>')}${lvl(1, 'decimal', '%1.%2')}${lvl(2, 'lowerLetter', '(%3)')}${lvl(3, 'lowerRoman', '(%4)', '<w:lvlRestart w:val="1"/>')}</w:abstractNum>`;
/** A code's section scheme: G1, G1.1, G1.1(a). */
const SECTION = `<w:abstractNum w:abstractNumId="20">${lvl(0, 'decimal', 'G%1')}${lvl(1, 'decimal', 'G%1.%2')}${lvl(2, 'lowerLetter', 'G%1.%2(%3)')}</w:abstractNum>`;
const SCHEDULE = `<w:abstractNum w:abstractNumId="30">${lvl(0, 'upperLetter', 'Part %1')}${lvl(1, 'upperRoman', '%2.')}</w:abstractNum>`;
const LETTERS = `<w:abstractNum w:abstractNumId="40">${lvl(0, 'lowerLetter', '(%1)')}</w:abstractNum>`;
const BULLETS = `<w:abstractNum w:abstractNumId="50"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>`;
const LEGAL_STYLE_OF_2 = `<w:abstractNum w:abstractNumId="60">${lvl(0, 'decimal', '%1')}${lvl(1, 'decimal', '%1.%2', '<w:isLgl/>')}</w:abstractNum>`;

const NUMBERING =
  LEGAL +
  SECTION +
  SCHEDULE +
  LETTERS +
  BULLETS +
  LEGAL_STYLE_OF_2 +
  '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>' +
  '<w:num w:numId="2"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>' +
  '<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>' +
  '<w:num w:numId="4"><w:abstractNumId w:val="40"/></w:num>' +
  '<w:num w:numId="5"><w:abstractNumId w:val="40"/></w:num>' +
  '<w:num w:numId="6"><w:abstractNumId w:val="40"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
  '<w:num w:numId="7"><w:abstractNumId w:val="50"/></w:num>' +
  '<w:num w:numId="8"><w:abstractNumId w:val="60"/></w:num>';

const STYLES =
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>';

const cell = (content: string): string => `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>${content}</w:tc>`;

const BODY = [
  p('Definitions', '<w:pStyle w:val="Heading1"/>'),
  np('In this Agreement:', 1, 1),
  np('first limb', 1, 2),
  np('second limb', 1, 2),
  np('sub-limb one', 1, 3),
  np('sub-limb two', 1, 3),
  np('third limb', 1, 2),
  np('sub-limb continues (restarts only after level 1)', 1, 3),
  np('Interpretation', 1, 1),
  `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>${cell(np('in a table', 1, 1))}${cell(p('plain cell'))}</w:tr></w:tbl>`,
  np('continues after the table', 1, 1),
  p('Supply', '<w:pStyle w:val="Heading1"/>'),
  np('restarts under a new heading', 1, 1),
  np('limb again', 1, 2),
  np('sub-limb restarts after level 1', 1, 3),
  np('Section with start override', 2, 0),
  np('clause', 2, 1),
  np('limb', 2, 2),
  np('schedule part', 3, 0),
  np('roman item', 3, 1),
  np('roman item', 3, 1),
  np('Part two', 3, 0),
  np('letters list', 4, 0),
  np('letters list', 4, 0),
  np('another list on the same definition continues', 5, 0),
  np('a list with a start override restarts', 6, 0),
  np('bullet', 7, 0),
  np('legal numbering', 8, 0),
  np('is-legal level', 8, 1),
  p('no numbering', '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
].join('');

function labels(blocks: readonly Block[], out: string[] = []): string[] {
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push(block.numbering?.label ?? '');
    else if (block.type === 'table') for (const row of block.rows) for (const c of row.cells) labels(c.blocks, out);
  }
  return out;
}

describe('numbering labels computed from numbering.xml', () => {
  const { document, diagnostics } = fromDocx(buildDocx({ body: BODY, numbering: NUMBERING, styles: STYLES }), 'legal.docx');

  it('gives the labels Word shows for a legal multi-level scheme', () => {
    expect(labels(document.body)).toEqual([
      '1.',
      '1.1',
      '(a)',
      '(b)',
      '(i)',
      '(ii)',
      '(c)',
      '(iii)',
      '1.2',
      '1.3',
      '',
      '1.4',
      '2.',
      '2.1',
      '(a)',
      '(i)',
      'G3',
      'G3.1',
      'G3.1(a)',
      'Part A',
      'I.',
      'II.',
      'Part B',
      '(a)',
      '(b)',
      '(c)',
      '(a)',
      '•',
      '1',
      '1.1',
      '',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('keeps the level and marks bullets', () => {
    const bullet = document.body.find((b) => b.type === 'paragraph' && b.numbering?.label === '•');
    expect(bullet?.type === 'paragraph' && bullet.numbering?.isBullet).toBe(true);
    const heading = document.body[0];
    expect(heading?.type === 'paragraph' && heading.headingLevel).toBe(1);
    expect(heading?.type === 'paragraph' && heading.numbering?.level).toBe(0);
  });
});
