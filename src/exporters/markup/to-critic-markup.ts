/**
 * A redline as Markdown with CriticMarkup (`redline compare -o OUT.md`): `{++inserted++}`,
 * `{--deleted--}`, `{~~old~>new~~}` for a replacement, `{==text==}` for text whose formatting
 * changed, and comments `{>>…<<}` that name each change's sources (with sources) and say where
 * each end of a move went or came from. Headings stay headings, bullet and Markdown lists stay
 * lists, tables become pipe tables, footnotes Markdown footnotes; clause numbers stay in front of
 * their text (`{~~G3.5~>G3.6~~}` when renumbered).
 */
import type { Change } from '../../model/change-set.js';
import { isUnattributed } from '../../model/change-set.js';
import type { Inline, Paragraph } from '../../model/document.js';
import { displayText } from '../../model/inline-text.js';
import { type PieceStatus, type Redline, type RedlineBlock, type RedlineParagraph, type RedlinePiece, type RedlineTable, wholeParagraphStatus } from '../../model/redline.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import { assertNever } from '../../util/assert-never.js';
import { citation, moveEnds } from '../change-citation.js';

export function toCriticMarkup(redline: Redline): string {
  const writer = new CriticWriter(redline);
  const blocks = writer.blocks(redline.body);
  const notes = redline.notes.map((note) => `[^${note.id}]: ${writer.inline(note.blocks)}`);
  return `${[...blocks, ...notes].join('\n\n')}\n`;
}

/** A stretch of pieces of one status and change. */
interface Run {
  readonly status: PieceStatus;
  readonly changeId: string | undefined;
  readonly formatted: boolean;
  text: string;
}

class CriticWriter {
  private readonly changes: ReadonlyMap<string, Change>;
  private readonly hasSources: boolean;
  /** The new version was Markdown: its numbered lists are written back as Markdown lists. */
  private readonly markdownLists: boolean;
  /** Move ends already annotated (`changeId\0status`): a move of several paragraphs says it once. */
  private readonly annotated = new Set<string>();
  /** Changes whose sources were named: once each, at their first stretch. */
  private readonly named = new Set<string>();

  constructor(redline: Redline) {
    this.changes = new Map(redline.changes.map((change) => [change.id, change]));
    this.hasSources = redline.sources.length > 0;
    this.markdownLists = redline.new.format === 'markdown';
  }

  blocks(blocks: readonly RedlineBlock[]): string[] {
    return blocks.map((block) => {
      switch (block.type) {
        case 'paragraph':
          return this.paragraph(block);
        case 'table':
          return this.table(block);
        case 'opaque':
          return mark(block.status, '[object]');
        default:
          return assertNever(block, 'block');
      }
    });
  }

  /** Blocks as one line (a table cell, a note): paragraphs joined by `<br>`. */
  inline(blocks: readonly RedlineBlock[]): string {
    return blocks.map((block) => (block.type === 'paragraph' ? this.content(block) : block.type === 'opaque' ? '[object]' : '[table]')).join('<br>');
  }

  private paragraph(block: RedlineParagraph): string {
    const paragraph = block.paragraph;
    const list = listPrefix(paragraph, this.markdownLists);
    const prefix = list ?? headingPrefix(paragraph);
    const label = list !== undefined ? '' : this.label(block);
    const whole = wholeParagraphStatus(block);
    let content = this.content(block);
    // A paragraph inserted, deleted or moved whole brings its number with it.
    if (label !== '') content = whole !== undefined && !block.labelChangeId ? this.mergeLabel(label, content, whole) : `${label} ${content}`;
    if (prefix !== undefined) return `${prefix}${content}`;
    return escapeLineStart(content);
  }

  /** The clause number: `{~~G3.5~>G3.6~~}` when renumbered. */
  private label(block: RedlineParagraph): string {
    const label = block.paragraph.numbering?.label ?? '';
    const renumber = block.labelChangeId === undefined ? undefined : this.changes.get(block.labelChangeId);
    if (renumber) return `{~~${escapeMarkdown(renumber.oldLabel ?? renumber.oldText)}~>${escapeMarkdown(renumber.newLabel ?? renumber.newText)}~~}`;
    return escapeMarkdown(label);
  }

  /** Puts the number inside the marks of a paragraph inserted, deleted or moved whole. */
  private mergeLabel(label: string, content: string, status: PieceStatus): string {
    const open = OPEN[status];
    return content.startsWith(open) ? `${open}${label} ${content.slice(open.length)}` : `${label} ${content}`;
  }

  /** The paragraph's pieces as CriticMarkup, its changed mark (a split or join) as `{++¶++}`/`{--¶--}`. */
  private content(block: RedlineParagraph): string {
    let out = '';
    const runs = pieceRuns(block.pieces);
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i] as Run;
      const next = runs[i + 1];
      if (run.status === 'deleted' && next?.status === 'inserted' && next.changeId === run.changeId) {
        out += `{~~${run.text}~>${next.text}~~}${this.comment(run)}`;
        i++;
        continue;
      }
      out += run.formatted ? `{==${run.text}==}${this.comment(run)}` : `${mark(run.status, run.text)}${run.status === 'equal' ? '' : this.comment(run)}`;
    }
    const whole = wholeParagraphStatus(block) !== undefined;
    if (!whole && (block.mark === 'inserted' || block.mark === 'deleted')) out += mark(block.mark, '¶');
    return out;
  }

  /** The comment after a change: its sources (with sources), and for a move where its other end is. */
  private comment(run: Run): string {
    const change = run.changeId === undefined ? undefined : this.changes.get(run.changeId);
    if (!change) return '';
    const notes: string[] = [];
    if (this.hasSources && !this.named.has(change.id)) {
      this.named.add(change.id);
      notes.push(isUnattributed(change) ? UNATTRIBUTED_AUTHOR : change.sources.join(', '));
    }
    const key = `${change.id}\u0000${run.status}`;
    if (change.kind === 'move' && (run.status === 'moved-from' || run.status === 'moved-to') && !this.annotated.has(key)) {
      this.annotated.add(key);
      const ends = moveEnds(change);
      notes.push(run.status === 'moved-from' ? `moved to ${citation(ends.to)}` : `moved from ${citation(ends.from)}`);
    }
    if (change.kind === 'format' && run.formatted) notes.push('formatting changed');
    const text = notes.filter((note) => note !== '').join('; ');
    return text === '' ? '' : `{>>${text}<<}`;
  }

  /** A pipe table: its first row the header, cells on one line, `|` escaped. */
  private table(block: RedlineTable): string {
    const columns = Math.max(1, ...block.rows.map((row) => row.cells.length));
    const rows = block.rows.map((row) => {
      const cells = row.cells.map((cell) => this.inline(cell.blocks).replace(/\|/g, '\\|'));
      while (cells.length < columns) cells.push('');
      return `| ${cells.join(' | ')} |`;
    });
    if (rows.length === 0) return '';
    return [rows[0], `|${Array.from({ length: columns }, () => ' --- ').join('|')}|`, ...rows.slice(1)].join('\n');
  }
}

const OPEN: Record<PieceStatus, string> = { equal: '', inserted: '{++', deleted: '{--', 'moved-from': '{--', 'moved-to': '{++' };
const CLOSE: Record<PieceStatus, string> = { equal: '', inserted: '++}', deleted: '--}', 'moved-from': '--}', 'moved-to': '++}' };

function mark(status: PieceStatus, text: string): string {
  return status === 'equal' ? text : `${OPEN[status]}${text}${CLOSE[status]}`;
}

/** Consecutive pieces of one status and change (markers dropped), their text escaped. */
function pieceRuns(pieces: readonly RedlinePiece[]): Run[] {
  const runs: Run[] = [];
  for (const piece of pieces) {
    if (piece.inline.type === 'marker') continue;
    const formatted = piece.status === 'equal' && piece.previousFormat !== undefined;
    const changeId = piece.status === 'equal' && !formatted ? undefined : piece.changeId;
    const last = runs[runs.length - 1];
    const text = pieceText(piece.inline);
    if (last && last.status === piece.status && last.changeId === changeId && last.formatted === formatted) last.text += text;
    else runs.push({ status: piece.status, changeId, formatted, text });
  }
  return runs;
}

function pieceText(inline: Inline): string {
  if (inline.type === 'atom' && inline.note) return `[^${inline.note.id}]`;
  if (inline.type === 'atom' && inline.kind === 'break') return '<br>';
  return escapeMarkdown(displayText(inline));
}

/** Markdown's own syntax characters in text, escaped so the text reads as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, (c) => `\\${c}`).replace(/\{(?=[+\-~=>])/g, '\\{');
}

/** A line that would start a heading, quote, list or rule is escaped at its first character. */
function escapeLineStart(line: string): string {
  if (/^(#|>|[-+=](\s|$)|\d+[.)](\s|$))/.test(line)) return line.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#>+=-])/, '\\$1');
  return line;
}

/** `#` to `######` for a heading paragraph. */
function headingPrefix(paragraph: Paragraph): string | undefined {
  const level = paragraph.headingLevel;
  return level === undefined ? undefined : `${'#'.repeat(Math.min(6, Math.max(1, level)))} `;
}

/**
 * A bullet, or an item of a numbered list of a Markdown version: `- ` or `3. `, indented by its
 * level. Other numbers (a Word list's, typed ones) are the clause's label, written as text.
 */
function listPrefix(paragraph: Paragraph, markdownLists: boolean): string | undefined {
  const numbering = paragraph.numbering;
  if (!numbering || paragraph.headingLevel !== undefined) return undefined;
  if (numbering.isBullet) return `${'  '.repeat(numbering.level)}- `;
  if (markdownLists && !numbering.typed && /^\d+[.)]$/.test(numbering.label)) return `${'   '.repeat(numbering.level)}${numbering.label} `;
  return undefined;
}
