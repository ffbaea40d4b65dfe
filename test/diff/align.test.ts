/** Block alignment: exact matches anchored first, the gaps between them paired by similarity. */
import { describe, expect, it } from 'vitest';
import { type AlignOp, alignSequences } from '../../src/diff/align.js';
import { redline } from '../helpers/redline-strings.js';

/** Items are words; two are alike by the share of letters they have in common. */
function align(old: string, neu: string, options: { onLimit?: () => void; pairAlone?: boolean } = {}): string {
  const [a, b] = [old.split(' '), neu.split(' ')];
  const alike = (x: string, y: string): number => [...x].filter((c) => y.includes(c)).length / Math.max(x.length, y.length);
  const ops = alignSequences(a, b, {
    signature: (s) => s,
    similarity: alike,
    threshold: 0.5,
    ...(options.onLimit && { onLimit: options.onLimit }),
    ...(options.pairAlone && { canPairAlone: () => true }),
  });
  const show = (op: AlignOp): string => {
    switch (op.type) {
      case 'equal':
        return a[op.old] as string;
      case 'pair':
        return `${a[op.old]}~${b[op.new]}`;
      case 'delete':
        return `[-${a[op.old]}-]`;
      case 'insert':
        return `{+${b[op.new]}+}`;
    }
  };
  return ops.map(show).join(' ');
}

describe('alignSequences', () => {
  it('anchors on exact matches and pairs what changed between them by similarity', () => {
    expect(align('head intro clause tail', 'head intros clause tail')).toBe('head intro~intros clause tail');
    // A lone changed item is paired only when the caller allows it (a paragraph rewritten in place).
    expect(align('head alpha tail', 'head zzz tail')).toBe('head [-alpha-] {+zzz+} tail');
    expect(align('head alpha tail', 'head zzz tail', { pairAlone: true })).toBe('head alpha~zzz tail');
    expect(align('head alpha beta tail', 'head betas tail')).toBe('head [-alpha-] beta~betas tail');
    expect(align('a b c', 'a b c d')).toBe('a b c {+d+}');
  });

  it('keeps order: a swapped pair is one item equal and the other deleted and inserted', () => {
    expect(align('one two three', 'two one three')).toBe('[-one-] two {+one+} three');
  });

  it('a gap too large for the pairing search is paired greedily in a window, and says so', () => {
    const items = (n: number, suffix: string): string => Array.from({ length: n }, (_, i) => `w${String(i).padStart(3, '0')}${suffix}`).join(' ');
    let told = 0;
    const large = align(items(250, 'x'), items(250, 'y'), { onLimit: () => told++ }).split(' ');
    expect(told).toBe(1);
    // Every old item once, in order, paired or deleted.
    expect(large.filter((op) => !op.startsWith('{+')).map((op) => op.replace(/^\[-|-\]$|~.*$/g, ''))).toEqual(items(250, 'x').split(' '));
    const small = align(items(150, 'x'), items(150, 'y'), { onLimit: () => told++ }).split(' ');
    expect(told).toBe(1);
    expect(small.every((op, i) => op === `w${String(i).padStart(3, '0')}x~w${String(i).padStart(3, '0')}y`)).toBe(true);
  });
});

describe('paragraph alignment in a document', () => {
  it('a rewritten paragraph between two unchanged ones is diffed word by word', () => {
    expect(redline('Intro.\nThe fee is 30 pounds a month.\nEnd.', 'Intro.\nThe fee is 45 pounds a month.\nEnd.')).toBe('Intro.\nThe fee is [-30-]{+45+} pounds a month.\nEnd.');
  });

  it('an inserted paragraph does not pull its neighbours into a change', () => {
    expect(redline('First clause here.\nSecond clause here.', 'First clause here.\nA new clause.\nSecond clause here.')).toBe('First clause here.\n{+A new clause.+}{+¶+}\nSecond clause here.');
  });
});
