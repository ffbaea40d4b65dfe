import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, np, p } from '../helpers/docx-builder.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';

const dir = tempDir();
const oldFile = join(dir, 'old.docx');
const newFile = join(dir, 'new.docx');
writeFileSync(oldFile, buildDocx({ numbering: NUMBERING_XML, body: [np('Definitions', 1, 0), np('The Supplier shall deliver the Goods within 30 days.', 1, 1), p('Signed.')].join('') }));
writeFileSync(newFile, buildDocx({ numbering: NUMBERING_XML, body: [np('Definitions', 1, 0), np('The Supplier shall deliver the Goods within 45 days.', 1, 1), p('Signed and dated.')].join('') }));

describe('redline compare', () => {
  it('writes a DOCX redline and the JSON change set in one run', () => {
    const result = runCli(['compare', oldFile, newFile, '-o', join(dir, 'out/redline.docx'), '-o', join(dir, 'out/changes.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 change\(s\)/);
    const json = JSON.parse(readFileSync(join(dir, 'out/changes.json'), 'utf8')) as { changes: { kind: string; oldText: string; newText: string; location: { label?: string; block: number } }[] };
    expect(json.changes.map((c) => [c.kind, c.oldText, c.newText, c.location.label])).toEqual([
      ['replace', '30', '45', '1.1'],
      ['insert', '', ' and dated', '1.1'],
    ]);
    const verify = runCli(['verify', join(dir, 'out/redline.docx'), oldFile, newFile]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^PASS/);
  });

  it('is deterministic: the same inputs give byte-identical outputs', () => {
    const a = runCli(['compare', oldFile, newFile, '-o', join(dir, 'a.docx'), '-o', join(dir, 'a.json')]);
    const b = runCli(['compare', oldFile, newFile, '-o', join(dir, 'b.docx'), '-o', join(dir, 'b.json')]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'a.docx')), readFileSync(join(dir, 'b.docx')))).toBe(0);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
  });

  it('writes the author, and dates the revisions by --date or else by the new version’s modified date', () => {
    runCli(['compare', oldFile, newFile, '-o', join(dir, 'dated.docx'), '--author', 'MP093', '--date', '2026-03-01T09:30:00Z']);
    const xml = new TextDecoder().decode(require('fflate').unzipSync(readFileSync(join(dir, 'dated.docx')))['word/document.xml']);
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="MP093" w:date="2026-03-01T09:30:00Z">/);
    runCli(['compare', oldFile, newFile, '-o', join(dir, 'undated.docx')]);
    const undated = new TextDecoder().decode(require('fflate').unzipSync(readFileSync(join(dir, 'undated.docx')))['word/document.xml']);
    expect(undated).not.toMatch(/w:date=/);
    // A new version that says when it was modified dates its revisions (and --date still wins).
    const modifiedFile = join(dir, 'new-modified.docx');
    writeFileSync(
      modifiedFile,
      buildDocx({
        core: '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-02-14T10:00:00Z</dcterms:modified>',
        numbering: NUMBERING_XML,
        body: [np('Definitions', 1, 0), np('The Supplier shall deliver the Goods within 45 days.', 1, 1), p('Signed and dated.')].join(''),
      }),
    );
    const docXml = (file: string): string => new TextDecoder().decode(require('fflate').unzipSync(readFileSync(file))['word/document.xml']);
    runCli(['compare', oldFile, modifiedFile, '-o', join(dir, 'by-modified.docx')]);
    const byModified = docXml(join(dir, 'by-modified.docx'));
    expect(byModified).toMatch(/<w:ins w:id="\d+" w:author="Redline" w:date="2026-02-14T10:00:00Z">/);
    expect(byModified).not.toMatch(/w:date="(?!2026-02-14T10:00:00Z)/);
    runCli(['compare', oldFile, modifiedFile, '-o', join(dir, 'overridden.docx'), '--date', '2026-03-01T09:30:00Z']);
    expect(docXml(join(dir, 'overridden.docx'))).not.toMatch(/2026-02-14/);
  });

  it('compares text and Markdown versions into a styled DOCX', () => {
    writeFileSync(join(dir, 'old.md'), '# Terms\n\n1. The Supplier shall deliver.\n2. The Buyer shall pay.\n');
    writeFileSync(join(dir, 'new.md'), '# Terms\n\n1. The Supplier shall deliver promptly.\n2. The Buyer shall pay.\n');
    const result = runCli(['compare', join(dir, 'old.md'), join(dir, 'new.md'), '-o', join(dir, 'md.docx'), '-o', join(dir, 'md.txt')]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'md.txt'), 'utf8')).toBe('Terms\n1. The Supplier shall deliver{+ promptly+}.\n2. The Buyer shall pay.\n');
    expect(runCli(['verify', join(dir, 'md.docx'), join(dir, 'old.md'), join(dir, 'new.md')]).status).toBe(0);
  });

  it('prints help and version', () => {
    expect(runCli(['--help']).stdout).toMatch(/Usage: redline COMMAND/);
    expect(runCli(['compare', '--help']).stdout).toMatch(/--author NAME/);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
