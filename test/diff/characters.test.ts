/**
 * The scanners decide characters by code rather than by regular expression; these checks hold
 * the shortcuts to what the regular expressions say, over the whole Basic Multilingual Plane.
 */
import { describe, expect, it } from 'vitest';
import { resolveDiffOptions } from '../../src/diff/options.js';
import { isWhiteSpaceCode, tokenizeParagraph } from '../../src/diff/tokenize.js';
import { paragraph, textRun } from '../../src/model/build.js';

describe('character classes of the tokenizer', () => {
  it('isWhiteSpaceCode agrees with \\s on every UTF-16 code unit', () => {
    const disagree: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c)) !== isWhiteSpaceCode(c)) disagree.push(c);
    expect(disagree).toEqual([]);
  });

  it('splits words at General Punctuation, which holds no letter, mark or digit', () => {
    const letters: number[] = [];
    for (let c = 0x2000; c <= 0x206f; c++) if (/[\p{L}\p{M}\p{N}_]/u.test(String.fromCharCode(c))) letters.push(c);
    expect(letters).toEqual([]);
    const tokens = tokenizeParagraph(paragraph([textRun('the \u201cCode\u201d\u2014as amended\u2026 x\u2030')]), resolveDiffOptions({})).tokens;
    expect(tokens.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual(['the', 'Code', 'as', 'amended', 'x']);
  });
});
