/**
 * The sample release (`samples/release/`): six documents of a fictional industry code, changed
 * by five modifications and one designation, in the forms real sources come in (full versions, a
 * tracked-changes DOCX, a manual redline), with one document to be conformed with `apply`, and,
 * on purpose, one change no source explains and one modification edit that was not applied.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { applyEdits, randomEdits, type SpecEdit } from '../synthetic/edits.js';
import { Random } from '../synthetic/random.js';
import { type DocSpec, type GenerateOptions, generateDocSpec } from '../synthetic/spec.js';
import { specToDocx } from '../synthetic/to-docx.js';

type SourceForm = 'full' | 'tracked' | 'manual';

interface SampleDocument {
  readonly spec: Omit<GenerateOptions, 'title'> & { readonly title: string };
  readonly previous: string;
  readonly next: string;
  readonly sources: readonly { readonly id: string; readonly form: SourceForm }[];
  /** No new version given: the release conforms it from the sources. */
  readonly conform?: boolean;
  readonly unexplainedEdit?: boolean;
  readonly dropOneEditOf?: string;
}

const SOURCES = [
  { id: 'MP201', title: 'Clarifying incident reporting timescales', kind: 'modification', status: 'approved' },
  { id: 'MP202', title: 'Service request matrix for prepayment devices', kind: 'modification', status: 'approved' },
  { id: 'MP203', title: 'Data retention for consumption records', kind: 'modification', status: 'approved' },
  { id: 'MP204', title: 'Registration data quality obligations', kind: 'modification', status: 'approved' },
  { id: 'MP205', title: 'Panel voting and modification timetables', kind: 'modification', status: 'approved' },
  { id: 'BEIS', title: 'Designation of security and transition provisions', kind: 'designation', status: 'designated' },
] as const;

const DOCUMENTS: readonly SampleDocument[] = [
  {
    spec: { id: 'G', title: 'Section G: Security', prefix: 'G', words: 64_000, seed: 701, definitions: 40, matrixRows: 60, matrixColumns: 6, footnoteEvery: 15 },
    previous: '14.0',
    next: '15.0',
    sources: [
      { id: 'MP201', form: 'full' },
      { id: 'MP202', form: 'tracked' },
      { id: 'BEIS', form: 'full' },
    ],
    unexplainedEdit: true,
  },
  {
    spec: { id: 'A', title: 'Section A: Definitions and Interpretation', prefix: 'A', words: 22_000, seed: 702, definitions: 160 },
    previous: '14.0',
    next: '15.0',
    sources: [
      { id: 'MP201', form: 'full' },
      { id: 'BEIS', form: 'full' },
    ],
  },
  {
    spec: { id: 'H', title: 'Section H: Data Services', prefix: 'H', words: 30_000, seed: 703, matrixRows: 40, matrixColumns: 7, footnoteEvery: 20 },
    previous: '9.1',
    next: '10.0',
    sources: [
      { id: 'MP203', form: 'manual' },
      { id: 'MP204', form: 'full' },
    ],
  },
  {
    spec: { id: 'L', title: 'Section L: Registration', prefix: 'L', words: 24_000, seed: 704, definitions: 20 },
    previous: '6.0',
    next: '6.1',
    sources: [
      { id: 'MP204', form: 'full' },
      { id: 'MP205', form: 'full' },
    ],
    dropOneEditOf: 'MP205',
  },
  {
    spec: { id: 'D', title: 'Section D: Modification Process', prefix: 'D', words: 22_000, seed: 705 },
    previous: '11.0',
    next: '12.0',
    sources: [{ id: 'MP205', form: 'full' }],
  },
  {
    spec: { id: 'C', title: 'Appendix C: Service Request Matrix', prefix: 'C', words: 12_000, seed: 706, matrixRows: 180, matrixColumns: 8 },
    previous: '3.0',
    next: '4.0',
    sources: [
      { id: 'MP202', form: 'tracked' },
      { id: 'BEIS', form: 'full' },
    ],
    conform: true,
  },
];

const slug = (spec: SampleDocument['spec']): string => (spec.id === 'C' ? 'appendix-c' : `section-${spec.id.toLowerCase()}`);

/** `scale` shrinks the documents (tests use small copies of the release; the sample is scale 1). */
export async function buildSampleRelease(folder: string, scale = 1): Promise<void> {
  await mkdir(join(folder, 'documents'), { recursive: true });
  await mkdir(join(folder, 'sources'), { recursive: true });
  const documents = [];
  for (const sample of DOCUMENTS) {
    const spec = {
      ...sample.spec,
      words: Math.round(sample.spec.words * scale),
      ...(sample.spec.matrixRows && { matrixRows: Math.max(8, Math.round(sample.spec.matrixRows * scale)) }),
      ...(sample.spec.definitions && { definitions: Math.max(8, Math.round(sample.spec.definitions * scale)) }),
    };
    documents.push(await buildDocument(folder, { ...sample, spec }));
  }
  const manifest = {
    release: { id: 'R2026-11', title: 'Metering Operations Code: November 2026 Release', effectiveDate: '2026-11-27' },
    sources: SOURCES,
    documents,
    outputs: ['redline-docx', 'redline-pdf', 'html', 'clean-docx', 'clean-pdf', 'json'],
  };
  const header = '# The sample release: see samples/README.md. Paths are relative to this file.\n';
  await writeFile(join(folder, 'release.yaml'), header + stringify(manifest, { lineWidth: 0 }));
}

async function buildDocument(folder: string, sample: SampleDocument): Promise<unknown> {
  const name = slug(sample.spec);
  const previous = generateDocSpec(sample.spec);
  const random = new Random(sample.spec.seed * 7 + 1);
  const edits = randomEdits(previous, random, { wordRate: 0.004, insertClauses: 3, deleteClauses: 1, moveClauses: 1, rowChanges: 4, tag: `${sample.spec.id}-v${sample.next}` });
  const shares = shareEdits(edits, sample.sources);

  const previousFile = `documents/${name}-v${sample.previous}.docx`;
  const previousBytes = await specToDocx(previous);
  await writeFile(join(folder, previousFile), previousBytes);

  const sources = [];
  for (const { id, form } of sample.sources) {
    const own = shares.get(id) ?? [];
    const file = `sources/${id.toLowerCase()}-${name}${form === 'full' ? '' : `-${form}`}.docx`;
    await writeFile(join(folder, file), await sourceFile(previous, previousBytes, own, id, form));
    sources.push({ id, file });
  }

  const dropShare = shares.get(sample.dropOneEditOf ?? '') ?? [];
  const dropped = dropShare.find((x) => x.kind === 'replace-words') ?? dropShare[0];
  const landed = edits.filter((e) => e !== dropped);
  const next = applyEdits(previous, sample.unexplainedEdit ? [...landed, unexplained(previous, edits)] : landed);
  const entry: Record<string, unknown> = { id: name, title: sample.spec.title, previous: { version: sample.previous, file: previousFile } };
  if (sample.conform) entry.new = { version: sample.next };
  else {
    const nextFile = `documents/${name}-v${sample.next}.docx`;
    await writeFile(join(folder, nextFile), await specToDocx(next));
    entry.new = { version: sample.next, file: nextFile };
  }
  entry.sources = sources;
  return entry;
}

/**
 * The edits each source makes: dealt out in turn, except that a manual redline (marked up by
 * hand) carries word changes only.
 */
function shareEdits(edits: readonly SpecEdit[], sources: SampleDocument['sources']): Map<string, SpecEdit[]> {
  const shares = new Map<string, SpecEdit[]>(sources.map((s) => [s.id, []]));
  const structural = sources.filter((s) => s.form !== 'manual');
  edits.forEach((edit, i) => {
    const pool = edit.kind === 'replace-words' ? sources : structural;
    shares.get((pool[i % pool.length] as { id: string }).id)?.push(edit);
  });
  return shares;
}

async function sourceFile(previous: DocSpec, previousBytes: Uint8Array, edits: readonly SpecEdit[], id: string, form: SourceForm): Promise<Uint8Array> {
  if (form === 'manual') return specToDocx(previous, { markup: edits.filter((e): e is Extract<SpecEdit, { kind: 'replace-words' }> => e.kind === 'replace-words') });
  const full = await specToDocx(applyEdits(previous, edits));
  if (form === 'full') return full;
  // A drafter's tracked-changes copy: the previous version with the source's edits tracked.
  const redline = compareDocuments(fromDocx(previousBytes, 'previous.docx').document, fromDocx(full, `${id}.docx`).document, { author: `${id} drafter` });
  return redlineToDocx(redline).bytes;
}

/** A word change that no source made, on a clause no source touches. */
function unexplained(spec: DocSpec, edits: readonly SpecEdit[]): SpecEdit {
  const touched = new Set(edits.flatMap((e) => ('id' in e ? [e.id] : 'after' in e ? [e.after] : [])));
  const clause = spec.parts.flatMap((p) => p.clauses).find((c, i) => i > 4 && !touched.has(c.id));
  if (!clause) throw new Error('no untouched clause for the unexplained edit');
  return { kind: 'replace-words', id: clause.id, at: 2, remove: 1, insert: ['promptly', 'and', 'in', 'writing'] };
}
