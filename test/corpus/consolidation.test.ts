/**
 * The WmlComparer consolidation cases: one base document and one or more reviewers' copies,
 * consolidated with `apply` into the conformed version and one tracked redline whose revisions
 * carry each reviewer's name. Checked by our report (everything applied, nothing unexplained), by
 * a real LibreOffice (Reject All gives the base, Accept All the conformed version; with a single
 * reviewer, Accept All gives that reviewer's own copy) and by the revisions' authors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/api/apply.js';
import type { AttributionReport } from '../../src/attribution/report.js';
import { tempDir } from '../helpers/cli.js';
import { CORPUS, hasCorpus, hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

interface ConsolidationCase {
  readonly id: string;
  readonly base: string;
  readonly sources: readonly { readonly file: string; readonly author: string }[];
}

const runCorpus = requireOrSkip('the shared corpus (../shared/corpus)', hasCorpus());
const out = tempDir('redline-consolidate-');
const cases: ConsolidationCase[] = runCorpus ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { consolidate: ConsolidationCase[] }).consolidate : [];
const reports = new Map<string, AttributionReport>();

const conformed = (c: ConsolidationCase): string => resolve(out, `${c.id}-new.docx`);
const redline = (c: ConsolidationCase): string => resolve(out, `${c.id}-redline.docx`);

describe.runIf(runCorpus)('WmlComparer consolidation cases', () => {
  beforeAll(async () => {
    for (const c of cases) {
      const { value } = await apply(
        { bytes: readFileSync(join(CORPUS, c.base)), name: c.base },
        c.sources.map((s) => ({ id: s.author, bytes: readFileSync(join(CORPUS, s.file)), name: s.file })),
        { onConflict: 'fail', outputs: { cleanDocx: true, docx: true }, newName: basename(conformed(c)) },
      );
      if (value.outputs.cleanDocx) writeFileSync(conformed(c), value.outputs.cleanDocx);
      if (value.outputs.docx) writeFileSync(redline(c), value.outputs.docx);
      reports.set(c.id, value.report);
    }
  }, 120_000);

  it('consolidates all 10 cases with every reviewer edit applied and every change explained', () => {
    expect(cases).toHaveLength(10);
    for (const c of cases) {
      const report = reports.get(c.id);
      expect(report, c.id).toBeDefined();
      const issues = { unattributed: report?.unattributed.length, notApplied: report?.notApplied.length, differs: report?.differs.length, conflicts: report?.conflicts.length };
      expect(issues, c.id).toEqual({ unattributed: 0, notApplied: 0, differs: 0, conflicts: 0 });
    }
  });

  const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());

  it.runIf(runLibreOffice)(
    'passes LibreOffice verify: Reject All = base, Accept All = conformed version (= the reviewer’s copy when there is one)',
    () => {
      const manifest = join(out, 'verify.json');
      const verifyCases = cases.flatMap((c) => {
        const base = join(CORPUS, c.base);
        const own = [{ name: c.id, file: redline(c), old: base, new: conformed(c) }];
        const single = c.sources.length === 1 ? [{ name: `${c.id}-reviewer`, file: redline(c), old: base, new: join(CORPUS, (c.sources[0] as { file: string }).file) }] : [];
        return [...own, ...single];
      });
      writeFileSync(manifest, JSON.stringify({ defaults: { ignore_empty_lines: true }, cases: verifyCases }));
      const report = join(out, 'verify-report.json');
      const run = runLoRedline(['verify-many', manifest, '--json-report', report, '-q']);
      const results = (JSON.parse(readFileSync(report, 'utf8')) as { results: { name: string; ok: boolean }[] }).results;
      expect(
        results.filter((r) => !r.ok).map((r) => r.name),
        run.stdout.slice(-3000),
      ).toEqual([]);
      expect(results).toHaveLength(verifyCases.length);
    },
    600_000,
  );

  it.runIf(runLibreOffice)(
    'names each revision after the reviewer(s) whose edit it is',
    () => {
      for (const c of cases) {
        const run = runLoRedline(['revisions', redline(c), '--json']);
        const authors = Object.keys((JSON.parse(run.stdout) as { by_author: Record<string, number> }).by_author);
        const reviewers = new Set(c.sources.map((s) => s.author));
        expect(authors.length, c.id).toBeGreaterThan(0);
        for (const author of authors) for (const name of author.split('+')) expect(reviewers, `${c.id}: ${author}`).toContain(name);
      }
    },
    300_000,
  );
});
