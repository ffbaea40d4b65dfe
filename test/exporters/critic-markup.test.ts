/**
 * The Markdown redline (`-o OUT.md`): CriticMarkup marks ({++ ++}, {-- --}, {~~old~>new~~}),
 * comments naming the sources and the other end of each move, and the document's headings, lists
 * and tables kept. A CriticMarkup processor's Accept All gives the new text, Reject All the old.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { toCriticMarkup } from '../../src/exporters/markup/to-critic-markup.js';
import { fromMarkdown } from '../../src/importers/markdown/from-markdown.js';
import { fromText } from '../../src/importers/text/from-text.js';

/** CriticMarkup resolved as an editor's Accept All (`new`) or Reject All (`old`) does; comments dropped. */
function resolve(markup: string, side: 'old' | 'new'): string {
  return markup
    .replace(/\{>>[\s\S]*?<<\}/g, '')
    .replace(/\{~~([\s\S]*?)~>([\s\S]*?)~~\}/g, (_, a: string, b: string) => (side === 'new' ? b : a))
    .replace(/\{\+\+([\s\S]*?)\+\+\}/g, (_, a: string) => (side === 'new' ? a : ''))
    .replace(/\{--([\s\S]*?)--\}/g, (_, a: string) => (side === 'old' ? a : ''))
    .replace(/\{==([\s\S]*?)==\}/g, '$1');
}

/** The words of a text, for comparing what a version says whatever its line layout. */
const words = (text: string): string[] =>
  text
    .replace(/\\([\\`*_[\]<.{])/g, '$1')
    .replace(/<br>/g, ' ')
    .split(/[\s|]+/)
    .filter((w) => w !== '' && !/^-+$/.test(w) && w !== '¶');

const OLD_MD = [
  '# Terms',
  '',
  '1. The Supplier shall deliver the Goods.',
  '2. The Buyer shall pay the Price.',
  '',
  '- a bullet',
  '- another bullet',
  '',
  '| Term | Meaning |',
  '|---|---|',
  '| Goods | the goods |',
  '| Price | the price |',
  '',
].join('\n');
const NEW_MD = [
  '# Terms',
  '',
  '1. The Supplier shall deliver the Goods promptly.',
  '2. The Buyer shall pay the Fee.',
  '',
  '- a bullet',
  '- another bullet',
  '',
  '| Term | Meaning |',
  '|---|---|',
  '| Goods | the goods sold |',
  '| Fee | the fee |',
  '| Price | the price |',
  '',
].join('\n');

describe('CriticMarkup redline', () => {
  it('keeps headings, lists and tables, and marks insertions, deletions and replacements', () => {
    const markup = toCriticMarkup(compareDocuments(fromMarkdown(OLD_MD, 'old.md'), fromMarkdown(NEW_MD, 'new.md')));
    expect(markup).toBe(
      [
        '# Terms',
        '',
        '1. The Supplier shall deliver the Goods{++ promptly++}.',
        '',
        '2. The Buyer shall pay the {~~Price~>Fee~~}.',
        '',
        '- a bullet',
        '',
        '- another bullet',
        '',
        '| Term | Meaning |',
        '| --- | --- |',
        '| Goods | the goods{++ sold++} |',
        '| {++Fee++} | {++the fee++} |',
        '| Price | the price |',
        '',
      ].join('\n'),
    );
  });

  it('accepts to the new version and rejects to the old one', () => {
    const markup = toCriticMarkup(compareDocuments(fromMarkdown(OLD_MD, 'old.md'), fromMarkdown(NEW_MD, 'new.md')));
    expect(words(resolve(markup, 'new'))).toEqual(words(NEW_MD));
    expect(words(resolve(markup, 'old'))).toEqual(words(OLD_MD));
  });

  it('names the other end of a move, keeps a clause number with its clause and shows a renumbering', () => {
    const old = [
      '1. Scope',
      'This Licence applies to the Work.',
      '2. Trademarks',
      'This Licence does not grant permission to use the trade names of the Licensor.',
      '3. Law',
      'English law governs this Licence.',
    ].join('\n\n');
    const neu = [
      '1. Scope',
      'This Licence applies to the Work.',
      '2. Law',
      'English law governs this Licence.',
      '3. Trademarks',
      'This Licence does not grant permission to use the trade names of the Licensor.',
    ].join('\n\n');
    const markup = toCriticMarkup(compareDocuments(fromText(old, 'old.txt'), fromText(neu, 'new.txt')));
    expect(markup).toContain('{--2. Trademarks--}{>>moved to 3<<}');
    expect(markup).toContain('{++3. Trademarks++}{>>moved from 2<<}');
    expect(markup).toContain('{~~3.~>2.~~} Law');
    expect(markup).toContain('1\\. Scope');
  });

  it('names each change’s sources in a comment, and a change no source explains as unattributed', async () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    const old = 'The Supplier shall deliver the Goods.\n\nThe Buyer shall pay the Price.\n';
    const mp1 = 'The Supplier shall deliver the Goods promptly.\n\nThe Buyer shall pay the Price.\n';
    const neu = 'The Supplier shall deliver the Goods promptly.\n\nThe Buyer shall pay the Fee.\n';
    const { value } = await compare(
      { bytes: encode(old), name: 'old.txt' },
      { bytes: encode(neu), name: 'new.txt' },
      { sources: [{ id: 'MP1', bytes: encode(mp1), name: 'mp1.txt' }], outputs: { markdown: true } },
    );
    expect(value.outputs.markdown).toBe('The Supplier shall deliver the Goods{++ promptly++}{>>MP1<<}.\n\nThe Buyer shall pay the {~~Price~>Fee~~}{>>Unattributed<<}.\n');
  });

  it('escapes Markdown syntax in the text, so it reads as written', () => {
    const markup = toCriticMarkup(compareDocuments(fromText('Use *bold* and a_b [x] <y>.', 'a.txt'), fromText('Use *bold* and a_b [x] <y> now.', 'b.txt')));
    expect(markup).toBe('Use \\*bold\\* and a\\_b \\[x\\] \\<y>{++ now++}.\n');
  });
});
