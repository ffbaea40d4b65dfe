/**
 * Clause paths: where a block stands as a lawyer cites it. A numbered paragraph's path is built
 * from the labels of the numbered paragraphs above it (`A6.33(c)(i)` from `A6`, `A6.33`, `(c)`,
 * `(i)`); an unnumbered paragraph takes the path of the clause it continues. When the numbering
 * restarts under a heading (schedules numbered from 1 again), paths are prefixed with the heading
 * they sit under (`Schedule 2, 1(a)`). A table is named by its caption, the heading above it, or
 * its place (`Table 3`), and a row by its first cell (`Table 3, row "MP202"`).
 *
 * Paths are computed per version of a story, so a deleted clause is cited by its old number and
 * an inserted one by its new number.
 */
import type { Block, Paragraph, Table, TableRow } from '../model/document.js';
import { displayText } from '../model/inline-text.js';

/** Longest row key or caption quoted in a path. */
const MAX_KEY = 40;
/** A caption: the style Word gives it, or a paragraph that starts like one. */
const CAPTION_TEXT = /^(Table|Schedule|Matrix|Annex|Appendix)\s+[\p{L}\p{N}][\p{L}\p{N}.\-–]*/u;
/** Words that name a clause in a typed label (`Article 3`, `Section 2.1`). */
const KEYWORD_LABEL = /^(\p{L}+)\s+([\p{L}\p{N}][\p{L}\p{N}.]*)$/u;

interface Ancestor {
  readonly numId: string;
  readonly level: number;
  readonly label: string;
  readonly indent: number;
  /** Its path, once it is on the stack. */
  path?: string;
}

interface TableNames {
  readonly name: string;
  /** Row keys, computed when first asked for. */
  rows?: Map<TableRow, string>;
}

export class ClausePaths {
  private readonly paragraphs = new Map<Paragraph, string>();
  private readonly tables = new Map<Table, TableNames>();
  /** The top-level table of each row, made when a row is first asked for. */
  private rowTables: Map<TableRow, Table> | undefined;

  constructor(blocks: readonly Block[]) {
    new PathWalk(this.paragraphs, this.tables).walk(blocks);
  }

  /** The path of a paragraph of the story's top level (its own, or the clause's it continues). */
  paragraph(paragraph: Paragraph): string | undefined {
    return this.paragraphs.get(paragraph);
  }

  /** The name of a table of the story's top level. */
  table(table: Table): string | undefined {
    return this.tables.get(table)?.name;
  }

  /** How a row of a top-level table is cited in it: `row "MP202"`, or `row 5` without a key. */
  rowKey(row: TableRow): string | undefined {
    if (!this.rowTables) {
      this.rowTables = new Map();
      for (const table of this.tables.keys()) for (const r of table.rows) this.rowTables.set(r, table);
    }
    const table = this.rowTables.get(row);
    const names = table && this.tables.get(table);
    if (!table || !names) return undefined;
    names.rows ??= rowKeys(table);
    return names.rows.get(row);
  }
}

class PathWalk {
  private readonly paths: Map<Paragraph, string>;
  private readonly tables: Map<Table, TableNames>;
  private readonly stack: Ancestor[] = [];
  private path: string | undefined;
  /** How the last heading is cited: what a restarted numbering or a table sits under. */
  private heading: string | undefined;
  /** An unnumbered heading came after the last clause: what follows belongs to no clause. */
  private afterHeading = false;
  private readonly roots = new Set<string>();
  private prefix: string | undefined;
  /** Paths of the first run of numbering, prefixed only if the numbering restarts later. */
  private readonly firstRun: { paragraph: Paragraph; path: string }[] = [];
  private firstRunHeading: string | undefined;
  private restarted = false;
  private tableCount = 0;
  private readonly tableHeadings = new Map<string, number>();
  private readonly pendingTables: { table: Table; caption?: string; heading?: string; index: number }[] = [];

  constructor(paths: Map<Paragraph, string>, tables: Map<Table, TableNames>) {
    this.paths = paths;
    this.tables = tables;
  }

  walk(blocks: readonly Block[]): void {
    blocks.forEach((block, i) => {
      if (block.type === 'paragraph') this.paragraph(block);
      // A caption above the table, or below it when no other table follows that could own it.
      else if (block.type === 'table') this.table(block, captionOf(blocks[i - 1]) ?? (blocks[i + 2]?.type === 'table' ? undefined : captionOf(blocks[i + 1])));
    });
    if (this.restarted && this.firstRunHeading !== undefined) for (const { paragraph, path } of this.firstRun) this.paths.set(paragraph, `${this.firstRunHeading}, ${path}`);
    for (const pending of this.pendingTables) {
      const sharedHeading = pending.heading !== undefined && (this.tableHeadings.get(pending.heading) ?? 0) > 1;
      const name = pending.caption ?? (pending.heading !== undefined && !sharedHeading ? `Table under ${pending.heading}` : `Table ${pending.index}`);
      this.tables.set(pending.table, { name });
    }
  }

  private paragraph(paragraph: Paragraph): void {
    const numbering = paragraph.numbering;
    const numbered = numbering !== undefined && !numbering.isBullet && numbering.label.trim() !== '';
    if (numbered) {
      this.enter({ numId: numbering.numId, level: numbering.level, label: numbering.label.trim(), indent: paragraph.layout.indentLeft ?? 0 });
      this.afterHeading = false;
    }
    if (paragraph.headingLevel !== undefined) {
      const text = paragraphText(paragraph);
      // A numbered heading is cited by its number, an unnumbered one by its text.
      this.heading = numbered ? numbering.label.trim() : text;
      if (!numbered) this.afterHeading = true;
    }
    const path = this.afterHeading ? undefined : this.path;
    if (path === undefined) return;
    const full = this.prefix === undefined ? path : `${this.prefix}, ${path}`;
    this.paths.set(paragraph, full);
    if (!this.restarted) this.firstRun.push({ paragraph, path });
  }

  /** A numbered paragraph: its ancestors are the numbered paragraphs above it that it nests in. */
  private enter(entry: Ancestor): void {
    while (this.stack.length > 0 && !isAncestor(this.stack[this.stack.length - 1] as Ancestor, entry)) this.stack.pop();
    if (this.stack.length === 0) this.root(entry.label);
    entry.path = pathBelow(this.stack[this.stack.length - 1], entry, this.stack.length === 0);
    this.stack.push(entry);
    this.path = entry.path;
  }

  /** A clause at the top of its numbering: a label met before means the numbering restarted. */
  private root(label: string): void {
    if (!this.restarted && this.roots.size === 0) this.firstRunHeading = this.heading;
    if (this.roots.has(label)) {
      this.restarted = true;
      this.roots.clear();
      this.prefix = this.heading;
    }
    this.roots.add(label);
  }

  private table(table: Table, caption: string | undefined): void {
    this.tableCount++;
    const heading = this.heading;
    if (heading !== undefined && caption === undefined) this.tableHeadings.set(heading, (this.tableHeadings.get(heading) ?? 0) + 1);
    this.pendingTables.push({ table, index: this.tableCount, ...(caption !== undefined && { caption }), ...(heading !== undefined && { heading }) });
  }
}

/**
 * Whether `above` is an ancestor of `entry`: a shallower level of the same list, or, between
 * lists, a paragraph indented less.
 */
function isAncestor(above: Ancestor, entry: Ancestor): boolean {
  if (above.numId === entry.numId) return above.level < entry.level;
  return above.indent < entry.indent - 0.5;
}

/**
 * The path of `entry` under `parent` (the stack's top, whose path is built): the parent's path and
 * the entry's label joined, unless the label already carries the parent's number (`G1.6` carries
 * `G1`), when it stands alone — after the parent's keyword if it has one (`Article 3` → `3.1`
 * reads `Article 3.1`). Built once per numbered paragraph from its parent's, never by walking the
 * ancestors again.
 */
function pathBelow(parent: Ancestor | undefined, entry: Ancestor, top: boolean): string {
  const own = normaliseLabel(entry.label, top);
  if (parent === undefined) return own;
  if (carries(entry.label, parent.label)) {
    const keyword = KEYWORD_LABEL.exec(parent.label)?.[1];
    return keyword !== undefined && !KEYWORD_LABEL.test(entry.label) ? `${keyword} ${own}` : own;
  }
  return joinLabels(parent.path as string, own);
}

/** Whether a label already carries its ancestor's number (`3.1` carries `3.` and `Article 3`). */
function carries(label: string, ancestor: string): boolean {
  const core = numberOf(ancestor);
  const own = numberOf(label);
  return core !== '' && own.length > core.length && own.startsWith(core) && /[.\-–]/.test(own.charAt(core.length));
}

/** The number in a label, without brackets, a trailing full stop or a keyword. */
function numberOf(label: string): string {
  const keyword = KEYWORD_LABEL.exec(label);
  const bare = keyword ? (keyword[2] as string) : label;
  return bare.replace(/^\(/, '').replace(/[.)]+$/, '');
}

/**
 * A label as it reads inside a path: `1.` → `1`, `a)` and `a.` → `(a)` (below the top), `(a)` and
 * `G3.5` as they are.
 */
function normaliseLabel(label: string, top: boolean): string {
  if (/^\(.*\)$/.test(label) || KEYWORD_LABEL.test(label)) return label;
  const bare = label.replace(/[.)]+$/, '');
  if (!top && /^[\p{L}]{1,4}$/u.test(bare)) return `(${bare})`;
  return bare;
}

function joinLabels(parent: string, child: string): string {
  if (child.startsWith('(')) return `${parent}${child}`;
  if (/^\d/.test(child) && /\d$/.test(parent)) return `${parent}.${child}`;
  return `${parent} ${child}`;
}

function paragraphText(paragraph: Paragraph): string {
  return clip(paragraph.inlines.map(displayText).join(''));
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_KEY ? `${flat.slice(0, MAX_KEY - 1).trimEnd()}…` : flat;
}

/** The caption a paragraph next to a table gives it, if it is one. */
function captionOf(block: Block | undefined): string | undefined {
  if (block?.type !== 'paragraph') return undefined;
  const text = block.inlines.map(displayText).join('').replace(/\s+/g, ' ').trim();
  const isCaptionStyle = /^caption$/i.test(block.styleId ?? '') || /^caption$/i.test(block.styleName ?? '');
  const match = CAPTION_TEXT.exec(text);
  // Without the caption style, only a line that reads as one: `Table 7`, `Table 7: Charges`.
  const readsAsCaption = match !== null && /^(\s*[:.–—-]|$)/.test(text.slice(match[0].length));
  if (match && (isCaptionStyle || readsAsCaption)) return match[0].replace(/[.:–-]+$/, '');
  return isCaptionStyle && text !== '' ? clip(text) : undefined;
}

/** Each row's key: its first cell's text when that is unique in the table, else its number. */
function rowKeys(table: Table): Map<TableRow, string> {
  const texts = table.rows.map((row) => {
    const first = row.cells[0];
    return first ? clip(first.blocks.map((b) => (b.type === 'paragraph' ? b.inlines.map(displayText).join('') : '')).join(' ')) : '';
  });
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return new Map(
    table.rows.map((row, i) => {
      const text = texts[i] as string;
      return [row, text !== '' && counts.get(text) === 1 ? `row "${text}"` : `row ${i + 1}`];
    }),
  );
}
