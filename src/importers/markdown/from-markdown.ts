/**
 * Markdown importer (CommonMark + GitHub tables and strikethrough, via `markdown-it`): headings,
 * paragraphs, ordered and bullet lists (nested, numbered as they will print), tables, block
 * quotes, code blocks, and emphasis as run formatting. Clause numbers typed at the start of a
 * paragraph that is not a list item (`1.2`, `(a)`, `Article 3`) become its label (see
 * `typed-labels.ts`).
 *
 * `markdown-it` parses in time linear in the input (emphasis, links and brackets included, where
 * `marked` took quadratic time) and hands over a flat stream of tokens, open and close tokens
 * standing for nesting: it is read here with explicit stacks, so no depth of lists, quotes or
 * emphasis reaches the call stack. Nesting deeper than `LIMITS.markdownDepth` is refused, since
 * the parser drops what lies deeper.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import { InputError } from '../../diagnostics/errors.js';
import { LIMITS } from '../../diagnostics/limits.js';
import { document, lineBreak, paragraph, table, tableCell, tableRow, textRun } from '../../model/build.js';
import type { Block, Document, Inline, Paragraph, RunFormat, TableCell, TableRow } from '../../model/document.js';
import { formatNumber } from '../docx/numbering.js';
import { recogniseTypedLabels } from '../typed-labels.js';

/** Numbering ids used for Markdown lists (the clean DOCX writer defines them). */
export const MARKDOWN_LISTS = { ordered: 'md-ordered', bullet: 'md-bullet' } as const;
const ORDERED_FORMATS = ['decimal', 'lowerLetter', 'lowerRoman'];
const BULLETS = ['•', '◦', '▪'];
/** Word's lists have nine levels: deeper Markdown lists keep their labels, indented as the ninth. */
const WORD_LIST_LEVELS = 9;

const parser = new MarkdownIt('default', { html: true, linkify: false, typographer: false, maxNesting: LIMITS.markdownDepth });

export function fromMarkdown(text: string, name: string, diagnostics?: Diagnostics): Document {
  const tokens = parser.parse(text.replace(/^\uFEFF/, ''), {});
  refuseTooDeep(tokens, name);
  const blocks = new BlockReader(name, diagnostics).read(tokens);
  const heading = blocks.find((b) => b.type === 'paragraph' && b.headingLevel === 1);
  const title = heading?.type === 'paragraph' ? heading.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('') : undefined;
  return document(name, 'markdown', recogniseTypedLabels(blocks), title);
}

/** The parser stops reading at its nesting limit and drops the rest: such a file is refused. */
function refuseTooDeep(tokens: readonly Token[], name: string): void {
  for (const token of tokens) {
    if (token.level >= LIMITS.markdownDepth - 1) throw new InputError(name, `Markdown nested more than ${LIMITS.markdownDepth} levels deep (each list, list item and block quote is a level)`);
  }
}

/** An open list: its kind, next number and depth among lists. */
interface OpenList {
  readonly ordered: boolean;
  next: number;
  readonly depth: number;
}

/**
 * Reads the block tokens in order. Lists, list items and quotes are open/close pairs: what they
 * mean for the blocks inside (numbering, the quote style) is kept on stacks.
 */
class BlockReader {
  private readonly lists: OpenList[] = [];
  /** Per open list item: whether its first paragraph has taken the number yet. */
  private readonly items: { numbered: boolean; readonly label: string; readonly list: OpenList }[] = [];
  private quotes = 0;
  private readonly blocks: Block[] = [];
  private rows: TableRow[] | undefined;
  private cells: TableCell[] | undefined;
  private headerRow = false;

  constructor(
    private readonly name: string,
    private readonly diagnostics: Diagnostics | undefined,
  ) {}

  read(tokens: readonly Token[]): Block[] {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      switch (token.type) {
        case 'heading_open': {
          const depth = Number(token.tag.slice(1));
          this.add(paragraph(readInlines(tokens[i + 1]), { styleId: `Heading${depth}`, headingLevel: depth }));
          i += 2;
          break;
        }
        case 'paragraph_open':
          this.add(paragraph(readInlines(tokens[i + 1])));
          i += 2;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const start = Number(token.attrGet('start') ?? '1');
          this.lists.push({ ordered: token.type === 'ordered_list_open', next: Number.isSafeInteger(start) ? start : 1, depth: this.lists.length });
          break;
        }
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.lists.pop();
          break;
        case 'list_item_open':
          this.openItem();
          break;
        case 'list_item_close':
          this.closeItem();
          break;
        case 'blockquote_open':
          this.quotes++;
          break;
        case 'blockquote_close':
          this.quotes--;
          break;
        case 'fence':
        case 'code_block':
          this.add(paragraph(plain(token.content.replace(/\n$/, ''), { font: 'Courier New' }), { styleId: 'SourceCode' }));
          break;
        case 'html_block':
          if (token.content.trim() !== '') this.add(paragraph(plain(token.content.trim(), {})));
          break;
        case 'table_open':
          this.rows = [];
          break;
        case 'thead_open':
          this.headerRow = true;
          break;
        case 'thead_close':
          this.headerRow = false;
          break;
        case 'tr_open':
          this.cells = [];
          break;
        case 'tr_close':
          this.rows?.push(tableRow(this.cells ?? [], this.headerRow));
          this.cells = undefined;
          break;
        case 'th_open':
        case 'td_open':
          this.cells?.push(tableCell([paragraph(readInlines(tokens[i + 1], token.type === 'th_open' ? { bold: true } : {}))]));
          i += 2;
          break;
        case 'table_close':
          if (this.rows) this.add(table(this.rows));
          this.rows = undefined;
          break;
        default:
          break;
      }
    }
    return this.blocks;
  }

  private openItem(): void {
    const list = this.lists[this.lists.length - 1];
    if (!list) return;
    const depth = list.depth;
    const label = list.ordered ? `${formatNumber(list.next, ORDERED_FORMATS[depth % 3] as string)}.` : (BULLETS[depth % 3] as string);
    list.next += 1;
    this.items.push({ numbered: false, label, list });
  }

  private closeItem(): void {
    const item = this.items.pop();
    if (item && !item.numbered) this.blocks.push(this.numbered(paragraph([]), item));
  }

  /** The item's numbering, on Word's nine list levels. */
  private numbered(block: Paragraph, item: { readonly label: string; readonly list: OpenList }): Paragraph {
    const depth = item.list.depth;
    if (depth >= WORD_LIST_LEVELS)
      this.diagnostics?.warn(
        'limits/list-level-clamped',
        `lists nested more than ${WORD_LIST_LEVELS} levels deep are indented as the ${WORD_LIST_LEVELS}th level (Word has ${WORD_LIST_LEVELS}); their numbers are kept`,
        this.name,
      );
    const numbering = { numId: item.list.ordered ? MARKDOWN_LISTS.ordered : MARKDOWN_LISTS.bullet, level: Math.min(depth, WORD_LIST_LEVELS - 1), label: item.label, isBullet: !item.list.ordered };
    return { ...block, numbering, styleId: 'ListParagraph' };
  }

  private add(block: Block): void {
    let out = block;
    if (this.quotes > 0 && out.type === 'paragraph') out = { ...out, styleId: 'Quote', layout: { ...out.layout, indentLeft: 36 } };
    // The innermost open item's first paragraph carries its number; nested lists keep their own.
    const item = this.items[this.items.length - 1];
    if (item && !item.numbered && out.type === 'paragraph' && out.numbering === undefined) {
      item.numbered = true;
      out = this.numbered(out, item);
    }
    this.blocks.push(out);
  }
}

function plain(text: string, format: RunFormat): Inline[] {
  const out: Inline[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(lineBreak(format));
    if (line !== '') out.push(textRun(line, format));
  });
  return out;
}

/** What each inline open token adds to the formatting of the text inside it. */
const INLINE_FORMATS: Readonly<Record<string, RunFormat>> = {
  strong_open: { bold: true },
  em_open: { italic: true },
  s_open: { strike: true },
  link_open: { underline: 'single', color: '0563C1' },
};

/**
 * The runs of an `inline` token. Emphasis, links and strikethrough open and close around text:
 * a stack of formats, however deep they nest.
 */
function readInlines(inline: Token | undefined, base: RunFormat = {}): Inline[] {
  const out: Inline[] = [];
  const formats: RunFormat[] = [base];
  const current = (): RunFormat => formats[formats.length - 1] as RunFormat;
  for (const token of inline?.children ?? []) {
    const adds = INLINE_FORMATS[token.type];
    if (adds) {
      formats.push({ ...current(), ...adds });
      continue;
    }
    if (token.nesting === -1) {
      if (formats.length > 1) formats.pop();
      continue;
    }
    switch (token.type) {
      case 'text':
      case 'html_inline':
        if (token.content !== '') out.push(textRun(token.content, current()));
        break;
      case 'code_inline':
        out.push(textRun(token.content, { ...current(), font: 'Courier New' }));
        break;
      case 'softbreak':
      case 'hardbreak':
        out.push(lineBreak(current()));
        break;
      case 'image':
        if (token.content !== '') out.push(textRun(token.content, current()));
        break;
      default:
        if (token.content !== '') for (const piece of plain(token.content, current())) out.push(piece);
    }
  }
  return out;
}
