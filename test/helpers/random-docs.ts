/**
 * Random legal-ish documents and random edits for property tests: paragraphs (some numbered,
 * some with formatting, some with a footnote), tables; edits that insert, delete and replace
 * words, insert, delete, split and merge paragraphs, insert and delete rows, and toggle bold.
 */
import fc from 'fast-check';
import { escapeXmlText } from './docx-builder.js';

export interface RunSpec {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

export interface ParagraphSpec {
  readonly kind: 'p';
  readonly runs: readonly RunSpec[];
  /** 0-2: the level in the legal list; undefined: not numbered. */
  readonly level?: number;
  readonly footnote?: string;
}

export interface TableSpec {
  readonly kind: 'table';
  readonly rows: readonly (readonly string[])[];
}

export type BlockSpec = ParagraphSpec | TableSpec;

const WORDS = [
  'the',
  'Supplier',
  'shall',
  'deliver',
  'Goods',
  'within',
  '30',
  'days',
  'of',
  'notice',
  'Agreement',
  'Party',
  '3.5',
  '£100',
  'and',
  'or',
  'BEIS',
  'MP093',
  '“Code”',
  'G3.5(a)',
  'may',
  'not',
  'any',
  'such',
];
const PUNCT = ['', '', '', ',', '.', ';', ':'];

export const wordArb = fc.constantFrom(...WORDS);
const sentenceArb = fc.tuple(fc.array(wordArb, { minLength: 1, maxLength: 9 }), fc.constantFrom(...PUNCT)).map(([words, punct]) => `${words.join(' ')}${punct}`);
const runArb: fc.Arbitrary<RunSpec> = fc.record({ text: sentenceArb, bold: fc.boolean(), italic: fc.constantFrom(false, false, true) });
const paragraphArb: fc.Arbitrary<ParagraphSpec> = fc
  .record({
    runs: fc.array(runArb, { minLength: 1, maxLength: 3 }),
    level: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 2 }),
    footnote: fc.option(sentenceArb, { nil: undefined, freq: 6 }),
  })
  .map((p) => ({
    kind: 'p' as const,
    runs: p.runs.map((r, i) => (i > 0 ? { ...r, text: ` ${r.text}` } : r)),
    ...(p.level !== undefined && { level: p.level }),
    ...(p.footnote !== undefined && { footnote: p.footnote }),
  }));
const tableArb: fc.Arbitrary<TableSpec> = fc
  .integer({ min: 1, max: 3 })
  .chain((cols) => fc.array(fc.array(sentenceArb, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 4 }))
  .map((rows) => ({ kind: 'table' as const, rows }));

export const documentArb: fc.Arbitrary<BlockSpec[]> = fc.array(fc.oneof({ weight: 6, arbitrary: paragraphArb }, { weight: 1, arbitrary: tableArb }), { minLength: 1, maxLength: 12 });

export type EditKind =
  | 'insert-word'
  | 'delete-word'
  | 'replace-word'
  | 'insert-paragraph'
  | 'delete-paragraph'
  | 'split-paragraph'
  | 'merge-paragraphs'
  | 'move-paragraph'
  | 'insert-row'
  | 'delete-row'
  | 'toggle-bold'
  | 'edit-cell'
  | 'edit-footnote';
export interface Edit {
  readonly kind: EditKind;
  readonly at: number;
  readonly pos: number;
  readonly word: string;
  readonly paragraph: ParagraphSpec;
}

export const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom<EditKind>(
    'insert-word',
    'delete-word',
    'replace-word',
    'insert-paragraph',
    'delete-paragraph',
    'split-paragraph',
    'merge-paragraphs',
    'move-paragraph',
    'insert-row',
    'delete-row',
    'toggle-bold',
    'edit-cell',
    'edit-footnote',
  ),
  at: fc.nat(),
  pos: fc.nat(),
  word: wordArb,
  paragraph: paragraphArb,
});

function replaceAt<T>(list: readonly T[], index: number, items: readonly T[]): T[] {
  return [...list.slice(0, index), ...items, ...list.slice(index + 1)];
}

function editWords(text: string, edit: Edit): string {
  const words = text.split(' ');
  const i = edit.pos % words.length;
  if (edit.kind === 'insert-word') words.splice(i, 0, edit.word);
  else if (edit.kind === 'delete-word' && words.length > 1) words.splice(i, 1);
  else words[i] = edit.word;
  return words.join(' ');
}

/** Applies one edit; edits that do not fit the document leave it as it is. */
export function applyEdit(doc: readonly BlockSpec[], edit: Edit): BlockSpec[] {
  const index = edit.at % Math.max(1, doc.length);
  const block = doc[index];
  switch (edit.kind) {
    case 'insert-paragraph':
      return [...doc.slice(0, index), edit.paragraph, ...doc.slice(index)];
    case 'delete-paragraph':
      return doc.length > 1 ? replaceAt(doc, index, []) : [...doc];
    case 'move-paragraph': {
      if (!block || doc.length < 3) return [...doc];
      const rest = replaceAt(doc, index, []);
      const to = edit.pos % (rest.length + 1);
      return [...rest.slice(0, to), block, ...rest.slice(to)];
    }
    case 'merge-paragraphs': {
      const next = doc[index + 1];
      if (block?.kind !== 'p' || next?.kind !== 'p' || next.footnote !== undefined) return [...doc];
      return replaceAt(
        doc.filter((_, i) => i !== index + 1),
        index,
        [{ ...block, runs: [...block.runs, ...next.runs] }],
      );
    }
    case 'split-paragraph': {
      if (block?.kind !== 'p' || block.runs.length < 2) return [...doc];
      const cut = 1 + (edit.pos % (block.runs.length - 1));
      const first: ParagraphSpec = { ...block, runs: block.runs.slice(0, cut) };
      const { footnote: _, ...rest } = block;
      return replaceAt(doc, index, [first, { ...rest, runs: block.runs.slice(cut) }]);
    }
    case 'insert-row':
    case 'delete-row':
    case 'edit-cell': {
      if (block?.kind !== 'table') return [...doc];
      const r = edit.pos % block.rows.length;
      const row = block.rows[r] as readonly string[];
      if (edit.kind === 'insert-row') return replaceAt(doc, index, [{ ...block, rows: [...block.rows.slice(0, r), row.map(() => edit.word), ...block.rows.slice(r)] }]);
      if (edit.kind === 'delete-row') return block.rows.length > 1 ? replaceAt(doc, index, [{ ...block, rows: block.rows.filter((_, i) => i !== r) }]) : [...doc];
      const c = edit.at % row.length;
      return replaceAt(doc, index, [{ ...block, rows: replaceAt(block.rows, r, [replaceAt(row, c, [editWords(row[c] as string, { ...edit, kind: 'replace-word' })])]) }]);
    }
    case 'toggle-bold': {
      if (block?.kind !== 'p') return [...doc];
      const r = edit.pos % block.runs.length;
      const run = block.runs[r] as RunSpec;
      return replaceAt(doc, index, [{ ...block, runs: replaceAt(block.runs, r, [{ ...run, bold: !run.bold }]) }]);
    }
    case 'edit-footnote':
      if (block?.kind !== 'p' || block.footnote === undefined) return [...doc];
      return replaceAt(doc, index, [{ ...block, footnote: editWords(block.footnote, { ...edit, kind: 'insert-word' }) }]);
    default: {
      if (block?.kind !== 'p') return [...doc];
      const r = edit.pos % block.runs.length;
      const run = block.runs[r] as RunSpec;
      return replaceAt(doc, index, [{ ...block, runs: replaceAt(block.runs, r, [{ ...run, text: editWords(run.text, edit) }]) }]);
    }
  }
}

export const NUMBERING_XML =
  '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>';

/** The body XML and footnotes XML of a document spec. */
export function toXml(doc: readonly BlockSpec[]): { body: string; footnotes: string } {
  let footnotes = '';
  let noteId = 1;
  const run = (r: RunSpec): string =>
    `<w:r>${r.bold || r.italic ? `<w:rPr>${r.bold ? '<w:b/>' : ''}${r.italic ? '<w:i/>' : ''}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXmlText(r.text)}</w:t></w:r>`;
  const paragraph = (p: ParagraphSpec): string => {
    let xml = `<w:p>${p.level === undefined ? '' : `<w:pPr><w:numPr><w:ilvl w:val="${p.level}"/><w:numId w:val="1"/></w:numPr></w:pPr>`}${p.runs.map(run).join('')}`;
    if (p.footnote !== undefined) {
      const id = noteId++;
      xml += `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
      footnotes += `<w:footnote w:id="${id}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${escapeXmlText(p.footnote)}</w:t></w:r></w:p></w:footnote>`;
    }
    return `${xml}</w:p>`;
  };
  const body = doc
    .map((b) =>
      b.kind === 'p'
        ? paragraph(b)
        : `<w:tbl><w:tblPr/><w:tblGrid>${(b.rows[0] ?? []).map(() => '<w:gridCol w:w="2000"/>').join('')}</w:tblGrid>${b.rows.map((row) => `<w:tr>${row.map((c) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${escapeXmlText(c)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`,
    )
    .join('');
  return { body, footnotes };
}
