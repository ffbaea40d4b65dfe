/**
 * A clean (unmarked) DOCX written from the model with the `docx` package: how text and Markdown
 * versions become Word documents (headings, numbered and bullet lists, tables, emphasis).
 *
 * `docx` stamps the current time into the core properties and names parts in whatever order it
 * likes; the package is rewritten with fixed dates and timestamps so output is deterministic.
 */
import { AlignmentType, Document as WordDocument, HeadingLevel, LevelFormat, Packer, Paragraph as WordParagraph, Table as WordTable, TableCell as WordTableCell, TableRow as WordTableRow, TextRun, WidthType, type ILevelsOptions, type ParagraphChild } from 'docx';
import { unzipSync } from 'fflate';
import type { Block, Document, Inline, Paragraph, Table } from '../model/document.js';
import { textRun } from '../model/build.js';
import { typedLabelText } from '../model/numbering.js';
import { PackageBuilder } from '../ooxml/package-builder.js';
import { assertNever } from '../util/assert-never.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
const ORDERED_LEVELS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;
const BULLET_GLYPHS = ['•', '◦', '▪'];
/** A fixed date for the core properties (no wall-clock dates in output). */
const FIXED_DATE = '2000-01-01T00:00:00Z';

export async function toCleanDocx(doc: Document): Promise<Uint8Array> {
  const lists = new Map<string, boolean>();
  collectLists(doc.body, lists);
  const word = new WordDocument({
    creator: 'Redline',
    ...(doc.title !== undefined && { title: doc.title }),
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: 24 }, paragraph: { spacing: { after: 120 } } } },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: 720 } } },
        { id: 'SourceCode', name: 'Source Code', basedOn: 'Normal', run: { font: 'Courier New', size: 20 } },
      ],
    },
    numbering: { config: [...lists].map(([reference, isBullet]) => ({ reference, levels: listLevels(isBullet) })) },
    sections: [{ children: doc.body.map(toWordBlock) }],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(word));
  return withFixedDates(bytes);
}

function collectLists(blocks: readonly Block[], lists: Map<string, boolean>): void {
  for (const block of blocks) {
    if (block.type === 'paragraph' && block.numbering && !block.numbering.typed) lists.set(block.numbering.numId, block.numbering.isBullet);
    if (block.type === 'table') for (const row of block.rows) for (const cell of row.cells) collectLists(cell.blocks, lists);
  }
}

function listLevels(isBullet: boolean): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: isBullet ? LevelFormat.BULLET : ORDERED_LEVELS[level % 3],
    text: isBullet ? (BULLET_GLYPHS[level % 3] as string) : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

function toWordBlock(block: Block): WordParagraph | WordTable {
  switch (block.type) {
    case 'table':
      return toWordTable(block);
    case 'paragraph':
      return toWordParagraph(block);
    case 'opaque':
      return new WordParagraph({ children: [new TextRun(block.text)] });
    default:
      return assertNever(block, 'block');
  }
}

function toWordParagraph(paragraph: Paragraph): WordParagraph {
  const level = paragraph.headingLevel;
  // A typed clause number is text, as it was typed; Word numbers only real lists.
  const typedLabel = typedLabelText(paragraph.numbering);
  const list = typedLabel === undefined ? paragraph.numbering : undefined;
  const firstText = paragraph.inlines.find((inline) => inline.type === 'text');
  const label = typedLabel === undefined ? [] : toWordRun(textRun(typedLabel, firstText?.format ?? {}));
  return new WordParagraph({
    children: [...label, ...paragraph.inlines.flatMap(toWordRun)],
    ...(level !== undefined && level >= 1 && level <= 6 && { heading: HEADINGS[level - 1] }),
    ...(list && { numbering: { reference: list.numId, level: list.level } }),
    ...(paragraph.styleId !== undefined && level === undefined && !list && { style: paragraph.styleId }),
  });
}

function toWordRun(inline: Inline): ParagraphChild[] {
  if (inline.type === 'marker') return [];
  const f = inline.format;
  const options = {
    ...(f.bold && { bold: true }),
    ...(f.italic && { italics: true }),
    ...(f.underline !== undefined && { underline: {} }),
    ...(f.strike && { strike: true }),
    ...(f.vertAlign === 'superscript' && { superScript: true }),
    ...(f.vertAlign === 'subscript' && { subScript: true }),
    ...(f.font !== undefined && { font: f.font }),
    ...(f.color !== undefined && { color: f.color }),
    ...(f.size !== undefined && { size: f.size * 2 }),
  };
  if (inline.type === 'text') return [new TextRun({ text: inline.text, ...options })];
  if (inline.kind === 'break') return [new TextRun({ break: 1, ...options })];
  return inline.text === '' ? [] : [new TextRun({ text: inline.text, ...options })];
}

function toWordTable(table: Table): WordTable {
  return new WordTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: table.rows.map(
      (row) =>
        new WordTableRow({
          tableHeader: row.isHeader,
          children: row.cells.map((cell) => new WordTableCell({ columnSpan: cell.gridSpan, children: cell.blocks.map(toWordBlock) })),
        }),
    ),
  });
}

/** Rewrites a package written by `docx` with fixed dates and zip timestamps. */
export function withFixedDates(bytes: Uint8Array): Uint8Array {
  const parts = new Map(Object.entries(unzipSync(bytes)));
  const out = new PackageBuilder(parts);
  const core = out.text('docProps/core.xml');
  if (core) out.setText('docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${FIXED_DATE}$2`));
  return out.toZip();
}
