/**
 * A compact plain-text rendering of a redline: `[-deleted-]`, `{+inserted+}`, `[>moved from<]`,
 * `{>moved to<}`; a changed paragraph mark shows as `[-¶-]` or `{+¶+}`. A renumbered clause shows
 * `[-G3.5-]{+G3.6+}`; a paragraph inserted, deleted or moved whole carries its number inside its
 * marks; each end of a move says where the other is (`(moved to G2.46)`, `(moved from G1.31)`); a
 * changed line is cited by its full clause path (`G1.6(a)`, not `(a)`), a table and its changed
 * rows by their names. Used by tests (readable expectations, as jsdiff's `convertChangesToXML`)
 * and by `redline compare -o OUT.txt`.
 */

import type { Change } from '../../model/change-set.js';
import { displayText } from '../../model/inline-text.js';
import { type PieceStatus, type Redline, type RedlineBlock, type RedlineParagraph, type RedlinePiece, type RedlineTable, wholeParagraphStatus } from '../../model/redline.js';
import { assertNever } from '../../util/assert-never.js';
import { citation, moveEnds } from '../change-citation.js';

const OPEN: Record<PieceStatus, string> = { equal: '', inserted: '{+', deleted: '[-', 'moved-from': '[>', 'moved-to': '{>' };
const CLOSE: Record<PieceStatus, string> = { equal: '', inserted: '+}', deleted: '-]', 'moved-from': '<]', 'moved-to': '<}' };

export function toMarkup(redline: Redline): string {
  const writer = new MarkupWriter(redline.changes);
  const lines: string[] = [];
  writer.blocks(redline.body, lines, '');
  for (const note of redline.notes) {
    lines.push(`[${note.kind} ${note.id}]`);
    writer.blocks(note.blocks, lines, '  ');
  }
  return `${lines.join('\n')}\n`;
}

class MarkupWriter {
  private readonly changes: ReadonlyMap<string, Change>;
  /** Move ends already annotated (`name\0from`): a move of several paragraphs says it once. */
  private readonly annotated = new Set<string>();

  constructor(changes: readonly Change[]) {
    this.changes = new Map(changes.map((change) => [change.id, change]));
  }

  blocks(blocks: readonly RedlineBlock[], lines: string[], indent: string): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
          lines.push(`${indent}${this.paragraph(block)}`);
          break;
        case 'table':
          this.table(block, lines, indent);
          break;
        case 'opaque':
          lines.push(`${indent}${OPEN[block.status]}[object]${CLOSE[block.status]}`);
          break;
        default:
          assertNever(block, 'block');
      }
    }
  }

  /** A table line (named after the table), a line per row (changed rows named), a line per cell. */
  private table(block: RedlineTable, lines: string[], indent: string): void {
    const name = this.tableName(
      block.rows.flatMap((row) => row.cells.flatMap((cell) => cell.blocks)),
      block.rows.map((row) => row.changeId),
    );
    lines.push(`${indent}<table${block.status === 'equal' ? '' : ` ${block.status}`}${name === undefined ? '' : `: ${name}`}>`);
    block.rows.forEach((row) => {
      const rowName = row.status === 'inserted' || row.status === 'deleted' ? this.changes.get(row.changeId ?? '')?.location.path : undefined;
      lines.push(`${indent}  <row${row.status === 'equal' ? '' : ` ${row.status}`}${rowName === undefined ? '' : `: ${rowName}`}>`);
      row.cells.forEach((cell) => {
        const cellLines: string[] = [];
        this.blocks(cell.blocks, cellLines, '');
        lines.push(`${indent}    | ${cellLines.join(' / ')}`);
      });
    });
  }

  private paragraph(block: RedlineParagraph): string {
    const whole = wholeParagraphStatus(block);
    const label = this.label(block);
    let text = this.pieces(block.pieces);
    if (block.mark !== 'equal') text += `${OPEN[block.mark]}¶${CLOSE[block.mark]}`;
    // A paragraph inserted, deleted or moved whole brings its number with it.
    if (whole !== undefined && label !== '' && text.startsWith(OPEN[whole])) return `${OPEN[whole]}${label} ${text.slice(OPEN[whole].length)}`;
    return label === '' ? text : `${label} ${text}`;
  }

  /** The clause number: renumbered as `[-old-]{+new+}`, the full path on a line that changed. */
  private label(block: RedlineParagraph): string {
    const label = block.paragraph.numbering?.label ?? '';
    const renumber = block.labelChangeId === undefined ? undefined : this.changes.get(block.labelChangeId);
    if (renumber) return `${OPEN.deleted}${renumber.oldLabel ?? renumber.oldText}${CLOSE.deleted}${OPEN.inserted}${renumber.newLabel ?? renumber.newText}${CLOSE.inserted}`;
    if (label === '' || block.unchanged) return label;
    const changeId = block.markChangeId ?? block.pieces.find((piece) => piece.changeId !== undefined)?.changeId;
    const change = changeId === undefined ? undefined : this.changes.get(changeId);
    const location = change?.kind === 'move' && block.side === 'new' ? change.to : change?.location;
    const path = location?.path;
    const own = label.replace(/\.$/, '');
    // Only a path that ends with the paragraph's own number is the paragraph's (a moved piece's is not).
    return path !== undefined && path !== own && location?.row === undefined && path.endsWith(own) ? path : label;
  }

  private pieces(pieces: readonly RedlinePiece[]): string {
    let out = '';
    let open: PieceStatus = 'equal';
    let pending = '';
    for (const piece of pieces) {
      if (piece.inline.type === 'marker') continue;
      if (piece.status !== open) {
        out += CLOSE[open] + pending;
        pending = '';
        out += OPEN[piece.status];
        open = piece.status;
        pending = this.moveNote(piece);
      }
      out += displayText(piece.inline);
    }
    return out + CLOSE[open] + pending;
  }

  /** At the first stretch of each end of a move: where the other end is. */
  private moveNote(piece: RedlinePiece): string {
    if ((piece.status !== 'moved-from' && piece.status !== 'moved-to') || piece.changeId === undefined) return '';
    const change = this.changes.get(piece.changeId);
    const key = `${piece.changeId}\u0000${piece.status}`;
    if (change?.kind !== 'move' || this.annotated.has(key)) return '';
    this.annotated.add(key);
    const { from, to } = moveEnds(change);
    return piece.status === 'moved-from' ? `(moved to ${citation(to)})` : `(moved from ${citation(from)})`;
  }

  /** The name of a table, from the path of a change in it. */
  private tableName(blocks: readonly RedlineBlock[], rowChangeIds: readonly (string | undefined)[]): string | undefined {
    const ids = [...rowChangeIds, ...blocks.flatMap((b) => (b.type === 'paragraph' ? b.pieces.map((p) => p.changeId) : []))];
    for (const id of ids) {
      const path = id === undefined ? undefined : this.changes.get(id)?.location.path;
      if (path !== undefined) return path.replace(/, row .*$/, '');
    }
    return undefined;
  }
}
