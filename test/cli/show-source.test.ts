/**
 * Views by source (`compare --show-source ID`): the redline shows only the chosen sources'
 * changes, the other sources' edits (moves too) already made in the old version shown, so that
 * Reject All gives OLD with those sources applied (what `apply` conforms from them) and Accept
 * All still gives NEW; changes no source explains stay visible in every view. Checked on the
 * DOCX as read back (Reject All and Accept All), on the JSON and the PDF's first page, and with
 * the real LibreOffice. Contract text, in .txt and .docx.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/api/index.js';
import { documentLines } from '../../src/model/plain-text.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, escapeXmlText, np } from '../helpers/docx-builder.js';
import { pageTexts } from '../helpers/pdf-tools.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const dir = tempDir('redline-views-');

const CLAUSES: readonly string[] = [
  'The Supplier shall deliver the Goods to the Premises on the Delivery Date.',
  'The Customer shall pay each invoice within thirty days of its date.',
  'Title to the Goods passes to the Customer on payment in full.',
  'Risk in the Goods passes to the Customer on delivery.',
  'Either party may terminate this agreement by giving ninety days written notice.',
  'This agreement is governed by the law of England and Wales.',
];

const replace = (clauses: readonly string[], i: number, from: string, to: string): string[] => clauses.map((t, k) => (k === i ? t.replace(from, to) : t));
/** Clause `from` taken out and put back at index `to` of the list without it. */
const move = (clauses: readonly string[], from: number, to: number): string[] => {
  const out = clauses.filter((_, k) => k !== from);
  out.splice(to, 0, clauses[from] as string);
  return out;
};

// MP1 edits a word; MP2 moves the title clause to the end; BEIS edits another word.
const MP1 = replace(CLAUSES, 1, 'thirty', 'fourteen');
const MP2 = move(CLAUSES, 2, 5);
const BEIS = replace(CLAUSES, 4, 'ninety', 'sixty');
const ALL = move(replace(replace(CLAUSES, 1, 'thirty', 'fourteen'), 4, 'ninety', 'sixty'), 2, 5);

type Format = 'txt' | 'docx';

function render(clauses: readonly string[], format: Format): Uint8Array | string {
  if (format === 'txt') return `${clauses.join('\n\n')}\n`;
  const body = clauses.map((t) => np('', 1, 1).replace('</w:p>', `<w:r><w:t xml:space="preserve">${escapeXmlText(t)}</w:t></w:r></w:p>`)).join('');
  return buildDocx({ numbering: NUMBERING_XML, body: np('Terms', 1, 0) + body });
}

function write(name: string, clauses: readonly string[], format: Format): string {
  const path = join(dir, `${name}.${format}`);
  writeFileSync(path, render(clauses, format));
  return path;
}

/** The text of a DOCX read as Reject All (`before`) or Accept All (`after`), without empty lines. */
async function textOf(path: string, view: 'before' | 'after'): Promise<string[]> {
  const { value } = await readDocument({ bytes: readFileSync(path), name: 'view.docx', view });
  return documentLines(value)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const SOURCES = { MP1, MP2, BEIS } as const;
type SourceId = keyof typeof SOURCES;
const VIEWS: readonly (readonly SourceId[])[] = [['MP1'], ['MP2'], ['BEIS'], ['MP1', 'BEIS']];

interface ViewJson {
  readonly summary: { readonly total: number; readonly renumbered: number };
  readonly view: { readonly shown: string[]; readonly made: string[] };
  readonly changes: { readonly kind: string; readonly sources: string[] }[];
  readonly unattributed: unknown[];
}

describe.each<Format>(['txt', 'docx'])('compare --show-source (%s)', (format) => {
  const stem = (name: string): string => `${format}-${name}`;
  const old = write(stem('old'), CLAUSES, format);
  const sourceFiles = Object.fromEntries(Object.entries(SOURCES).map(([id, clauses]) => [id, write(stem(id), clauses, format)])) as Record<SourceId, string>;
  const sourceArgs = (ids: readonly SourceId[]): string[] => ids.flatMap((id) => ['--source', `${id}=${sourceFiles[id]}`]);
  const everySource = Object.keys(SOURCES) as SourceId[];
  /** The views made by the first test, checked with LibreOffice in one run at the end. */
  const checked: { name: string; file: string; old: string; new: string }[] = [];

  /** The view of NEW showing `shown`, and the base it is drawn against (OLD with the others applied). */
  function view(newClauses: readonly string[], shown: readonly SourceId[], name: string): { docx: string; base: string; json: ViewJson; line: string; pdfFirstPage: string; status: number | null } {
    const neu = write(stem(`${name}-new`), newClauses, format);
    const out = (ext: string): string => join(dir, `${stem(name)}-view.${ext}`);
    const result = runCli(['compare', old, neu, ...sourceArgs(everySource), ...shown.flatMap((id) => ['--show-source', id]), '-o', out('docx'), '-o', out('json'), '-o', out('pdf')]);
    expect(result.stderr).toBe('');
    const base = join(dir, `${stem(name)}-base.docx`);
    const made = everySource.filter((id) => !shown.includes(id));
    const applied = runCli(['apply', old, ...sourceArgs(made), '-o', base]);
    expect(applied.status, applied.stderr).toBe(0);
    return {
      docx: out('docx'),
      base,
      json: JSON.parse(readFileSync(out('json'), 'utf8')) as ViewJson,
      line: result.stdout.split('\n')[0] ?? '',
      pdfFirstPage: pageTexts(readFileSync(out('pdf')))[0] ?? '',
      status: result.status,
    };
  }

  it.each(VIEWS.map((shown) => [shown.join('+'), shown] as const))('shows only %s as changes; Reject All gives OLD with the other sources applied, Accept All gives NEW', async (name, shown) => {
    const v = view(ALL, shown, name);
    expect(v.status).toBe(0);
    checked.push({ name, file: v.docx, old: v.base, new: join(dir, `${stem(name)}-new.${format}`) });
    expect(v.json.view).toEqual({ shown: [...shown], made: everySource.filter((id) => !shown.includes(id)) });
    // Every change shown is a shown source's, and each shown source's change is there.
    const counted = v.json.changes.filter((c) => c.kind !== 'renumber');
    expect(counted.length).toBeGreaterThan(0);
    for (const change of counted)
      expect(
        change.sources.every((s) => shown.includes(s as SourceId)),
        JSON.stringify(change),
      ).toBe(true);
    expect(counted.every((c) => c.sources.length > 0)).toBe(true);
    for (const id of shown) expect(counted.some((c) => c.sources.includes(id))).toBe(true);
    if (shown.includes('MP2')) expect(counted.some((c) => c.kind === 'move')).toBe(true);
    else expect(counted.some((c) => c.kind === 'move')).toBe(false);
    // The counts agree: the CLI's line, the JSON's summary, the PDF's first page.
    expect(v.json.summary.total).toBe(counted.length);
    expect(v.line).toMatch(new RegExp(`^${counted.length} change\\(s\\)`));
    expect(v.pdfFirstPage).toMatch(new RegExp(`Total: ${counted.length} changes?`));
    expect(v.pdfFirstPage).toContain(`Shown as changes: ${shown.join(', ')}`);
    // Reject All is the base (OLD with the other sources made), Accept All is NEW.
    expect(await textOf(v.docx, 'before')).toEqual(await textOf(v.base, 'after'));
    expect((await textOf(v.docx, 'after')).join('\n')).toContain(ALL.join('\n'));
  });

  it('keeps a change no source explains visible in every view', () => {
    const unexplained = replace(ALL, 0, 'Premises', 'Site');
    for (const shown of [['MP1'], ['MP1', 'BEIS']] as const satisfies readonly (readonly SourceId[])[]) {
      const v = view(unexplained, shown, `unexplained-${shown.join('+')}`);
      expect(v.status).toBe(4);
      const loose = v.json.changes.filter((c) => c.sources.length === 0 && c.kind !== 'renumber');
      expect(loose, shown.join('+')).toHaveLength(1);
      expect(v.json.unattributed).toHaveLength(1);
    }
  });

  it.skipIf(!requireOrSkip('LibreOffice (lo-redline verify of views by source)', hasLibreOffice()))(
    'passes LibreOffice: Reject All = the base, Accept All = NEW',
    () => {
      expect(checked).toHaveLength(VIEWS.length);
      const manifest = join(dir, `${stem('views')}.json`);
      writeFileSync(manifest, JSON.stringify({ defaults: { ignore_empty_lines: true }, cases: checked }));
      const verified = runLoRedline(['verify-many', manifest]);
      expect(verified.stdout).toContain(`${VIEWS.length} passed, 0 failed`);
      expect(verified.status, `${verified.stdout}${verified.stderr}`).toBe(0);
    },
    600_000,
  );
});
