/**
 * Clause numbers typed at the start of a paragraph (`1.`, `1.2`, `(a)`, `(iv)`, `a)`, `Article 3`,
 * `Section 2.1`), recognised as the paragraph's label, as Word's own numbering is: a typed
 * renumbering is then a renumbering, not a word change, and a clause number moves with its clause.
 *
 * The label leaves the paragraph's text and becomes its `numbering` (marked `typed`, with the
 * white space that followed it), so the comparison never sees it; the DOCX writers put it back as
 * text. Levels are inferred from the order in which label styles appear: a style met for the
 * first time nests under the one before it, a style met before is a sibling of it (`1.` → `(a)` →
 * `(i)` → `(ii)` → `(b)` → `2.`). `(i)` is a letter after `(h)`, a roman numeral otherwise.
 */
import type { Block, Inline, Numbering, Paragraph, TextRun } from '../model/document.js';

/** The list id of typed labels (no Word list stands behind them). */
export const TYPED_LIST = 'typed';

/** Words that name a clause (`Article 3`, `Section 2.1`, `Schedule 4`). */
const KEYWORDS = 'Article|Section|Clause|Part|Schedule|Chapter|Annex|Appendix|Paragraph|Rule|Regulation';

/** A label, the white space after it, and the first character of the text after that. */
const DECIMAL = /^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)([ \t]+|$)/;
const BRACKETED = /^(\((?:[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\))([ \t]+|$)/;
const CLOSED = /^((?:[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\))([ \t]+|$)/;
const KEYWORDED = new RegExp(`^((?:${KEYWORDS}) (?:\\d{1,3}[A-Z]?(?:\\.\\d{1,3})*|[IVXLC]{1,6}|[A-Z])[.:]?)(\\t+|[ ]+|$)`);

interface TypedLabel {
  readonly label: string;
  readonly separator: string;
  /** The label's style: labels of one style are siblings. */
  readonly style: string;
  /** Its value, for telling `(i)` the letter from `(i)` the numeral. */
  readonly value: number;
  /** For `(i)`, `(v)`, `(x)`…: the style and value if it is read as the other kind. */
  readonly alternative?: { readonly style: string; readonly value: number };
}

interface Level {
  readonly style: string;
  readonly value: number;
}

/**
 * The blocks with the typed labels of their top-level paragraphs recognised (table cells, whose
 * leading numbers are values, are left alone; so are paragraphs that already have a number).
 */
export function recogniseTypedLabels(blocks: readonly Block[]): Block[] {
  const levels: Level[] = [];
  return blocks.map((block) => {
    if (block.type !== 'paragraph' || block.numbering !== undefined) return block;
    const typed = typedLabelOf(block, levels);
    if (!typed) return block;
    const level = placeLabel(levels, typed);
    return withTypedLabel(block, typed, level);
  });
}

/** Where a label goes among the open levels: a sibling of the same style, else one level deeper. */
function placeLabel(levels: Level[], typed: TypedLabel): number {
  let style = typed.style;
  let value = typed.value;
  const alternative = typed.alternative;
  if (alternative) {
    const own = levels.find((l) => l.style === typed.style);
    const other = levels.find((l) => l.style === alternative.style);
    // The reading that continues an open level wins; a lone `(i)` starts roman numerals.
    const continuesOther = other !== undefined && other.value + 1 === alternative.value;
    const continuesOwn = own !== undefined && own.value + 1 === typed.value;
    if (continuesOther && !continuesOwn) ({ style, value } = alternative);
  }
  const at = levels.findIndex((l) => l.style === style);
  if (at >= 0) levels.length = at;
  levels.push({ style, value });
  return levels.length - 1;
}

function typedLabelOf(paragraph: Paragraph, levels: readonly Level[]): TypedLabel | undefined {
  const first = paragraph.inlines.find((inline) => inline.type !== 'marker');
  if (first?.type !== 'text') return undefined;
  const text = first.text;
  const decimal = DECIMAL.exec(text);
  if (decimal) {
    const label = decimal[1] as string;
    const parts = label.replace(/\.$/, '').split('.').map(Number);
    // `1.` and `1.2.` are labels; `1.2` before clause text, or before any text when it is the
    // next number of an open level (`2.3 by written agreement` after `2.2`), while `1.5 million`
    // out of sequence is a number.
    if (label.endsWith('.') || startsClauseText(text.slice(decimal[0].length)) || continuesDecimal(levels, parts)) {
      return { label, separator: decimal[2] as string, style: `decimal:${parts.length}`, value: parts[parts.length - 1] as number };
    }
  }
  const bracketed = BRACKETED.exec(text) ?? CLOSED.exec(text);
  if (bracketed) {
    const label = bracketed[1] as string;
    const shape = label.startsWith('(') ? '()' : ')';
    return { label, separator: bracketed[2] as string, ...styleOfCounter(label.replace(/[()]/g, ''), shape) };
  }
  const keyworded = KEYWORDED.exec(text);
  if (keyworded) {
    const rest = text.slice(keyworded[0].length);
    const separator = keyworded[2] as string;
    // `Section 2.1 applies where…` cites a section; `Section 2.1 Scope` or `Article 3<tab>` names one.
    if (rest !== '' && separator.startsWith(' ') && !startsClauseText(rest) && !/^[–—-]/.test(rest)) return undefined;
    const label = keyworded[1] as string;
    return { label, separator, style: `keyword:${label.split(' ')[0] as string}`, value: 0 };
  }
  return undefined;
}

/**
 * Whether a decimal number (`2.3` as [2, 3]) is the next of its open level (after `2.2`), or the
 * first under an open parent (`2.1` after `2.`). Levels keep only each style's last value, so the
 * parent's value stands for the number's prefix.
 */
function continuesDecimal(levels: readonly Level[], parts: readonly number[]): boolean {
  const last = parts[parts.length - 1] as number;
  const parent = parts[parts.length - 2] as number;
  const own = levels.find((level) => level.style === `decimal:${parts.length}`);
  const above = levels.find((level) => level.style === `decimal:${parts.length - 1}`);
  if (above === undefined || above.value !== parent) return false;
  return own === undefined ? last === 1 : own.value + 1 === last;
}

/** Text that starts as a clause's does: a capital, a digit, a bracket or a quote. */
function startsClauseText(text: string): boolean {
  return text === '' || /^[\p{Lu}\p{N}(“"‘'[]/u.test(text);
}

/** The style and value of a counter (`a`, `iv`, `B`, `12`), with the other reading of `i`, `v`, `x`…. */
function styleOfCounter(counter: string, shape: string): Pick<TypedLabel, 'style' | 'value' | 'alternative'> {
  if (/^\d+$/.test(counter)) return { style: `${shape}digit`, value: Number(counter) };
  const lower = counter === counter.toLowerCase();
  const kase = lower ? 'lower' : 'upper';
  const romanValue = romanToNumber(counter.toLowerCase());
  const letterValue = /^(.)\1*$/i.test(counter) ? counter.toLowerCase().charCodeAt(0) - 96 + 26 * (counter.length - 1) : undefined;
  const roman = romanValue === undefined ? undefined : { style: `${shape}${kase}-roman`, value: romanValue };
  const letter = letterValue === undefined ? undefined : { style: `${shape}${kase}-letter`, value: letterValue };
  if (roman && letter) {
    // `i`, `ii`, `iii` are numerals unless they continue letters; `v`, `x`, `c`… letters unless
    // they continue numerals.
    return counter.length > 1 || counter.toLowerCase() === 'i' ? { ...roman, alternative: letter } : { ...letter, alternative: roman };
  }
  return roman ?? letter ?? { style: `${shape}${kase}-letter`, value: 0 };
}

const ROMAN_DIGITS: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** The value of a well-formed roman numeral, or undefined. */
function romanToNumber(text: string): number | undefined {
  if (!/^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/.test(text) || text === '') return undefined;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN_DIGITS[text.charAt(i)] as number;
    const next = ROMAN_DIGITS[text.charAt(i + 1)] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** The paragraph with its label taken out of its first run and made its numbering. */
function withTypedLabel(paragraph: Paragraph, typed: TypedLabel, level: number): Paragraph {
  const numbering: Numbering = { numId: TYPED_LIST, level, label: typed.label, isBullet: false, typed: { separator: typed.separator } };
  const cut = typed.label.length + typed.separator.length;
  let done = false;
  const inlines: Inline[] = [];
  for (const inline of paragraph.inlines) {
    if (done || inline.type !== 'text') {
      inlines.push(inline);
      continue;
    }
    done = true;
    if (inline.text.length > cut) inlines.push(cutText(inline, cut));
  }
  return { ...paragraph, inlines, numbering };
}

function cutText(run: TextRun, from: number): TextRun {
  return { ...run, text: run.text.slice(from) };
}
