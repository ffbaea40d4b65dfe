/**
 * Damaged packages (issue #18) and hostile zips (#19), each fault applied to the new version of
 * a real legal version pair (the sample Section G, 12 pages with a numbered list, tables and
 * footnotes): every fault is either refused with one line naming the file and the fault (exit 2),
 * or repaired, said in a diagnostic, and compared into a redline whose package is whole (the
 * writer's own strict check) and whose Reject All / Accept All give the versions as read — by our
 * own verify and, when available, by the real LibreOffice, which must load it without asking a
 * question.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/api/compare.js';
import { verify } from '../../src/api/verify.js';
import { documentToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { DEFAULT_PACKAGE_LIMITS } from '../../src/ooxml/package.js';
import { checkWrittenPackage } from '../../src/ooxml/package-check.js';
import { readZip } from '../../src/ooxml/zip-reader.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { PACKAGE_FAULTS, type PackageFault, type Part, type PartsFault, partsOf, ZIP_FAULTS } from '../helpers/package-faults.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';
import { listRawZipNames, writeRawZip } from '../helpers/zip-writer.js';

const OLD = resolve(__dirname, '../../samples/compare/section-g-v1.docx');
const NEW = resolve(__dirname, '../../samples/compare/section-g-v2.docx');
const oldBytes = new Uint8Array(readFileSync(OLD));
const newParts = partsOf(new Uint8Array(readFileSync(NEW)));

/** What each fault must give: the diagnostics it is repaired with, or the reason it is refused. */
const REPAIRED: Readonly<Record<string, readonly string[]>> = {
  'no-root-rels': ['package/root-relationships-repaired', 'package/relationships-rebuilt'],
  'no-content-types': ['package/content-types-missing'],
  'no-document-rels': ['package/relationships-rebuilt'],
  'styles-missing': ['package/relationship-dropped', 'package/styles-default'],
  'styles-outside': ['package/relationship-dropped', 'package/styles-default'],
  'styles-external': ['package/external-relationship-dropped', 'package/styles-default'],
  'theme-file-url': ['package/relationship-dropped'],
  'unreferenced-missing': ['package/relationship-dropped'],
  'template-external': ['package/external-relationship-dropped', 'package/reference-removed'],
  'hyperlink-external': [],
  'duplicate-rel-id': ['package/duplicate-relationship-id'],
  'utf16-parts': ['package/part-re-encoded'],
  'utf8-bom-parts': ['package/part-re-encoded'],
  'wrong-content-types': ['package/content-type-repaired'],
  'rels-wrong-namespace': ['package/part-namespace-repaired'],
  'content-types-wrong-namespace': ['package/part-namespace-repaired'],
  'main-part-renamed': [],
  'entry-dotdot': ['package/unsafe-entry-dropped'],
  'entry-absolute': ['package/unsafe-entry-dropped'],
  'entry-backslash': ['package/unsafe-entry-dropped'],
  'entry-control': ['package/unsafe-entry-dropped'],
};

const REFUSED: Readonly<Record<string, RegExp>> = {
  'footnotes-missing': /'word\/document\.xml': has footnotes references, but the footnotes part is lost/,
  'entry-duplicate': /two entries named 'word\/document\.xml'/,
  'entry-case-duplicate': /two entries named 'word\/styles\.xml' and 'WORD\/STYLES\.XML'/,
  'doctype-content-types': /'\[Content_Types\]\.xml': XML with a DOCTYPE is not accepted/,
  'doctype-settings': /'word\/settings\.xml': XML with a DOCTYPE is not accepted/,
  'doctype-rels': /'_rels\/\.rels': XML with a DOCTYPE is not accepted/,
  'crc-mismatch': /part 'word\/styles\.xml' is corrupt \(its CRC-32 does not match its data\)/,
  'overlapping-entries': /entries 'word\/media\/filler\.bin' and 'word\/media\/copy0\.bin' overlap/,
};

const ALL_FAULTS = [...PACKAGE_FAULTS, ...ZIP_FAULTS];
const dir = tempDir('redline-package-faults-');

function faulty(fault: PackageFault): { path: string; bytes: Uint8Array } {
  const bytes = fault.make(newParts);
  const path = join(dir, `${fault.id}.docx`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('every fault has a decision', () => {
  it('each fault is either repaired or refused, never both, never neither', () => {
    for (const fault of ALL_FAULTS) expect([fault.id in REPAIRED, fault.id in REFUSED], fault.id).toSatisfy(([a, b]: boolean[]) => a !== b);
  });
});

describe('refused faults: exit 2, one line naming the file and the fault, nothing written', () => {
  for (const fault of ALL_FAULTS.filter((f) => f.id in REFUSED)) {
    it(`${fault.id}: ${fault.what}`, () => {
      const { path } = faulty(fault);
      const out = join(dir, `${fault.id}-refused.docx`);
      const result = runCli(['compare', OLD, path, '-o', out]);
      expect(result.status).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${path}: `);
      expect(lines[0]).toMatch(REFUSED[fault.id] as RegExp);
      expect(() => readFileSync(out)).toThrow();
    });
  }
});

describe('repaired faults: read with a diagnostic, compared into a whole package that verifies', () => {
  for (const fault of ALL_FAULTS.filter((f) => f.id in REPAIRED)) {
    it(`${fault.id}: ${fault.what}`, async () => {
      const { path, bytes } = faulty(fault);
      const read = fromDocx(bytes, `${fault.id}.docx`);
      const codes = new Set(read.diagnostics.filter((d) => d.code.startsWith('package/')).map((d) => d.code));
      for (const code of REPAIRED[fault.id] as readonly string[]) expect([...codes], fault.id).toContain(code);
      if ((REPAIRED[fault.id] as readonly string[]).length === 0) expect([...codes].filter((c) => c !== 'package/part-re-encoded')).toEqual([]);

      const result = await compare({ bytes: oldBytes, name: 'section-g-v1.docx' }, { bytes, name: `${fault.id}.docx` }, { outputs: { docx: true } });
      const redline = result.value.outputs.docx as Uint8Array;
      writeFileSync(join(dir, `${fault.id}-redline.docx`), redline);
      // Written through the package writer, so checked once already; checked again here so that a
      // check that never runs cannot pass this test.
      expect(() => checkWrittenPackage(redline, new Map(readZip(redline, 'redline.docx', DEFAULT_PACKAGE_LIMITS).entries.map((e) => [e.name, e.data])))).not.toThrow();
      expect(listRawZipNames(redline).filter((name) => /(^|\/)\.\.(\/|$)|^\/|\\|^[A-Za-z]:|[\u0000-\u001f]/.test(name))).toEqual([]);
      const verified = (await verify({ bytes: redline, name: 'redline.docx' }, { bytes: oldBytes, name: 'old.docx' }, { bytes, name: path })).value;
      expect(verified.ok, JSON.stringify(verified)).toBe(true);
      // The version as read, written clean: what LibreOffice checks the redline against.
      writeFileSync(join(dir, `${fault.id}-as-read.docx`), documentToDocx(read.document).bytes);
    });
  }

  it('keeps an external hyperlink, and drops an external attached template with its reference', () => {
    const link = fromDocx(faulty(ALL_FAULTS.find((f) => f.id === 'hyperlink-external') as PackageFault).bytes, 'link.docx');
    const rels = new TextDecoder().decode(link.document.docx?.parts.get('word/_rels/document.xml.rels'));
    expect(rels).toMatch(/Target="https:\/\/example\.org\/code" TargetMode="External"/);
    const template = fromDocx(faulty(ALL_FAULTS.find((f) => f.id === 'template-external') as PackageFault).bytes, 'template.docx');
    const parts = template.document.docx?.parts as ReadonlyMap<string, Uint8Array>;
    expect(new TextDecoder().decode(parts.get('word/settings.xml'))).not.toContain('attachedTemplate');
    expect(new TextDecoder().decode(parts.get('word/_rels/settings.xml.rels'))).not.toContain('External');
  });

  it('leaves out an unreached part with its relationships, even those it repaired (found by the fuzz test)', () => {
    // The document's relationships reach nothing but a missing custom XML part, so the settings
    // are left out as unreached; their relationships, repaired first (an external template
    // dropped), must not be written back without them.
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const settings = { name: 'word/settings.xml', data: new TextEncoder().encode(`<w:settings xmlns:w="${W}" xmlns:r="${R}"><w:zoom w:percent="100"/></w:settings>`) };
    const base = [...partsOf(buildDocx({ body: p('A clause.') })), settings];
    const faults = ['no-document-rels', 'unreferenced-missing', 'template-external'].map((id) => PACKAGE_FAULTS.find((f) => f.id === id) as PartsFault);
    const bytes = writeRawZip(faults.reduce<Part[]>((parts, fault) => fault.damage(parts), base).map((part) => ({ ...part })));
    const read = fromDocx(bytes, 'unreached.docx');
    const parts = read.document.docx?.parts as ReadonlyMap<string, Uint8Array>;
    expect([...parts.keys()].filter((name) => name.includes('settings'))).toEqual([]);
    expect(read.diagnostics.find((d) => d.code === 'package/unreachable-parts-dropped')?.message).toContain("'word/settings.xml'");
    const clean = documentToDocx(read.document).bytes;
    expect(
      readZip(clean, 'clean.docx', DEFAULT_PACKAGE_LIMITS)
        .entries.map((entry) => entry.name)
        .filter((name) => name.includes('settings')),
    ).toEqual([]);
  });

  it('says which unsafe zip entry it left out, quoted and escaped on one line', () => {
    const result = runCli(['compare', OLD, faulty(ALL_FAULTS.find((f) => f.id === 'entry-control') as PackageFault).path, '-o', join(dir, 'control.docx')]);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(result.stderr).toContain(String.raw`zip entry 'word/\n\u{1b}[31mred\u{1b}[0m.xml' left out`);
  });
});

describe('LibreOffice loads every repaired redline without a question, and it verifies', () => {
  it.runIf(requireOrSkip('LibreOffice (lo-redline)', hasLibreOffice()))(
    'lo-redline verify-many over the repaired faults',
    () => {
      const cases = ALL_FAULTS.filter((f) => f.id in REPAIRED).map((f) => ({ name: f.id, file: join(dir, `${f.id}-redline.docx`), old: OLD, new: join(dir, `${f.id}-as-read.docx`) }));
      for (const c of cases) expect(() => readFileSync(c.file), `${c.name}: run the repaired-faults tests first`).not.toThrow();
      const manifest = join(dir, 'verify.json');
      writeFileSync(manifest, JSON.stringify(cases));
      const result = runLoRedline(['verify-many', manifest]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(`${cases.length} passed, 0 failed`);
      // 21 loads and verifies in one soffice: a minute or two alone, over ten minutes on a machine
      // shared with other LibreOffice runs.
    },
    1_500_000,
  );
});
