/**
 * Change locations name the right blocks however far the walk jumps: the change set finds a
 * block met out of order (a move) by searching outwards from where it is, ahead or behind, and
 * past a budget by a map of the whole story. The shuffled document also ends with a paragraph
 * that holds two moves' text (the old last clause moved away, the new last one moved in): each
 * move keeps both its ends.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { document, paragraph, table, tableCell, tableRow, textRun } from '../../src/model/build.js';
import type { Block, Paragraph, TableRow } from '../../src/model/document.js';
import { inlineText } from '../../src/model/inline-text.js';

/** A deterministic pseudo-random sequence (a fixed linear congruential generator): the same every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
}

/** Clauses of words no other clause has, so that each can only be matched with itself. */
function clauses(count: number): Paragraph[] {
  const next = sequence(7);
  const word = (): string => Array.from({ length: 7 }, () => String.fromCharCode(97 + (next() % 26))).join('');
  return Array.from({ length: count }, () => paragraph([textRun(`${Array.from({ length: 12 }, word).join(' ')} audit.`)]));
}

const text = (block: Block | undefined): string => (block?.type === 'paragraph' ? block.inlines.map(inlineText).join('') : '');

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const next = sequence(12345);
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('change locations', () => {
  it.each([
    ['a few clauses moved far', (olds: readonly Paragraph[]) => [...olds.slice(3, 60), olds[0], ...olds.slice(60, 110), olds[1], olds[2], ...olds.slice(110)]],
    ['a late clause moved to the start', (olds: readonly Paragraph[]) => [olds[101] as Paragraph, ...olds.slice(0, 101), ...olds.slice(102)]],
    ['every clause shuffled', (olds: readonly Paragraph[]) => shuffled(olds)],
  ])('%s: each move and edit names its blocks in OLD and NEW', (_name, reorder) => {
    const olds = clauses(150);
    // Every tenth clause is also edited, wherever it went.
    const edited = new Set(olds.filter((_, i) => i % 10 === 0));
    const news = reorder(olds).map((p) => paragraph([textRun(edited.has(p) ? text(p).replace('audit', 'review') : text(p))]));
    const old = document('old', 'docx', olds);
    const neu = document('new', 'docx', news);
    const changes = compareDocuments(old, neu).changes;
    const moves = changes.filter((c) => c.kind === 'move');
    const edits = changes.filter((c) => c.kind === 'replace');
    expect(moves.length).toBeGreaterThan(0);
    // Each of the fifteen edits is a change of its own or inside a move.
    expect(edits.length + moves.filter((m) => m.newText.endsWith('review.')).length).toBe(15);
    for (const move of moves) {
      expect(text(old.body[move.location.oldBlock ?? -1]).trim()).toBe(move.oldText);
      expect(text(neu.body[move.to?.newBlock ?? -1]).trim()).toBe(move.newText);
    }
    // An edit's two blocks are one clause before and after it.
    for (const edit of edits) {
      const before = text(old.body[edit.location.oldBlock ?? -1]);
      expect(before).toContain('audit');
      expect(text(neu.body[edit.location.newBlock ?? -1])).toBe(before.replace('audit', 'review'));
    }
  });
});

describe('versions that share objects', () => {
  // A version built from another (a library user reordering rows, say) holds the same row objects.
  it('a row moved within a table is one move with both ends, not a deletion and an insertion', () => {
    const row = (term: string): TableRow =>
      tableRow([tableCell([paragraph([textRun(term)])]), tableCell([paragraph([textRun(`means the ${term.toLowerCase()} kept by each Party under this Code`)])])]);
    const rows = ['Term', 'Anomaly Record', 'Anomaly Request', 'Network Hub', 'Key Model', 'Smart Report'].map(row);
    const old = document('old', 'docx', [table(rows)]);
    const neu = document('new', 'docx', [table([rows[0], rows[3], rows[1], rows[2], rows[4], rows[5]] as TableRow[])]);
    const changes = compareDocuments(old, neu).changes;
    // Rows are numbered as the redline shows them: the moved-to row is its second, the moved-from its fifth.
    expect(changes.map((c) => [c.kind, c.location.row, c.to?.row, c.oldText, c.newText])).toEqual([
      ['move', 5, 2, 'Network Hub | means the network hub kept by each Party under this Code', 'Network Hub | means the network hub kept by each Party under this Code'],
    ]);
  });
});
