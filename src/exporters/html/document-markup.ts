/**
 * The document of the HTML redline: the body, then the notes it calls and the headers and footers
 * that changed, as HTML. Headings, clause labels in hanging indents, paragraph layout, run
 * formatting, tables (merged cells as spans), pictures (inlined as data), notes, text boxes.
 *
 * Every change is an element carrying `data-change-id` (the change set's id), `data-sources` and
 * `data-kind`: a span around each stretch of a change in a paragraph (inserted text in `ins`,
 * deleted text in `del`, both in the change's colour, its sources' ids in a tag after it), a
 * paragraph, row or table changed as a whole, a renumbered label. Both ends of a move link to
 * each other. Screen readers hear each change's kind and sources before it.
 */

import { type Change, isUnattributed } from '../../model/change-set.js';
import type { Atom, Inline, NoteKind, Paragraph, RunFormat } from '../../model/document.js';
import { linkTargetOf } from '../../model/link-target.js';
import type { PieceStatus, Redline, RedlineBlock, RedlineNote, RedlineOpaque, RedlineParagraph, RedlinePiece, RedlineRow, RedlineStory, RedlineTable, Side } from '../../model/redline.js';
import { isUnchangedBlock } from '../../model/redline.js';
import { toBase64 } from '../../util/sha256.js';
import type { ChangePalette } from '../pdf/change-palette.js';
import type { Rgb } from '../pdf/colour.js';
import { drawableText } from '../pdf/drawable-text.js';
import { ImageResolver, type PartKind } from '../pdf/images.js';
import { toRoman } from '../pdf/note-registry.js';
import { CHANGE_KIND_LABELS } from '../pdf/summary-pages.js';
import { uniformBlocks } from '../pdf/uniform-blocks.js';
import { elementId, escapeHtml } from './escape.js';
import type { DocumentStyles } from './page-style.js';

type MoveEnd = 'from' | 'to';

/** Indents and spacing are capped: a layout made for a page must not push text off a screen. */
const MAX_INDENT = 216;
const MAX_SPACE = 36;
const PX_PER_POINT = 4 / 3;

const PLACEHOLDERS: Partial<Record<Atom['kind'], string>> = { math: '[equation]', drawing: '[drawing]', object: '[object]', image: '[image]' };

/** The element id a change's list entry links to. */
export function changeAnchor(changeId: string): string {
  return `chg-${elementId(changeId)}`;
}

/** The element id of the first clause with a label, which findings link to. */
export function clauseAnchor(label: string): string {
  return `cl-${elementId(label)}`;
}

interface NoteEntry {
  readonly kind: NoteKind;
  readonly label: string;
  readonly note: RedlineNote;
}

/** Where the blocks being written live. */
interface StoryContext {
  readonly part: PartKind;
  /** Inside a note: its number, written where the note's own mark stands. */
  readonly noteLabel?: string;
}

const BODY: StoryContext = { part: 'main' };

export class DocumentMarkup {
  private readonly out: string[] = [];
  private readonly redline: Redline;
  private readonly palette: ChangePalette;
  private readonly styles: DocumentStyles;
  private readonly changes: ReadonlyMap<string, Change>;
  private readonly images: ImageResolver;
  /** Change ids whose first element has been written (it carries the list's anchor). */
  private readonly anchored = new Set<string>();
  /** Move ends (`id:from`) whose first element has been written, and those that have their cross-link. */
  private readonly endsSeen = new Set<string>();
  private readonly linked = new Set<string>();
  /** For each move: the end whose element was written first. */
  private readonly firstEnds = new Map<string, MoveEnd>();
  private readonly clauses = new Set<string>();
  private readonly notesByKey = new Map<string, RedlineNote>();
  private readonly noteLabels = new Map<RedlineNote, string>();
  private readonly calledNotes: NoteEntry[] = [];
  private readonly noteCounts: Record<NoteKind, number> = { footnote: 0, endnote: 0 };

  constructor(redline: Redline, palette: ChangePalette, styles: DocumentStyles) {
    this.redline = redline;
    this.palette = palette;
    this.styles = styles;
    this.changes = new Map(redline.changes.map((change) => [change.id, change]));
    this.images = new ImageResolver(redline.old.docx, redline.new.docx);
    for (const note of redline.notes) {
      this.notesByKey.set(noteKey(note.kind, note.side, note.id), note);
      if (note.oldId !== undefined) this.notesByKey.set(noteKey(note.kind, 'old', note.oldId), note);
    }
  }

  /** The whole document: body, notes, changed headers and footers. */
  render(): string {
    this.blocks(this.redline.body, BODY);
    this.notes();
    this.stories();
    return this.out.join('');
  }

  /** Labels that have an anchor (`clauseAnchor`), for the findings' links. */
  get anchoredClauses(): ReadonlySet<string> {
    return this.clauses;
  }

  private blocks(blocks: readonly RedlineBlock[], story: StoryContext): void {
    for (const block of blocks) this.block(block, story);
  }

  private block(block: RedlineBlock, story: StoryContext): void {
    switch (block.type) {
      case 'paragraph':
        this.paragraph(block, story);
        return;
      case 'table':
        this.table(block, story);
        return;
      case 'opaque':
        this.opaque(block);
        return;
    }
  }

  // Paragraphs

  private paragraph(block: RedlineParagraph, story: StoryContext): void {
    const paragraph = block.paragraph;
    const whole = wholeParagraphChange(block);
    const level = paragraph.headingLevel;
    const tag = level === undefined ? 'p' : `h${Math.min(level + 1, 6)}`;
    const classes = [this.layoutClass(paragraph, block)];
    if (level === undefined && (paragraph.styleId === 'Title' || paragraph.styleName === 'Title')) classes.push('rl-title');
    let attributes = '';
    if (whole) {
      const status = block.mark as Exclude<PieceStatus, 'equal'>;
      classes.push(`rl-whole rl-whole-${statusName(status)}`);
      attributes = `${this.changeAttributes(whole, moveEnd(status))}`;
    }
    this.out.push(`<${tag} class="${classes.filter((c) => c !== '').join(' ')}"${attributes}>`);
    this.label(block, whole);
    const textBoxes: (readonly RedlineBlock[])[] = [];
    const written = this.pieces(block.pieces, story, textBoxes);
    if (block.mark === 'inserted' || block.mark === 'deleted') {
      if (!whole) this.pilcrow(block);
    } else if (!written && !this.hasLabel(paragraph)) {
      // An empty paragraph keeps its line, as in Word.
      this.out.push('<br>');
    }
    this.out.push(`</${tag}>`);
    for (const content of textBoxes) {
      this.out.push('<div class="rl-textbox">');
      this.blocks(content, story);
      this.out.push('</div>');
    }
  }

  private hasLabel(paragraph: Paragraph): boolean {
    return paragraph.numbering !== undefined && paragraph.numbering.label !== '';
  }

  /** Indents, alignment and spacing as a class; a hanging indent gives the label its width. */
  private layoutClass(paragraph: Paragraph, block: RedlineParagraph): string {
    const layout = paragraph.layout;
    const left = clamp(layout.indentLeft ?? 0, 0, MAX_INDENT);
    const firstLine = clamp(layout.indentFirstLine ?? 0, -left, MAX_INDENT);
    const right = clamp(layout.indentRight ?? 0, 0, MAX_INDENT);
    const declarations: string[] = [];
    if (left > 0) declarations.push(`padding-left:${round(left)}pt`);
    if (right > 0) declarations.push(`padding-right:${round(right)}pt`);
    if (firstLine !== 0) declarations.push(`text-indent:${round(firstLine)}pt`);
    if (layout.align !== undefined && layout.align !== 'left') declarations.push(`text-align:${layout.align === 'both' ? 'justify' : layout.align}`);
    if (layout.spaceBefore !== undefined) declarations.push(`margin-top:${round(clamp(layout.spaceBefore, 0, MAX_SPACE))}pt`);
    if (layout.spaceAfter !== undefined) declarations.push(`margin-bottom:${round(clamp(layout.spaceAfter, 0, MAX_SPACE))}pt`);
    const hanging = firstLine < 0 && this.hasLabel(block.paragraph) ? round(-firstLine) : undefined;
    if (declarations.length === 0 && hanging === undefined) return '';
    return this.styles.layoutClass(declarations.join(';'), hanging);
  }

  /**
   * The clause label: plain, or marked with its paragraph when the paragraph was inserted,
   * deleted or moved as a whole, or (renumbered) its old label struck through before the new one.
   */
  private label(block: RedlineParagraph, whole: string | undefined): void {
    const label = block.paragraph.numbering?.label;
    if (label === undefined || label === '') return;
    const anchor = this.clauses.has(label) ? '' : ` id="${clauseAnchor(label)}"`;
    this.clauses.add(label);
    const oldLabel = block.previous?.numbering?.label;
    const renumberId = block.labelChangeId;
    const text = escapeHtml(drawableText(label));
    if (renumberId !== undefined && oldLabel !== undefined) {
      const renumber = `<span class="rl-c rl-renum"${this.changeAttributes(renumberId)}><span class="rl-sr">${escapeHtml(this.announcement(renumberId))}</span><del>${escapeHtml(drawableText(oldLabel))}</del><ins>${text}</ins></span>`;
      this.out.push(`<span class="rl-label"${anchor}>${renumber}</span>`);
    } else if (whole !== undefined && block.mark !== 'equal') {
      const element = elementOf(block.mark);
      this.out.push(`<span class="rl-label"${anchor}><${element} class="${this.markClasses(block.mark, whole)}">${text}</${element}></span>`);
    } else {
      this.out.push(`<span class="rl-label"${anchor}>${text}</span>`);
    }
  }

  /** A paragraph mark inserted or deleted (a paragraph split or joined), as a marked pilcrow. */
  private pilcrow(block: RedlineParagraph): void {
    const status = block.mark as 'inserted' | 'deleted';
    const id = block.markChangeId;
    const element = elementOf(status);
    const mark = `<${element} class="rl-pilcrow ${this.colourClass(this.palette.mark(status, id).colour)}">¶</${element}>`;
    if (id === undefined) {
      this.out.push(mark);
      return;
    }
    this.out.push(`<span class="rl-c"${this.changeAttributes(id)}><span class="rl-sr">${escapeHtml(this.announcement(id))}</span>${mark}${this.sourceTag(id)}</span>`);
  }

  /**
   * The pieces of a paragraph, each stretch of one change in a span of its own. Returns whether
   * anything visible was written.
   */
  private pieces(pieces: readonly RedlinePiece[], story: StoryContext, textBoxes: (readonly RedlineBlock[])[]): boolean {
    let written = false;
    let i = 0;
    while (i < pieces.length) {
      const piece = pieces[i] as RedlinePiece;
      if (piece.inline.type === 'marker') {
        i++;
        continue;
      }
      const id = piece.changeId;
      if (id === undefined || (piece.status === 'equal' && piece.previousFormat === undefined)) {
        written = this.inline(piece, story, textBoxes) || written;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < pieces.length && ((pieces[j] as RedlinePiece).inline.type === 'marker' || (pieces[j] as RedlinePiece).changeId === id)) j++;
      this.changeStretch(pieces.slice(i, j), id, story, textBoxes);
      written = true;
      i = j;
    }
    return written;
  }

  /** One change's stretch of a paragraph: a span around runs of one status each, then its tag. */
  private changeStretch(pieces: readonly RedlinePiece[], id: string, story: StoryContext, textBoxes: (readonly RedlineBlock[])[]): void {
    const change = this.changes.get(id);
    const firstMoved = pieces.find((p) => p.status === 'moved-from' || p.status === 'moved-to');
    const end = firstMoved ? moveEnd(firstMoved.status) : undefined;
    this.out.push(`<span class="rl-c${end ? ' rl-mv' : ''}"${this.changeAttributes(id, end)}><span class="rl-sr">${escapeHtml(this.announcement(id))}</span>`);
    let k = 0;
    while (k < pieces.length) {
      const status = (pieces[k] as RedlinePiece).status;
      let m = k + 1;
      while (m < pieces.length && (pieces[m] as RedlinePiece).status === status) m++;
      const run = pieces.slice(k, m);
      if (status === 'equal') {
        this.out.push(`<span class="rl-fmt ${this.colourClass(this.palette.formatMark(id).colour)}">`);
        for (const piece of run) this.inline(piece, story, textBoxes);
        this.out.push('</span>');
      } else {
        const element = elementOf(status);
        const said = change?.kind === 'replace' ? `<span class="rl-sr">${status === 'deleted' ? 'deleted' : 'inserted'}: </span>` : '';
        this.out.push(`<${element} class="${this.markClasses(status, id)}">${said}`);
        for (const piece of run) this.inline(piece, story, textBoxes);
        this.out.push(`</${element}>`);
      }
      k = m;
    }
    if (end && change) this.crossLink(change, end);
    this.out.push(`${this.sourceTag(id)}</span>`);
  }

  /**
   * A move's first stretch at each end links to the other end: the end written first carries the
   * change's anchor, the other end an anchor named after its side.
   */
  private crossLink(change: Change, end: MoveEnd): void {
    const key = `${change.id}:${end}`;
    if (this.linked.has(key)) return;
    this.linked.add(key);
    const other: MoveEnd = end === 'from' ? 'to' : 'from';
    const href = this.firstEnds.get(change.id) === other ? changeAnchor(change.id) : `${changeAnchor(change.id)}-${other}`;
    const where = end === 'from' ? change.to?.label : change.location.label;
    const text = end === 'from' ? `→ moved to${where ? ` ${where}` : ''}` : `← moved from${where ? ` ${where}` : ''}`;
    this.out.push(`<a class="rl-xref" href="#${href}">${escapeHtml(text)}</a>`);
  }

  /**
   * `data-change-id`, `data-sources`, `data-kind`, and the element id: the change's anchor on its
   * first element, and on the first element of a move's other end, that end's anchor.
   */
  private changeAttributes(id: string, end?: MoveEnd): string {
    const change = this.changes.get(id);
    let anchor = '';
    if (!this.anchored.has(id)) {
      this.anchored.add(id);
      anchor = changeAnchor(id);
      if (end) this.firstEnds.set(id, end);
    } else if (end && !this.endsSeen.has(`${id}:${end}`)) {
      anchor = `${changeAnchor(id)}-${end}`;
    }
    if (end) this.endsSeen.add(`${id}:${end}`);
    const sources = change ? change.sources.join(' ') : '';
    const kind = change ? change.kind : 'insert';
    const endAttribute = end ? ` data-end="${end}"` : '';
    return `${anchor === '' ? '' : ` id="${anchor}"`} data-change-id="${escapeHtml(id)}" data-sources="${escapeHtml(sources)}" data-kind="${kind}"${endAttribute}`;
  }

  /** What a screen reader says before a change: its kind and who made it. */
  private announcement(id: string): string {
    const change = this.changes.get(id);
    if (!change) return 'Change: ';
    const who = change.sources.length > 0 ? ` by ${change.sources.join(' and ')}` : this.palette.hasSources && isUnattributed(change) ? ', unattributed' : '';
    return `${CHANGE_KIND_LABELS[change.kind]}${who}: `;
  }

  /** The sources' ids beside a change (with sources only; changes no source explains say so). */
  private sourceTag(id: string): string {
    const labels = this.palette.sourceLabels([id]);
    if (labels.length === 0) return '';
    return `<span class="rl-tag ${this.colourClass(this.palette.colour(id))}" aria-hidden="true"><span>${escapeHtml(labels.join(' '))}</span></span>`;
  }

  private markClasses(status: Exclude<PieceStatus, 'equal'>, id: string | undefined): string {
    const moved = status === 'moved-from' || status === 'moved-to';
    return `${moved ? 'rl-mv ' : ''}${this.colourClass(this.palette.mark(status, id).colour)}`;
  }

  private colourClass(colour: Rgb): string {
    return this.styles.colourClass(colour);
  }

  // Inline content

  /** One piece's inline content; returns whether it wrote anything. */
  private inline(piece: RedlinePiece, story: StoryContext, textBoxes: (readonly RedlineBlock[])[]): boolean {
    const inline = piece.inline;
    if (inline.type === 'marker') return false;
    const content = inline.type === 'text' ? escapeHtml(drawableText(inline.text)) : this.atom(inline, piece, story, textBoxes);
    if (content === '') return false;
    this.out.push(formatted(content, inline));
    return true;
  }

  private atom(atom: Atom, piece: RedlinePiece, story: StoryContext, textBoxes: (readonly RedlineBlock[])[]): string {
    switch (atom.kind) {
      case 'tab':
        return '<span class="rl-tab">\t</span>';
      case 'break':
      case 'column-break':
      case 'page-break':
        return '<br>';
      case 'symbol':
      case 'simple-field':
      case 'other':
        return escapeHtml(drawableText(atom.text));
      case 'note-reference':
        return this.noteReference(atom, isOldSide(piece.status) ? 'old' : 'new');
      case 'note-mark':
        return story.noteLabel === undefined ? '' : `<sup>${escapeHtml(story.noteLabel)}</sup>`;
      case 'image':
        return this.image(atom, piece, story);
      case 'textbox': {
        const changeId = piece.changeId === undefined ? {} : { changeId: piece.changeId };
        for (const content of piece.stories ?? atom.stories?.map((blocks) => uniformBlocks(blocks, { status: piece.status, ...changeId })) ?? []) textBoxes.push(content);
        return '';
      }
      case 'drawing':
      case 'math':
      case 'object':
        return `<span class="rl-obj">${PLACEHOLDERS[atom.kind] ?? '[object]'}</span>`;
      case 'field-char':
      case 'field-code':
      case 'content-control':
        return '';
    }
  }

  /** A picture inlined as data (PNG and JPEG), or a labelled box. */
  private image(atom: Atom, piece: RedlinePiece, story: StoryContext): string {
    const box = this.images.resolve(atom, isOldSide(piece.status) ? 'old' : 'new', story.part);
    if (!box.source) return `<span class="rl-obj">${PLACEHOLDERS.image}</span>`;
    const width = Math.round(box.width * PX_PER_POINT);
    const height = Math.round(box.height * PX_PER_POINT);
    return `<img alt="picture" width="${width}" height="${height}" src="data:image/${box.source.format};base64,${toBase64(box.source.bytes)}">`;
  }

  // Notes

  /** A note reference: the note's number (by first call, footnotes 1, 2…, endnotes i, ii…), linked to it. */
  private noteReference(atom: Atom, side: Side): string {
    const reference = atom.note;
    if (!reference) return '';
    const note = this.notesByKey.get(noteKey(reference.kind, side, reference.id));
    if (!note) return '';
    let label = this.noteLabels.get(note);
    let anchor = '';
    if (label === undefined) {
      const count = ++this.noteCounts[note.kind];
      label = note.kind === 'footnote' ? String(count) : toRoman(count);
      this.noteLabels.set(note, label);
      this.calledNotes.push({ kind: note.kind, label, note });
      anchor = ` id="ref-${note.kind}-${elementId(label)}"`;
    }
    return `<sup class="rl-nref"><a href="#note-${note.kind}-${elementId(label)}"${anchor}>${escapeHtml(label)}</a></sup>`;
  }

  /** The notes called, by kind in order of their numbers, then any changed note never called. */
  private notes(): void {
    for (const note of this.redline.notes) {
      if (this.noteLabels.has(note) || note.blocks.every(isUnchangedBlock)) continue;
      const label = `${note.kind} ${note.id}`;
      this.noteLabels.set(note, label);
      this.calledNotes.push({ kind: note.kind, label, note });
    }
    for (const kind of ['footnote', 'endnote'] as const) {
      // Indexed: a note may call another, which then joins the list.
      let opened = false;
      for (let i = 0; i < this.calledNotes.length; i++) {
        const entry = this.calledNotes[i] as NoteEntry;
        if (entry.kind !== kind) continue;
        if (!opened) {
          this.out.push(`<section class="rl-notes" aria-label="${kind === 'footnote' ? 'Footnotes' : 'Endnotes'}"><h2>${kind === 'footnote' ? 'Footnotes' : 'Endnotes'}</h2><ol>`);
          opened = true;
        }
        const id = elementId(entry.label);
        this.out.push(`<li id="note-${kind}-${id}"><span class="rl-nlabel"><a href="#ref-${kind}-${id}">${escapeHtml(entry.label)}</a></span><div>`);
        this.blocks(entry.note.blocks, { part: kind, noteLabel: entry.label });
        this.out.push('</div></li>');
      }
      if (opened) this.out.push('</ol></section>');
    }
  }

  /** Headers and footers that changed (the page's own are not shown, as in the PDF). */
  private stories(): void {
    const changed = this.redline.stories.filter((story) => !story.blocks.every(isUnchangedBlock));
    if (changed.length === 0) return;
    this.out.push('<section class="rl-stories" aria-label="Headers and footers"><h2>Headers and footers</h2>');
    for (const story of changed) {
      this.out.push(`<h3>${escapeHtml(storyTitle(story))}</h3>`);
      this.blocks(story.blocks, BODY);
    }
    this.out.push('</section>');
  }

  // Tables and other blocks

  private table(block: RedlineTable, story: StoryContext): void {
    const whole = block.status === 'inserted' || block.status === 'deleted' ? block.rows.find((row) => row.changeId !== undefined)?.changeId : undefined;
    const attributes = whole === undefined ? '' : this.changeAttributes(whole);
    const classes = ['rl-table', ...(whole === undefined ? [] : [`rl-whole rl-whole-${block.status === 'inserted' ? 'ins' : 'del'}`])];
    this.out.push(`<div class="rl-tablewrap"><table class="${classes.join(' ')}"${attributes}>`);
    this.columns(block);
    if (block.rows.length === 0) {
      this.out.push('</table></div>');
      return;
    }
    const spans = rowSpans(block.rows);
    let header = true;
    let bodyOpen = false;
    block.rows.forEach((row, r) => {
      header = header && row.row.isHeader;
      if (r === 0 && header) this.out.push('<thead>');
      if (!header && !bodyOpen) {
        this.out.push(`${r > 0 ? '</thead>' : ''}<tbody>`);
        bodyOpen = true;
      }
      this.row(row, header, spans[r] as readonly number[], story);
    });
    this.out.push(bodyOpen ? '</tbody>' : '</thead>');
    this.out.push('</table></div>');
  }

  /** Column widths as shares of the table's width, from its grid. */
  private columns(block: RedlineTable): void {
    const widths = block.columnWidths ?? block.table.columnWidths;
    const total = widths.reduce((sum, width) => sum + Math.max(0, width), 0);
    if (widths.length === 0 || total <= 0) return;
    this.out.push(`<colgroup>${widths.map((width) => `<col class="${this.styles.widthClass((Math.max(0, width) / total) * 100)}">`).join('')}</colgroup>`);
  }

  private row(row: RedlineRow, header: boolean, spans: readonly number[], story: StoryContext): void {
    const changed = row.status === 'inserted' || row.status === 'deleted';
    let attributes = '';
    if (changed && row.changeId !== undefined) {
      const moved = rowIsMoved(row);
      const status: Exclude<PieceStatus, 'equal'> = moved ? (row.status === 'inserted' ? 'moved-to' : 'moved-from') : row.status === 'inserted' ? 'inserted' : 'deleted';
      attributes = ` class="rl-row rl-row-${statusName(status)} ${this.colourClass(this.palette.mark(status, row.changeId).colour)}"${this.changeAttributes(row.changeId, moved ? moveEnd(status) : undefined)}`;
    }
    this.out.push(`<tr${attributes}>`);
    const cellTag = header ? 'th' : 'td';
    row.cells.forEach((cell, c) => {
      if (cell.cell.vMerge === 'continue') return;
      const span = spans[c] ?? 1;
      const classes = cell.status === undefined ? '' : ` class="rl-col-${cell.status === 'inserted' ? 'ins' : 'del'}"`;
      const scope = header ? ' scope="col"' : '';
      this.out.push(`<${cellTag}${scope}${classes}${cell.cell.gridSpan > 1 ? ` colspan="${cell.cell.gridSpan}"` : ''}${span > 1 ? ` rowspan="${span}"` : ''}>`);
      this.blocks(cell.blocks, story);
      this.out.push(`</${cellTag}>`);
    });
    this.out.push('</tr>');
  }

  private opaque(block: RedlineOpaque): void {
    const text = block.block.text.trim() === '' ? '[object]' : drawableText(block.block.text);
    if (block.status === 'equal' || block.changeId === undefined) {
      this.out.push(`<p class="rl-opaque">${escapeHtml(text)}</p>`);
      return;
    }
    const status = block.status;
    const element = elementOf(status);
    this.out.push(
      `<p class="rl-opaque rl-whole rl-whole-${statusName(status)}"${this.changeAttributes(block.changeId)}><span class="rl-sr">${escapeHtml(this.announcement(block.changeId))}</span><${element} class="${this.markClasses(status, block.changeId)}">${escapeHtml(text)}</${element}>${this.sourceTag(block.changeId)}</p>`,
    );
  }
}

/** The change of a paragraph inserted, deleted or moved as a whole. */
function wholeParagraphChange(block: RedlineParagraph): string | undefined {
  if (block.mark === 'equal') return undefined;
  if (!block.pieces.every((piece) => piece.inline.type === 'marker' || piece.status !== 'equal')) return undefined;
  return block.markChangeId ?? block.pieces.find((piece) => piece.changeId !== undefined)?.changeId;
}

/** For each row, the row span of each cell that starts a vertical merge (1 for the others). */
function rowSpans(rows: readonly RedlineRow[]): number[][] {
  const columnsOf = (row: RedlineRow): number[] => {
    const starts: number[] = [];
    let column = 0;
    for (const cell of row.cells) {
      starts.push(column);
      column += Math.max(1, cell.cell.gridSpan);
    }
    return starts;
  };
  const starts = rows.map(columnsOf);
  return rows.map((row, r) =>
    row.cells.map((cell, c) => {
      if (cell.cell.vMerge !== 'restart') return 1;
      const column = (starts[r] as number[])[c];
      let span = 1;
      for (let below = r + 1; below < rows.length; below++) {
        const index = (starts[below] as number[]).indexOf(column as number);
        if (index < 0 || (rows[below] as RedlineRow).cells[index]?.cell.vMerge !== 'continue') break;
        span++;
      }
      return span;
    }),
  );
}

/** Whether a whole inserted or deleted row is an end of a move (its content is moved). */
function rowIsMoved(row: RedlineRow): boolean {
  return row.cells.some((cell) => cell.blocks.some((block) => block.type === 'paragraph' && block.moveName !== undefined));
}

/** Inline content in its run formatting (and link). */
function formatted(content: string, inline: Exclude<Inline, { type: 'marker' }>): string {
  const format: RunFormat = inline.format;
  let html = content;
  if (format.vertAlign === 'superscript') html = `<sup>${html}</sup>`;
  else if (format.vertAlign === 'subscript') html = `<sub>${html}</sub>`;
  if (format.smallCaps) html = `<span class="rl-sc">${html}</span>`;
  else if (format.caps) html = `<span class="rl-caps">${html}</span>`;
  if (format.strike) html = `<s>${html}</s>`;
  else if (format.doubleStrike) html = `<s class="rl-dstrike">${html}</s>`;
  if (format.underline !== undefined && format.underline !== 'none') html = `<u>${html}</u>`;
  if (format.italic) html = `<i>${html}</i>`;
  if (format.bold) html = `<b>${html}</b>`;
  const target = linkTargetOf(inline.wrapper);
  // External links only: anchors inside the document point at bookmarks the redline does not keep.
  if (target !== undefined && /^(https?:|mailto:)/i.test(target)) html = `<a href="${escapeHtml(target)}" rel="noreferrer noopener">${html}</a>`;
  return html;
}

function elementOf(status: Exclude<PieceStatus, 'equal'>): 'ins' | 'del' {
  return status === 'inserted' || status === 'moved-to' ? 'ins' : 'del';
}

/** Class-name form of a status: `ins`, `del`, `to`, `from`. */
function statusName(status: Exclude<PieceStatus, 'equal'>): string {
  switch (status) {
    case 'inserted':
      return 'ins';
    case 'deleted':
      return 'del';
    case 'moved-to':
      return 'to';
    case 'moved-from':
      return 'from';
  }
}

function moveEnd(status: PieceStatus): MoveEnd | undefined {
  return status === 'moved-from' ? 'from' : status === 'moved-to' ? 'to' : undefined;
}

function isOldSide(status: PieceStatus): boolean {
  return status === 'deleted' || status === 'moved-from';
}

function storyTitle(story: RedlineStory): string {
  const kind = story.kind === 'header' ? 'Header' : 'Footer';
  return story.variant === 'default' ? kind : `${kind} (${story.variant} page)`;
}

function noteKey(kind: NoteKind, side: Side, id: string): string {
  return `${kind}:${side}:${id}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
