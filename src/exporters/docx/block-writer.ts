/**
 * Writes redline blocks as WordprocessingML: unchanged blocks exactly as the new version has
 * them, changed paragraphs rebuilt from their pieces with the paragraph mark's revision in
 * `w:pPr/w:rPr`, tables with inserted and deleted rows marked in `w:trPr`, and content controls
 * re-wrapped around the blocks they held.
 */
import type { BlockContainer } from '../../model/document.js';
import type { MarkStatus, RedlineBlock, RedlineParagraph, RedlineRow, RedlineTable } from '../../model/redline.js';
import { writePieces } from './run-writer.js';
import { remapOld, type RevisionElement, type WriterContext } from './writer-context.js';

const MARK_ELEMENT: Record<Exclude<MarkStatus, 'equal'>, RevisionElement> = {
  inserted: 'w:ins',
  deleted: 'w:del',
  'moved-from': 'w:moveFrom',
  'moved-to': 'w:moveTo',
};

export function writeBlocks(blocks: readonly RedlineBlock[], ctx: WriterContext): string {
  const containers = new ContainerStack();
  let out = '';
  for (const block of blocks) {
    if (block.side === 'new') {
      const main = block.type === 'paragraph' ? block.paragraph : block.type === 'table' ? block.table : block.block;
      out += containers.enter(main.container);
      if (main.leading) out += main.leading;
    }
    out += writeBlock(block, ctx);
  }
  return out + containers.enter(undefined);
}

/**
 * The XML a block is written back as byte for byte: its own, when nothing in it changed and it was
 * read without tracked changes of its own; undefined when it has to be written anew.
 */
export function verbatimXml(block: RedlineBlock): string | undefined {
  switch (block.type) {
    case 'paragraph':
      return block.unchanged && block.side === 'new' && block.mark === 'equal' ? block.paragraph.xml : undefined;
    case 'table':
      return block.status === 'equal' && block.side === 'new' ? block.table.xml : undefined;
    case 'opaque':
      return block.status === 'equal' ? block.block.xml : undefined;
  }
}

function writeBlock(block: RedlineBlock, ctx: WriterContext): string {
  switch (block.type) {
    case 'paragraph':
      return writeParagraph(block, ctx);
    case 'table':
      return writeTable(block, ctx);
    case 'opaque':
      if (block.status === 'equal') return block.block.xml;
      ctx.diagnostics.warn('docx/untracked-object', `a block-level object that Word cannot track was ${block.status === 'deleted' ? 'left out of' : 'written untracked into'} the redline`);
      return block.status === 'deleted' ? '' : block.block.xml;
  }
}

/** Opens and closes block containers (content controls) as the blocks' chains require. */
class ContainerStack {
  private readonly open: BlockContainer[] = [];

  enter(container: BlockContainer | undefined): string {
    const chain: BlockContainer[] = [];
    for (let c = container; c; c = c.parent) chain.unshift(c);
    let common = 0;
    while (common < this.open.length && common < chain.length && this.open[common]?.id === chain[common]?.id) common++;
    let out = '';
    while (this.open.length > common) out += (this.open.pop() as BlockContainer).close;
    for (const c of chain.slice(common)) {
      this.open.push(c);
      out += c.open;
    }
    return out;
  }
}

export function writeParagraph(block: RedlineParagraph, ctx: WriterContext): string {
  const verbatim = verbatimXml(block);
  if (verbatim !== undefined) return verbatim;
  const paragraph = block.paragraph;
  const open = block.side === 'new' ? (paragraph.open ?? '<w:p>') : '<w:p>';
  const moveAuthor = (): string => ctx.authorOf(block.markChangeId ?? block.pieces.find((p) => p.moveName !== undefined)?.changeId);
  return `${open}${paragraphProps(block, ctx)}${ctx.moves.starts(block, ctx.stamp, moveAuthor)}${writePieces(block.pieces, ctx)}${ctx.moves.ends(block)}</w:p>`;
}

function paragraphProps(block: RedlineParagraph, ctx: WriterContext): string {
  let props = block.paragraph.props ?? '';
  if (block.side === 'old') props = withoutSectionBreak(remapOld(props, ctx));
  if (block.mark === 'equal') return props;
  const mark = `<${MARK_ELEMENT[block.mark]}${ctx.stamp.attributes(ctx.authorOf(block.markChangeId))}/>`;
  return withMarkRevision(props, mark);
}

/** A deleted paragraph from the old version must not bring its section break along. */
function withoutSectionBreak(props: string): string {
  return props.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>|<w:sectPr\b[^>]*\/>/, '');
}

/** Puts a revision element first in the paragraph mark's `w:rPr` (ECMA-376 §17.13.5.16). */
export function withMarkRevision(props: string, mark: string): string {
  if (props === '' || /^<w:pPr\s*\/>$/.test(props)) return `<w:pPr><w:rPr>${mark}</w:rPr></w:pPr>`;
  if (/<w:rPr\s*\/>/.test(props)) return props.replace(/<w:rPr\s*\/>/, `<w:rPr>${mark}</w:rPr>`);
  if (/<w:rPr\b[^>]*>/.test(props)) return props.replace(/<w:rPr\b[^>]*>/, (open) => `${open}${mark}`);
  const rPr = `<w:rPr>${mark}</w:rPr>`;
  const before = props.search(/<w:sectPr\b|<w:pPrChange\b|<\/w:pPr>/);
  return before < 0 ? props : props.slice(0, before) + rPr + props.slice(before);
}

function writeTable(block: RedlineTable, ctx: WriterContext): string {
  const verbatim = verbatimXml(block);
  if (verbatim !== undefined) return verbatim;
  const table = block.table;
  const remap = (xml: string): string => (block.side === 'old' ? remapOld(xml, ctx) : xml);
  const widths = block.columnWidths ?? table.columnWidths;
  const grid = block.columnWidths === undefined && table.grid !== undefined ? table.grid : `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${Math.round(w * 20)}"/>`).join('')}</w:tblGrid>`;
  return `<w:tbl>${remap(table.props ?? '<w:tblPr/>')}${grid}${block.rows.map((row) => writeRow(row, ctx)).join('')}</w:tbl>`;
}

function writeRow(row: RedlineRow, ctx: WriterContext): string {
  const source = row.row;
  const remap = (xml: string): string => (row.side === 'old' ? remapOld(xml, ctx) : xml);
  const open = row.side === 'new' ? (source.open ?? '<w:tr>') : '<w:tr>';
  let props = remap(source.props ?? '');
  if (row.status === 'inserted' || row.status === 'deleted') {
    const mark = `<${row.status === 'inserted' ? 'w:ins' : 'w:del'}${ctx.stamp.attributes(ctx.authorOf(row.changeId))}/>`;
    props = props === '' || /^<w:trPr\s*\/>$/.test(props) ? `<w:trPr>${mark}</w:trPr>` : props.replace(/<\/w:trPr>\s*$/, `${mark}</w:trPr>`);
  }
  const markers = row.side === 'new' ? (source.markers ?? '') : '';
  // No comments in a row inserted or deleted whole (its revision names the source): LibreOffice
  // keeps a rejected row whose cells hold comment anchors, empty.
  const { comments: _comments, ...withoutComments } = ctx;
  const cellCtx = row.status === 'inserted' || row.status === 'deleted' ? withoutComments : ctx;
  const cells = row.cells
    .map((cell) => {
      const content = writeBlocks(cell.blocks, cellCtx);
      const endsWithParagraph = cell.blocks[cell.blocks.length - 1]?.type === 'paragraph';
      let props = cell.side === 'old' ? remapOld(cell.cell.props ?? '', ctx) : (cell.cell.props ?? '');
      if (cell.status) props = withCellRevision(props, `<${cell.status === 'inserted' ? 'w:cellIns' : 'w:cellDel'}${ctx.stamp.attributes(ctx.authorOf(firstChangeId(cell.blocks)))}/>`);
      return `<w:tc>${props}${content}${endsWithParagraph ? '' : '<w:p/>'}</w:tc>`;
    })
    .join('');
  return `${open}${remap(source.exceptions ?? '')}${props}${markers}${cells}</w:tr>`;
}

/** Puts a cell revision (`w:cellIns`/`w:cellDel`) last in the cell's `w:tcPr` (ECMA-376 §17.13.5.1-2). */
function withCellRevision(props: string, mark: string): string {
  if (props === '' || /^<w:tcPr\s*\/>$/.test(props)) return `<w:tcPr>${mark}</w:tcPr>`;
  return props.replace(/<\/w:tcPr>\s*$/, `${mark}</w:tcPr>`);
}

function firstChangeId(blocks: readonly RedlineBlock[]): string | undefined {
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const id = block.markChangeId ?? block.pieces.find((p) => p.changeId !== undefined)?.changeId;
    if (id !== undefined) return id;
  }
  return undefined;
}
