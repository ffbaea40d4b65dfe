/**
 * Attribution, exactly: a random base, k sources with random disjoint edits (given as full
 * versions and as tracked-change redlines), NEW = the sources' edits applied + some unexplained
 * edits − some source edits dropped. Every change's sources and the report's lists must be exactly
 * what was done.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttributionSource, attributeChanges } from '../../src/attribution/attribute.js';
import { loadSourceVersions } from '../../src/attribution/source-versions.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document } from '../../src/model/document.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { wordArb } from '../helpers/random-docs.js';

type WordEdit = { readonly kind: 'insert' | 'delete' | 'replace'; readonly at: number; readonly word: string };

const sentenceArb = fc.array(wordArb, { minLength: 4, maxLength: 10 }).map((words) => `${words.join(' ')}.`);
const editArb: fc.Arbitrary<WordEdit> = fc.record({
  kind: fc.constantFrom<'insert' | 'delete' | 'replace'>('insert', 'delete', 'replace'),
  at: fc.nat(),
  word: fc.constantFrom('promptly', 'Material', 'thereafter', 'Relevant', 'forthwith'),
});

function applyWordEdit(text: string, edit: WordEdit): string {
  const words = text.slice(0, -1).split(' ');
  const i = edit.at % words.length;
  if (edit.kind === 'insert') words.splice(i, 0, edit.word);
  else if (edit.kind === 'delete' && words.length > 1) words.splice(i, 1);
  else words[i] = edit.word;
  return `${words.join(' ')}.`;
}

const toDocx = (paragraphs: readonly string[]): Uint8Array => buildDocx({ body: paragraphs.map((t) => p(t)).join('') });
const read = (bytes: Uint8Array, name: string): Document => fromDocx(bytes, name).document;

/** A source as a tracked-change redline of its edits, written by our own exporter. */
async function asRedline(id: string, before: readonly string[], after: readonly string[], old: Document): Promise<AttributionSource> {
  const redline = compareDocuments(read(toDocx(before), `${id}-before.docx`), read(toDocx(after), `${id}-after.docx`), { author: id });
  const versions = await loadSourceVersions(redlineToDocx(redline).bytes, `${id}.docx`, old);
  return { info: { id }, ...versions };
}

interface Scenario {
  readonly base: string[];
  /** For each paragraph: the source that edits it (0..k-1), -1 none, -2 an unexplained edit. */
  readonly owner: number[];
  readonly edits: WordEdit[];
  /** Source edits left out of NEW. */
  readonly dropped: boolean[];
  readonly sources: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 3 }).chain((sources) =>
  fc.array(fc.tuple(sentenceArb, fc.integer({ min: -2, max: sources - 1 }), editArb, fc.boolean()), { minLength: 3, maxLength: 9 }).map((rows) => ({
    base: rows.map((r) => r[0]),
    owner: rows.map((r) => r[1]),
    edits: rows.map((r) => r[2]),
    dropped: rows.map((r) => r[3] && r[1] >= 0),
    sources,
  })),
);

function versions(s: Scenario): { sourceTexts: string[][]; newText: string[] } {
  const sourceTexts = Array.from({ length: s.sources }, (_, k) => s.base.map((t, i) => (s.owner[i] === k ? applyWordEdit(t, s.edits[i] as WordEdit) : t)));
  const newText = s.base.map((t, i) => (((s.owner[i] as number) >= 0 && !s.dropped[i]) || s.owner[i] === -2 ? applyWordEdit(t, s.edits[i] as WordEdit) : t));
  return { sourceTexts, newText };
}

async function check(s: Scenario, form: 'full' | 'redline', drift: boolean): Promise<void> {
  const { sourceTexts, newText } = versions(s);
  const old = read(toDocx(s.base), 'old.docx');
  const neu = read(toDocx(newText), 'new.docx');
  const sources: AttributionSource[] = [];
  for (let k = 0; k < s.sources; k++) {
    // A redline with no tracked change cannot be told from a full version: sources edit something.
    if (form === 'redline' && !s.owner.includes(k)) continue;
    const id = `MP${k + 1}`;
    const after = sourceTexts[k] as string[];
    if (form === 'full') {
      sources.push({ info: { id }, form: 'full-version', before: old, after: read(toDocx(after), `${id}.docx`) });
    } else {
      // Drafted against a base that differs elsewhere: a paragraph the old version lacks comes
      // first, so nothing lines up by position.
      const extra = 'A paragraph only this draft of the code has, before all the others.';
      sources.push(await asRedline(id, drift ? [extra, ...s.base] : s.base, drift ? [extra, ...after] : after, old));
    }
  }
  const { redline, report } = attributeChanges(old, neu, sources);

  const changed = s.base.map((t, i) => t !== newText[i]);
  const expectedSources = s.base.flatMap((_, i) => (changed[i] ? [(s.owner[i] as number) >= 0 ? [`MP${(s.owner[i] as number) + 1}`] : []] : []));
  const actual = redline.changes.filter((c) => c.kind !== 'renumber');
  expect(actual.map((c) => c.sources)).toEqual(expectedSources);
  expect(report.unattributed.length).toBe(s.owner.filter((o, i) => o === -2 && changed[i]).length);
  const droppedEdits = s.base.flatMap((t, i) => ((s.owner[i] as number) >= 0 && s.dropped[i] && applyWordEdit(t, s.edits[i] as WordEdit) !== t ? [`MP${(s.owner[i] as number) + 1}`] : []));
  expect(report.notApplied.map((e) => e.source)).toEqual(droppedEdits.sort());
  expect(report.differs).toEqual([]);
  expect(report.conflicts).toEqual([]);
}

describe('attribution of random disjoint source edits', () => {
  it('is exact with sources given as full versions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'full', false)),
      { numRuns: 150, seed: 4 },
    );
  }, 120_000);

  it('is exact with sources given as tracked-change redlines', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'redline', false)),
      { numRuns: 60, seed: 5 },
    );
  }, 120_000);

  it('matches by context a source drafted against a base that differs elsewhere', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (s) => check(s, 'redline', true)),
      { numRuns: 40, seed: 6 },
    );
  }, 120_000);
});

describe('attribution of a chain of versions', () => {
  it('gives words to the last version that touched them and keeps the earlier edit as history', () => {
    const base = ['The Supplier shall deliver the Goods within thirty days.', 'The Buyer shall pay the Price.'];
    const v1 = [base[0] as string, 'The Buyer shall pay the Price promptly.'];
    const v2 = [(base[0] as string).replace('thirty', 'forty'), v1[1] as string];
    const v3 = [(base[0] as string).replace('thirty', 'forty-five'), v1[1] as string];
    const docs = [base, v1, v2, v3].map((t, i) => read(toDocx(t), `v${i}.docx`));
    const [old, d1, d2, neu] = docs as [Document, Document, Document, Document];
    const { redline } = attributeChanges(
      old,
      neu,
      [
        { info: { id: 'MP080' }, form: 'full-version', before: old, after: d1 },
        { info: { id: 'MP093' }, form: 'full-version', before: d1, after: d2 },
        { info: { id: 'BEIS' }, form: 'full-version', before: d2, after: neu },
      ],
      { mode: 'chain' },
    );
    expect(redline.changes.map((c) => [c.oldText, c.newText, c.sources, c.history])).toEqual([
      ['thirty', 'forty-five', ['BEIS'], [{ source: 'MP093', oldText: 'thirty', newText: 'forty' }]],
      ['', ' promptly', ['MP080'], undefined],
    ]);
  });
});
