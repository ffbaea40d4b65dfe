/**
 * Clause numbers typed in text and Markdown: recognised as labels at the start of a paragraph
 * (`1.`, `1.2`, `(a)`, `(iv)`, `a)`, `Article 3`, `Section 2.1`), nested by the order their
 * styles appear, and not mistaken for numbers in running text. A typed renumbering is then a
 * renumbering (never an unattributed word change), a clause number moves with its clause, and
 * the DOCX redline still accepts to the new text and rejects to the old.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import { verify } from '../../src/api/verify.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { toMarkup } from '../../src/exporters/markup/to-markup.js';
import { redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromMarkdown } from '../../src/importers/markdown/from-markdown.js';
import { fromText } from '../../src/importers/text/from-text.js';
import { isUnattributed } from '../../src/model/change-set.js';
import type { Paragraph } from '../../src/model/document.js';
import { tempDir } from '../helpers/cli.js';
import { pdfText, requirePdfTools } from '../helpers/pdf-tools.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const text = (paragraph: Paragraph): string => paragraph.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('');
const labels = (body: readonly { type: string }[]): [string, number, string][] => (body as Paragraph[]).map((p) => [p.numbering?.label ?? '', p.numbering?.level ?? -1, text(p)]);

describe('typed clause numbers', () => {
  it('are recognised in text, nested by the order of their styles', () => {
    const doc = fromText(
      [
        '1. Definitions',
        '1.1 The Goods are the goods.',
        '(a) spare parts;',
        '(i) new ones;',
        '(ii) used ones; and',
        '(b) manuals.',
        'a) as agreed',
        'Article 3 Definitions',
        'Section 2.1\tScope',
        '2. Supply',
      ].join('\n\n'),
      't.txt',
    );
    expect(labels(doc.body)).toEqual([
      ['1.', 0, 'Definitions'],
      ['1.1', 1, 'The Goods are the goods.'],
      ['(a)', 2, 'spare parts;'],
      ['(i)', 3, 'new ones;'],
      ['(ii)', 3, 'used ones; and'],
      ['(b)', 2, 'manuals.'],
      ['a)', 3, 'as agreed'],
      ['Article 3', 4, 'Definitions'],
      ['Section 2.1', 5, 'Scope'],
      ['2.', 0, 'Supply'],
    ]);
  });

  it('read (i) as a letter after (h), as a numeral otherwise, and (v) as a numeral after (iv)', () => {
    const letters = 'abcdefgh'.split('').map((c) => `(${c}) item`);
    const doc = fromText([...letters, '(i) ninth letter', '(iv) a numeral', '(v) the next numeral'].join('\n\n'), 't.txt');
    expect(labels(doc.body).slice(7)).toEqual([
      ['(h)', 0, 'item'],
      ['(i)', 0, 'ninth letter'],
      ['(iv)', 1, 'a numeral'],
      ['(v)', 1, 'the next numeral'],
    ]);
  });

  it('leave numbers in running text alone', () => {
    const doc = fromText(['1.5 million customers were billed.', 'Section 2.1 applies to all Parties.', '2012 was a year.', '(see above) the text', 'A. Smith signed.'].join('\n\n'), 't.txt');
    expect(labels(doc.body).map(([label]) => label)).toEqual(['', '', '', '', '']);
  });

  it('are recognised before lower-case text when they continue the numbering, not out of sequence', () => {
    const doc = fromText(
      [
        '2. Term',
        '2.1 Either party may terminate on notice; or',
        '2.2 by written agreement.',
        '2.4 million notices were sent.',
        '3. Supply',
        '3.1 the Supplier shall deliver.',
        '3.5 percent is the rate.',
      ].join('\n\n'),
      't.txt',
    );
    expect(labels(doc.body).map(([label, , rest]) => [label, rest])).toEqual([
      ['2.', 'Term'],
      ['2.1', 'Either party may terminate on notice; or'],
      ['2.2', 'by written agreement.'],
      ['', '2.4 million notices were sent.'],
      ['3.', 'Supply'],
      ['3.1', 'the Supplier shall deliver.'],
      ['', '3.5 percent is the rate.'],
    ]);
  });

  it('are recognised in Markdown paragraphs and headings, not in list items or table cells', () => {
    const doc = fromMarkdown(['## 3. Payment', '', '3.1 The Buyer shall pay.', '', '(a) on time', '', '1. a list item', '', '| 1.5 | x |', '|---|---|', '| 2.1 Y | z |'].join('\n'), 'm.md');
    const paragraphs = doc.body.filter((b): b is Paragraph => b.type === 'paragraph');
    expect(paragraphs.map((p) => [p.numbering?.label, p.numbering?.typed !== undefined, text(p)])).toEqual([
      ['3.', true, 'Payment'],
      ['3.1', true, 'The Buyer shall pay.'],
      ['(a)', true, 'on time'],
      ['1.', false, 'a list item'],
    ]);
    const table = doc.body.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows[1]?.cells[0]?.blocks[0]?.type === 'paragraph' && (table.rows[1].cells[0].blocks[0] as Paragraph).numbering).toBeFalsy();
  });
});

const OLD = [
  '1. Definitions',
  'Words have these meanings.',
  '2. Grant',
  '(a) The Licensor grants a licence.',
  '3. Payment',
  'The Licensee shall pay the Fee within thirty days.',
  '4. Trademarks',
  'This Licence does not grant permission to use the trade names of the Licensor.',
  '5. Law',
  'This Licence is governed by the law of England.',
].join('\n\n');
const NEW = [
  '1. Definitions',
  'Words have these meanings.',
  '2. Interpretation',
  'Headings do not affect interpretation.',
  '3. Grant',
  '(a) The Licensor grants a licence.',
  '4. Payment',
  'The Licensee shall pay the Fee within thirty days.',
  '5. Law',
  'This Licence is governed by the law of England.',
  '6. Trademarks',
  'This Licence does not grant permission to use the trade names of the Licensor.',
].join('\n\n');

describe('a typed renumbering', () => {
  it('is a renumbering, not a word change, and the clause number moves with its clause', () => {
    const redline = compareDocuments(fromText(OLD, 'old.txt'), fromText(NEW, 'new.txt'));
    expect(redline.changes.map((c) => c.kind)).toEqual(['insert', 'insert', 'renumber', 'renumber', 'move']);
    expect(toMarkup(redline)).toBe(
      [
        '1. Definitions',
        'Words have these meanings.',
        '{+2. Interpretation+}{+¶+}',
        '{+Headings do not affect interpretation.+}{+¶+}',
        '[-2.-]{+3.+} Grant',
        '(a) The Licensor grants a licence.',
        '[-3.-]{+4.+} Payment',
        'The Licensee shall pay the Fee within thirty days.',
        '[>4. Trademarks<](moved to 6)[>¶<]',
        '[>This Licence does not grant permission to use the trade names of the Licensor.<][>¶<]',
        '5. Law',
        'This Licence is governed by the law of England.{>¶<}',
        '{>6. Trademarks<}(moved from 4){>¶<}',
        '{>This Licence does not grant permission to use the trade names of the Licensor.<}',
        '',
      ].join('\n'),
    );
  });

  it('is left out with --ignore numbering', () => {
    const redline = compareDocuments(fromText(OLD, 'old.txt'), fromText(NEW, 'new.txt'), { ignoreNumbering: true });
    expect(redline.changes.map((c) => c.kind)).toEqual(['insert', 'insert', 'move']);
    expect(toMarkup(redline)).toContain('\n3. Grant\n');
  });

  it.runIf(requirePdfTools())('leaves no word of renumbering in the PDF with --ignore numbering, and explains it without', async () => {
    const read = async (ignoreNumbering: boolean): Promise<string> => pdfText(await redlineToPdf(compareDocuments(fromText(OLD, 'old.txt'), fromText(NEW, 'new.txt'), { ignoreNumbering })));
    expect(await read(true)).not.toMatch(/renumber/i);
    const shown = await read(false);
    expect(shown).toContain('2 clauses only renumbered');
    expect(shown).toContain('a renumbered clause number is grey');
  });

  it('is never an unattributed change when sources explain the clauses around it', async () => {
    const source = [
      '1. Definitions',
      'Words have these meanings.',
      '2. Interpretation',
      'Headings do not affect interpretation.',
      '3. Grant',
      '(a) The Licensor grants a licence.',
      '4. Payment',
      'The Licensee shall pay the Fee within thirty days.',
      '5. Trademarks',
      'This Licence does not grant permission to use the trade names of the Licensor.',
      '6. Law',
      'This Licence is governed by the law of England.',
    ].join('\n\n');
    const encode = (value: string): Uint8Array => new TextEncoder().encode(value);
    const { value: result } = await compare({ bytes: encode(OLD), name: 'old.txt' }, { bytes: encode(source), name: 'new.txt' }, { sources: [{ id: 'MP1', bytes: encode(source), name: 'mp1.txt' }] });
    expect(result.redline.changes.filter((c) => c.kind === 'renumber')).toHaveLength(4);
    expect(result.redline.changes.filter(isUnattributed)).toEqual([]);
  });

  const dir = tempDir('redline-typed-labels-');
  it('writes a DOCX that accepts to the new text and rejects to the old, numbers included', async () => {
    const files = { old: join(dir, 'old.txt'), new: join(dir, 'new.txt'), out: join(dir, 'redline.docx') };
    writeFileSync(files.old, OLD);
    writeFileSync(files.new, NEW);
    const encode = (value: string): Uint8Array => new TextEncoder().encode(value);
    const { value: result } = await compare({ bytes: encode(OLD), name: 'old.txt' }, { bytes: encode(NEW), name: 'new.txt' }, { outputs: { docx: true } });
    const bytes = result.outputs.docx as Uint8Array;
    writeFileSync(files.out, bytes);
    const { value: verdict } = await verify({ bytes, name: 'redline.docx' }, { bytes: encode(OLD), name: 'old.txt' }, { bytes: encode(NEW), name: 'new.txt' }, { ignoreEmptyLines: true });
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
    if (requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice())) {
      const run = runLoRedline(['verify', files.out, files.old, files.new, '--ignore-empty-lines']);
      expect(run.status, run.stdout + run.stderr).toBe(0);
    }
  }, 120_000);
});
