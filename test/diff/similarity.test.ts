/**
 * Word bags as sorted hash arrays: Dice counts shared words with multiplicity, merging keeps
 * every occurrence, and the bag of a paragraph leaves spaces and punctuation out.
 */
import { describe, expect, it } from 'vitest';
import { resolveDiffOptions } from '../../src/diff/options.js';
import { bagOfHashes, bagSize, dice, hashText, mergeBags, sharedWords } from '../../src/diff/similarity.js';
import { prepareParagraph, wordKeyHashes } from '../../src/diff/tokenize.js';
import { paragraph, textRun } from '../../src/model/build.js';

const bag = (...words: string[]) => bagOfHashes(Uint32Array.from(words.map((w) => hashText(w))));
const paragraphBag = (text: string, ignoreCase = false) => bagOfHashes(wordKeyHashes(prepareParagraph(paragraph([textRun(text)])), resolveDiffOptions({ ignoreCase })));

describe('word bags', () => {
  it('counts shared words with multiplicity', () => {
    expect(sharedWords(bag('the', 'the', 'code'), bag('the', 'code', 'code'))).toBe(2);
    expect(dice(bag('a', 'b', 'c', 'd'), bag('a', 'b', 'c', 'e'))).toBe(0.75);
    expect(dice(bag(), bag())).toBe(1);
    expect(dice(bag('a'), bag())).toBe(0);
  });

  it('merges bags keeping every occurrence', () => {
    const merged = mergeBags([bag('x', 'y'), bag('y', 'z')]);
    expect(bagSize(merged)).toBe(4);
    expect(sharedWords(merged, bag('y', 'y', 'y'))).toBe(2);
  });

  it('bags the words of a paragraph, not its spaces or punctuation, and folds case on request', () => {
    expect(bagSize(paragraphBag('The Supplier, the DCC; and 3.5(a).'))).toBe(bagSize(bag('The', 'Supplier', 'the', 'DCC', 'and', '3.5', 'a')));
    expect(dice(paragraphBag('The Supplier, the DCC; and 3.5(a).'), bag('The', 'Supplier', 'the', 'DCC', 'and', '3.5', 'a'))).toBe(1);
    expect(dice(paragraphBag('THE CODE'), paragraphBag('the code'))).toBe(0);
    expect(dice(paragraphBag('THE CODE', true), paragraphBag('the code', true))).toBe(1);
  });
});
