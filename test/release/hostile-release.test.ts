/**
 * Release files from elsewhere are input (issue #19): shard reports given to `--merge-reports`
 * are validated like the manifest (exit 2, one line naming the file and the field, never a
 * TypeError); titles never become markup in `report.md` or `index.html`; names from a manifest
 * or a report reach the terminal quoted and escaped; the state journal keeps what a killed run
 * finished.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentState, readState, StateJournal } from '../../src/release/run-state.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

const HOSTILE_TITLES = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click me](javascript:alert(1))', 'Clause *one* | two `code` & <b>bold</b>'];

/** A release titled `titles[0]`, with a small document for each further title. */
function release(titles: readonly string[] = HOSTILE_TITLES): string {
  const folder = tempDir('redline-hostile-release-');
  const documents = ['one', 'two', 'three'].slice(0, titles.length - 1).map((id, i) => {
    writeFileSync(join(folder, `${id}-1.docx`), buildDocx({ body: p(`The Supplier shall notify the Panel (${id}).`) }));
    writeFileSync(join(folder, `${id}-2.docx`), buildDocx({ body: p(`The Supplier shall promptly notify the Panel (${id}).`) }));
    return { id, title: titles[i + 1] as string, previous: { version: '1', file: `${id}-1.docx` }, new: { version: '2', file: `${id}-2.docx` } };
  });
  const manifest = join(folder, 'release.json');
  writeFileSync(manifest, JSON.stringify({ release: { id: 'R1', title: titles[0] ?? 'Release', effectiveDate: '2026-11-27' }, sources: [], documents, outputs: ['redline-docx', 'json'] }));
  return manifest;
}

const oneLine = (stderr: string): string => {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
  return lines[0] as string;
};

describe('report titles never become markup', () => {
  it('report.md escapes raw HTML, links and emphasis; index.html escapes HTML', () => {
    const manifest = release();
    const out = join(tempDir('redline-hostile-out-'), 'out');
    const result = runCli(['release', manifest, '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).not.toMatch(/<script|<img|<b>|(?<!\\)\]\(javascript:/i);
    expect(md).toContain('# &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('\\[click me\\](javascript:alert(1))');
    expect(md).toContain('Clause \\*one\\* \\| two \\`code\\` &amp; &lt;b&gt;bold&lt;/b&gt;');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img|<b>/i);
  }, 120_000);
});

describe('--merge-reports validates shard reports like the manifest', () => {
  const folder = tempDir('redline-merge-hostile-');
  let shard: Record<string, unknown>;
  beforeAll(() => {
    const manifest = release(['Release', 'One', 'Two']);
    const result = runCli(['release', manifest, '-o', join(folder, 's1'), '--shard', '1/2']);
    expect(result.status, result.stderr).toBe(0);
    shard = JSON.parse(readFileSync(join(folder, 's1', 'report-shard-1-of-2.json'), 'utf8')) as Record<string, unknown>;
  }, 120_000);

  /** A shard report as parsed JSON, to be spoiled field by field. */
  type LooseReport = { [field: string]: unknown; results?: Record<string, unknown>[] };
  const first = (r: LooseReport): Record<string, unknown> => r.results?.[0] as Record<string, unknown>;

  /** A copy of the good shard report with `change` applied to it, written into the shard's folder. */
  const spoiled = (name: string, change: (report: LooseReport) => unknown): string => {
    const copy = JSON.parse(JSON.stringify(shard)) as LooseReport;
    const replaced = change(copy);
    const file = join(folder, 's1', `${name}.json`);
    writeFileSync(file, typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? copy));
    return file;
  };

  const cases: [string, (r: LooseReport) => unknown, RegExp][] = [
    ['not-json', () => '{"format": "redline-release-report/1", ', /not a readable report/],
    ['a-list', () => [1, 2, 3], /the report: must be an object/],
    ['no-results', (r) => void delete r.results, /results: is missing/],
    ['outputs-not-list', (r) => void (first(r).outputs = 'all'), /results\[0\]\.outputs: must be a list/],
    ['changes-string', (r) => void (first(r).changes = '12'), /results\[0\]\.changes: must be a whole number/],
    ['status-unknown', (r) => void (first(r).status = 'exploded'), /results\[0\]\.status: must be one of ok, issues, failed/],
    ['shard-index', (r) => void (r.shard = { index: 3, count: 2 }), /shard\.index: 3 is more than shard\.count \(2\)/],
    ['title-number', (r) => void (r.documentTitles = { one: 1 }), /documentTitles\.one: must be a non-empty string/],
    ['output-kind', (r) => void (first(r).outputs = [{ kind: 'shell', file: 'x' }]), /results\[0\]\.outputs\[0\]\.kind: must be one of/],
    ['output-outside', (r) => void (first(r).outputs = [{ kind: 'json', file: '../../etc/passwd' }]), /lists an output outside its folder/],
    ['unknown-document', (r) => void (first(r).id = 'intruder'), /document 'intruder' is not one of the release's documents/],
    [
      'report-text',
      (r) => void (first(r).report = { sources: [], unattributed: [{ change: 'c1', kind: 'insert' }], notApplied: [], differs: [], conflicts: [] }),
      /results\[0\]\.report\.unattributed\[0\]\.oldText: is missing/,
    ],
    ['control-key', (r) => void (first(r).bySource = { 'MP1\u001b[31m\n': 'x' }), /results\[0\]\.bySource\['MP1\\u\{1b\}\[31m\\n'\]: must be a whole number/],
  ];
  for (const [name, change, reason] of cases) {
    it(`refuses ${name}`, () => {
      const file = spoiled(name, change);
      const result = runCli(['release', '--merge-reports', file, join(folder, 's1', 'report-shard-1-of-2.json'), '-o', join(folder, `merged-${name}`)]);
      expect(result.status).toBe(2);
      const line = oneLine(result.stderr);
      expect(line).toContain(file);
      expect(line).toMatch(reason);
    });
  }
});

describe('names reach the terminal quoted and escaped', () => {
  it('a manifest id with a newline and a terminal escape', () => {
    const manifest = release();
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as { documents: { id: string }[] };
    (data.documents[0] as { id: string }).id = 'one\n\u001b[2Jwiped';
    writeFileSync(manifest, JSON.stringify(data));
    const result = runCli(['release', manifest, '-o', join(tempDir('redline-escape-'), 'out')]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toContain(String.raw`documents[0].id: 'one\n\u{1b}[2Jwiped' holds control or invisible formatting characters`);
  });

  it('--only with a name that is not a document', () => {
    const result = runCli(['release', release(), '-o', join(tempDir('redline-escape-'), 'out'), '--only', 'x\u001b]0;owned\u0007']);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toContain(String.raw`--only: no document 'x\u{1b}]0;owned\u{7}'`);
  });
});

describe('the state journal', () => {
  const state = (id: string, fingerprint: string): DocumentState => ({
    fingerprint,
    outputs: { [`${id}/${id}.json`]: 'ab'.repeat(32) },
    result: { id, title: id, previousVersion: '1', newVersion: '2', conformed: false, status: 'ok', outputs: [], declaredSources: [], changes: 1, byKind: {}, bySource: {}, unattributed: 0 },
  });

  it('replays what a killed run journalled over the snapshot, skipping a line cut short', async () => {
    const folder = tempDir('redline-journal-');
    const journal = await StateJournal.open(folder, '.redline-state.json', { documents: { a: state('a', 'old-a'), b: state('b', 'old-b') } });
    await journal.record('b', state('b', 'new-b'));
    await journal.record('c', state('c', 'new-c'));
    await journal.close();
    writeFileSync(join(folder, '.redline-state.json.journal'), `${readFileSync(join(folder, '.redline-state.json.journal'), 'utf8')}{"id":"d","state":{"finger`);
    const read = await readState(folder, '.redline-state.json');
    expect(Object.fromEntries(Object.entries(read.state.documents).map(([id, s]) => [id, s.fingerprint]))).toEqual({ a: 'old-a', b: 'new-b', c: 'new-c' });
    expect(read.warnings).toEqual([]);
  });

  it('drops a journalled result of the wrong shape with the field and the fault, as a shard report names them', async () => {
    const folder = tempDir('redline-journal-');
    const journal = await StateJournal.open(folder, '.redline-state.json', { documents: { a: state('a', 'fa') } });
    const spoiled = (id: string, result: Record<string, unknown>) => ({ ...state(id, `f${id}`), result: { ...state(id, '').result, ...result } }) as unknown as DocumentState;
    await journal.record('b', spoiled('b', { changes: '12' }));
    await journal.record('c', spoiled('c', { bySource: { 'MP1\u001b[31m\n': 2.5 } }));
    await journal.record('d', spoiled('d', { id: 'e' }));
    await journal.close();
    const read = await readState(folder, '.redline-state.json');
    expect(Object.keys(read.state.documents)).toEqual(['a']);
    expect(read.warnings.map((w) => w.slice(w.indexOf(': ') + 2))).toEqual([
      "documents.b.result.changes: must be a whole number; document 'b' is done afresh",
      String.raw`documents.c.result.bySource['MP1\u{1b}[31m\n']: must be a whole number; document 'c' is done afresh`,
      "documents.d.result.id: is not the document it is filed under; document 'd' is done afresh",
    ]);
  });

  it('compacts into the snapshot at the end of a run and removes the journal', async () => {
    const folder = tempDir('redline-journal-');
    mkdirSync(folder, { recursive: true });
    const journal = await StateJournal.open(folder, '.redline-state.json', { documents: {} });
    await journal.record('a', state('a', 'fa'));
    await journal.compact({ documents: { a: state('a', 'fa') } });
    expect(() => readFileSync(join(folder, '.redline-state.json.journal'))).toThrow();
    expect((await readState(folder, '.redline-state.json')).state.documents.a?.fingerprint).toBe('fa');
  });
});
