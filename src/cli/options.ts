/** Parsing and validation of the options the commands share. */
import { UsageError } from '../diagnostics/errors.js';
import type { DiffOptions } from '../diff/options.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { RevisionView } from '../model/document.js';

const IGNORABLE = ['case', 'whitespace', 'quotes', 'formatting', 'numbering'] as const;

/** `--ignore case,quotes --ignore formatting` → diff options. */
export function parseIgnore(values: readonly string[] | undefined): DiffOptions {
  const options: { ignoreCase?: boolean; ignoreWhitespace?: boolean; ignoreQuotes?: boolean; ignoreFormatting?: boolean; ignoreNumbering?: boolean } = {};
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const name = item.trim();
    if (name === '') continue;
    if (!(IGNORABLE as readonly string[]).includes(name)) throw new UsageError(`--ignore: unknown value '${name}' (use ${IGNORABLE.join(', ')})`);
    if (name === 'case') options.ignoreCase = true;
    if (name === 'whitespace') options.ignoreWhitespace = true;
    if (name === 'quotes') options.ignoreQuotes = true;
    if (name === 'formatting') options.ignoreFormatting = true;
    if (name === 'numbering') options.ignoreNumbering = true;
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

/**
 * Validates an ISO-8601 date or date-time and returns it in the form Word writes
 * (`2026-03-01T09:30:00Z`). A time without a zone is UTC, never the machine's local time, so that
 * output does not depend on where it is made; impossible dates (30 February) are refused.
 */
export function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) throw new UsageError(`--date: '${value}' is not an ISO-8601 date`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const fields = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exact = fields.getUTCFullYear() === year && fields.getUTCMonth() === month - 1 && fields.getUTCDate() === day && fields.getUTCHours() === hour && fields.getUTCMinutes() === minute && fields.getUTCSeconds() === second;
  if (!exact) throw new UsageError(`--date: '${value}' is not a valid date`);
  const zone = match[7] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(fields.getTime() - offset * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface PdfOptionValues {
  readonly 'page-size'?: string;
  readonly 'changed-pages-only'?: boolean;
  readonly title?: string;
  readonly subtitle?: string;
}

/** The options of `parseArgs` that PDF outputs take. */
export const PDF_OPTIONS = {
  'page-size': { type: 'string' },
  'changed-pages-only': { type: 'boolean' },
  title: { type: 'string' },
  subtitle: { type: 'string' },
} as const;

export const PDF_OPTIONS_HELP = `  --page-size A4|Letter    PDF page size (default A4)
  --changed-pages-only     PDF: keep only the pages that carry a change, with their real numbers
  --title TEXT             PDF running header title (default: the document's title or file name)
  --subtitle TEXT          PDF running header subtitle, e.g. "Marked up against v26.0"`;

export function parsePdfOptions(values: PdfOptionValues): Omit<PdfOptions, 'date'> {
  const size = values['page-size'];
  if (size !== undefined && size !== 'A4' && size !== 'Letter') throw new UsageError(`--page-size: '${size}' is not A4 or Letter`);
  return {
    ...(size !== undefined && { pageSize: size }),
    ...(values['changed-pages-only'] === true && { changedPagesOnly: true }),
    ...(values.title !== undefined && { title: values.title }),
    ...(values.subtitle !== undefined && { subtitle: values.subtitle }),
  };
}
