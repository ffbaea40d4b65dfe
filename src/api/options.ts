/**
 * Checks of the options the API takes from its callers (a program, not a person at a terminal):
 * each error names the option's field and the reason, never a command-line flag.
 */
import { OptionError } from '../diagnostics/errors.js';
import type { DiffSettings } from '../diff/options.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';

/**
 * Validates an ISO-8601 date or date-time and returns it in the form Word writes
 * (`2026-03-01T09:30:00Z`). A time without a zone is UTC, never the machine's local time, so that
 * output does not depend on where it is made; impossible dates (30 February) are refused.
 */
export function normaliseDate(value: string, field = 'date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) throw new OptionError(field, `'${value}' is not an ISO-8601 date`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const fields = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exact =
    fields.getUTCFullYear() === year &&
    fields.getUTCMonth() === month - 1 &&
    fields.getUTCDate() === day &&
    fields.getUTCHours() === hour &&
    fields.getUTCMinutes() === minute &&
    fields.getUTCSeconds() === second;
  if (!exact) throw new OptionError(field, `'${value}' is not a valid date`);
  const zone = match[7] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(fields.getTime() - offset * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The date option, when given, normalised. */
export function optionalDate(value: string | undefined, field = 'date'): { date?: string } {
  return value === undefined ? {} : { date: normaliseDate(value, field) };
}

/** Values a JavaScript caller (no type checker) may get wrong in the diff options. */
export function checkDiffOptions(options: DiffSettings): void {
  if (options.granularity !== undefined && options.granularity !== 'word' && options.granularity !== 'char')
    throw new OptionError('granularity', `'${String(options.granularity)}' is not word or char`);
}

export function checkPdfOptions(options: Omit<PdfOptions, 'date'>, field: string): void {
  if (options.pageSize !== undefined && options.pageSize !== 'A4' && options.pageSize !== 'Letter') throw new OptionError(`${field}.pageSize`, `'${String(options.pageSize)}' is not A4 or Letter`);
  if (options.sourceOrder !== undefined && (!Array.isArray(options.sourceOrder) || !options.sourceOrder.every((id) => typeof id === 'string')))
    throw new OptionError(`${field}.sourceOrder`, 'expected a list of source ids');
}
