/** Parsing and validation of the options the commands share, and the warnings they print. */
import type { Diagnostic, DiffSettings, PdfOutputOptions, RevisionView } from '../api/index.js';
import { UsageError } from '../diagnostics/errors.js';
import type { CommandIo } from './io.js';

/** `typography` (quotes, dashes, no-break spaces) was first called `quotes`, kept as an alias. */
const IGNORABLE = ['case', 'whitespace', 'typography', 'quotes', 'formatting', 'numbering'] as const;

/** `--ignore case,typography --ignore formatting` → diff options. */
export function parseIgnore(values: readonly string[] | undefined): DiffSettings {
  const options: { ignoreCase?: boolean; ignoreWhitespace?: boolean; ignoreQuotes?: boolean; ignoreFormatting?: boolean; ignoreNumbering?: boolean } = {};
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const name = item.trim();
    if (name === '') continue;
    if (!(IGNORABLE as readonly string[]).includes(name)) throw new UsageError(`--ignore: unknown value '${name}' (use ${IGNORABLE.join(', ')})`);
    if (name === 'case') options.ignoreCase = true;
    if (name === 'whitespace') options.ignoreWhitespace = true;
    if (name === 'typography' || name === 'quotes') options.ignoreQuotes = true;
    if (name === 'formatting') options.ignoreFormatting = true;
    if (name === 'numbering') options.ignoreNumbering = true;
  }
  return options;
}

export function parseGranularity(value: string | undefined): DiffSettings['granularity'] {
  if (value === undefined) return undefined;
  if (value !== 'word' && value !== 'char') throw new UsageError(`--granularity: '${value}' is not word or char`);
  return value;
}

export function parseView(option: string, value: string | undefined): RevisionView | undefined {
  if (value === undefined) return undefined;
  if (value !== 'before' && value !== 'after') throw new UsageError(`${option}: '${value}' is not before or after`);
  return value;
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
  --title TEXT             PDF running header and HTML title (default: the document's title or file name)
  --subtitle TEXT          PDF running header and HTML subtitle, e.g. "Marked up against v26.0"`;

/** The API's PDF option fields and the flag that sets them. */
export const PDF_FLAGS: Readonly<Record<string, string>> = { 'outputs.pdf.pageSize': '--page-size', 'outputs.cleanPdf.pageSize': '--page-size' };

export function parsePdfOptions(values: PdfOptionValues): PdfOutputOptions {
  const size = values['page-size'];
  if (size !== undefined && size !== 'A4' && size !== 'Letter') throw new UsageError(`--page-size: '${size}' is not A4 or Letter`);
  return {
    ...(size !== undefined && { pageSize: size }),
    ...(values['changed-pages-only'] === true && { changedPagesOnly: true }),
    ...(values.title !== undefined && { title: values.title }),
    ...(values.subtitle !== undefined && { subtitle: values.subtitle }),
  };
}

/** Prints the warnings among the diagnostics on stderr (the JSON output lists them all). */
export function printWarnings(io: CommandIo, diagnostics: readonly Diagnostic[], prefix = ''): void {
  for (const d of diagnostics) {
    if (d.severity !== 'warning') continue;
    const where = d.location ? ` (${d.location.story ?? ''}${d.location.clausePath !== undefined ? ` ${d.location.clausePath}` : ''})`.replace('( ', '(') : '';
    io.err(`warning: ${prefix}${d.message}${where}${d.count > 1 ? ` (${d.count} times)` : ''}${d.file ? ` [${d.file}]` : ''}`);
  }
}
