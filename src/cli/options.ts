/** Parsing and validation of the options the commands share. */
import { UsageError } from '../diagnostics/errors.js';
import type { DiffOptions } from '../diff/options.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
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
