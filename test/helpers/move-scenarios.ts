/**
 * Random scenarios of a release with moves, for property tests: a base of clauses drawn from the
 * Apache License's words, k sources with disjoint word edits and moves (some moves shared by two
 * sources, some left out of NEW), and NEW = the sources' edits and moves applied, some word edits
 * left out, plus edits and moves no source made.
 */
import fc from 'fast-check';

/** Words of the Apache License's definitions: clauses drawn from them read alike but not the same. */
const VOCABULARY = (
  'License terms conditions use reproduction distribution defined Sections document Licensor copyright owner entity authorized granting Legal Entity union acting ' +
  'other entities control controlled common purposes definition power direct indirect cause direction management contract ownership fifty percent outstanding shares ' +
  'beneficial individual exercising permissions granted Source form preferred making modifications including limited software code documentation configuration files ' +
  'Object resulting mechanical transformation translation compiled generated conversions media types Work authorship available notice included attached example ' +
  'provided Appendix Derivative based derived editorial revisions annotations elaborations represent whole original separable merely link bind name interfaces thereof ' +
  'Contribution intentionally submitted inclusion behalf electronic verbal written communication sent representatives mailing lists systems tracking managed discussing improving'
).split(' ');
const EDIT_WORDS = ['promptly', 'Material', 'thereafter', 'Relevant', 'forthwith'] as const;

export type WordEdit = { readonly kind: 'insert' | 'delete' | 'replace'; readonly at: number; readonly word: string };

const clauseArb = fc.shuffledSubarray(VOCABULARY, { minLength: 10, maxLength: 16 }).map((words) => `${words.join(' ')}.`);

/**
 * Clauses that share few words (at most a third), as a code's clauses do: a move is then the move
 * of one clause, not a choice between look-alikes (nor would a reader see it otherwise).
 */
function distinct(clauses: readonly string[]): boolean {
  const sets = clauses.map((c) => new Set(c.slice(0, -1).split(' ')));
  return sets.every((a, i) => sets.slice(i + 1).every((b) => 3 * [...a].filter((w) => b.has(w)).length <= Math.min(a.size, b.size)));
}
const editArb: fc.Arbitrary<WordEdit> = fc.record({ kind: fc.constantFrom<'insert' | 'delete' | 'replace'>('insert', 'delete', 'replace'), at: fc.nat(), word: fc.constantFrom(...EDIT_WORDS) });

export function applyWordEdit(text: string, edit: WordEdit): string {
  const words = text.slice(0, -1).split(' ');
  const i = edit.at % words.length;
  if (edit.kind === 'insert') words.splice(i, 0, edit.word);
  else if (edit.kind === 'delete' && words.length > 1) words.splice(i, 1);
  else words[i] = edit.word;
  return `${words.join(' ')}.`;
}

/** A clause taken from its place and put before clause `before` of the base (`n`: at the end). */
export interface Move {
  readonly clause: number;
  readonly before: number;
  /** The source that made it (0…k-1), or -2: no source did. */
  readonly mover: number;
  /** Another source that made the same move, agreeing. */
  readonly alsoBy?: number;
  /** A source's move left out of NEW. */
  readonly dropped?: boolean;
}

export interface Scenario {
  readonly base: readonly string[];
  readonly sources: number;
  /** Per clause: the source whose word edit it has (0…k-1), -1 none, -2 an edit no source made. */
  readonly owner: readonly number[];
  readonly edits: readonly WordEdit[];
  /** Source word edits left out of NEW. */
  readonly dropped: readonly boolean[];
  readonly moves: readonly Move[];
}

/**
 * Moves that a reader (and the diff) sees as the move of that clause: each jumps over at least two
 * clauses that stay, moved clauses are not neighbours, and no two land in one place.
 */
function validMoves(n: number, candidates: readonly Move[]): Move[] {
  const out: Move[] = [];
  for (const m of candidates) {
    const clause = m.clause % n;
    const before = m.before % (n + 1);
    const jumped = before > clause ? before - clause - 1 : clause - before;
    if (jumped < 2) continue;
    const clash = out.some(
      (o) => Math.abs(o.clause - clause) <= 1 || Math.abs(o.before - before) <= 1 || o.before === clause || o.before === clause + 1 || before === o.clause || before === o.clause + 1,
    );
    if (!clash) out.push({ ...m, clause, before });
  }
  return out;
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 3 }).chain((sources) =>
  fc
    .record({
      rows: fc.array(fc.tuple(clauseArb, fc.integer({ min: -2, max: sources - 1 }), editArb, fc.boolean()), { minLength: 6, maxLength: 12 }).filter((rows) => distinct(rows.map((r) => r[0]))),
      moves: fc.array(
        fc.record({
          clause: fc.nat(),
          before: fc.nat(),
          mover: fc.integer({ min: -2, max: sources - 1 }).map((m) => (m === -1 ? -2 : m)),
          alsoBy: fc.option(fc.integer({ min: 0, max: sources - 1 }), { nil: undefined, freq: 4 }),
          dropped: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    // At most half the clauses edited, as in a release: with every clause changed, a diff has no
    // clause to hold on to and shows some other reordering than the one made (its choice, and
    // what is then judged is that choice; see the CLI tests for the cases themselves).
    .filter(({ rows }) => 2 * rows.filter((r) => r[1] !== -1).length <= rows.length)
    .map(({ rows, moves }) => ({
      // A clause number first: two random clauses never read as one.
      base: rows.map((r, i) => `(${i + 1}) ${r[0]}`),
      owner: rows.map((r) => r[1]),
      edits: rows.map((r) => r[2]),
      dropped: rows.map((r) => r[3] && r[1] >= 0),
      moves: validMoves(rows.length, moves).map((m) => {
        const alsoBy = m.alsoBy !== undefined && m.mover >= 0 && m.alsoBy !== m.mover ? m.alsoBy : undefined;
        const { alsoBy: _a, dropped, ...rest } = m;
        // One move in five that a source made is left out of NEW.
        return { ...rest, ...(alsoBy !== undefined && { alsoBy }), ...(dropped && m.mover >= 0 && m.clause % 5 === 0 && { dropped: true }) };
      }),
      sources,
    })),
);

/** The clauses (base indexes) in the order the given moves leave them. */
export function arrange(n: number, moves: readonly Move[]): number[] {
  const moved = new Set(moves.map((m) => m.clause));
  const out: number[] = [];
  for (let i = 0; i <= n; i++) {
    for (const m of moves) if (m.before === i) out.push(m.clause);
    if (i < n && !moved.has(i)) out.push(i);
  }
  return out;
}

/** The moves NEW has. */
export const applied = (s: Scenario): Move[] => s.moves.filter((m) => !m.dropped);
export const movesOf = (s: Scenario, k: number): Move[] => s.moves.filter((m) => m.mover === k || m.alsoBy === k);
export const hasWordEdit = (s: Scenario, i: number): boolean => applyWordEdit(s.base[i] as string, s.edits[i] as WordEdit) !== s.base[i];

export interface Versions {
  /** Each source's result, as clause texts in order, and the base indexes of that order. */
  readonly sources: { readonly texts: string[]; readonly order: number[] }[];
  readonly neu: { readonly texts: string[]; readonly order: number[] };
}

export function versions(s: Scenario): Versions {
  const n = s.base.length;
  const edited = (keep: (i: number) => boolean): string[] => s.base.map((t, i) => (keep(i) ? applyWordEdit(t, s.edits[i] as WordEdit) : t));
  const laidOut = (texts: readonly string[], order: number[]): { texts: string[]; order: number[] } => ({ texts: order.map((i) => texts[i] as string), order });
  return {
    sources: Array.from({ length: s.sources }, (_, k) =>
      laidOut(
        edited((i) => s.owner[i] === k),
        arrange(n, movesOf(s, k)),
      ),
    ),
    neu: laidOut(
      edited((i) => ((s.owner[i] as number) >= 0 && !s.dropped[i]) || s.owner[i] === -2),
      arrange(n, applied(s)),
    ),
  };
}
