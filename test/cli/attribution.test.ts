/**
 * Attribution through the CLI, for each form a source comes in (a full version, a DOCX with
 * tracked changes, a manual redline with underline and strike-through): every change tagged with
 * its source, the report's lists, the exit codes, `--fallback-source`, `--chain`, `apply` with its
 * conflict policies, and `--sources` validation. Outputs are checked by our own reader, against the
 * JSON schema, and (when LibreOffice is here) by LibreOffice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import schema from '../../src/exporters/json/change-set.schema.json';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, escapeXmlText, np } from '../helpers/docx-builder.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const dir = tempDir('redline-attribution-');

const CLAUSES = [
  'The Supplier shall deliver the Goods within 30 days of the Order.',
  'The Buyer shall pay each invoice within 14 days of receipt.',
  'The Authority may audit the Supplier once in every calendar year.',
  'This Agreement is governed by the laws of England and Wales.',
];
const MP093 = (c: string[]): string[] => c.map((t, i) => (i === 0 ? t.replace('30 days', '45 days') : t));
const BEIS = (c: string[]): string[] => c.map((t, i) => (i === 1 ? t.replace('14 days', '28 days') : t));
const MP101 = (c: string[]): string[] => c.map((t, i) => (i === 2 ? t.replace('once in every calendar year', 'at any time on reasonable notice') : t));

/** A numbered clause whose runs are given as raw WordprocessingML. */
const clause = (runs: string): string => np('', 1, 1).replace('</w:p>', `${runs}</w:p>`);
const run = (text: string, rPr = ''): string => (text === '' ? '' : `<w:r>${rPr && `<w:rPr>${rPr}</w:rPr>`}<w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r>`);
const docx = (clauses: readonly string[]): Uint8Array => buildDocx({ numbering: NUMBERING_XML, body: np('Terms', 1, 0) + clauses.map((t) => clause(run(t))).join('') });

/** A clause with one edit shown as Word's tracked changes. */
const trackedClause = (before: string, deleted: string, inserted: string, after: string): string =>
  clause(
    `${run(before)}<w:del w:id="91" w:author="Drafter"><w:r><w:delText xml:space="preserve">${escapeXmlText(deleted)}</w:delText></w:r></w:del><w:ins w:id="92" w:author="Drafter">${run(inserted)}</w:ins>${run(after)}`,
  );
/** A clause with one edit shown by hand: struck through = deleted, underlined = inserted. */
const manualClause = (before: string, deleted: string, inserted: string, after: string): string =>
  clause(run(before) + run(deleted, '<w:strike/>') + run(inserted, '<w:u w:val="single"/>') + run(after));

const file = (name: string, bytes: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

const OLD = file('old.docx', docx(CLAUSES));
const NEW = file('new.docx', docx(MP101(BEIS(MP093(CLAUSES)))));
const SOURCES = {
  MP093: file('mp093.docx', docx(MP093(CLAUSES))),
  BEIS: file(
    'beis-tracked.docx',
    buildDocx({
      numbering: NUMBERING_XML,
      body:
        np('Terms', 1, 0) +
        clause(run(CLAUSES[0] as string)) +
        trackedClause('The Buyer shall pay each invoice within ', '14', '28', ' days of receipt.') +
        CLAUSES.slice(2)
          .map((t) => clause(run(t)))
          .join(''),
    }),
  ),
  MP101: file(
    'mp101-manual.docx',
    buildDocx({
      numbering: NUMBERING_XML,
      body:
        np('Terms', 1, 0) +
        CLAUSES.slice(0, 2)
          .map((t) => clause(run(t)))
          .join('') +
        manualClause('The Authority may audit the Supplier ', 'once in every calendar year', 'at any time on reasonable notice', '.') +
        clause(run(CLAUSES[3] as string)),
    }),
  ),
};
const SOURCES_JSON = file(
  'sources.json',
  JSON.stringify([
    { id: 'MP093', title: 'Implementing IRP511 and CRP535 to support GBCS v3.2 devices', kind: 'modification' },
    { id: 'MP101', title: 'Audit rights', kind: 'modification' },
    { id: 'BEIS', title: 'BEIS designation', kind: 'designation' },
  ]),
);
const sourceArgs = (ids: readonly (keyof typeof SOURCES)[] = ['MP093', 'BEIS', 'MP101']): string[] => ids.flatMap((id) => ['--source', `${id}=${SOURCES[id]}`]);

interface ChangeJson {
  readonly kind: string;
  readonly oldText: string;
  readonly newText: string;
  readonly sources: string[];
  readonly author: string;
  readonly location: { readonly label?: string };
  readonly history?: { source: string; oldText: string; newText: string }[];
}
interface ReportJson {
  readonly changes: ChangeJson[];
  readonly sources: { id: string; title?: string; kind?: string; form: string; total: number; byKind: Record<string, number>; clauses: string[] }[];
  readonly unattributed: { change: string; label?: string; newText: string; assignedTo?: string }[];
  readonly notApplied: { source: string; label?: string; expected: { oldText: string; newText: string } }[];
  readonly differs: { source: string; label?: string; expected: { oldText: string; newText: string }; actual?: { oldText: string; newText: string } }[];
  readonly conflicts: { sources: string[]; oldText: string; texts: Record<string, string> }[];
}
const readJson = (path: string): ReportJson => {
  const json = JSON.parse(readFileSync(path, 'utf8')) as ReportJson;
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  return json;
};
const part = (docxPath: string, name: string): string => new TextDecoder().decode(unzipSync(readFileSync(docxPath))[name]);
const authorsOf = (xml: string): string[] => [...new Set([...xml.matchAll(/<w:(?:ins|del|moveFrom|moveTo)\b[^>]*w:author="([^"]*)"/g)].map((m) => m[1] as string))].sort();
const summary = (json: ReportJson): string[][] => json.changes.map((c) => [c.location.label ?? '', c.oldText, c.newText, c.sources.join('+')]);

const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());

describe('compare --source: every change tagged with its source', () => {
  const out = join(dir, 'attributed');
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    result = runCli(['compare', OLD, NEW, ...sourceArgs(), '--sources', SOURCES_JSON, '-o', `${out}.docx`, '-o', `${out}.json`]);
  });

  it('attributes each change to the source that made it, whatever form the source came in', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = readJson(`${out}.json`);
    expect(summary(json)).toEqual([
      ['1.1', '30', '45', 'MP093'],
      ['1.2', '14', '28', 'BEIS'],
      ['1.3', 'once in every calendar year', 'at any time on reasonable notice', 'MP101'],
    ]);
    expect(json.sources.map((s) => [s.id, s.form, s.kind, s.total, s.clauses.join(',')])).toEqual([
      ['MP093', 'full-version', 'modification', 1, '1.1'],
      ['BEIS', 'redline', 'designation', 1, '1.2'],
      ['MP101', 'manual-redline', 'modification', 1, '1.3'],
    ]);
    expect([json.unattributed, json.notApplied, json.differs, json.conflicts]).toEqual([[], [], [], []]);
  });

  it('writes each source as the revisions’ author, with a Word comment naming the source and its title', () => {
    expect(authorsOf(part(`${out}.docx`, 'word/document.xml'))).toEqual(['BEIS', 'MP093', 'MP101']);
    const comments = part(`${out}.docx`, 'word/comments.xml');
    expect(comments).toContain('MP093 — Implementing IRP511 and CRP535 to support GBCS v3.2 devices');
    expect(comments).toContain('BEIS — BEIS designation');
    expect(runCli(['verify', `${out}.docx`, OLD, NEW]).status).toBe(0);
  });

  it.runIf(runLibreOffice)(
    'opens in LibreOffice with the sources as authors and their comments; Reject All = OLD, Accept All = NEW',
    () => {
      const verify = runLoRedline(['verify', `${out}.docx`, OLD, NEW]);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      const revisions = JSON.parse(runLoRedline(['revisions', `${out}.docx`, '--json']).stdout) as { by_author: Record<string, number> };
      expect(Object.keys(revisions.by_author).sort()).toEqual(['BEIS', 'MP093', 'MP101']);
    },
    120_000,
  );
});

describe('compare --source: the report', () => {
  // NEW2: MP101's edit did not land, MP093's landed with other words, and clause 1.4 changed
  // with no source to explain it.
  const NEW2 = file('new2.docx', docx(BEIS(MP093(CLAUSES)).map((t, i) => (i === 0 ? t.replace('45', '60') : i === 3 ? t.replace('England and Wales', 'Scotland') : t))));

  it('lists unattributed, not-applied and differing edits with their clause, and exits 4 with the outputs written', () => {
    const out = join(dir, 'report');
    const result = runCli(['compare', OLD, NEW2, ...sourceArgs(), '-o', `${out}.docx`, '-o', `${out}.json`]);
    expect(result.status).toBe(4);
    expect(existsSync(`${out}.docx`)).toBe(true);
    const json = readJson(`${out}.json`);
    // The edit that landed with other words is also unattributed: no source explains "60".
    expect(json.unattributed.map((u) => [u.label, u.newText])).toEqual([
      ['1.1', '60'],
      ['1.4', 'Scotland'],
    ]);
    expect(json.notApplied.map((n) => [n.source, n.label, n.expected.oldText, n.expected.newText])).toEqual([['MP101', '1.3', 'once in every calendar year', 'at any time on reasonable notice']]);
    expect(json.differs.map((d) => [d.source, d.label, d.expected.newText, d.actual?.newText])).toEqual([['MP093', '1.1', '45', '60']]);
    expect(authorsOf(part(`${out}.docx`, 'word/document.xml'))).toContain('Unattributed');
  });

  it('--fallback-source gives unexplained changes to a source and still reports them', () => {
    const out = join(dir, 'fallback');
    const result = runCli(['compare', OLD, NEW2, ...sourceArgs(['MP093', 'BEIS']), '--fallback-source', 'BEIS', '-o', `${out}.json`, '-o', `${out}.docx`]);
    expect(result.status).toBe(4);
    const json = readJson(`${out}.json`);
    expect(json.changes.find((c) => c.location.label === '1.4')?.sources).toEqual(['BEIS']);
    expect(json.unattributed.map((u) => [u.label, u.assignedTo])).toEqual([
      ['1.1', 'BEIS'],
      ['1.4', 'BEIS'],
    ]);
    expect(authorsOf(part(`${out}.docx`, 'word/document.xml'))).not.toContain('Unattributed');
  });

  it('matches a redline drafted against an earlier base by context, not offsets', () => {
    // BEIS's tracked copy was drafted before clause 1.1 gained a sentence and 1.4 was reworded.
    const drifted = CLAUSES.map((t, i) => (i === 0 ? `The Goods are listed in Schedule 1. ${t}` : i === 3 ? 'This Agreement is governed by English law.' : t));
    const base = file('base-drifted.docx', docx(drifted));
    const newer = file('new-drifted.docx', docx(BEIS(drifted)));
    const out = join(dir, 'drifted.json');
    const result = runCli(['compare', base, newer, '--source', `BEIS=${SOURCES.BEIS}`, '-o', out]);
    expect(result.status).toBe(0);
    expect(summary(readJson(out))).toEqual([['1.2', '14', '28', 'BEIS']]);
  });

  it('--chain tags each change with the version that made it, keeping the earlier edits it replaced', () => {
    const v1 = file('v26a.docx', docx(MP093(CLAUSES)));
    const v2 = file('v26b.docx', docx(BEIS(MP093(CLAUSES)).map((t, i) => (i === 0 ? t.replace('45', '60') : t))));
    const out = join(dir, 'chain.json');
    const result = runCli(['compare', OLD, v2, '--chain', `MP080=${v1}`, '--chain', `MP093=${v2}`, '-o', out]);
    expect(result.status).toBe(0);
    const json = readJson(out);
    expect(summary(json)).toEqual([
      ['1.1', '30', '60', 'MP093'],
      ['1.2', '14', '28', 'MP093'],
    ]);
    expect(json.changes[0]?.history).toEqual([{ source: 'MP080', oldText: '30', newText: '45' }]);
  });
});

describe('apply: the new version conformed from the sources', () => {
  it('merges the three sources into NEW, with its attributed redline and report', () => {
    const out = join(dir, 'applied');
    const result = runCli(['apply', OLD, ...sourceArgs(), '--sources', SOURCES_JSON, '-o', `${out}-new.docx`, '-o', `${out}-redline.docx`, '-o', `${out}.json`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(runCli(['compare', NEW, `${out}-new.docx`, '-o', join(dir, 'applied-check.json')]).stdout).toMatch(/^0 change\(s\)/);
    expect(summary(readJson(`${out}.json`)).map((row) => row[3])).toEqual(['MP093', 'BEIS', 'MP101']);
    expect(runCli(['verify', `${out}-redline.docx`, OLD, NEW]).status).toBe(0);
  });

  const rival = file('mp200.docx', docx(CLAUSES.map((t, i) => (i === 0 ? t.replace('30 days', '90 days') : t))));
  const conflictArgs = (policy: string[], out: string): string[] => ['apply', OLD, ...sourceArgs(['MP093']), '--source', `MP200=${rival}`, ...policy, '-o', `${out}-new.docx`, '-o', `${out}.json`];

  it('stops on a conflict (exit 3), writing only the report with both texts', () => {
    const out = join(dir, 'conflict-fail');
    const result = runCli(conflictArgs([], out));
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/conflict: MP093 and MP200 edit "30" differently: MP093: "45"; MP200: "90"/);
    expect(existsSync(`${out}-new.docx`)).toBe(false);
    expect(readJson(`${out}.json`).conflicts.map((c) => [c.sources.join('+'), c.oldText, c.texts])).toEqual([['MP093+MP200', '30', { MP093: '45', MP200: '90' }]]);
  });

  it('--on-conflict first applies the first source’s edit; skip applies neither; both still report it (exit 4)', () => {
    for (const [policy, expected] of [
      ['first', '45'],
      ['skip', '30'],
    ] as const) {
      const out = join(dir, `conflict-${policy}`);
      const result = runCli(conflictArgs(['--on-conflict', policy], out));
      expect(result.status, policy).toBe(4);
      expect(readJson(`${out}.json`).conflicts).toHaveLength(1);
      const text = runCli(['compare', OLD, `${out}-new.docx`, '-o', join(dir, `conflict-${policy}.txt`)]);
      expect(text.status).toBe(0);
      expect(readFileSync(join(dir, `conflict-${policy}.txt`), 'utf8')).toContain(expected === '30' ? 'within 30 days' : '[-30-]{+45+}');
    }
  });
});

describe('--sources validation', () => {
  const cases: [string, string, RegExp][] = [
    ['broken.json', '[{"id": "MP093",', /broken\.json: not valid JSON/],
    ['noid.json', '[{"title": "x"}]', /noid\.json: sources\[0\]\.id must be a source id/],
    ['kind.json', '[{"id": "MP093", "kind": "law"}]', /kind\.json: sources\[0\]\.kind must be one of modification, designation/],
    ['field.json', '[{"id": "MP093", "titel": "x"}]', /field\.json: sources\[0\]\.titel is not a known field/],
    ['twice.json', '{"sources": [{"id": "BEIS"}, {"id": "BEIS"}]}', /twice\.json: sources\[1\]\.id "BEIS" is given twice/],
  ];
  for (const [name, text, message] of cases) {
    it(`rejects ${name} with one clear line, exit 2 and no output`, () => {
      const out = join(dir, `${name}.docx`);
      const result = runCli(['compare', OLD, NEW, ...sourceArgs(['MP093']), '--sources', file(name, text), '-o', out]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('rejects a malformed --source', () => {
    const result = runCli(['compare', OLD, NEW, '--source', 'MP093', '-o', join(dir, 'x.docx')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--source MP093: expected ID=FILE/);
  });
});
