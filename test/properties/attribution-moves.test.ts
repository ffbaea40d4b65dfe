/**
 * Attribution with moves, exactly: a random base of clauses, k sources with random disjoint word
 * edits and moves (given as full versions and as tracked-change redlines, some drafted against a
 * base that differs elsewhere), NEW = the sources' edits and moves applied, some source edits
 * left out, plus edits and moves no source made. Every change's sources must be exactly those
 * that made it (a move its movers, a word edit inside moved text its editor), every unexplained
 * move listed as unattributed, no conflict and nothing applied differently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttributionSource, attributeChanges } from '../../src/attribution/attribute.js';
import { loadSourceVersions } from '../../src/attribution/source-versions.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document, Paragraph } from '../../src/model/document.js';
import type { RedlineBlock } from '../../src/model/redline.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { applied, hasWordEdit, type Move, movesOf, type Scenario, scenarioArb, type Versions, versions } from '../helpers/move-scenarios.js';

const toDocx = (paragraphs: readonly string[]): Uint8Array => buildDocx({ body: paragraphs.map((t) => p(t)).join('') });
const read = (bytes: Uint8Array, name: string): Document => fromDocx(bytes, name).document;

/** A source as a tracked-change redline of its edits and moves, written by our own exporter. */
async function asRedline(id: string, before: readonly string[], after: readonly string[], old: Document): Promise<AttributionSource> {
  const redline = compareDocuments(read(toDocx(before), `${id}-before.docx`), read(toDocx(after), `${id}-after.docx`), { author: id });
  const loaded = await loadSourceVersions(redlineToDocx(redline).bytes, `${id}.docx`, old);
  return { info: { id }, ...loaded };
}

/** Per change id, the base clauses its pieces come from (old side: OLD's order; new side: NEW's). */
function clausesOfChanges(blocks: readonly RedlineBlock[], old: Document, neu: Document, newOrder: readonly number[]): Map<string, Set<number>> {
  const index = new Map<Paragraph, number>();
  old.body.forEach((b, i) => b.type === 'paragraph' && index.set(b, i));
  neu.body.forEach((b, i) => b.type === 'paragraph' && index.set(b, newOrder[i] as number));
  const out = new Map<string, Set<number>>();
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    for (const piece of block.pieces) {
      const clause = piece.origin && index.get(piece.origin.paragraph);
      if (piece.changeId === undefined || clause === undefined) continue;
      const set = out.get(piece.changeId) ?? new Set<number>();
      set.add(clause);
      out.set(piece.changeId, set);
    }
  }
  return out;
}

async function check(s: Scenario, form: 'full' | 'redline', drift: boolean): Promise<void> {
  const v = versions(s);
  const old = read(toDocx(s.base), 'old.docx');
  const neu = read(toDocx(v.neu.texts), 'new.docx');
  const id = (k: number): string => `MP${k + 1}`;
  const sources: AttributionSource[] = [];
  for (let k = 0; k < s.sources; k++) {
    const after = (v.sources[k] as Versions['sources'][number]).texts;
    if (form === 'full') {
      sources.push({ info: { id: id(k) }, form: 'full-version', before: old, after: read(toDocx(after), `${id(k)}.docx`) });
    } else {
      // A redline with no tracked change cannot be told from a full version: sources edit something.
      if (!s.owner.includes(k) && movesOf(s, k).length === 0) continue;
      const extra = 'A paragraph only this draft of the code has, before all the others, in its own words entirely.';
      sources.push(await asRedline(id(k), drift ? [extra, ...s.base] : s.base, drift ? [extra, ...after] : after, old));
    }
  }
  const { redline, report } = attributeChanges(old, neu, sources);
  const order = new Map(Array.from({ length: s.sources }, (_, k) => [id(k), k]));
  const moverIds = (m: Move): string[] => (m.mover < 0 ? [] : [m.mover, ...(m.alsoBy === undefined ? [] : [m.alsoBy])].sort((a, b) => a - b).map(id));
  const wordEditor = (i: number): string[] => ((s.owner[i] as number) >= 0 ? [id(s.owner[i] as number)] : []);

  // The diff shows a reordering as the move of some clauses, and which ones is its choice: a clause
  // down past two others reads as those two up past it, and where nearly every clause has changed
  // words the choice may fall anywhere. So a move shown for clause i may name only the movers of
  // i's own move and of the moves that put i the other way round with another clause (never a
  // wrong source); with every move made by sources, every move shown names some (none is
  // unattributed); and where the diff shows just the clauses that were moved, each move names
  // exactly its movers, or none for a move no source made.
  const inNew = new Map(v.neu.order.map((clause, at) => [clause, at]));
  const flipped = (a: number, b: number): boolean => a < b !== (inNew.get(a) as number) < (inNew.get(b) as number);
  const moves = applied(s);
  const involved = (i: number): Move[] => moves.filter((m) => m.clause === i || flipped(i, m.clause));
  const clauses = clausesOfChanges(redline.body, old, neu, v.neu.order);
  const touchedBy = (changeId: string): number[] => [...(clauses.get(changeId) ?? [])].sort((a, b) => a - b);
  const moveChanges = redline.changes.filter((c) => c.kind === 'move');
  const shownMoved = new Set(moveChanges.flatMap((c) => touchedBy(c.id)));
  const asMade = shownMoved.size === moves.length && moves.every((m) => shownMoved.has(m.clause));
  const byOrder = (ids: readonly string[]): string => [...new Set(ids)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).join('+');

  const described: string[] = [];
  const expected: string[] = [];
  for (const change of redline.changes) {
    const touched = touchedBy(change.id);
    // A changed paragraph mark alone (the break before a moved last clause) has no words to trace.
    if (touched.length === 0) continue;
    const shown = `${change.kind} ${touched.join(',')}: ${change.sources.join('+')}`;
    if (change.kind !== 'move') {
      described.push(shown);
      expected.push(`${change.kind} ${touched.join(',')}: ${byOrder(touched.flatMap(wordEditor))}`);
      continue;
    }
    const allowed = new Set(touched.flatMap((i) => involved(i).flatMap(moverIds)));
    expect(
      change.sources.filter((x) => !allowed.has(x)),
      `wrong source on ${shown}`,
    ).toEqual([]);
    if (moves.every((m) => m.mover >= 0)) expect(change.sources.length, `unattributed ${shown}`).toBeGreaterThan(0);
    if (asMade) {
      described.push(shown);
      expected.push(`move ${touched.join(',')}: ${byOrder(touched.flatMap((i) => moverIds(moves.find((m) => m.clause === i) as Move)))}`);
    }
  }
  expect(described).toEqual(expected);

  // Every move no source made surfaces as an unattributed move.
  expect(moveChanges.length > 0).toBe(moves.length > 0);
  for (const m of moves.filter((x) => x.mover < 0)) {
    const shown = moveChanges.filter((c) => touchedBy(c.id).some((i) => involved(i).includes(m)));
    expect(shown.some((c) => report.unattributed.some((u) => u.change === c.id))).toBe(true);
  }

  const droppedEdits = [
    ...s.base.flatMap((_, i) => ((s.owner[i] as number) >= 0 && s.dropped[i] && hasWordEdit(s, i) ? [id(s.owner[i] as number)] : [])),
    ...s.moves.filter((m) => m.dropped).flatMap(moverIds),
  ];
  // A word edit inside a clause its source also moved is two edits of that source's own diff (the
  // old words where the clause left, the new ones where it arrived): compared as sets.
  expect([...new Set(report.notApplied.map((e) => e.source))].sort()).toEqual([...new Set(droppedEdits)].sort());
  expect(report.differs).toEqual([]);
  expect(report.conflicts).toEqual([]);
}

describe('attribution of random disjoint source edits and moves', () => {
  it('is exact with sources given as full versions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'full', false)),
      { numRuns: 150, seed: 12 },
    );
  }, 300_000);

  it('is exact with sources given as tracked-change redlines (moves as w:moveFrom/w:moveTo)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'redline', false)),
      { numRuns: 60, seed: 13 },
    );
  }, 300_000);

  it('matches by context a source drafted against a base that differs elsewhere', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'redline', true)),
      { numRuns: 40, seed: 14 },
    );
  }, 300_000);
});
