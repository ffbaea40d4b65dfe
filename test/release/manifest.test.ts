/** The release manifest: read into the run's plan, every error naming the file and the field. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/release/manifest.js';
import { tempDir } from '../helpers/cli.js';

const folder = tempDir('redline-manifest-');
mkdirSync(join(folder, 'docs'));
for (const file of ['docs/a-1.docx', 'docs/a-2.docx', 'docs/mp1.docx']) writeFileSync(join(folder, file), 'x');
const file = join(folder, 'release.yaml');

const VALID = `release: { id: R1, title: "Release one", effectiveDate: 2026-11-27 }
sources:
  - { id: MP1, title: A modification, kind: modification, status: approved }
documents:
  - id: a
    title: Section A
    previous: { version: "1.0", file: docs/a-1.docx }
    new: { version: "2.0", file: docs/a-2.docx }
    sources: [{ id: MP1, file: docs/mp1.docx }]
`;

/** The message parsing `text` fails with. */
function failure(text: string): string {
  try {
    parseManifest(text, file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the manifest was accepted');
}

describe('parseManifest', () => {
  it('reads a release: paths resolved against the manifest, the six outputs by default', () => {
    const manifest = parseManifest(VALID, file);
    expect(manifest.release).toMatchObject({ id: 'R1', effectiveDate: '2026-11-27' });
    expect(manifest.documents[0]?.previous.file).toBe(join(folder, 'docs/a-1.docx'));
    expect(manifest.documents[0]?.sources).toEqual([{ id: 'MP1', file: join(folder, 'docs/mp1.docx') }]);
    expect(manifest.outputs).toEqual(['redline-docx', 'redline-pdf', 'html', 'clean-docx', 'clean-pdf', 'json']);
  });

  it('names the file and the field of each error', () => {
    expect(failure(VALID.replace('{ id: MP1, file: docs/mp1.docx }', '{ id: MP9, file: docs/mp1.docx }'))).toBe(
      `${file}: documents[0].sources[0].id: unknown source 'MP9' (not in the manifest's sources)`,
    );
    expect(failure(VALID.replace('version: "2.0"', 'version: 2.0'))).toBe(`${file}: documents[0].new.version: 2 is a number: quote the version label, e.g. "15.0"`);
    expect(failure(VALID.replace('2026-11-27', '2026-02-30'))).toBe(`${file}: release.effectiveDate: '2026-02-30' is not a date (YYYY-MM-DD)`);
    expect(failure(VALID.replace('docs/a-2.docx', 'docs/missing.docx'))).toMatch(/documents\[0\]\.new\.file: 'docs\/missing\.docx' does not exist$/);
    expect(failure(VALID.replace('docs/a-2.docx', '../elsewhere.docx'))).toMatch(/documents\[0\]\.new\.file: '\.\.\/elsewhere\.docx' is outside the manifest's folder/);
    expect(failure(`${VALID}outputs: [redline-docx, html5]\n`)).toMatch(/outputs\[1\]: 'html5' is not one of/);
    expect(failure(VALID.replace('title: Section A', 'title: Section A\n    colour: red'))).toMatch(/documents\[0\]\.colour: is not a known field/);
  });

  it('refuses a manifest that is not YAML, and caps alias expansion', () => {
    expect(failure('release: [unclosed')).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: not valid YAML`));
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n')}\n`;
    expect(failure(bomb)).toMatch(/not valid YAML/);
  });
});
