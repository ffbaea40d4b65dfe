/**
 * Attribution of moves through the CLI, on real licence text (the definitions of the Apache
 * License 2.0), in .txt, .md and .docx: a move goes to the source that made it (its text leaving
 * its old place and arriving at its new one, in that source's own diff), never to a source whose
 * edit happens to stand next to it; a moved clause edited by another source gives the move to the
 * mover and the edit to the editor; sources moving a clause alike agree, differently conflict.
 * Sources come as full versions and as tracked redlines (`w:moveFrom`/`w:moveTo`, or `w:del` +
 * `w:ins` of the same text, or drafted against a drifted base); chains move what an earlier
 * version inserted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, escapeXmlText, np } from '../helpers/docx-builder.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const dir = tempDir('redline-moves-');

/** Apache License 2.0, section 1 (Definitions), the first six definitions. */
const DEFINITIONS = [
  '"License" shall mean the terms and conditions for use, reproduction, and distribution as defined by Sections 1 through 9 of this document.',
  '"Licensor" shall mean the copyright owner or entity authorized by the copyright owner that is granting the License.',
  '"Legal Entity" shall mean the union of the acting entity and all other entities that control, are controlled by, or are under common control with that entity.',
  '"You" (or "Your") shall mean an individual or Legal Entity exercising permissions granted by this License.',
  '"Source" form shall mean the preferred form for making modifications, including but not limited to software source code, documentation source, and configuration files.',
  '"Object" form shall mean any form resulting from mechanical transformation or translation of a Source form, including but not limited to compiled object code, generated documentation, and conversions to other media types.',
];
const X_CLAUSE = '"Contribution" shall mean any work of authorship submitted to the Licensor for inclusion in the Work by the copyright owner.';

type Clauses = readonly string[];
const edit = (clauses: Clauses, i: number, from: string, to: string): string[] =>
  clauses.map((t, k) => {
    if (k !== i) return t;
    if (!t.includes(from)) throw new Error(`fixture: "${from}" is not in clause ${i}`);
    return t.replace(from, to);
  });
/** Clause `from` taken out and put back at index `to` of the list without it. */
const move = (clauses: Clauses, from: number, to: number): string[] => {
  const out = clauses.filter((_, k) => k !== from);
  out.splice(to, 0, clauses[from] as string);
  return out;
};
const insert = (clauses: Clauses, at: number, text: string): string[] => [...clauses.slice(0, at), text, ...clauses.slice(at)];
const remove = (clauses: Clauses, at: number): string[] => clauses.filter((_, k) => k !== at);

type Format = 'txt' | 'md' | 'docx';
const FORMATS: readonly Format[] = ['txt', 'md', 'docx'];

const clauseXml = (runs: string): string => np('', 1, 1).replace('</w:p>', `${runs}</w:p>`);
const runXml = (text: string): string => `<w:r><w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r>`;
const docxOf = (bodyClauses: readonly string[]): Uint8Array => buildDocx({ numbering: NUMBERING_XML, body: np('Definitions', 1, 0) + bodyClauses.join('') });

function render(clauses: Clauses, format: Format): Uint8Array | string {
  if (format === 'txt') return `${clauses.join('\n\n')}\n`;
  if (format === 'md') return `# Definitions\n\n${clauses.join('\n\n')}\n`;
  return docxOf(clauses.map((t) => clauseXml(runXml(t))));
}

/**
 * A source in redline form: clause `from` of `base` moved to index `to`, tracked as Word writes a
 * move (`w:moveFrom`/`w:moveTo` with their ranges) or as a deletion and an insertion.
 */
function trackedMove(base: Clauses, from: number, to: number, how: 'move' | 'del-ins'): Uint8Array {
  const text = base[from] as string;
  const paragraphMark = (tag: string): string => `<w:rPr><w:${tag} w:id="${tag === 'moveFrom' || tag === 'del' ? 71 : 72}" w:author="Drafter"/></w:rPr>`;
  const markedClause = (tag: 'moveFrom' | 'moveTo' | 'del' | 'ins'): string => {
    const run = tag === 'moveFrom' || tag === 'del' ? `<w:r><w:delText xml:space="preserve">${escapeXmlText(text)}</w:delText></w:r>` : runXml(text);
    const wrapped = `<w:${tag} w:id="${tag === 'moveFrom' || tag === 'del' ? 81 : 82}" w:author="Drafter">${run}</w:${tag}>`;
    const range =
      tag === 'moveFrom' || tag === 'moveTo'
        ? [`<w:${tag}RangeStart w:id="9${tag === 'moveFrom' ? 1 : 2}" w:name="move1" w:author="Drafter"/>`, `<w:${tag}RangeEnd w:id="9${tag === 'moveFrom' ? 1 : 2}"/>`]
        : ['', ''];
    return np('', 1, 1)
      .replace('</w:pPr>', `${paragraphMark(tag)}</w:pPr>`)
      .replace('</w:p>', `${range[0]}${wrapped}${range[1]}</w:p>`);
  };
  const fromTag = how === 'move' ? 'moveFrom' : 'del';
  const toTag = how === 'move' ? 'moveTo' : 'ins';
  const rest = base.filter((_, k) => k !== from);
  const body: string[] = [];
  for (let k = 0; k <= rest.length; k++) {
    // The moved-away clause stands where it was, before the clause that followed it.
    if (k === from) body.push(markedClause(fromTag));
    if (k === to) body.push(markedClause(toTag));
    if (k < rest.length) body.push(clauseXml(runXml(rest[k] as string)));
  }
  return docxOf(body);
}

interface SourceSpec {
  readonly id: string;
  /** A full version, or the bytes of a tracked redline (DOCX only). */
  readonly clauses?: Clauses;
  readonly docx?: Uint8Array;
}

interface MoveCase {
  readonly name: string;
  readonly old: Clauses;
  readonly new: Clauses;
  readonly sources: readonly SourceSpec[];
  readonly chain?: boolean;
  readonly formats?: readonly Format[];
  /** The changes, renumbering left out: kind and sources, in the change set's order. */
  readonly changes: readonly string[];
  readonly unattributed?: number;
  readonly conflicts?: readonly string[];
  readonly exit: number;
}

/** The sources' edits are all NEW has: `apply` with the same sources must give NEW. */
const appliesToNew = (c: MoveCase): boolean => !c.chain && c.exit === 0;

const D = DEFINITIONS;
const S1_EDIT = (c: Clauses): string[] => edit(c, 2, 'the union of', 'the union, in cleared funds, of');
const S2_WORD = (c: Clauses, i = 1): string[] => edit(c, i, 'authorized', 'duly authorised');

const CASES: readonly MoveCase[] = [
  {
    name: 'a move no source made, next to a source edit, is unattributed',
    old: D,
    sources: [{ id: 'S1', clauses: S1_EDIT(D) }],
    new: move(S1_EDIT(D), 1, D.length - 1),
    changes: ['move:', 'insert:S1'],
    unattributed: 1,
    exit: 4,
  },
  {
    name: 'a move no source made, after a source edit, is unattributed',
    old: D,
    sources: [{ id: 'S1', clauses: edit(D, 0, 'the terms', 'the terms in cleared funds') }],
    new: move(edit(D, 0, 'the terms', 'the terms in cleared funds'), 1, D.length - 1),
    changes: ['insert:S1', 'move:'],
    unattributed: 1,
    exit: 4,
  },
  {
    name: 'a moved clause edited by another source: the move to the mover, the edit to the editor',
    old: D,
    sources: [
      { id: 'S1', clauses: move(D, 1, D.length - 1) },
      { id: 'S2', clauses: S2_WORD(D) },
    ],
    new: move(S2_WORD(D), 1, D.length - 1),
    changes: ['move:S1', 'delete:S2', 'insert:S2'],
    exit: 0,
  },
  {
    name: 'a source that moves a clause and edits it',
    old: D,
    sources: [{ id: 'S1', clauses: move(S2_WORD(D), 1, D.length - 1) }],
    new: move(S2_WORD(D), 1, D.length - 1),
    changes: ['move:S1', 'delete:S1', 'insert:S1'],
    exit: 0,
  },
  {
    name: 'two sources moving a clause to the same place agree',
    old: D,
    sources: [
      { id: 'S1', clauses: move(D, 1, D.length - 1) },
      { id: 'S2', clauses: move(D, 1, D.length - 1) },
    ],
    new: move(D, 1, D.length - 1),
    changes: ['move:S1+S2'],
    exit: 0,
  },
  {
    name: 'two sources moving a clause to different places conflict',
    old: D,
    sources: [
      { id: 'S1', clauses: move(D, 1, D.length - 1) },
      { id: 'S2', clauses: move(D, 1, 3) },
    ],
    new: move(D, 1, D.length - 1),
    changes: ['move:S1'],
    conflicts: ['S1+S2'],
    exit: 4,
  },
  {
    name: 'one source deletes a clause, another inserts its text elsewhere: a deletion and an insertion, not a move',
    old: D,
    sources: [
      { id: 'S1', clauses: remove(D, 1) },
      { id: 'S2', clauses: insert(D, D.length, D[1] as string) },
    ],
    new: move(D, 1, D.length - 1),
    // A paragraph added at the end of a story is two changes: the break before it, and its text.
    changes: ['delete:S1', 'insert:S2', 'insert:S2'],
    exit: 0,
  },
  {
    name: 'a source in redline form with w:moveFrom/w:moveTo',
    formats: ['docx'],
    old: D,
    sources: [
      { id: 'S1', docx: trackedMove(D, 1, D.length - 1, 'move') },
      { id: 'S2', clauses: S1_EDIT(D) },
    ],
    new: move(S1_EDIT(D), 1, D.length - 1),
    changes: ['move:S1', 'insert:S2'],
    exit: 0,
  },
  {
    name: 'a source in redline form with w:del and w:ins of the same text',
    formats: ['docx'],
    old: D,
    sources: [
      { id: 'S1', docx: trackedMove(D, 1, D.length - 1, 'del-ins') },
      { id: 'S2', clauses: S1_EDIT(D) },
    ],
    new: move(S1_EDIT(D), 1, D.length - 1),
    changes: ['move:S1', 'insert:S2'],
    exit: 0,
  },
  {
    name: 'a move drafted against a drifted base',
    formats: ['docx'],
    old: D,
    // The drafter's copy had a definition the old version lacks, and clause 4 worded otherwise.
    sources: [{ id: 'S1', docx: trackedMove(edit(insert(D, 0, X_CLAUSE), 4, 'an individual', 'a person'), 2, D.length, 'move') }],
    new: move(D, 1, D.length - 1),
    changes: ['move:S1'],
    exit: 0,
  },
  {
    name: 'a chain: a later version moves what an earlier one inserted',
    chain: true,
    old: D,
    sources: [
      { id: 'V1', clauses: insert(D, 2, X_CLAUSE) },
      { id: 'V2', clauses: move(insert(D, 2, X_CLAUSE), 2, D.length) },
    ],
    new: move(insert(D, 2, X_CLAUSE), 2, D.length),
    changes: ['insert:V2', 'insert:V2'],
    exit: 0,
  },
  {
    name: 'a chain: a later version edits what an earlier one moved',
    chain: true,
    old: D,
    sources: [
      { id: 'V1', clauses: move(D, 1, D.length - 1) },
      { id: 'V2', clauses: move(S2_WORD(D), 1, D.length - 1) },
    ],
    new: move(S2_WORD(D), 1, D.length - 1),
    changes: ['move:V1', 'delete:V2', 'insert:V2'],
    exit: 0,
  },
];

interface Outcome {
  readonly status: number | null;
  readonly changes: string[];
  readonly unattributed: number;
  readonly conflicts: string[];
  readonly differs: number;
  readonly notApplied: number;
  readonly json: ChangeSetJson;
}
interface ChangeSetJson {
  readonly changes: { kind: string; newText: string; sources: string[]; history?: { source: string }[] }[];
  readonly unattributed: unknown[];
  readonly notApplied: unknown[];
  readonly differs: unknown[];
  readonly conflicts: { sources: string[] }[];
}

let fileCount = 0;
function write(name: string, data: Uint8Array | string): string {
  const path = join(dir, `${fileCount++}-${name}`);
  writeFileSync(path, data);
  return path;
}

function runCase(c: MoveCase, format: Format, extraOutputs: readonly string[] = []): Outcome {
  const old = write(`old.${format}`, render(c.old, format));
  const neu = write(`new.${format}`, render(c.new, format));
  const flag = c.chain ? '--chain' : '--source';
  const sourceArgs = c.sources.flatMap((s) => [flag, `${s.id}=${write(`${s.id}.${s.docx ? 'docx' : format}`, s.docx ?? render(s.clauses as Clauses, format))}`]);
  const out = write('out.json', '');
  const result = runCli(['compare', old, neu, ...sourceArgs, '-o', out, ...extraOutputs.flatMap((o) => ['-o', o])]);
  if (result.status !== 0 && result.status !== 4) throw new Error(result.stderr);
  const json = JSON.parse(readFileSync(out, 'utf8')) as ChangeSetJson;
  return {
    status: result.status,
    changes: json.changes.filter((ch) => ch.kind !== 'renumber').map((ch) => `${ch.kind}:${ch.sources.join('+')}`),
    unattributed: json.unattributed.length,
    conflicts: json.conflicts.map((k) => k.sources.join('+')),
    differs: json.differs.length,
    notApplied: json.notApplied.length,
    json,
  };
}

describe('compare --source with moves', () => {
  for (const c of CASES) {
    for (const format of c.formats ?? FORMATS) {
      it(`${c.name} (.${format})`, () => {
        const outcome = runCase(c, format);
        expect({
          changes: outcome.changes,
          unattributed: outcome.unattributed,
          conflicts: outcome.conflicts,
          differs: outcome.differs,
          notApplied: outcome.notApplied,
          status: outcome.status,
        }).toEqual({
          changes: c.changes,
          unattributed: c.unattributed ?? 0,
          conflicts: c.conflicts ?? [],
          differs: c.conflicts ? outcome.differs : 0,
          notApplied: 0,
          status: c.exit,
        });
      });
    }
  }

  it('keeps, in a chain, the earlier version’s insertion as the history of the moved insertion', () => {
    const chain = CASES.find((c) => c.name.startsWith('a chain: a later version moves')) as MoveCase;
    const inserted = runCase(chain, 'txt').json.changes.find((ch) => ch.kind === 'insert' && ch.newText.includes('Contribution'));
    expect(inserted?.history?.map((h) => h.source)).toEqual(['V1']);
  });

  const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());
  it.runIf(runLibreOffice)(
    'writes redlines of moved-and-edited clauses that LibreOffice accepts as NEW and rejects as OLD',
    () => {
      const c = CASES[2] as MoveCase;
      const redline = write('moved-edited.docx', '');
      runCase(c, 'docx', [redline]);
      const old = write('old.docx', render(c.old, 'docx'));
      const neu = write('new.docx', render(c.new, 'docx'));
      const verify = runLoRedline(['verify', redline, old, neu]);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    },
    120_000,
  );
});

/** `apply` with the case's sources: the conformed version, its attributed redline's report, the exit code. */
function applyCase(c: MoveCase, format: Format, policy: readonly string[] = []): { status: number | null; stderr: string; conformed: string; report?: ChangeSetJson; sameAsNew: boolean } {
  const old = write(`old.${format}`, render(c.old, format));
  const neu = write(`new.${format}`, render(c.new, format));
  const sourceArgs = c.sources.flatMap((s) => ['--source', `${s.id}=${write(`${s.id}.${s.docx ? 'docx' : format}`, s.docx ?? render(s.clauses as Clauses, format))}`]);
  const conformed = write('conformed.docx', '');
  const report = write('apply.json', '');
  const result = runCli(['apply', old, ...sourceArgs, ...policy, '-o', conformed, '-o', report]);
  const check = write('check.json', '');
  const same = result.status === 0 || result.status === 4 ? runCli(['compare', neu, conformed, '-o', check]).stdout.startsWith('0 change(s)') : false;
  const json = readFileSync(report, 'utf8');
  return { status: result.status, stderr: result.stderr, conformed, sameAsNew: same, ...(json !== '' && { report: JSON.parse(json) as ChangeSetJson }) };
}

describe('apply --source with moves: the move and the edits both applied', () => {
  for (const c of CASES.filter(appliesToNew)) {
    for (const format of c.formats ?? FORMATS) {
      it(`${c.name} (.${format})`, () => {
        const result = applyCase(c, format);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(result.sameAsNew).toBe(true);
        expect(result.report?.changes.filter((ch) => ch.kind !== 'renumber').map((ch) => `${ch.kind}:${ch.sources.join('+')}`)).toEqual(c.changes);
        expect(result.report?.conflicts).toEqual([]);
      });
    }
  }

  const rivals = CASES.find((c) => c.name.startsWith('two sources moving a clause to different places')) as MoveCase;
  it('stops on two sources moving a clause to different places (exit 3), with both places in the report', () => {
    const result = applyCase(rivals, 'docx');
    expect(result.status).toBe(3);
    expect(result.report?.conflicts.map((k) => k.sources.join('+'))).toEqual(['S1+S2']);
    expect(JSON.stringify(result.report?.conflicts)).toMatch(/moved to after/);
  });

  it('--on-conflict first moves the clause where the first source put it, and still reports the conflict (exit 4)', () => {
    const result = applyCase(rivals, 'txt', ['--on-conflict', 'first']);
    expect(result.status).toBe(4);
    expect(result.sameAsNew).toBe(true);
    const skipped = applyCase(rivals, 'txt', ['--on-conflict', 'skip']);
    expect(skipped.status).toBe(4);
    const check = write('skip-check.json', '');
    expect(runCli(['compare', write('old.txt', render(rivals.old, 'txt')), skipped.conformed, '-o', check]).stdout).toMatch(/^0 change\(s\)/);
  });

  it('a move of a clause another source deletes is a conflict', () => {
    const c: MoveCase = {
      ...rivals,
      sources: [
        { id: 'S1', clauses: move(D, 1, D.length - 1) },
        { id: 'S2', clauses: remove(D, 1) },
      ],
    };
    const result = applyCase(c, 'txt');
    expect(result.status).toBe(3);
    expect(result.report?.conflicts.map((k) => k.sources.join('+'))).toEqual(['S1+S2']);
  });
});
