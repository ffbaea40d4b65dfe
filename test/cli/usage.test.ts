/**
 * What a newcomer meets on the command line: an unknown option named with the command's usage,
 * a mistyped command or option with a suggestion, a file of another format named with advice,
 * `apply` writing every output kind `compare` does, the release summary giving the report's path.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

const dir = tempDir();
const old = join(dir, 'old.docx');
const neu = join(dir, 'new.docx');
writeFileSync(old, buildDocx({ body: p('Payment is due within 30 days.') + p('Notices are given in writing.') }));
writeFileSync(neu, buildDocx({ body: p('Payment is due within 45 days.') + p('Notices are given in writing.') }));

describe('usage errors', () => {
  it('an unknown option names itself, suggests a near one, and prints the command usage', () => {
    const result = runCli(['compare', old, neu, '-o', join(dir, 'x.docx'), '--ignor', 'case']);
    expect(result.status).toBe(2);
    const [first, , usage] = result.stderr.split('\n');
    expect(first).toBe('redline: compare: unknown option --ignor; did you mean --ignore?');
    expect(usage).toBe('Usage: redline compare OLD NEW -o OUT [-o OUT …] [options]');
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('an unknown option far from every known one is named alone', () => {
    const result = runCli(['apply', old, '--frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('redline: apply: unknown option --frobnicate');
    expect(result.stderr).toContain('Usage: redline apply OLD --source');
  });

  it('an option without its value says so', () => {
    const result = runCli(['compare', old, neu, '-o']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('redline: compare: --output needs a value');
  });

  it('a mistyped command gets "did you mean"', () => {
    expect(runCli(['comapre', old, neu]).stderr).toBe("redline: unknown command 'comapre'; did you mean 'compare'? (see redline --help)\n");
    expect(runCli(['relase']).stderr).toMatch(/did you mean 'release'\?/);
    expect(runCli(['frobnicate']).stderr).not.toMatch(/did you mean/);
  });

  it('an option the library refuses is named by its flag, not its field', () => {
    const result = runCli(['compare', old, neu, '-o', join(dir, 'r.pdf'), '--page-size', 'A3']);
    expect(result.stderr).toBe("redline: --page-size: 'A3' is not A4 or Letter\n");
    expect(runCli(['apply', old, '--source', `X=${neu}`, '-o', join(dir, 'n.docx'), '--on-conflict', 'merge']).stderr).toBe("redline: --on-conflict: 'merge' is not fail, first or skip\n");
  });
});

describe('files of other formats are named, with advice', () => {
  const cases: [string, Uint8Array | string, RegExp][] = [
    [
      'draft.odt',
      `PK\u0003\u0004${'\u0000'.repeat(26)}mimetypeapplication/vnd.oasis.opendocument.text`,
      /an OpenDocument text \(\.odt\), not DOCX, text or Markdown: open it in Word or LibreOffice and save it as \.docx/,
    ],
    ['draft.rtf', '{\\rtf1\\ansi Payment is due.}', /a Rich Text Format \(RTF\) file, not DOCX.*save it as \.docx/],
    ['draft.pdf', '%PDF-1.7\n%\u00e2\u00e3', /a PDF, not DOCX/],
    ['draft.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /a Word 97-2003 document \(\.doc\), not DOCX.*save it as \.docx/],
    // Named by its content whatever its name says.
    ['draft.docx.txt', '%PDF-1.4\n', /a PDF/],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const result = runCli(['compare', file, neu, '-o', join(dir, 'foreign.docx')]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`^redline: ${file.replace(/[.\\]/g, '\\$&')}: `));
      expect(result.stderr).toMatch(message);
    });
  }
});

describe('apply writes every kind compare does', () => {
  it('the conformed version, its redline as DOCX, PDF, text and Markdown, and the report', () => {
    const out = (name: string): string => join(dir, 'apply', name);
    const result = runCli([
      'apply',
      old,
      '--source',
      `MP1=${neu}`,
      '-o',
      out('new.docx'),
      '-o',
      out('redline.docx'),
      '-o',
      out('redline.pdf'),
      '-o',
      out('redline.txt'),
      '-o',
      out('redline.md'),
      '-o',
      out('report.json'),
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(out('redline.txt'), 'utf8')).toContain('Payment is due within [-30-]{+45+} days.');
    expect(readFileSync(out('redline.md'), 'utf8')).toContain('45');
    expect(readFileSync(out('redline.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fromDocx(readFileSync(out('new.docx')), 'new.docx').document.body.length).toBe(2);
    const report = JSON.parse(readFileSync(out('report.json'), 'utf8')) as { new: { name: string; format: string }; changes: { sources: string[] }[] };
    expect(report.new).toEqual({ name: 'new.docx', format: 'docx' });
    expect(report.changes.map((c) => c.sources)).toEqual([['MP1']]);
  }, 60_000);

  it('conformed from text versions, its JSON names the DOCX it was written as', () => {
    writeFileSync(join(dir, 'old.txt'), 'Payment is due within 30 days.\n');
    writeFileSync(join(dir, 'mp.txt'), 'Payment is due within 60 days.\n');
    const result = runCli(['apply', join(dir, 'old.txt'), '--source', `MP2=${join(dir, 'mp.txt')}`, '-o', join(dir, 'text-new.docx'), '-o', join(dir, 'text.json')]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'text.json'), 'utf8')) as { old: { format: string }; new: { name: string; format: string } };
    expect(report.old.format).toBe('text');
    expect(report.new).toEqual({ name: 'text-new.docx', format: 'docx' });
  }, 60_000);
});

describe('the release summary', () => {
  it("gives the report's full path", () => {
    const out = join(dir, 'release');
    const manifest = resolve(__dirname, '../../samples/release/release.yaml');
    const result = runCli(['release', manifest, '-o', out, '--only', 'appendix-c', '-q']);
    expect([0, 4]).toContain(result.status);
    expect(result.stdout.trim()).toMatch(new RegExp(`; report: ${join(out, 'index.html').replace(/[.\\]/g, '\\$&')} \\(with report\\.json, report\\.md, document-log\\.csv\\)$`));
  }, 120_000);
});
