/**
 * A clean (unmarked) Word package written from the model: how text and Markdown versions become
 * Word documents (headings, numbered and bullet lists, tables, block quotes, code, emphasis), so
 * that every version compared has a package behind it and the redline keeps real styles and
 * numbering.
 *
 * The parts are written as XML strings, the body streamed into UTF-8 chunks as it is written:
 * memory stays proportional to the text, a few bytes of markup per run. (The `docx` package,
 * used before, built an object tree of several objects per run and exhausted a 1 GB heap on a
 * text file of 10⁶ lines or a Markdown table of 10⁵ rows.) Consecutive pieces of a paragraph with
 * the same formatting share one run (`<w:t>…</w:t><w:br/><w:t>…</w:t>`), as Word writes them.
 * Nothing in the package depends on the clock, so the same model always gives the same bytes.
 */
import type { Block, Document, Inline, Paragraph, RunFormat, Table } from '../model/document.js';
import { typedLabelText } from '../model/numbering.js';
import { escapeXml } from '../ooxml/xml.js';
import { assertNever } from '../util/assert-never.js';

const W_MAIN = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A fixed date for the core properties (no wall-clock dates in output). */
const FIXED_DATE = '2000-01-01T00:00:00Z';
/** The text width of an A4 page with one-inch margins, in twentieths of a point. */
const TEXT_WIDTH = 9026;
const ORDERED_FORMATS = ['decimal', 'lowerLetter', 'lowerRoman'] as const;
const BULLET_GLYPHS = ['•', '◦', '▪'] as const;
const HEADING_STYLES: Readonly<Record<number, { readonly color: string; readonly size?: number; readonly italic?: boolean }>> = {
  1: { color: '2E74B5', size: 32 },
  2: { color: '2E74B5', size: 26 },
  3: { color: '1F4D78', size: 24 },
  4: { color: '2E74B5', italic: true },
  5: { color: '2E74B5' },
  6: { color: '1F4D78' },
};

/** The main document part of a clean package. */
export const CLEAN_MAIN_PART = 'word/document.xml';

/** The parts of a clean package for `doc`, by part name, in the order they are zipped. */
export function cleanDocxParts(doc: Document): Map<string, Uint8Array> {
  const lists = listsOf(doc.body);
  const encoder = new TextEncoder();
  const text = (xml: string): Uint8Array => encoder.encode(xml);
  const parts = new Map<string, Uint8Array>();
  parts.set('[Content_Types].xml', text(contentTypes(lists.size > 0)));
  parts.set(
    '_rels/.rels',
    text(
      relationships([
        ['rId1', `${REL}/officeDocument`, CLEAN_MAIN_PART],
        ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
        ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
      ]),
    ),
  );
  parts.set('docProps/core.xml', text(coreProperties(doc.title)));
  parts.set('docProps/app.xml', text(`${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Redline</Application></Properties>`));
  parts.set(CLEAN_MAIN_PART, new BodyWriter(lists).document(doc.body));
  parts.set(
    'word/_rels/document.xml.rels',
    text(relationships([['rId1', `${REL}/styles`, 'styles.xml'], ['rId2', `${REL}/settings`, 'settings.xml'], ...(lists.size > 0 ? [['rId3', `${REL}/numbering`, 'numbering.xml'] as const] : [])])),
  );
  parts.set('word/styles.xml', text(STYLES));
  parts.set('word/settings.xml', text(SETTINGS));
  if (lists.size > 0) parts.set('word/numbering.xml', text(numbering(lists)));
  return parts;
}

/**
 * The lists the blocks use: the model's list reference → its `w:numId` (1, 2, … in the order of
 * the references' names, so that a version's ids do not depend on which list comes first) and
 * whether it is a bullet list.
 */
function listsOf(blocks: readonly Block[]): Map<string, { readonly numId: number; readonly isBullet: boolean }> {
  const found = new Map<string, boolean>();
  const pending: (readonly Block[])[] = [blocks];
  for (let story = pending.pop(); story !== undefined; story = pending.pop()) {
    for (const block of story) {
      if (block.type === 'paragraph' && block.numbering && !block.numbering.typed) found.set(block.numbering.numId, block.numbering.isBullet);
      if (block.type === 'table') for (const row of block.rows) for (const cell of row.cells) pending.push(cell.blocks);
    }
  }
  return new Map([...found.keys()].sort().map((reference, i) => [reference, { numId: i + 1, isBullet: found.get(reference) === true }]));
}

/** Writes `word/document.xml`, streaming the markup into UTF-8 chunks of about a megabyte. */
class BodyWriter {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly lists: ReadonlyMap<string, { readonly numId: number }>) {}

  document(blocks: readonly Block[]): Uint8Array {
    this.write(`${DECLARATION}<w:document xmlns:w="${W_MAIN}" xmlns:r="${R_NS}"><w:body>`);
    for (const block of blocks) this.block(block);
    this.write(
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>',
    );
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  private write(xml: string): void {
    this.pending.push(xml);
    this.pendingLength += xml.length;
    if (this.pendingLength >= 1 << 20) this.flush();
  }

  private flush(): void {
    this.chunks.push(this.encoder.encode(this.pending.join('')));
    this.pending = [];
    this.pendingLength = 0;
  }

  private block(block: Block): void {
    switch (block.type) {
      case 'paragraph':
        this.paragraph(block);
        return;
      case 'table':
        this.table(block);
        return;
      case 'opaque':
        this.write(`<w:p>${run('', xmlText(block.text))}</w:p>`);
        return;
      default:
        assertNever(block, 'block');
    }
  }

  private paragraph(paragraph: Paragraph): void {
    this.write(`<w:p>${this.paragraphProperties(paragraph)}`);
    // Consecutive pieces with the same formatting go into one run.
    let props: string | undefined;
    let content: string[] = [];
    // A typed clause number is text, as it was typed (in the first text's format); Word numbers only real lists.
    const typedLabel = typedLabelText(paragraph.numbering);
    if (typedLabel !== undefined) {
      const firstText = paragraph.inlines.find((inline) => inline.type === 'text');
      props = runProperties(firstText?.format ?? {});
      content.push(xmlText(typedLabel));
    }
    for (const inline of paragraph.inlines) {
      const piece = pieceOf(inline);
      if (piece === undefined) continue;
      const inlineProps = runProperties(formatOf(inline));
      if (inlineProps !== props && content.length > 0) {
        this.write(run(props ?? '', content.join('')));
        content = [];
      }
      props = inlineProps;
      content.push(piece);
    }
    if (content.length > 0) this.write(run(props ?? '', content.join('')));
    this.write('</w:p>');
  }

  /** A heading's style; a list item's numbering (in the List Paragraph style); else the paragraph's own style. */
  private paragraphProperties(paragraph: Paragraph): string {
    const level = paragraph.headingLevel;
    const list = paragraph.numbering && !paragraph.numbering.typed ? this.lists.get(paragraph.numbering.numId) : undefined;
    let style: string | undefined;
    if (level !== undefined) style = HEADING_STYLES[level] ? `Heading${level}` : undefined;
    else if (list) style = 'ListParagraph';
    else style = paragraph.styleId;
    const numPr = list && paragraph.numbering ? `<w:numPr><w:ilvl w:val="${Math.min(Math.max(paragraph.numbering.level, 0), 8)}"/><w:numId w:val="${list.numId}"/></w:numPr>` : '';
    const pStyle = style === undefined ? '' : `<w:pStyle w:val="${escapeXml(style)}"/>`;
    return pStyle === '' && numPr === '' ? '' : `<w:pPr>${pStyle}${numPr}</w:pPr>`;
  }

  private table(table: Table): void {
    const columns = Math.max(1, table.columnWidths.length);
    const width = Math.round(TEXT_WIDTH / columns);
    const border = (side: string): string => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
    this.write(
      `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`,
    );
    for (const row of table.rows) {
      this.write(row.isHeader ? '<w:tr><w:trPr><w:tblHeader/></w:trPr>' : '<w:tr>');
      for (const cell of row.cells) {
        this.write(cell.gridSpan > 1 ? `<w:tc><w:tcPr><w:gridSpan w:val="${cell.gridSpan}"/></w:tcPr>` : '<w:tc>');
        for (const block of cell.blocks) this.block(block);
        // A cell must end with a paragraph.
        if (cell.blocks.at(-1)?.type !== 'paragraph') this.write('<w:p/>');
        this.write('</w:tc>');
      }
      this.write('</w:tr>');
    }
    this.write('</w:tbl>');
  }
}

function formatOf(inline: Inline): RunFormat {
  return inline.type === 'marker' ? {} : inline.format;
}

/** The run content an inline becomes (`<w:t>`, `<w:br/>`), or undefined when it becomes none. */
function pieceOf(inline: Inline): string | undefined {
  switch (inline.type) {
    case 'marker':
      return undefined;
    case 'text':
      return inline.text === '' ? undefined : xmlText(inline.text);
    case 'atom':
      if (inline.kind === 'break') return '<w:br/>';
      return inline.text === '' ? undefined : xmlText(inline.text);
    default:
      return assertNever(inline, 'inline');
  }
}

function run(props: string, content: string): string {
  return props === '' ? `<w:r>${content}</w:r>` : `<w:r><w:rPr>${props}</w:rPr>${content}</w:r>`;
}

/** `xml:space` only where Word would drop spaces without it (leading, trailing or doubled ones, tabs). */
function xmlText(text: string): string {
  return /^\s|\s$|\s\s|\t/.test(text) ? `<w:t xml:space="preserve">${escapeXml(text)}</w:t>` : `<w:t>${escapeXml(text)}</w:t>`;
}

/** The `w:rPr` content of a format, its elements in the schema's order. */
function runProperties(f: RunFormat): string {
  let props = '';
  if (f.font !== undefined) {
    const font = escapeXml(f.font);
    props += `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>`;
  }
  if (f.bold) props += '<w:b/><w:bCs/>';
  if (f.italic) props += '<w:i/><w:iCs/>';
  if (f.strike) props += '<w:strike/>';
  if (f.color !== undefined) props += `<w:color w:val="${escapeXml(f.color)}"/>`;
  if (f.size !== undefined) props += `<w:sz w:val="${Math.round(f.size * 2)}"/><w:szCs w:val="${Math.round(f.size * 2)}"/>`;
  if (f.underline !== undefined) props += '<w:u w:val="single"/>';
  if (f.vertAlign !== undefined) props += `<w:vertAlign w:val="${f.vertAlign}"/>`;
  return props;
}

function contentTypes(withNumbering: boolean): string {
  const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  const overrides: [string, string][] = [
    [`/${CLEAN_MAIN_PART}`, `${main}.document.main+xml`],
    ['/word/styles.xml', `${main}.styles+xml`],
    ['/word/settings.xml', `${main}.settings+xml`],
    ...(withNumbering ? [['/word/numbering.xml', `${main}.numbering+xml`] as [string, string]] : []),
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  return `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')}</Types>`;
}

function relationships(rels: readonly (readonly [string, string, string])[]): string {
  return `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;
}

function coreProperties(title: string | undefined): string {
  const titleXml = title === undefined ? '' : `<dc:title>${escapeXml(title)}</dc:title>`;
  return `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${titleXml}<dc:creator>Redline</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified></cp:coreProperties>`;
}

/** Nine levels per list: 1. a. i. for numbered lists, • ◦ ▪ for bullets, indented half an inch a level. */
function numbering(lists: ReadonlyMap<string, { readonly numId: number; readonly isBullet: boolean }>): string {
  const abstract: string[] = [];
  const nums: string[] = [];
  for (const { numId, isBullet } of lists.values()) {
    let levels = '';
    for (let level = 0; level < 9; level++) {
      const format = isBullet ? 'bullet' : ORDERED_FORMATS[level % 3];
      const text = isBullet ? BULLET_GLYPHS[level % 3] : `%${level + 1}.`;
      levels += `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
    }
    abstract.push(`<w:abstractNum w:abstractNumId="${numId}"><w:multiLevelType w:val="multilevel"/>${levels}</w:abstractNum>`);
    nums.push(`<w:num w:numId="${numId}"><w:abstractNumId w:val="${numId}"/></w:num>`);
  }
  return `${DECLARATION}<w:numbering xmlns:w="${W_MAIN}">${abstract.join('')}${nums.join('')}</w:numbering>`;
}

const paragraphStyle = (id: string, name: string, body: string, extra = '<w:basedOn w:val="Normal"/>'): string =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}${body}</w:style>`;

/** Times New Roman 12 pt with 6 pt after each paragraph; headings 1–6, list paragraphs, quotes and code. */
const STYLES = `${DECLARATION}<w:styles xmlns:w="${W_MAIN}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>${[
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
  ...Object.entries(HEADING_STYLES).map(([level, style]) =>
    paragraphStyle(
      `Heading${level}`,
      `Heading ${level}`,
      `<w:rPr>${style.italic ? '<w:i/><w:iCs/>' : ''}<w:color w:val="${style.color}"/>${style.size === undefined ? '' : `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>`}</w:rPr>`,
      `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`,
    ),
  ),
  paragraphStyle('ListParagraph', 'List Paragraph', '', '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>'),
  paragraphStyle('Quote', 'Quote', '<w:pPr><w:ind w:left="720"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>'),
  paragraphStyle(
    'SourceCode',
    'Source Code',
    '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:eastAsia="Courier New" w:cs="Courier New"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
  ),
].join('')}</w:styles>`;

const SETTINGS = `${DECLARATION}<w:settings xmlns:w="${W_MAIN}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;
