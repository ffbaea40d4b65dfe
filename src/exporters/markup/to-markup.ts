/**
 * A compact plain-text rendering of a redline: `[-deleted-]`, `{+inserted+}`, `[>moved from<]`,
 * `{>moved to<}`; a changed paragraph mark shows as `[-¶-]` or `{+¶+}`. Used by tests (readable
 * expectations, as jsdiff's `convertChangesToXML`) and by `redline compare -o OUT.txt`.
 */
import { displayText } from '../../model/inline-text.js';
import { assertNever } from '../../util/assert-never.js';
import type { PieceStatus, Redline, RedlineBlock, RedlinePiece } from '../../model/redline.js';

const OPEN: Record<PieceStatus, string> = { equal: '', inserted: '{+', deleted: '[-', 'moved-from': '[>', 'moved-to': '{>' };
const CLOSE: Record<PieceStatus, string> = { equal: '', inserted: '+}', deleted: '-]', 'moved-from': '<]', 'moved-to': '<}' };

export function toMarkup(redline: Redline): string {
  const lines: string[] = [];
  renderBlocks(redline.body, lines, '');
  for (const note of redline.notes) {
    lines.push(`[${note.kind} ${note.id}]`);
    renderBlocks(note.blocks, lines, '  ');
  }
  return `${lines.join('\n')}\n`;
}

export function renderBlocks(blocks: readonly RedlineBlock[], lines: string[], indent: string): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph': {
        const label = block.paragraph.numbering?.label;
        const text = renderPieces(block.pieces) + (block.mark === 'equal' ? '' : `${OPEN[block.mark]}¶${CLOSE[block.mark]}`);
        lines.push(`${indent}${label ? `${label} ` : ''}${text}`);
        break;
      }
      case 'table':
        lines.push(`${indent}<table${block.status === 'equal' ? '' : ` ${block.status}`}>`);
        block.rows.forEach((row) => {
          lines.push(`${indent}  <row${row.status === 'equal' ? '' : ` ${row.status}`}>`);
          row.cells.forEach((cell) => {
            const cellLines: string[] = [];
            renderBlocks(cell.blocks, cellLines, '');
            lines.push(`${indent}    | ${cellLines.join(' / ')}`);
          });
        });
        break;
      case 'opaque':
        lines.push(`${indent}${OPEN[block.status]}[object]${CLOSE[block.status]}`);
        break;
      default:
        assertNever(block, 'block');
    }
  }
}

function renderPieces(pieces: readonly RedlinePiece[]): string {
  let out = '';
  let open: PieceStatus = 'equal';
  for (const piece of pieces) {
    if (piece.inline.type === 'marker') continue;
    if (piece.status !== open) {
      out += CLOSE[open] + OPEN[piece.status];
      open = piece.status;
    }
    out += displayText(piece.inline);
  }
  return out + CLOSE[open];
}
