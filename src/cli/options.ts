/** Parsing and validation of the options the commands share. */
import { UsageError } from '../diagnostics/errors.js';
import type { DiffOptions } from '../diff/options.js';
import type { RevisionView } from '../model/document.js';

const IGNORABLE = ['case', 'whitespace', 'quotes', 'formatting'] as const;

/** `--ignore case,quotes --ignore formatting` → diff options. */
export function parseIgnore(values: readonly string[] | undefined): DiffOptions {
  const options: { ignoreCase?: boolean; ignoreWhitespace?: boolean; ignoreQuotes?: boolean; ignoreFormatting?: boolean } = {};
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const name = item.trim();
    if (name === '') continue;
    if (!(IGNORABLE as readonly string[]).includes(name)) throw new UsageError(`--ignore: unknown value '${name}' (use ${IGNORABLE.join(', ')})`);
    if (name === 'case') options.ignoreCase = true;
    if (name === 'whitespace') options.ignoreWhitespace = true;
    if (name === 'quotes') options.ignoreQuotes = true;
    if (name === 'formatting') options.ignoreFormatting = true;
  }
  return options;
}

export function parseGranularity(value: string | undefined): DiffOptions['granularity'] {
  if (value === undefined) return undefined;
  if (value !== 'word' && value !== 'char') throw new UsageError(`--granularity: '${value}' is not word or char`);
  return value;
}

export function parseView(option: string, value: string | undefined): RevisionView | undefined {
  if (value === undefined) return undefined;
  if (value !== 'before' && value !== 'after') throw new UsageError(`${option}: '${value}' is not before or after`);
  return value;
}

/** Validates an ISO-8601 date-time and returns it in the form Word writes (`2026-03-01T09:30:00Z`). */
export function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) throw new UsageError(`--date: '${value}' is not an ISO-8601 date`);
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--date: '${value}' is not a valid date`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
