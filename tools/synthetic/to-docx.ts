/**
 * Writes a synthetic document spec as a Word document with the `docx` package: parts as numbered
 * headings (`G1`), clauses (`G1.1`), limbs (`(a)`, `(i)`) on one multi-level list, a definitions
 * table and a matrix with repeated header rows, footnotes. With `markup`, word edits are shown
 * as a drafter marks them up by hand: removed words struck through, new words underlined.
 */
import { AlignmentType, type FileChild, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, Document as WordDocument } from 'docx';
import { unzipSync } from 'fflate';
import { PackageBuilder } from '../../src/ooxml/package-builder.js';
import { type SpecEdit, splitWordEdit } from './edits.js';
import type { ClauseSpec, DocSpec, LimbSpec, TableSpec } from './spec.js';

const LIST = 'code-clauses';
/** A fixed date for the core properties (no wall-clock dates in generated files). */
const FIXED_DATE = '2000-01-01T00:00:00Z';

type WordEdit = Extract<SpecEdit, { kind: 'replace-words' }>;

export interface SpecDocxOptions {
  /** Word edits to show as a manual redline on the spec's (unedited) text, by clause or limb id. */
  readonly markup?: readonly WordEdit[];
}

export async function specToDocx(spec: DocSpec, options: SpecDocxOptions = {}): Promise<Uint8Array> {
  const markup = new Map((options.markup ?? []).map((edit) => [edit.id, edit]));
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  let nextFootnote = 1;
  const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(spec.title)] })];
  for (const part of spec.parts) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: LIST, level: 0 }, children: [new TextRun(part.heading)] }));
    for (const clause of part.clauses) {
      let footnoteId: number | undefined;
      if (clause.footnote !== undefined) {
        footnoteId = nextFootnote++;
        footnotes[String(footnoteId)] = { children: [new Paragraph(clause.footnote)] };
      }
      children.push(...clauseParagraphs(clause, 1, markup, footnoteId));
    }
    if (part.table) children.push(tableOf(part.table), new Paragraph(''));
  }
  const word = new WordDocument({
    creator: 'Redline synthetic documents',
    title: spec.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22 }, paragraph: { spacing: { after: 120 } } } } },
    numbering: {
      config: [
        {
          reference: LIST,
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: `${spec.prefix}%1`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 720 } } } },
            { level: 1, format: LevelFormat.DECIMAL, text: `${spec.prefix}%1.%2`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 720 } } } },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '(%3)', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 1440, hanging: 720 } } } },
            { level: 3, format: LevelFormat.LOWER_ROMAN, text: '(%4)', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 2160, hanging: 720 } } } },
          ],
        },
      ],
    },
    footnotes,
    sections: [{ children }],
  });
  return withFixedDates(new Uint8Array(await Packer.toBuffer(word)));
}

function clauseParagraphs(clause: ClauseSpec | LimbSpec, level: number, markup: ReadonlyMap<string, WordEdit>, footnoteId?: number): Paragraph[] {
  const runs = [...textRuns(clause.text, markup.get(clause.id)), ...(footnoteId === undefined ? [] : [new FootnoteReferenceRun(footnoteId)])];
  return [
    new Paragraph({ numbering: { reference: LIST, level }, alignment: AlignmentType.JUSTIFIED, children: runs }),
    ...clause.limbs.flatMap((limb) => clauseParagraphs(limb, Math.min(level + 1, 3), markup)),
  ];
}

function textRuns(text: string, edit: WordEdit | undefined): TextRun[] {
  if (!edit) return [new TextRun(text)];
  const { before, removed, inserted, after } = splitWordEdit(text, edit);
  const join = (words: readonly string[], lead: boolean): string => (words.length === 0 ? '' : `${lead ? ' ' : ''}${words.join(' ')}`);
  return [
    new TextRun(before.join(' ')),
    ...(removed.length > 0 ? [new TextRun({ text: join(removed, before.length > 0), strike: true, color: 'C00000' })] : []),
    ...(inserted.length > 0 ? [new TextRun({ text: join(inserted, before.length > 0), underline: {}, color: '0000C0' })] : []),
    ...(after.length > 0 ? [new TextRun(join(after, true))] : []),
  ];
}

function tableOf(table: TableSpec): Table {
  const widths = table.kind === 'definitions' ? [30, 70] : table.header.map((_, i) => (i === 0 ? 25 : 75 / (table.header.length - 1)));
  const cell = (text: string, column: number, header: boolean): TableCell =>
    new TableCell({
      width: { size: widths[column] ?? 10, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text, bold: header || (table.kind === 'definitions' && column === 0) })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: table.header.map((h, i) => cell(h, i, true)) }),
      ...table.rows.map((row) => new TableRow({ children: row.cells.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** Rewrites a package written by `docx` with fixed dates and zip timestamps (`docx` stamps the current time). */
function withFixedDates(bytes: Uint8Array): Uint8Array {
  const out = new PackageBuilder(new Map(Object.entries(unzipSync(bytes))));
  const core = out.text('docProps/core.xml');
  if (core) out.setText('docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${FIXED_DATE}$2`));
  return out.toZip();
}
