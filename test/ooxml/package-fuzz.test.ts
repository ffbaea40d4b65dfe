/**
 * Package faults in random combinations (one to three of #18's faults, and at times one of
 * #19's zip faults on top) on real documents — the sample Section G, and the foreign corpus when
 * it is there: every damaged package is either refused with one line naming the file (exit 2), or
 * read, and then the clean version and the redline against the undamaged document are written
 * through the package writer, whose strict re-read passes. A sample of what was written is loaded
 * in the real LibreOffice, which must open every one without a question.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import { InputError } from '../../src/diagnostics/errors.js';
import { documentToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { tempDir } from '../helpers/cli.js';
import { PACKAGE_FAULTS, type Part, partsOf, ZIP_FAULTS } from '../helpers/package-faults.js';
import { hasLibreOffice, requireOrSkip, runLoRedline, SHARED } from '../helpers/shared.js';
import { writeRawZip } from '../helpers/zip-writer.js';

const SAMPLE = resolve(__dirname, '../../samples/compare/section-g-v2.docx');
const FOREIGN = join(SHARED, 'corpus/foreign/files');
/** Foreign documents of a few kinds: footnotes, comments, hyperlinks, pictures, headers, content controls. */
const FOREIGN_PICKS = ['F007_footnote.docx', 'F018_hyperlinks.docx', 'F019_images.docx', 'F288_comments.docx', 'F015_docproperties_shared_footer_2_sections.docx', 'F005_content_controls.docx'];

const bases: { name: string; bytes: Uint8Array }[] = [{ name: 'section-g-v2.docx', bytes: new Uint8Array(readFileSync(SAMPLE)) }];
if (existsSync(FOREIGN)) for (const name of readdirSync(FOREIGN).filter((n) => FOREIGN_PICKS.includes(n))) bases.push({ name, bytes: new Uint8Array(readFileSync(join(FOREIGN, name))) });

/** The package with the faults applied in turn; undefined when one of them does not fit it (it lacks the part). */
function damaged(parts: readonly Part[], faults: readonly (typeof PACKAGE_FAULTS)[number][], zipFault: (typeof ZIP_FAULTS)[number] | null): Uint8Array | undefined {
  try {
    const damagedParts = faults.reduce<Part[]>((ps, fault) => fault.damage(ps), [...parts]);
    return zipFault ? zipFault.make(damagedParts) : writeRawZip(damagedParts.map((p) => ({ ...p })));
  } catch {
    return undefined;
  }
}

const written: { name: string; bytes: Uint8Array }[] = [];

describe('random combinations of package faults: refused in one line, or read and written whole', () => {
  it('holds for 120 combinations', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.subarray([...PACKAGE_FAULTS], { minLength: 1, maxLength: 3 }),
        fc.option(fc.constantFrom(...ZIP_FAULTS), { freq: 4 }),
        async (baseIndex, faults, zipFault) => {
          const base = bases[baseIndex] as (typeof bases)[number];
          const damagedBytes = damaged(partsOf(base.bytes), faults, zipFault);
          fc.pre(damagedBytes !== undefined);
          const bytes = damagedBytes as Uint8Array;
          const label = `${base.name} + ${faults.map((f) => f.id).join(' + ')}${zipFault ? ` + ${zipFault.id}` : ''}`;
          let read: ReturnType<typeof fromDocx>;
          try {
            read = fromDocx(bytes, 'damaged.docx');
          } catch (error) {
            expect(error, label).toBeInstanceOf(InputError);
            expect((error as InputError).message, label).toMatch(/^damaged\.docx: [^\n]+$/);
            refused++;
            return;
          }
          // Both written through the package writer, which re-reads them strictly or throws.
          const clean = documentToDocx(read.document).bytes;
          const redline = (await compare({ bytes: base.bytes, name: base.name }, { bytes, name: 'damaged.docx' }, { outputs: { docx: true } })).value.outputs.docx as Uint8Array;
          if (written.length < 60) written.push({ name: `${written.length}-clean.docx`, bytes: clean }, { name: `${written.length}-redline.docx`, bytes: redline });
        },
      ),
      { numRuns: 120 },
    );
    // Both outcomes happen: the combinations are not all refused, nor all repaired.
    expect(refused).toBeGreaterThan(0);
    expect(written.length).toBeGreaterThan(0);
  }, 900_000);

  it.runIf(requireOrSkip('LibreOffice (lo-redline)', hasLibreOffice()))(
    'LibreOffice loads every package written, without a question',
    () => {
      expect(written.length, 'run the combinations first').toBeGreaterThan(0);
      const dir = tempDir('redline-package-fuzz-');
      const commands = written.map(({ name, bytes }) => {
        writeFileSync(join(dir, name), bytes);
        return `info ${join(dir, name)}`;
      });
      const batch = join(dir, 'batch.txt');
      writeFileSync(batch, `${commands.join('\n')}\n`);
      const result = runLoRedline(['--batch', batch]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    },
    900_000,
  );
});
