import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { encryptedDocx, externalEntity, malformedXml, notZip, truncatedZip, zipBomb, zipWithoutDocument } from '../helpers/hostile-files.js';

const dir = tempDir();
const good = join(dir, 'good.docx');
writeFileSync(good, buildDocx({ body: p('A good document.') }));

async function expectRejected(name: string, bytes: Uint8Array, reason: RegExp): Promise<void> {
  const bad = join(dir, name);
  writeFileSync(bad, bytes);
  const outDir = join(dir, `out-${name}`);
  const result = runCli(['compare', bad, good, '-o', join(outDir, 'redline.docx'), '-o', join(outDir, 'changes.json')]);
  expect(result.status).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(bad);
  expect(lines[0]).toMatch(reason);
  expect(() => readdirSync(outDir)).toThrow();
}

describe('bad input gives exit 2, one line naming the file and the reason, and no output', () => {
  it('a file that is not a zip', () => expectRejected('not-a-zip.docx', notZip(), /not a DOCX file \(not a zip archive\)/));
  it('a truncated zip', () => expectRejected('truncated.docx', truncatedZip(), /not a readable zip archive|corrupt zip/));
  it('a zip without word/document.xml', () => expectRejected('no-document.docx', zipWithoutDocument(), /not a Word document/));
  it('a password-protected (encrypted OOXML) file', () => expectRejected('encrypted.docx', encryptedDocx(), /password-protected/));
  it('malformed XML', () => expectRejected('malformed.docx', malformedXml(), /'word\/document\.xml': malformed XML/));
  it('a DOCTYPE with an external entity, which is never resolved', () => expectRejected('xxe.docx', externalEntity(), /DOCTYPE is not accepted/));
  it('an empty file', () => expectRejected('empty.docx', new Uint8Array(0), /the file is empty/));
  it('a missing file', async () => {
    const result = runCli(['compare', join(dir, 'nope.docx'), good, '-o', join(dir, 'x.docx')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`redline: ${join(dir, 'nope.docx')}: no such file`);
  });
  it('a PDF, named as such with advice', () => expectRejected('image.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1]), /a PDF, not DOCX, text or Markdown: compare the Word or text versions/));

  it('a zip bomb: document.xml inflating to over a gigabyte', async () => {
    await expectRejected('bomb.docx', await zipBomb(1100 << 20), /refusing a possible zip bomb/);
  }, 60_000);

  it('a zip bomb whose header lies about the size is refused before inflating', async () => {
    await expectRejected('lying-bomb.docx', await zipBomb(1100 << 20, 4096), /larger compressed than its declared size/);
  }, 60_000);

  it('a part that inflates past its declared size is refused where it passes that size (memory stays bounded)', async () => {
    // Declared 64 KiB, really 8 MiB of zeros: small compressed, so only the inflater can catch it.
    const bomb = await zipBomb(8 << 20, 64 << 10);
    const before = process.memoryUsage().rss;
    expect(() => fromDocx(bomb, 'lying.docx')).toThrow(/lying\.docx: part 'word\/document\.xml' inflates to more than its declared size/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  }, 60_000);
});

describe('usage errors', () => {
  it('an unknown command exits 2', () => {
    const result = runCli(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });
  it('an unknown output format exits 2 before any work', () => {
    const result = runCli(['compare', good, good, '-o', join(dir, 'out.xyz')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown output format/);
  });
  it('a bad --date exits 2', () => {
    const result = runCli(['compare', good, good, '-o', join(dir, 'd.docx'), '--date', 'yesterday']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--date/);
  });
});
