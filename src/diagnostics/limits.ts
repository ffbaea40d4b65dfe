/**
 * The resource limits of the engine, in one place (the README's "Safety limits on input" lists
 * them). Every count read from a document or a file is bounded by one of these: past a limit the
 * input is refused (an {@link InputError}, exit 2) or the value is clamped to it with a warning
 * whose code starts with `limits/`. Each is far above what a real document needs (a 1,000-page
 * code runs to about 20,000 paragraphs, nested a few levels, with paragraphs of a few thousand
 * characters), so the limits cost nothing on ordinary documents, and low enough that the worst
 * input within them fits in about 1 GB and never overflows the stack.
 */

import { quote } from '../util/quote.js';
import type { Diagnostics } from './diagnostic.js';

export const LIMITS = {
  /** Largest input file read, in bytes (DOCX, text, Markdown, manifests, reports, state files). */
  inputBytes: 512 * 1024 * 1024,
  /**
   * Deepest nesting of XML elements in a part. Word's deepest real structures (a table in a
   * text box in a table cell, a drawing group) stay well under 100 levels; every recursive walk
   * over the XML and over the model built from it is bounded by this depth, far below the stack.
   */
  xmlDepth: 256,
  /** Longest paragraph, in characters (the longest real ones are a few thousand). */
  paragraphChars: 64 * 1024 * 1024,
  /** Largest numbering start value (`w:start`, `w:startOverride`): Word's 32-bit maximum. */
  numberingStart: 2_147_483_647,
  /** Longest part of a clause label made from one counter (a letter repeated, Ms of a roman numeral). */
  numberChars: 64,
  /** Most grid columns a cell spans, and a row fills (Word allows 63). */
  tableColumns: 1_000,
  /** Deepest nesting of Markdown block structure (lists, block quotes). */
  markdownDepth: 64,
  /**
   * Most pages of a PDF output, summary pages included: ten times the longest real redline (a
   * 1,000-page code marked up runs to about 1,500). Each page costs a few milliseconds and tens of
   * kilobytes while the file is built, so a document of 10⁵ page breaks would take minutes and
   * several gigabytes.
   */
  pdfPages: 10_000,
  /** Most lines of a PDF output, known before layout (a line break starts one): about 5,000 pages. */
  pdfLines: 250_000,
  /**
   * Most lines of a text or Markdown file, blank lines included: ten times a 1,000-page code
   * (about 50,000 lines). Two files of 500,000 lines compare within the 1 GB heap (920 MiB
   * resident); two of 10⁶ do not yet (the two models alone take 560 MB).
   */
  textLines: 500_000,
} as const;

/**
 * A whole number read from a document, clamped into `[min, max]`; a value that is not a number
 * at all gives `fallback`. A clamped value is reported once per code (folded with a count).
 */
export function clampCount(
  raw: string | undefined,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
  report: { readonly diagnostics: Diagnostics; readonly code: string; readonly what: string; readonly file?: string },
): number {
  if (raw === undefined) return range.fallback;
  const value = Number(raw);
  if (Number.isNaN(value) || raw.trim() === '') return range.fallback;
  if (value >= range.min && value <= range.max) return Math.trunc(value);
  const clamped = value < range.min ? range.min : range.max;
  report.diagnostics.warn(report.code, `${report.what} ${quote(raw, 24)} is outside ${range.min}…${range.max}; taken as ${clamped}`, report.file);
  return clamped;
}
