/**
 * Where an insertion or deletion starts and ends: whole sentences keep their own punctuation (the
 * full stop goes with its sentence, the separating space is the one inserted or deleted), list
 * items keep their separators, and a sentence replaced whole takes its full stop along. Golden
 * redline strings, as a reader sees them in the text redline.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { toMarkup } from '../../src/exporters/markup/to-markup.js';
import { fromText } from '../../src/importers/text/from-text.js';

function redline(old: string, neu: string): string {
  return toMarkup(compareDocuments(fromText(old, 'old.txt'), fromText(neu, 'new.txt'))).trim();
}

const CASES: readonly (readonly [string, string, string, string])[] = [
  ['appended sentence', 'You may reproduce the work.', 'You may reproduce the work. Appendix.', 'You may reproduce the work.{+ Appendix.+}'],
  ['appended sentences', 'First. Second.', 'First. Second. Third. Fourth.', 'First. Second.{+ Third. Fourth.+}'],
  ['appended after a question', 'Is it done?', 'Is it done? Yes it is.', 'Is it done?{+ Yes it is.+}'],
  [
    'prepended sentence',
    'The Buyer shall pay the Price.',
    'This clause is subject to clause 9. The Buyer shall pay the Price.',
    '{+This clause is subject to clause 9. +}The Buyer shall pay the Price.',
  ],
  [
    'inserted sentence',
    'The Buyer shall pay. The Seller shall deliver.',
    'The Buyer shall pay. The Agent shall act. The Seller shall deliver.',
    'The Buyer shall pay. {+The Agent shall act. +}The Seller shall deliver.',
  ],
  [
    'deleted last sentence',
    'Your licence ends on the date of filing. If You institute patent litigation, the licence terminates as of the date such litigation is filed.',
    'Your licence ends on the date of filing.',
    'Your licence ends on the date of filing.[- If You institute patent litigation, the licence terminates as of the date such litigation is filed.-]',
  ],
  [
    'deleted first sentence',
    'If You institute patent litigation, the licence terminates. Your licence ends.',
    'Your licence ends.',
    '[-If You institute patent litigation, the licence terminates. -]Your licence ends.',
  ],
  [
    'deleted middle sentence',
    'The Buyer shall pay. The Agent shall act. The Seller shall deliver.',
    'The Buyer shall pay. The Seller shall deliver.',
    'The Buyer shall pay. [-The Agent shall act. -]The Seller shall deliver.',
  ],
  [
    'replaced sentence',
    'The Buyer shall pay. The cat sat on the mat. The Seller shall deliver.',
    'The Buyer shall pay. Dogs run very fast indeed. The Seller shall deliver.',
    'The Buyer shall pay. [-The cat sat on the mat.-]{+Dogs run very fast indeed.+} The Seller shall deliver.',
  ],
  [
    'replaced last sentence',
    'The Buyer shall pay. The cat sat on the mat.',
    'The Buyer shall pay. Dogs run very fast indeed.',
    'The Buyer shall pay. [-The cat sat on the mat.-]{+Dogs run very fast indeed.+}',
  ],
  ['replaced words keep the full stop', 'The Supplier shall deliver the Goods.', 'The Supplier shall deliver the Services.', 'The Supplier shall deliver the [-Goods-]{+Services+}.'],
  ['word before a full stop', 'The Supplier shall deliver.', 'The Supplier shall deliver promptly.', 'The Supplier shall deliver{+ promptly+}.'],
  [
    'list item before "; and"',
    'the Supplier shall pay; and the Buyer shall deliver.',
    'the Supplier shall pay; the Agent shall act; and the Buyer shall deliver.',
    'the Supplier shall pay; {+the Agent shall act; +}and the Buyer shall deliver.',
  ],
  ['list item before ", or"', 'by post, or by hand.', 'by post, by fax, or by hand.', 'by post, {+by fax, +}or by hand.'],
  ['deleted list item', 'by post, by email, or by hand.', 'by post, or by hand.', 'by post, [-by email, -]or by hand.'],
  ['conjunction added after a separator', 'the Supplier shall pay;', 'the Supplier shall pay; and', 'the Supplier shall pay;{+ and+}'],
  [
    'the conjunction moves to the new penultimate limb',
    '(a) pay the Price; and\n\n(b) deliver the Goods.',
    '(a) pay the Price;\n\n(b) deliver the Goods; and\n\n(c) keep records.',
    '(a) pay the Price;[- and-]\n(b) deliver the Goods[-.-]{+; and+}{+¶+}\n{+(c) keep records.+}',
  ],
  ['bracketed insertion', 'the Goods (as defined) are sold.', 'the Goods (as defined) (and Services) are sold.', 'the Goods (as defined) {+(and Services) +}are sold.'],
];

describe('sentence-aware boundaries', () => {
  for (const [name, old, neu, expected] of CASES) {
    it(name, () => {
      expect(redline(old, neu)).toBe(expected);
    });
  }
});
