/**
 * Reads block-level content (the body, table cells, notes, headers, text boxes) into model
 * blocks: paragraphs with their clause labels, tables with rows and cells, content controls as
 * containers, and anything else as opaque blocks.
 *
 * Tracked changes are resolved to one view: a paragraph mark that does not exist in the view
 * (inserted, read as before; deleted, read as after) joins its paragraph to the next one, as
 * Word's Reject All / Accept All do.
 */
import { clampCount, LIMITS } from '../../diagnostics/limits.js';
import type { Block, BlockContainer, Inline, Marker, Paragraph, Table, TableCell, TableRow } from '../../model/document.js';
import { attr, childElements, firstChild, onOff, sourceOf, sourceWithout, startTagOf, type XmlElement } from '../../ooxml/xml.js';
import { hashString } from '../../util/hash.js';
import { mergeLayout, readParagraphLayout } from './formatting.js';
import { readParagraphContent } from './inline-reader.js';
import { readMarker } from './markers.js';
import { levelIndex } from './numbering.js';
import { isVisible, type ReadContext } from './read-context.js';
import { sourceInView } from './revision-view.js';
import { readCellBorders, readShading, tableLook } from './table-look.js';
import { blockContainer, isEmptyWrapper, wrapperContent } from './wrappers.js';

/** Range markup between blocks (a table's rows or cells hold it too). */
const MARKERS = new Set(['w:bookmarkStart', 'w:bookmarkEnd', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:permStart', 'w:permEnd']);
const SKIPPED = new Set([
  'w:sectPr',
  'w:tcPr',
  'w:proofErr',
  'w:customXmlPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:moveFromRangeStart',
  'w:moveFromRangeEnd',
  'w:moveToRangeStart',
  'w:moveToRangeEnd',
  'w:customXmlInsRangeStart',
  'w:customXmlInsRangeEnd',
  'w:customXmlDelRangeStart',
  'w:customXmlDelRangeEnd',
]);
const REVISION_MARKS = new Set(['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo', 'w:rPrChange']);

/** Reads the blocks of a story container (`w:body`, `w:tc`, `w:footnote`, `w:txbxContent`…). */
export function readBlocks(ctx: ReadContext, container: XmlElement): Block[] {
  const reader = new BlockListReader(ctx);
  reader.read(container, undefined);
  return reader.finish();
}

class BlockListReader {
  private readonly ctx: ReadContext;
  private readonly blocks: Block[] = [];
  /** Content of paragraphs whose mark is absent in this view: it joins the next paragraph. */
  private pending: { inlines: Inline[]; last: Paragraph } | undefined;
  /** Markup between blocks waiting for the next block: as written, and as markers. */
  private leading = '';
  private leadingMarkers: Marker[] = [];

  constructor(ctx: ReadContext) {
    this.ctx = ctx;
  }

  read(container: XmlElement, containerRef: BlockContainer | undefined): void {
    const { ctx } = this;
    for (const child of container.children) {
      if (typeof child === 'string' || SKIPPED.has(child.name)) continue;
      switch (child.name) {
        case 'w:p':
          this.paragraph(child, containerRef);
          break;
        case 'w:tbl':
          this.push(readTable(ctx, child), containerRef);
          break;
        case 'w:sdt':
        case 'w:customXml':
          this.container(child, containerRef);
          break;
        default:
          if (MARKERS.has(child.name)) {
            this.leading += sourceOf(ctx.doc, child);
            this.leadingMarkers.push(readMarker(ctx, child));
          } else {
            ctx.diagnostics.warn('docx/unsupported-element', `<${child.name}> between paragraphs is kept as an opaque block`, ctx.fileName);
            const xml = sourceInView(ctx.doc, child, ctx.view);
            this.push({ type: 'opaque', text: '', key: `opaque:${child.name}:${hashString(xml)}`, xml }, containerRef);
          }
      }
    }
    // Markup at the end of a container (a bookmark end after its last paragraph) stays inside it.
    const last = this.blocks[this.blocks.length - 1];
    if (containerRef && this.leading !== '' && !this.pending && last?.container === containerRef) this.trail(this.blocks.length - 1);
  }

  finish(): Block[] {
    this.flushPending();
    // Markup after the story's last block (a bookmark end before the final w:sectPr).
    if (this.leading !== '' && this.blocks.length > 0) this.trail(this.blocks.length - 1);
    return this.blocks;
  }

  private flushPending(): void {
    if (!this.pending) return;
    // The story ended inside a joined paragraph: it keeps the last mark it had.
    this.blocks.push({ ...this.pending.last, inlines: this.pending.inlines });
    this.pending = undefined;
  }

  private push(block: Block, containerRef: BlockContainer | undefined): void {
    this.flushPending();
    let out: Block = block;
    if (this.leading !== '') {
      out = { ...out, leading: this.leading };
      // A paragraph written anew writes them at its start: the same place in its text.
      if (out.type === 'paragraph') out = { ...out, inlines: [...this.leadingMarkers, ...out.inlines] };
    }
    if (containerRef) out = { ...out, container: containerRef };
    this.leading = '';
    this.leadingMarkers = [];
    this.blocks.push(out);
  }

  /** Gives the waiting markup to the block at `index` as markup after it. */
  private trail(index: number): void {
    const block = this.blocks[index] as Block;
    let out: Block = { ...block, trailing: (block.trailing ?? '') + this.leading };
    if (out.type === 'paragraph') out = { ...out, inlines: [...out.inlines, ...this.leadingMarkers] };
    this.blocks[index] = out;
    this.leading = '';
    this.leadingMarkers = [];
  }

  /** A content control or custom XML element around blocks; one that holds nothing is kept as an object. */
  private container(el: XmlElement, parent: BlockContainer | undefined): void {
    const content = wrapperContent(el);
    if (!content || isEmptyWrapper(el)) {
      const xml = sourceInView(this.ctx.doc, el, this.ctx.view);
      this.push({ type: 'opaque', text: '', key: `opaque:${el.name}:${hashString(xml)}`, xml }, parent);
      return;
    }
    this.read(content, blockContainer(this.ctx, el, parent));
  }

  private paragraph(p: XmlElement, containerRef: BlockContainer | undefined): void {
    const { ctx } = this;
    const revisionsBefore = ctx.state.revisions;
    const pPr = firstChild(p, 'w:pPr');
    const pPrChange = firstChild(pPr, 'w:pPrChange');
    const markRPr = firstChild(pPr, 'w:rPr');
    const markRevision = markRevisionOf(markRPr);
    if (pPrChange || markRevision || firstChild(markRPr, 'w:rPrChange')) ctx.state.revisions += 1;
    const activePPr = ctx.view === 'before' && pPrChange ? firstChild(pPrChange, 'w:pPr') : pPr;
    const styleId = attr(firstChild(activePPr, 'w:pStyle'), 'w:val') ?? ctx.styles.defaultParagraphStyle;
    const content = readParagraphContent(ctx, p, styleId, readBlocks);

    if (markRevision && !isVisible(ctx, markRevision)) {
      const joined = this.pending ? [...this.pending.inlines, ...content.inlines] : content.inlines;
      this.pending = { inlines: joined, last: this.buildParagraph(p, activePPr, pPr, styleId, [], false) };
      return;
    }
    const inlines = this.pending ? [...this.pending.inlines, ...content.inlines] : content.inlines;
    const wasJoined = this.pending !== undefined;
    this.pending = undefined;
    const verbatim = !wasJoined && ctx.state.revisions === revisionsBefore;
    this.push(this.buildParagraph(p, activePPr, pPr, styleId, inlines, verbatim, true), containerRef);
  }

  private buildParagraph(p: XmlElement, activePPr: XmlElement | undefined, pPr: XmlElement | undefined, styleId: string | undefined, inlines: Inline[], verbatim: boolean, counted = false): Paragraph {
    const { ctx } = this;
    const numbering = counted ? this.numbering(activePPr, styleId) : undefined;
    const layout = mergeLayout(mergeLayout(ctx.styles.paragraphLayout(styleId), numbering?.layout ?? {}), readParagraphLayout(activePPr));
    const markRPr = firstChild(pPr, 'w:rPr');
    const headingLevel = headingLevelOf(ctx, activePPr, styleId);
    const style = ctx.styles.get(styleId);
    const props = propsSource(ctx, activePPr, pPr);
    return {
      type: 'paragraph',
      inlines,
      layout,
      open: startTagOf(ctx.doc, p),
      ...(styleId !== undefined && { styleId }),
      ...(style && { styleName: style.name }),
      ...(headingLevel !== undefined && { headingLevel }),
      ...(numbering && { numbering: { numId: numbering.numId, level: numbering.level, label: numbering.label, isBullet: numbering.isBullet } }),
      ...(props !== undefined && { props }),
      ...(markRPr && { markProps: sourceWithout(ctx.doc, markRPr, (el) => REVISION_MARKS.has(el.name)) }),
      ...(verbatim && { xml: sourceOf(ctx.doc, p) }),
    };
  }

  private numbering(pPr: XmlElement | undefined, styleId: string | undefined): ReturnType<NonNullable<ReadContext['numbering']>['next']> {
    const { ctx } = this;
    if (!ctx.numbering) return undefined;
    const numPr = firstChild(pPr, 'w:numPr');
    const styleNumbering = ctx.styles.numbering(styleId);
    const numId = attr(firstChild(numPr, 'w:numId'), 'w:val') ?? styleNumbering?.numId;
    if (numId === undefined || numId === '0') return undefined;
    const ilvl = attr(firstChild(numPr, 'w:ilvl'), 'w:val');
    const level = ilvl !== undefined ? Number(ilvl) : (styleNumbering?.ilvl ?? (styleId !== undefined ? ctx.numberingDefinitions.levelForStyle(numId, styleId) : undefined) ?? 0);
    return ctx.numbering.next(numId, level);
  }
}

function markRevisionOf(markRPr: XmlElement | undefined): 'inserted' | 'deleted' | undefined {
  if (!markRPr) return undefined;
  if (firstChild(markRPr, 'w:ins') || firstChild(markRPr, 'w:moveTo')) return 'inserted';
  if (firstChild(markRPr, 'w:del') || firstChild(markRPr, 'w:moveFrom')) return 'deleted';
  return undefined;
}

function headingLevelOf(ctx: ReadContext, pPr: XmlElement | undefined, styleId: string | undefined): number | undefined {
  const outline = levelIndex(attr(firstChild(pPr, 'w:outlineLvl'), 'w:val') ?? '9');
  if (outline !== undefined) return outline + 1;
  return ctx.styles.headingLevel(styleId);
}

/** The `w:pPr` to write back: without tracked-change markup; the old properties in the before view. */
function propsSource(ctx: ReadContext, activePPr: XmlElement | undefined, pPr: XmlElement | undefined): string | undefined {
  if (!activePPr) return undefined;
  if (activePPr !== pPr) return sourceOf(ctx.doc, activePPr);
  return sourceWithout(ctx.doc, activePPr, (el) => el.name === 'w:pPrChange' || REVISION_MARKS.has(el.name));
}

function readTable(ctx: ReadContext, tbl: XmlElement): Table {
  const revisionsBefore = ctx.state.revisions;
  const tblPr = firstChild(tbl, 'w:tblPr');
  const grid = firstChild(tbl, 'w:tblGrid');
  const rows: TableRow[] = [];
  collectRows(ctx, tbl, rows, undefined);
  if (firstChild(tblPr, 'w:tblPrChange') || firstChild(grid, 'w:tblGridChange')) ctx.state.revisions += 1;
  const columnWidths = childElements(grid ?? tbl, 'w:gridCol').map((col) => Number(col.attrs['w:w'] ?? '0') / 20);
  const look = tableLook(ctx.styles, tblPr);
  return {
    type: 'table',
    // Cells without shading of their own take the table's (or its style's header row's).
    rows: rows.map((row, r) => {
      const shading = look.rowShading(r, row.isHeader);
      return shading === undefined ? row : { ...row, cells: row.cells.map((cell) => (cell.shading === undefined ? { ...cell, shading } : cell)) };
    }),
    columnWidths,
    borders: look.borders,
    ...(tblPr && { props: sourceWithout(ctx.doc, tblPr, (el) => el.name === 'w:tblPrChange') }),
    ...(grid && { grid: sourceWithout(ctx.doc, grid, (el) => el.name === 'w:tblGridChange') }),
    ...(ctx.state.revisions === revisionsBefore && { xml: sourceOf(ctx.doc, tbl) }),
  };
}

/** The rows of a table, with the row-level controls (or custom XML) around them. */
function collectRows(ctx: ReadContext, parent: XmlElement, rows: TableRow[], container: BlockContainer | undefined): void {
  for (const child of childElements(parent)) {
    if (child.name === 'w:tr') {
      const row = readRow(ctx, child);
      if (row) rows.push(container ? { ...row, container } : row);
    } else if ((child.name === 'w:sdt' || child.name === 'w:customXml') && !isEmptyWrapper(child)) {
      collectRows(ctx, wrapperContent(child) as XmlElement, rows, blockContainer(ctx, child, container));
    }
  }
}

function readRow(ctx: ReadContext, tr: XmlElement): TableRow | undefined {
  const trPr = firstChild(tr, 'w:trPr');
  const inserted = firstChild(trPr, 'w:ins');
  const deleted = firstChild(trPr, 'w:del');
  if (inserted || deleted || firstChild(trPr, 'w:trPrChange')) ctx.state.revisions += 1;
  if (inserted && !isVisible(ctx, 'inserted')) return undefined;
  if (deleted && !isVisible(ctx, 'deleted')) return undefined;
  const cells: CellList = { cells: [], columns: 0 };
  let markers = '';
  collectCells(ctx, tr, cells, undefined, (xml) => {
    markers += xml;
  });
  const exceptions = firstChild(tr, 'w:tblPrEx');
  return {
    cells: cells.cells,
    isHeader: onOff(firstChild(trPr, 'w:tblHeader')) === true,
    open: startTagOf(ctx.doc, tr),
    ...(trPr && { props: sourceWithout(ctx.doc, trPr, (el) => el.name === 'w:ins' || el.name === 'w:del' || el.name === 'w:trPrChange') }),
    ...(exceptions && { exceptions: sourceOf(ctx.doc, exceptions) }),
    ...(markers !== '' && { markers }),
  };
}

/** A row's cells as they are read, and the grid columns they fill so far. */
interface CellList {
  readonly cells: TableCell[];
  columns: number;
}

/** The cells of a row, with the cell-level controls (or custom XML) around them. */
function collectCells(ctx: ReadContext, parent: XmlElement, cells: CellList, container: BlockContainer | undefined, addMarker: (xml: string) => void): void {
  for (const child of childElements(parent)) {
    if (child.name === 'w:tc') {
      const cell = readCell(ctx, child, Math.max(1, LIMITS.tableColumns - cells.columns));
      if (cell) {
        cells.cells.push(container ? { ...cell, container } : cell);
        cells.columns += cell.gridSpan;
      }
    } else if (MARKERS.has(child.name)) {
      addMarker(sourceOf(ctx.doc, child));
    } else if ((child.name === 'w:sdt' || child.name === 'w:customXml') && !isEmptyWrapper(child)) {
      collectCells(ctx, wrapperContent(child) as XmlElement, cells, blockContainer(ctx, child, container), addMarker);
    }
  }
}

/** A cell; its span is at most `maxSpan`, the grid columns its row has left under the limit. */
function readCell(ctx: ReadContext, tc: XmlElement, maxSpan: number): TableCell | undefined {
  const tcPr = firstChild(tc, 'w:tcPr');
  const inserted = firstChild(tcPr, 'w:cellIns');
  const deleted = firstChild(tcPr, 'w:cellDel');
  if (inserted || deleted || firstChild(tcPr, 'w:tcPrChange')) ctx.state.revisions += 1;
  if (inserted && !isVisible(ctx, 'inserted')) return undefined;
  if (deleted && !isVisible(ctx, 'deleted')) return undefined;
  const span = clampCount(
    attr(firstChild(tcPr, 'w:gridSpan'), 'w:val'),
    { min: 1, max: maxSpan, fallback: 1 },
    { diagnostics: ctx.diagnostics, code: 'limits/cell-span-clamped', what: `a table cell's w:gridSpan (at most ${LIMITS.tableColumns} columns a row)`, file: ctx.fileName },
  );
  const vMergeElement = firstChild(tcPr, 'w:vMerge');
  const width = firstChild(tcPr, 'w:tcW');
  const widthValue = width && (width.attrs['w:type'] ?? 'dxa') === 'dxa' ? Number(width.attrs['w:w'] ?? '0') / 20 : undefined;
  const shading = readShading(tcPr);
  const borders = readCellBorders(tcPr);
  return {
    blocks: readBlocks(ctx, tc),
    ...(shading !== undefined && { shading }),
    ...(Object.keys(borders).length > 0 && { borders }),
    gridSpan: span,
    ...(vMergeElement && { vMerge: vMergeElement.attrs['w:val'] === 'restart' ? 'restart' : 'continue' }),
    ...(widthValue !== undefined && widthValue > 0 && { width: widthValue }),
    ...(tcPr && { props: sourceWithout(ctx.doc, tcPr, (el) => el.name === 'w:cellIns' || el.name === 'w:cellDel' || el.name === 'w:tcPrChange') }),
  };
}
