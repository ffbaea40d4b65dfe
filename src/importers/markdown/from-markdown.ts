/**
 * Markdown importer (CommonMark + GitHub tables, via `marked`'s lexer): headings, paragraphs,
 * ordered and bullet lists (nested, numbered as they will print), tables, block quotes, code
 * blocks, and emphasis as run formatting. Clause numbers typed at the start of a paragraph that is
 * not a list item (`1.2`, `(a)`, `Article 3`) become its label (see `typed-labels.ts`).
 */
import { decodeHTML } from 'entities';
import { marked, type Token, type Tokens } from 'marked';
import { document, lineBreak, paragraph, table, tableCell, tableRow, textRun } from '../../model/build.js';
import type { Block, Document, Inline, RunFormat } from '../../model/document.js';
import { formatNumber } from '../docx/numbering.js';
import { recogniseTypedLabels } from '../typed-labels.js';

/** Numbering ids used for Markdown lists (the clean DOCX writer defines them). */
export const MARKDOWN_LISTS = { ordered: 'md-ordered', bullet: 'md-bullet' } as const;
const ORDERED_FORMATS = ['decimal', 'lowerLetter', 'lowerRoman'];
const BULLETS = ['•', '◦', '▪'];

export function fromMarkdown(text: string, name: string): Document {
  const tokens = marked.lexer(text.replace(/^\uFEFF/, ''));
  const blocks: Block[] = [];
  readBlocks(tokens, blocks, 0);
  const heading = blocks.find((b) => b.type === 'paragraph' && b.headingLevel === 1);
  const title = heading?.type === 'paragraph' ? heading.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('') : undefined;
  return document(name, 'markdown', recogniseTypedLabels(blocks), title);
}

function readBlocks(tokens: readonly Token[], out: Block[], listDepth: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const t = token as Tokens.Heading;
        out.push(paragraph(readInlines(t.tokens, {}), { styleId: `Heading${t.depth}`, headingLevel: t.depth }));
        break;
      }
      case 'paragraph':
        out.push(paragraph(readInlines((token as Tokens.Paragraph).tokens, {})));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        out.push(paragraph(t.tokens ? readInlines(t.tokens, {}) : plain(t.text, {})));
        break;
      }
      case 'list':
        readList(token as Tokens.List, out, listDepth);
        break;
      case 'table':
        out.push(readTable(token as Tokens.Table));
        break;
      case 'blockquote': {
        const quoted: Block[] = [];
        readBlocks((token as Tokens.Blockquote).tokens, quoted, listDepth);
        for (const block of quoted) out.push(block.type === 'paragraph' ? { ...block, styleId: 'Quote', layout: { ...block.layout, indentLeft: 36 } } : block);
        break;
      }
      case 'code':
        out.push(paragraph(plain((token as Tokens.Code).text, { font: 'Courier New' }), { styleId: 'SourceCode' }));
        break;
      case 'html':
        if ((token as Tokens.HTML).text.trim() !== '') out.push(paragraph(plain((token as Tokens.HTML).text.trim(), {})));
        break;
      default:
        break;
    }
  }
}

function readList(list: Tokens.List, out: Block[], depth: number): void {
  const start = typeof list.start === 'number' ? list.start : 1;
  list.items.forEach((item, index) => {
    const itemBlocks: Block[] = [];
    readBlocks(item.tokens, itemBlocks, depth + 1);
    const label = list.ordered ? `${formatNumber(start + index, ORDERED_FORMATS[depth % 3] as string)}.` : (BULLETS[depth % 3] as string);
    const numbering = { numId: list.ordered ? MARKDOWN_LISTS.ordered : MARKDOWN_LISTS.bullet, level: depth, label, isBullet: !list.ordered };
    let numbered = false;
    for (const block of itemBlocks) {
      // The item's first paragraph carries the number; nested lists keep their own.
      if (!numbered && block.type === 'paragraph' && block.numbering === undefined) {
        out.push({ ...block, numbering, styleId: 'ListParagraph' });
        numbered = true;
      } else {
        out.push(block);
      }
    }
    if (!numbered) out.push(paragraph([], { numbering, styleId: 'ListParagraph' }));
  });
}

function readTable(token: Tokens.Table): Block {
  const cell = (c: Tokens.TableCell, bold: boolean): ReturnType<typeof tableCell> => tableCell([paragraph(readInlines(c.tokens, bold ? { bold: true } : {}))]);
  return table([tableRow(token.header.map((c) => cell(c, true)), true), ...token.rows.map((row) => tableRow(row.map((c) => cell(c, false))))]);
}

function plain(text: string, format: RunFormat): Inline[] {
  const out: Inline[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(lineBreak(format));
    if (line !== '') out.push(textRun(line, format));
  });
  return out;
}

function readInlines(tokens: readonly Token[], format: RunFormat): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        out.push(...readInlines((token as Tokens.Strong).tokens, { ...format, bold: true }));
        break;
      case 'em':
        out.push(...readInlines((token as Tokens.Em).tokens, { ...format, italic: true }));
        break;
      case 'del':
        out.push(...readInlines((token as Tokens.Del).tokens, { ...format, strike: true }));
        break;
      case 'codespan':
        out.push(textRun(decodeHTML((token as Tokens.Codespan).text), { ...format, font: 'Courier New' }));
        break;
      case 'link':
        out.push(...readInlines((token as Tokens.Link).tokens, { ...format, underline: 'single', color: '0563C1' }));
        break;
      case 'br':
        out.push(lineBreak(format));
        break;
      case 'image':
        out.push(textRun(decodeHTML((token as Tokens.Image).text), format));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) out.push(...readInlines(t.tokens, format));
        else out.push(...plain(decodeHTML(t.text), format));
        break;
      }
      default:
        if ('text' in token && typeof token.text === 'string') out.push(...plain(decodeHTML(token.text), format));
    }
  }
  return out;
}
