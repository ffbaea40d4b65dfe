/**
 * How a table looks, as far as a PDF draws it: cell shading (`w:shd`) and borders, from the
 * cell's own properties, the table's, and its table style (with the style's header-row formatting
 * when the table's `w:tblLook` turns it on), ECMA-376 Part 1 §17.4 and §17.7.6.
 */
import type { Border, TableBorders } from '../../model/document.js';
import { attr, childElements, firstChild, type XmlElement } from '../../ooxml/xml.js';
import type { StyleSheet } from './styles.js';

type Edge = keyof TableBorders;

/** OOXML edge names, the logical ones (`start`, `end`) included. */
const EDGE_NAMES: Readonly<Record<Edge, readonly string[]>> = {
  top: ['w:top'],
  bottom: ['w:bottom'],
  left: ['w:left', 'w:start'],
  right: ['w:right', 'w:end'],
  insideH: ['w:insideH'],
  insideV: ['w:insideV'],
};

/** A `w:shd`'s fill as RRGGBB (a solid pattern's colour), undefined when none or `auto`. */
export function readShading(pr: XmlElement | undefined): string | undefined {
  const shd = firstChild(pr, 'w:shd');
  if (!shd) return undefined;
  const value = attr(shd, 'w:val');
  const colour = value === 'solid' ? attr(shd, 'w:color') : attr(shd, 'w:fill');
  return colour !== undefined && /^[0-9a-f]{6}$/i.test(colour) ? colour.toUpperCase() : undefined;
}

/** One border: null when it is explicitly none. */
function readBorder(element: XmlElement | undefined): Border | null | undefined {
  if (!element) return undefined;
  const value = attr(element, 'w:val') ?? 'single';
  if (value === 'none' || value === 'nil') return null;
  // w:sz is in eighths of a point.
  const size = Number(attr(element, 'w:sz') ?? '4');
  const colour = attr(element, 'w:color');
  return {
    width: Math.min(6, Math.max(0.25, (Number.isFinite(size) ? size : 4) / 8)),
    ...(colour !== undefined && /^[0-9a-f]{6}$/i.test(colour) && { color: colour.toUpperCase() }),
    ...(value === 'double' && { double: true }),
  };
}

function readBorders(container: XmlElement | undefined): Partial<Record<Edge, Border | null>> {
  const out: Partial<Record<Edge, Border | null>> = {};
  if (!container) return out;
  for (const edge of Object.keys(EDGE_NAMES) as Edge[]) {
    for (const name of EDGE_NAMES[edge]) {
      const border = readBorder(firstChild(container, name));
      if (border !== undefined) {
        out[edge] = border;
        break;
      }
    }
  }
  return out;
}

/** A cell's own borders (`w:tcBorders`). */
export function readCellBorders(tcPr: XmlElement | undefined): Partial<Record<'top' | 'bottom' | 'left' | 'right', Border | null>> {
  const { top, bottom, left, right } = readBorders(firstChild(tcPr, 'w:tcBorders'));
  return { ...(top !== undefined && { top }), ...(bottom !== undefined && { bottom }), ...(left !== undefined && { left }), ...(right !== undefined && { right }) };
}

export interface TableLook {
  readonly borders: TableBorders;
  /** The shading of a cell that has none of its own, by its row. */
  rowShading(row: number, isHeader: boolean): string | undefined;
}

/** The table's borders and shading: its own properties over its style's (and the style's ancestors'). */
export function tableLook(styles: StyleSheet, tblPr: XmlElement | undefined): TableLook {
  const chain = styles.chain(attr(firstChild(tblPr, 'w:tblStyle'), 'w:val')).map((style) => style.element);
  const borders: Partial<Record<Edge, Border | null>> = {};
  for (const source of [tblPr, ...chain.map((style) => firstChild(style, 'w:tblPr'))]) {
    for (const [edge, border] of Object.entries(readBorders(firstChild(source, 'w:tblBorders'))) as [Edge, Border | null][]) if (!(edge in borders)) borders[edge] = border;
  }
  const tableShading = readShading(tblPr) ?? firstDefined(chain.map((style) => readShading(firstChild(style, 'w:tcPr')) ?? readShading(firstChild(style, 'w:tblPr'))));
  const headerShading = firstRowLook(tblPr) ? firstDefined(chain.map((style) => readShading(firstChild(conditional(style, 'firstRow'), 'w:tcPr')))) : undefined;
  return {
    borders: { top: borders.top ?? null, bottom: borders.bottom ?? null, left: borders.left ?? null, right: borders.right ?? null, insideH: borders.insideH ?? null, insideV: borders.insideV ?? null },
    rowShading: (row, isHeader) => ((row === 0 || isHeader) && headerShading !== undefined ? headerShading : tableShading),
  };
}

function conditional(style: XmlElement, type: string): XmlElement | undefined {
  return childElements(style, 'w:tblStylePr').find((element) => attr(element, 'w:type') === type);
}

/** Whether the table style's header-row formatting applies (`w:tblLook`: `w:firstRow`, or bit 0x0020 of `w:val`). */
function firstRowLook(tblPr: XmlElement | undefined): boolean {
  const look = firstChild(tblPr, 'w:tblLook');
  if (!look) return true;
  const firstRow = attr(look, 'w:firstRow');
  if (firstRow !== undefined) return firstRow === '1' || firstRow === 'true' || firstRow === 'on';
  const value = parseInt(attr(look, 'w:val') ?? '0', 16);
  return Number.isFinite(value) && (value & 0x20) !== 0;
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}
