/**
 * `apply` with moves, exactly: a random base of clauses, k sources with random disjoint word
 * edits and moves (some moves made alike by two sources, some clauses moved by one source and
 * edited by another), given as full versions and as tracked-change redlines. The conformed
 * version must be every source's edits and moves applied, with no conflict; its redline against
 * the old version must then explain every change by its sources.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSources } from '../../src/apply/merge-sources.js';
import { type AttributionSource, attributeChanges } from '../../src/attribution/attribute.js';
import { loadSourceVersions } from '../../src/attribution/source-versions.js';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document } from '../../src/model/document.js';
import { documentLines } from '../../src/model/plain-text.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { movesOf, type Scenario, scenarioArb, versions } from '../helpers/move-scenarios.js';

/** Only what sources did: no edit or move of NEW's own, none of theirs left out. */
const sourcesOnly = scenarioArb.map(
  (s): Scenario => ({
    ...s,
    owner: s.owner.map((o) => (o === -2 ? -1 : o)),
    dropped: s.dropped.map(() => false),
    moves: s.moves.filter((m) => m.mover >= 0).map(({ dropped: _dropped, ...m }) => m),
  }),
);

const toDocx = (paragraphs: readonly string[]): Uint8Array => buildDocx({ body: paragraphs.map((t) => p(t)).join('') });
const read = (bytes: Uint8Array, name: string): Document => fromDocx(bytes, name).document;

async function check(s: Scenario, form: 'full' | 'redline'): Promise<void> {
  const v = versions(s);
  const old = read(toDocx(s.base), 'old.docx');
  const sources: AttributionSource[] = [];
  for (let k = 0; k < s.sources; k++) {
    const id = `MP${k + 1}`;
    const after = (v.sources[k] as (typeof v.sources)[number]).texts;
    if (!s.owner.includes(k) && movesOf(s, k).length === 0) continue;
    if (form === 'full') {
      sources.push({ info: { id }, form: 'full-version', before: old, after: read(toDocx(after), `${id}.docx`) });
    } else {
      const redline = compareDocuments(old, read(toDocx(after), `${id}-after.docx`), { author: id });
      sources.push({ info: { id }, ...(await loadSourceVersions(redlineToDocx(redline).bytes, `${id}.docx`, old)) });
    }
  }
  const merged = mergeSources(old, sources, 'fail');
  expect(merged.conflicts).toEqual([]);
  expect(documentLines(merged.document)).toEqual(v.neu.texts);
  const { report } = attributeChanges(old, merged.document, sources);
  expect([report.unattributed, report.notApplied, report.differs, report.conflicts]).toEqual([[], [], [], []]);
}

describe('apply: random disjoint source edits and moves', () => {
  it('conforms NEW exactly from sources given as full versions', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesOnly, (s) => check(s, 'full')),
      { numRuns: 120, seed: 21 },
    );
  }, 300_000);

  it('conforms NEW exactly from sources given as tracked-change redlines', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesOnly, (s) => check(s, 'redline')),
      { numRuns: 50, seed: 22 },
    );
  }, 300_000);
});
