/** The readability clean-up over word diffs, read as compact redlines. */
import { describe, expect, it } from 'vitest';
import { redline } from '../helpers/redline-strings.js';

describe('clean-up of word diffs', () => {
  it('keeps a word replaced as the words replaced', () => {
    expect(redline('Payment is due within 30 days.', 'Payment is due within 45 days.')).toBe('Payment is due within [-30-]{+45+} days.');
    expect(redline('The Supplier shall notify the Authority promptly.', 'The Supplier must notify the Authority in writing promptly.')).toBe(
      'The Supplier [-shall-]{+must+} notify the Authority {+in writing +}promptly.',
    );
  });

  it('keeps numbers, amounts and clause references whole', () => {
    expect(redline('The price is £1,000 under clause G3.5(a).', 'The price is £1,200 under clause G3.6(a).')).toBe('The price is £[-1,000-]{+1,200+} under clause [-G3.5-]{+G3.6+}(a).');
  });

  it('shows a mostly rewritten sentence as one replacement, not confetti', () => {
    expect(redline('The quick brown fox jumps over the lazy dog.', 'A slow red cat walks under the busy bridge.')).toBe(
      '[-The quick brown fox jumps over the lazy dog.-]{+A slow red cat walks under the busy bridge.+}',
    );
  });

  it('slides an insertion to start on a word and end on a space', () => {
    expect(redline('a word here', 'a new word here')).toBe('a {+new +}word here');
  });

  it('shows a merged paragraph as its deleted mark', () => {
    expect(redline('Paragraph one.\nParagraph two.', 'Paragraph one. Paragraph two.')).toBe('Paragraph one.[-¶-]\n{+ +}Paragraph two.');
  });

  it('compares case and white space only when asked to', () => {
    expect(redline('Same Case.', 'same case.')).toBe('[-Same Case.-]{+same case.+}');
    expect(redline('Same Case.', 'same case.', { ignoreCase: true })).toBe('same case.');
    expect(redline('It is  spaced.', 'It is spaced.')).toBe('It is[-  -]{+ +}spaced.');
    expect(redline('It is  spaced.', 'It is spaced.', { ignoreWhitespace: true })).toBe('It is spaced.');
  });
});
