/**
 * Reading run and paragraph formatting out of `w:rPr` and `w:pPr` (ECMA-376 Part 1, §17.3.2 and
 * §17.3.1). Values come back in points; only what the comparison and the PDF use is read.
 */
import type { ParagraphLayout, RunFormat } from '../../model/document.js';
import { attr, firstChild, onOff, type XmlElement } from '../../ooxml/xml.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The formatting set directly in an `w:rPr` (absent properties stay absent). */
export function readRunFormat(rPr: XmlElement | undefined): RunFormat {
  if (!rPr) return {};
  const format: Mutable<RunFormat> = {};
  const bold = onOff(firstChild(rPr, 'w:b'));
  if (bold !== undefined) format.bold = bold;
  const italic = onOff(firstChild(rPr, 'w:i'));
  if (italic !== undefined) format.italic = italic;
  const underline = attr(firstChild(rPr, 'w:u'), 'w:val');
  if (underline !== undefined) format.underline = underline;
  else if (firstChild(rPr, 'w:u')) format.underline = 'single';
  const strike = onOff(firstChild(rPr, 'w:strike'));
  if (strike !== undefined) format.strike = strike;
  const doubleStrike = onOff(firstChild(rPr, 'w:dstrike'));
  if (doubleStrike !== undefined) format.doubleStrike = doubleStrike;
  const vertAlign = attr(firstChild(rPr, 'w:vertAlign'), 'w:val');
  if (vertAlign === 'superscript' || vertAlign === 'subscript') format.vertAlign = vertAlign;
  const smallCaps = onOff(firstChild(rPr, 'w:smallCaps'));
  if (smallCaps !== undefined) format.smallCaps = smallCaps;
  const caps = onOff(firstChild(rPr, 'w:caps'));
  if (caps !== undefined) format.caps = caps;
  const fonts = firstChild(rPr, 'w:rFonts');
  const font = attr(fonts, 'w:ascii') ?? attr(fonts, 'w:hAnsi');
  if (font !== undefined) format.font = font;
  const size = Number(attr(firstChild(rPr, 'w:sz'), 'w:val'));
  if (Number.isFinite(size) && size > 0) format.size = size / 2;
  const color = attr(firstChild(rPr, 'w:color'), 'w:val');
  if (color !== undefined && color !== 'auto') format.color = color;
  const highlight = attr(firstChild(rPr, 'w:highlight'), 'w:val');
  if (highlight !== undefined && highlight !== 'none') format.highlight = highlight;
  const styleId = attr(firstChild(rPr, 'w:rStyle'), 'w:val');
  if (styleId !== undefined) format.styleId = styleId;
  return format;
}

/** `over` wins property by property; `false`/`none` values clear the base. */
export function mergeRunFormat(base: RunFormat, over: RunFormat): RunFormat {
  const merged: Mutable<RunFormat> = { ...base, ...over };
  if (merged.underline === 'none') delete merged.underline;
  return merged;
}

const TWIPS_PER_POINT = 20;

function twips(element: XmlElement | undefined, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = attr(element, name);
    if (value !== undefined) {
      const n = Number(value);
      if (Number.isFinite(n)) return n / TWIPS_PER_POINT;
    }
  }
  return undefined;
}

/** The layout set directly in a `w:pPr`. */
export function readParagraphLayout(pPr: XmlElement | undefined): ParagraphLayout {
  if (!pPr) return {};
  const layout: Mutable<ParagraphLayout> = {};
  const jc = attr(firstChild(pPr, 'w:jc'), 'w:val');
  if (jc !== undefined) layout.align = alignment(jc);
  const ind = firstChild(pPr, 'w:ind');
  const left = twips(ind, 'w:left', 'w:start');
  if (left !== undefined) layout.indentLeft = left;
  const right = twips(ind, 'w:right', 'w:end');
  if (right !== undefined) layout.indentRight = right;
  const hanging = twips(ind, 'w:hanging');
  const firstLine = twips(ind, 'w:firstLine');
  if (hanging !== undefined) layout.indentFirstLine = -hanging;
  else if (firstLine !== undefined) layout.indentFirstLine = firstLine;
  const spacing = firstChild(pPr, 'w:spacing');
  const before = twips(spacing, 'w:before');
  if (before !== undefined) layout.spaceBefore = before;
  const after = twips(spacing, 'w:after');
  if (after !== undefined) layout.spaceAfter = after;
  const keepNext = onOff(firstChild(pPr, 'w:keepNext'));
  if (keepNext !== undefined) layout.keepWithNext = keepNext;
  const pageBreakBefore = onOff(firstChild(pPr, 'w:pageBreakBefore'));
  if (pageBreakBefore !== undefined) layout.pageBreakBefore = pageBreakBefore;
  const bidi = onOff(firstChild(pPr, 'w:bidi'));
  if (bidi !== undefined) layout.rightToLeft = bidi;
  return layout;
}

function alignment(jc: string): ParagraphLayout['align'] {
  switch (jc) {
    case 'center':
      return 'center';
    case 'right':
    case 'end':
      return 'right';
    case 'both':
    case 'distribute':
    case 'thaiDistribute':
      return 'both';
    default:
      return 'left';
  }
}

export function mergeLayout(base: ParagraphLayout, over: ParagraphLayout): ParagraphLayout {
  return { ...base, ...over };
}
