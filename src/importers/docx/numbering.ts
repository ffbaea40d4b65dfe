/**
 * Clause labels computed from `word/numbering.xml` (ECMA-376 Part 1 §17.9), the way Word shows
 * them: multi-level `lvlText` (`%1.%2`), number formats, `start`, `lvlRestart`, `isLgl`,
 * `lvlOverride`/`startOverride`, numbering styles (`numStyleLink`) and levels tied to paragraph
 * styles (`w:pStyle` in a level).
 *
 * Counting follows Word: lists (`w:num`) that share an abstract definition continue one another
 * unless a list overrides a start value, which makes it a list of its own that restarts.
 */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import { clampCount, LIMITS } from '../../diagnostics/limits.js';
import type { ParagraphLayout } from '../../model/document.js';
import { attr, childElements, firstChild, type XmlDocument, type XmlElement } from '../../ooxml/xml.js';
import { readParagraphLayout } from './formatting.js';
import type { StyleSheet } from './styles.js';

interface LevelDefinition {
  readonly start: number;
  readonly format: string;
  readonly text: string;
  /** 1-based level whose use restarts this level; 0 = never; undefined = any higher level. */
  readonly restartAfter?: number;
  readonly isLegal: boolean;
  readonly styleId?: string;
  readonly layout: ParagraphLayout;
}

interface AbstractDefinition {
  readonly id: string;
  readonly levels: (LevelDefinition | undefined)[];
  readonly numStyleLink?: string;
}

interface ListInstance {
  readonly numId: string;
  readonly abstractId: string;
  readonly startOverrides: ReadonlyMap<number, number>;
  readonly levelOverrides: ReadonlyMap<number, LevelDefinition>;
}

export interface NumberedLabel {
  readonly numId: string;
  readonly level: number;
  readonly label: string;
  readonly isBullet: boolean;
  readonly layout: ParagraphLayout;
}

const LEVELS = 9;

/** Where numbering values outside their range are reported. */
export interface NumberingReport {
  readonly diagnostics: Diagnostics;
  readonly file?: string;
}

/**
 * A start value, clamped to `0…LIMITS.numberingStart` (a 32-bit count, as Word keeps it): a
 * start of 10⁹ or 1e400 is a count like any other, never a loop or a string of that length.
 */
function startValue(raw: string | undefined, report: NumberingReport | undefined, element: string): number {
  if (report === undefined) return Math.min(Math.max(Math.trunc(Number(raw ?? '0')) || 0, 0), LIMITS.numberingStart);
  return clampCount(raw, { min: 0, max: LIMITS.numberingStart, fallback: 0 }, { ...report, code: 'limits/numbering-start-clamped', what: `numbering: ${element}` });
}

/** A list level (`w:ilvl`): 0-8, anything else is no level. */
export function levelIndex(raw: string | undefined): number | undefined {
  const value = Number(raw ?? '0');
  return Number.isInteger(value) && value >= 0 && value < LEVELS ? value : undefined;
}

export class NumberingDefinitions {
  private readonly abstracts = new Map<string, AbstractDefinition>();
  private readonly lists = new Map<string, ListInstance>();
  private readonly styles: StyleSheet;

  constructor(doc: XmlDocument | undefined, styles: StyleSheet, report?: NumberingReport) {
    this.styles = styles;
    if (!doc) return;
    for (const abstract of childElements(doc.root, 'w:abstractNum')) {
      const id = abstract.attrs['w:abstractNumId'];
      if (id === undefined) continue;
      const levels: (LevelDefinition | undefined)[] = new Array<LevelDefinition | undefined>(LEVELS).fill(undefined);
      for (const lvl of childElements(abstract, 'w:lvl')) {
        const index = levelIndex(lvl.attrs['w:ilvl']);
        if (index !== undefined) levels[index] = readLevel(lvl, report);
      }
      const link = attr(firstChild(abstract, 'w:numStyleLink'), 'w:val');
      this.abstracts.set(id, { id, levels, ...(link !== undefined && { numStyleLink: link }) });
    }
    for (const num of childElements(doc.root, 'w:num')) {
      const numId = num.attrs['w:numId'];
      const abstractId = attr(firstChild(num, 'w:abstractNumId'), 'w:val');
      if (numId === undefined || abstractId === undefined) continue;
      const startOverrides = new Map<number, number>();
      const levelOverrides = new Map<number, LevelDefinition>();
      for (const override of childElements(num, 'w:lvlOverride')) {
        const level = levelIndex(override.attrs['w:ilvl']);
        if (level === undefined) continue;
        const start = attr(firstChild(override, 'w:startOverride'), 'w:val');
        if (start !== undefined) startOverrides.set(level, startValue(start, report, 'w:startOverride'));
        const lvl = firstChild(override, 'w:lvl');
        if (lvl) levelOverrides.set(level, readLevel(lvl, report));
      }
      this.lists.set(numId, { numId, abstractId, startOverrides, levelOverrides });
    }
  }

  list(numId: string): ListInstance | undefined {
    return this.lists.get(numId);
  }

  /** The abstract definition behind a list, following numbering-style links. */
  abstractFor(list: ListInstance): AbstractDefinition | undefined {
    let abstract = this.abstracts.get(list.abstractId);
    for (let hops = 0; abstract?.numStyleLink !== undefined && hops < 4; hops++) {
      const linked = this.styles.numbering(abstract.numStyleLink)?.numId;
      const target = linked === undefined ? undefined : this.lists.get(linked);
      const next = target ? this.abstracts.get(target.abstractId) : undefined;
      if (!next || next === abstract) break;
      abstract = next;
    }
    return abstract;
  }

  level(list: ListInstance, abstract: AbstractDefinition, level: number): LevelDefinition | undefined {
    return list.levelOverrides.get(level) ?? abstract.levels[level];
  }

  /** The level of a list tied to a paragraph style (`w:pStyle` inside `w:lvl`). */
  levelForStyle(numId: string, styleId: string): number | undefined {
    const list = this.lists.get(numId);
    const abstract = list && this.abstractFor(list);
    const index = abstract?.levels.findIndex((lvl) => lvl?.styleId === styleId);
    return index === undefined || index < 0 ? undefined : index;
  }
}

function readLevel(lvl: XmlElement, report: NumberingReport | undefined): LevelDefinition {
  const restart = attr(firstChild(lvl, 'w:lvlRestart'), 'w:val');
  const styleId = attr(firstChild(lvl, 'w:pStyle'), 'w:val');
  const isLegal = firstChild(lvl, 'w:isLgl');
  return {
    start: startValue(attr(firstChild(lvl, 'w:start'), 'w:val'), report, 'w:start'),
    format: attr(firstChild(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
    text: attr(firstChild(lvl, 'w:lvlText'), 'w:val') ?? '',
    isLegal: isLegal !== undefined && isLegal.attrs['w:val'] !== 'false' && isLegal.attrs['w:val'] !== '0',
    layout: readParagraphLayout(firstChild(lvl, 'w:pPr')),
    ...(restart !== undefined && { restartAfter: Number(restart) }),
    ...(styleId !== undefined && { styleId }),
  };
}

/** Counts numbered paragraphs in document order and gives each its label. */
export class NumberingCounter {
  private readonly definitions: NumberingDefinitions;
  /** Counter sets by list key: the abstract id, or the list id for lists that restart. */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seenLists = new Set<string>();

  constructor(definitions: NumberingDefinitions) {
    this.definitions = definitions;
  }

  /** Advances the counters for one paragraph of list `numId` at `level` and returns its label. */
  next(numId: string, level: number): NumberedLabel | undefined {
    if (!Number.isInteger(level) || level < 0 || level >= LEVELS) return undefined;
    const list = this.definitions.list(numId);
    const abstract = list && this.definitions.abstractFor(list);
    if (!list || !abstract) return undefined;
    const definition = this.definitions.level(list, abstract, level);
    if (!definition) return undefined;

    const key = list.startOverrides.size > 0 ? `num:${numId}` : `abstract:${abstract.id}`;
    let counts = this.counters.get(key);
    if (!counts) {
      counts = new Array<number | undefined>(LEVELS).fill(undefined);
      this.counters.set(key, counts);
    }
    if (!this.seenLists.has(numId)) {
      this.seenLists.add(numId);
      for (const [overridden] of list.startOverrides) counts[overridden] = undefined;
    }
    const startOf = (index: number): number => list.startOverrides.get(index) ?? this.definitions.level(list, abstract, index)?.start ?? 0;

    const current = counts[level];
    counts[level] = current === undefined ? startOf(level) : current + 1;
    for (let deeper = level + 1; deeper < LEVELS; deeper++) {
      const restartAfter = this.definitions.level(list, abstract, deeper)?.restartAfter;
      // `lvlRestart` N: restart only when a level at or above (1-based) level N is numbered.
      if (restartAfter === undefined || (restartAfter !== 0 && level + 1 <= restartAfter)) counts[deeper] = undefined;
    }

    const isBullet = definition.format === 'bullet';
    const label = isBullet
      ? bulletText(definition.text)
      : definition.text.replace(/%([1-9])/g, (_, digit: string) => {
          const index = Number(digit) - 1;
          const value = counts[index] ?? startOf(index);
          const format = definition.isLegal ? 'decimal' : (this.definitions.level(list, abstract, index)?.format ?? 'decimal');
          return formatNumber(value, format);
        });
    return { numId, level, label: definition.format === 'none' ? '' : label, isBullet, layout: definition.layout };
  }
}

/** Bullets in Symbol/Wingdings fonts use private-use code points; show the usual glyph. */
function bulletText(text: string): string {
  if (text === '') return '';
  const code = text.codePointAt(0) ?? 0;
  if (code >= 0xf000 && code <= 0xf0ff) {
    const symbol = code - 0xf000;
    if (symbol === 0xa7) return '▪';
    if (symbol === 0x6f || symbol === 0x71) return '◦';
    if (symbol === 0xd8) return '➢';
    if (symbol === 0xfc) return '✓';
    return '•';
  }
  return text;
}

const ROMAN_HUNDREDS = ['', 'c', 'cc', 'ccc', 'cd', 'd', 'dc', 'dcc', 'dccc', 'cm'];
const ROMAN_TENS = ['', 'x', 'xx', 'xxx', 'xl', 'l', 'lx', 'lxx', 'lxxx', 'xc'];
const ROMAN_UNITS = ['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix'];

/**
 * Roman numerals digit by digit (thousands as repeated `m`, as Word writes them), so any value
 * costs the same few steps; the `m`s stop at {@link LIMITS.numberChars}.
 */
function roman(value: number): string {
  if (value <= 0) return String(value);
  const thousands = Math.floor(value / 1000);
  return (
    'm'.repeat(Math.min(thousands, LIMITS.numberChars)) +
    (ROMAN_HUNDREDS[Math.floor(value / 100) % 10] as string) +
    (ROMAN_TENS[Math.floor(value / 10) % 10] as string) +
    (ROMAN_UNITS[value % 10] as string)
  );
}

/**
 * Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated, not base 26); the
 * repetition stops at {@link LIMITS.numberChars} letters.
 */
function letters(value: number): string {
  if (value <= 0) return String(value);
  const letter = String.fromCharCode(97 + ((value - 1) % 26));
  return letter.repeat(Math.min(Math.floor((value - 1) / 26) + 1, LIMITS.numberChars));
}

const CARDINALS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function ordinalSuffix(value: number): string {
  const tens = value % 100;
  if (tens >= 11 && tens <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
}

/** Formats one level's counter in a `w:numFmt`; unknown formats fall back to decimal. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(value).toUpperCase();
    case 'lowerRoman':
      return roman(value);
    case 'upperLetter':
      return letters(value).toUpperCase();
    case 'lowerLetter':
      return letters(value);
    case 'decimalZero':
      return value < 10 && value >= 0 ? `0${value}` : String(value);
    case 'ordinal':
      return `${value}${ordinalSuffix(value)}`;
    case 'cardinalText':
      return capitalise(CARDINALS[value] ?? String(value));
    case 'ordinalText':
      return capitalise(ORDINALS[value] ?? `${value}${ordinalSuffix(value)}`);
    case 'decimalEnclosedCircle':
      return value >= 1 && value <= 20 ? String.fromCodePoint(0x2460 + value - 1) : String(value);
    case 'none':
      return '';
    default:
      return String(value);
  }
}
