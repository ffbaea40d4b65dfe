/** Moves: a paragraph of at least eight words, unique in each version, found deleted in one place and inserted in another. */
import { describe, expect, it } from 'vitest';
import { redline } from '../helpers/redline-strings.js';

const ALPHA = 'Alpha one two three four five six seven eight nine.';

describe('moves', () => {
  it('a paragraph moved verbatim is a move: moved from here, moved to there, each end naming the other', () => {
    expect(redline(`${ALPHA}\nBeta.\nGamma.\nDelta.\nOmega.`, `Beta.\nGamma.\nDelta.\n${ALPHA}\nOmega.`)).toBe(
      `[>${ALPHA}<](moved to paragraph 4)[>¶<]\nBeta.\nGamma.\nDelta.\n{>${ALPHA}<}(moved from paragraph 1){>¶<}\nOmega.`,
    );
  });

  it('a paragraph moved and edited on the way is a move with word changes inside it', () => {
    const old = 'Moved clause one two three four five six seven eight.\nB.\nC.\nD.';
    const neu = 'B.\nC.\nMoved clause one two three four five six seven nine.\nD.';
    expect(redline(old, neu)).toBe(
      '[>Moved clause one two three four five six seven <](moved to paragraph 3)[-eight-][>.<][>¶<]\nB.\nC.\n{>Moved clause one two three four five six seven <}(moved from paragraph 1){+nine+}{>.<}{>¶<}\nD.',
    );
  });

  it('a short paragraph moved is a deletion and an insertion (too little text to tell a move)', () => {
    const long = 'G1 The first clause of the code applies to every party in full.';
    const middle = 'G3 Another clause that has at least eight words in it here.';
    expect(redline(`${long}\nG2 Short.\n${middle}\nG4 End.`, `${long}\n${middle}\nG2 Short.\nG4 End.`)).toBe(`${long}\n[-G2 Short.-][-¶-]\n${middle}\n{+G2 Short.+}{+¶+}\nG4 End.`);
  });

  it('no moves when asked not to look for them', () => {
    // Inserted after the last paragraph: the paragraph mark inserted is the one before it (as Word has it).
    expect(redline(`${ALPHA}\nBeta.\nGamma.`, `Beta.\nGamma.\n${ALPHA}`, { detectMoves: false })).toBe(`[-${ALPHA}-][-¶-]\nBeta.\nGamma.{+¶+}\n{+${ALPHA}+}`);
  });
});
