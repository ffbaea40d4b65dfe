/**
 * Writes redline blocks as WordprocessingML: unchanged blocks exactly as the new version has
 * them, changed paragraphs rebuilt from their pieces with the paragraph mark's revision in
 * `w:pPr/w:rPr`, tables with inserted and deleted rows marked in `w:trPr`, and content controls
 * re-wrapped around the blocks they held.
 */
import type { Block, BlockContainer, Paragraph, TextRun } from '../../model/document.js';
import { typedLabelText } from '../../model/numbering.js';
import type { MarkStatus, PieceStatus, RedlineBlock, RedlineParagraph, RedlinePiece, RedlineRow, RedlineTable } from '../../model/redline.js';
import { writePieces } from './run-writer.js';
import { type RevisionElement, remapOld, type WriterContext } from './writer-context.js';

const MARK_ELEMENT: Record<Exclude<MarkStatus, 'equal'>, RevisionElement> = {
  inserted: 'w:ins',
  deleted: 'w:del',
  'moved-from': 'w:moveFrom',
  'moved-to': 'w:moveTo',
};

export function writeBlocks(written: readonly RedlineBlock[], ctx: WriterContext): string {
  const blocks = besideTheirContainers(written);
  const containers = new ContainerStack();
  let out = '';
  blocks.forEach((block, i) => {
    const main = mainOf(block);
    const chain = block.side === 'new' ? chainOf(main.container) : oldChain(chainOf(main.container), containers.chain, () => nextNewChain(blocks, i), previousNewChain(blocks, i));
    out += containers.enter(chain);
    // Markup between blocks: a paragraph written anew holds it among its markers instead.
    const betweenBlocks = block.side === 'new' && (block.type !== 'paragraph' || verbatimXml(block) !== undefined);
    if (betweenBlocks && main.leading) out += main.leading;
    out += writeBlock(block, ctx);
    if (betweenBlocks && main.trailing) out += main.trailing;
  });
  return out + containers.enter([]);
}

/**
 * The blocks in the order they are written: an old block (deleted) that stood in a container
 * goes right before the first wholly inserted block of the same container in its stretch of
 * changed blocks, so that it is written inside that container rather than outside it. Old blocks
 * keep their order among themselves, inserted ones theirs, and nothing crosses a block both views
 * show (or a table): both views read as before.
 */
function besideTheirContainers(blocks: readonly RedlineBlock[]): readonly RedlineBlock[] {
  if (!blocks.some((block) => block.side === 'old' && mainOf(block).container)) return blocks;
  const out: RedlineBlock[] = [];
  let olds: RedlineBlock[] = [];
  let inserted: RedlineBlock[] = [];
  const keyOf = (block: RedlineBlock): string | undefined => chainOf(mainOf(block).container)[0]?.key;
  const flush = (): void => {
    let k = 0;
    while (k < olds.length) {
      // Old blocks of one container go together, then the inserted blocks of that container.
      const key = keyOf(olds[k] as RedlineBlock);
      let end = k + 1;
      while (end < olds.length && keyOf(olds[end] as RedlineBlock) === key) end++;
      const at = key === undefined ? -1 : inserted.findIndex((block) => keyOf(block) === key);
      if (at >= 0) out.push(...inserted.splice(0, at));
      out.push(...olds.slice(k, end));
      if (at >= 0) {
        let same = 0;
        while (same < inserted.length && keyOf(inserted[same] as RedlineBlock) === key) same++;
        out.push(...inserted.splice(0, same));
      }
      k = end;
    }
    out.push(...inserted);
    olds = [];
    inserted = [];
  };
  for (const block of blocks) {
    if (block.side === 'old' && block.type === 'paragraph') olds.push(block);
    else if (isWhollyInserted(block)) inserted.push(block);
    else {
      flush();
      out.push(block);
    }
  }
  flush();
  return out;
}

/** A paragraph the Reject All view does not show at all (inserted or moved here, mark and text). */
function isWhollyInserted(block: RedlineBlock): boolean {
  if (block.type !== 'paragraph' || block.side !== 'new') return false;
  const added = (status: string): boolean => status === 'inserted' || status === 'moved-to';
  return added(block.mark) && block.pieces.every((piece) => piece.inline.type === 'marker' || added(piece.status));
}

function mainOf(block: RedlineBlock): Block {
  return block.type === 'paragraph' ? block.paragraph : block.type === 'table' ? block.table : block.block;
}

/** A container and the ones around it, outermost first. */
export function chainOf(container: BlockContainer | undefined): BlockContainer[] {
  const chain: BlockContainer[] = [];
  for (let c = container; c; c = c.parent) chain.unshift(c);
  return chain;
}

/**
 * The containers an old block (deleted, or moved away) is written in: those of the new version
 * that are the same as its own (open where it stands, or around the next new block), level by
 * level. A container the new version no longer has is left out: the content goes where the
 * containers end, so that Accept All leaves no emptied control behind. Between two new blocks of
 * one container it stays inside that container, which the new version has around both: written
 * outside, it would split the container in two.
 */
export function oldChain(own: readonly BlockContainer[], open: readonly BlockContainer[], next: () => readonly BlockContainer[], previous: readonly BlockContainer[]): BlockContainer[] {
  const out: BlockContainer[] = [];
  for (let level = 0; level < own.length; level++) {
    const key = (own[level] as BlockContainer).key;
    const match = open[level]?.key === key ? open[level] : next()[level]?.key === key ? next()[level] : undefined;
    if (!match || (level > 0 && match.parent !== out[level - 1])) break;
    out.push(match);
  }
  const around = commonChain(previous, next());
  return around.length > out.length && out.every((c, level) => around[level] === c) ? around : out;
}

/** The containers two chains share, from the outermost. */
function commonChain(a: readonly BlockContainer[], b: readonly BlockContainer[]): BlockContainer[] {
  const out: BlockContainer[] = [];
  while (out.length < a.length && out.length < b.length && a[out.length] === b[out.length]) out.push(a[out.length] as BlockContainer);
  return out;
}

function previousNewChain(blocks: readonly RedlineBlock[], index: number): BlockContainer[] {
  for (let i = index - 1; i >= 0; i--) {
    const block = blocks[i] as RedlineBlock;
    if (block.side === 'new') return chainOf(mainOf(block).container);
  }
  return [];
}

function nextNewChain(blocks: readonly RedlineBlock[], index: number): BlockContainer[] {
  for (let i = index + 1; i < blocks.length; i++) {
    const block = blocks[i] as RedlineBlock;
    if (block.side === 'new') return chainOf(mainOf(block).container);
  }
  return [];
}

/**
 * The XML a block is written back as byte for byte: its own, when nothing in it changed and it was
 * read without tracked changes of its own; undefined when it has to be written anew.
 */
export function verbatimXml(block: RedlineBlock): string | undefined {
  switch (block.type) {
    case 'paragraph':
      return block.unchanged && block.side === 'new' && block.mark === 'equal' && !typedLabelChanged(block) ? block.paragraph.xml : undefined;
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

/** Opens and closes containers (content controls, custom XML) as the chains of what is written require. */
export class ContainerStack {
  private readonly open: BlockContainer[] = [];

  get chain(): readonly BlockContainer[] {
    return this.open;
  }

  enter(chain: readonly BlockContainer[]): string {
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
  const pieces = paragraph.numbering?.typed || block.previous?.numbering?.typed ? [...typedLabelPieces(block), ...block.pieces] : block.pieces;
  return `${open}${paragraphProps(block, ctx)}${ctx.moves.starts(block, ctx.stamp, moveAuthor)}${writePieces(pieces, ctx)}${ctx.moves.ends(block)}</w:p>`;
}

function typedLabelChanged(block: RedlineParagraph): boolean {
  return block.previous !== undefined && typedLabelText(block.previous.numbering) !== typedLabelText(block.paragraph.numbering);
}

/**
 * A clause number typed at the start of the paragraph is text in Word (the model holds it as the
 * label): written first, inserted, deleted or moved with its paragraph, and tracked as a deletion
 * and an insertion when it was renumbered, so that Accept All and Reject All give each version.
 */
function typedLabelPieces(block: RedlineParagraph): RedlinePiece[] {
  const changeId = block.markChangeId ?? block.pieces.find((p) => p.changeId !== undefined)?.changeId;
  const piece = (paragraph: Paragraph, status: PieceStatus, id: string | undefined): RedlinePiece[] => {
    const text = typedLabelText(paragraph.numbering);
    if (text === undefined) return [];
    const first = paragraph.inlines.find((inline): inline is TextRun => inline.type === 'text');
    const inline: TextRun = { type: 'text', text, format: first?.format ?? {}, direct: first?.direct ?? {}, ...(first?.props !== undefined && { props: first.props }) };
    return [
      {
        status,
        inline,
        ...(id !== undefined && status !== 'equal' && { changeId: id }),
        ...(block.moveName !== undefined && (status === 'moved-from' || status === 'moved-to') && { moveName: block.moveName }),
      },
    ];
  };
  if (block.side === 'old') return piece(block.paragraph, block.mark === 'moved-from' ? 'moved-from' : 'deleted', changeId);
  if (block.mark === 'moved-to') return piece(block.paragraph, 'moved-to', changeId);
  const previous = block.previous;
  if (previous === undefined) return piece(block.paragraph, block.mark === 'inserted' ? 'inserted' : 'equal', changeId);
  if (!typedLabelChanged(block)) return piece(block.paragraph, 'equal', undefined);
  return [...piece(previous, 'deleted', block.labelChangeId), ...piece(block.paragraph, 'inserted', block.labelChangeId)];
}

function paragraphProps(block: RedlineParagraph, ctx: WriterContext): string {
  let props = block.paragraph.props ?? '';
  if (block.side === 'old') props = withoutSectionBreak(remapOld(props, ctx));
  if (block.mark === 'equal') return props;
  const mark = `<${markElement(block)}${ctx.stamp.attributes(ctx.authorOf(block.markChangeId))}/>`;
  return withMarkRevision(props, mark);
}

/**
 * The revision of a paragraph's mark. A moved mark in a paragraph that holds no moved text (an
 * empty paragraph, or one whose mark a move at the end of a story borrowed) is written as a
 * deleted or inserted mark: the same to Word, and LibreOffice applies a moved mark only with moved
 * text, so it would leave such a paragraph behind as an extra empty one in both views.
 */
function markElement(block: RedlineParagraph): RevisionElement {
  const mark = block.mark as Exclude<MarkStatus, 'equal'>;
  if ((mark === 'moved-from' || mark === 'moved-to') && !block.pieces.some((piece) => piece.status === mark && piece.inline.type !== 'marker')) return mark === 'moved-from' ? 'w:del' : 'w:ins';
  return MARK_ELEMENT[mark];
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
  // Row-level controls go around their rows; a deleted row that stood in one the new version
  // still has goes back into it.
  const containers = new ContainerStack();
  let rows = '';
  block.rows.forEach((row, i) => {
    const own = chainOf(row.row.container);
    const chain =
      row.side === 'new'
        ? own
        : oldChain(
            own,
            containers.chain,
            () => chainOf(block.rows.slice(i + 1).find((r) => r.side === 'new')?.row.container),
            chainOf(
              block.rows
                .slice(0, i)
                .reverse()
                .find((r) => r.side === 'new')?.row.container,
            ),
          );
    rows += containers.enter(chain) + writeRow(row, ctx);
  });
  return `<w:tbl>${remap(table.props ?? '<w:tblPr/>')}${grid}${rows}${containers.enter([])}</w:tbl>`;
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
  const containers = new ContainerStack();
  let cells = '';
  row.cells.forEach((cell, i) => {
    const own = chainOf(cell.cell.container);
    const chain =
      cell.side === 'new'
        ? own
        : oldChain(
            own,
            containers.chain,
            () => chainOf(row.cells.slice(i + 1).find((c) => c.side === 'new')?.cell.container),
            chainOf(
              row.cells
                .slice(0, i)
                .reverse()
                .find((c) => c.side === 'new')?.cell.container,
            ),
          );
    const content = writeBlocks(cell.blocks, cellCtx);
    const endsWithParagraph = cell.blocks[cell.blocks.length - 1]?.type === 'paragraph';
    let cellProps = cell.side === 'old' ? remapOld(cell.cell.props ?? '', ctx) : (cell.cell.props ?? '');
    if (cell.status) cellProps = withCellRevision(cellProps, `<${cell.status === 'inserted' ? 'w:cellIns' : 'w:cellDel'}${ctx.stamp.attributes(ctx.authorOf(firstChangeId(cell.blocks)))}/>`);
    cells += `${containers.enter(chain)}<w:tc>${cellProps}${content}${endsWithParagraph ? '' : '<w:p/>'}</w:tc>`;
  });
  return `${open}${remap(source.exceptions ?? '')}${props}${markers}${cells}${containers.enter([])}</w:tr>`;
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
