/** The sequence diff every word and block diff stands on: equal and changed segments, alternating. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, type Segment } from '../../src/diff/sequence-diff.js';
import { segmentsMarkup } from '../helpers/redline-strings.js';

const diff = (old: string, neu: string): string => {
  const [a, b] = [old.split(' '), neu.split(' ')];
  return segmentsMarkup(a, b, diffSequences(a, b));
};

describe('diffSequences', () => {
  it('finds the changed words between the common beginning and end', () => {
    expect(diff('due within 30 days', 'due within 45 days')).toBe('due within [-30-]{+45+} days');
    expect(diff('the Supplier shall notify', 'the Supplier must promptly notify')).toBe('the Supplier [-shall-]{+must promptly+} notify');
    expect(diff('a b c', 'a b c')).toBe('a b c');
    expect(diff('a b c', 'a c')).toBe('a [-b-] c');
    expect(diff('a c', 'a b c')).toBe('a {+b+} c');
  });

  it('aligns what the middles share, and gives a middle with nothing in common as one change', () => {
    expect(diff('x p y q z', 'x r y s z')).toBe('x [-p-]{+r+} y [-q-]{+s+} z');
    expect(diff('one two three', 'four five six')).toBe('[-one two three-]{+four five six+}');
  });

  it('past its edit-length bound, says so and gives the middle as one change', () => {
    // Only repeated keys in the middles: no anchor to split at, so the bound decides.
    const old = ['a', ...Array.from({ length: 30 }, () => ['x', 'y']).flat(), 'z'];
    const neu = ['a', ...Array.from({ length: 30 }, () => ['y', 'y', 'x']).flat(), 'z'];
    let told = 0;
    const segments = diffSequences(old, neu, { maxEditLength: 10, onLimit: () => told++ });
    expect(told).toBe(1);
    expect(segments.map((s) => s.equal)).toEqual([true, false, true]);
    let within = 0;
    expect(diffSequences(old, neu, { onLimit: () => within++ }).filter((s) => !s.equal).length).toBeGreaterThan(1);
    expect(within).toBe(0);
  });

  it('splits an edit too large for its bound at keys unique on both sides', () => {
    const old = ['a', ...Array.from({ length: 40 }, (_, i) => `o${i}`), 'shared', ...Array.from({ length: 40 }, (_, i) => `p${i}`), 'z'];
    const neu = ['a', ...Array.from({ length: 40 }, (_, i) => `n${i}`), 'shared', ...Array.from({ length: 40 }, (_, i) => `m${i}`), 'z'];
    let told = 0;
    const segments = diffSequences(old, neu, { maxEditLength: 10, onLimit: () => told++ });
    expect(segments.map((s) => s.equal)).toEqual([true, false, true, false, true]);
    expect(old.slice(segments[2]?.oldFrom, segments[2]?.oldTo)).toEqual(['shared']);
    // The pieces between the anchors have no key in common: an exact replacement, no bound met.
    expect(told).toBe(0);
  });

  it('always alternates equal and changed segments that cover both sequences in order', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(words, words, (old, neu) => {
        const segments: Segment[] = diffSequences(old, neu);
        segments.forEach((s, i) => {
          if (i > 0) expect(s.equal).not.toBe(segments[i - 1]?.equal);
          if (s.equal) expect(old.slice(s.oldFrom, s.oldTo)).toEqual(neu.slice(s.newFrom, s.newTo));
        });
        expect(segments.flatMap((s) => old.slice(s.oldFrom, s.oldTo))).toEqual(old);
        expect(segments.flatMap((s) => neu.slice(s.newFrom, s.newTo))).toEqual(neu);
      }),
      { numRuns: 300 },
    );
  });
});
