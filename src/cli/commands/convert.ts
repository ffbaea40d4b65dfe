/** `redline convert VERSION -o OUT.pdf|OUT.docx`: a clean version in another format. */
import { convert } from '../../api/index.js';
import { UsageError } from '../../diagnostics/errors.js';
import { readInput } from '../../io/read-input.js';
import { writeOutputsAtomically } from '../../io/write-outputs.js';
import { parseCommandArguments } from '../arguments.js';
import type { CommandIo } from '../io.js';
import { PDF_OPTIONS, PDF_OPTIONS_HELP, parsePdfOptions, printWarnings } from '../options.js';

export const CONVERT_HELP = `Usage: redline convert VERSION -o OUT.pdf|OUT.docx [-o …] [options]

Writes a clean version (no markup): VERSION (.docx, .txt or .md) as a PDF laid out from the
document model, or as a DOCX (from text or Markdown; a DOCX's tracked changes accepted).

Options:
  -o, --output FILE        an output file, .pdf or .docx (repeat for several)
  --date ISO-8601          the PDF's creation date (default: none, for deterministic output)
${PDF_OPTIONS_HELP.split('\n')
  .filter((line) => !line.includes('changed-pages-only'))
  .join('\n')}
  -q, --quiet              print nothing but errors`;

/** The API's option fields and the flags that set them. */
export const CONVERT_FLAGS: Readonly<Record<string, string>> = { date: '--date', 'outputs.pdf.pageSize': '--page-size' };

const OPTIONS = {
  output: { type: 'string', short: 'o', multiple: true },
  date: { type: 'string' },
  ...PDF_OPTIONS,
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function convertCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArguments('convert', args, OPTIONS, CONVERT_HELP);
  if (values.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('convert needs one VERSION (see redline convert --help)');
  if (values['changed-pages-only']) throw new UsageError('--changed-pages-only: a clean version has no changes (use it with compare)');
  const paths = values.output ?? [];
  if (paths.length === 0) throw new UsageError('convert needs an output: -o OUT.pdf or -o OUT.docx');
  const kinds = paths.map((path) => {
    const kind = /\.pdf$/i.test(path) ? 'pdf' : /\.docx$/i.test(path) ? 'docx' : undefined;
    if (kind === undefined) throw new UsageError(`${path}: convert writes .pdf or .docx`);
    return { path, kind } as const;
  });
  const input = positionals[0] as string;
  const result = await convert(
    { bytes: await readInput(input), name: input },
    {
      outputs: { ...(kinds.some((k) => k.kind === 'docx') && { docx: true }), ...(kinds.some((k) => k.kind === 'pdf') && { pdf: parsePdfOptions(values) }) },
      ...(values.date !== undefined && { date: values.date }),
    },
  );
  const files = kinds.map(({ path, kind }) => ({ path, data: result.value.outputs[kind] as Uint8Array }));
  await writeOutputsAtomically(files);
  printWarnings(io, result.diagnostics);
  if (!values.quiet) io.out(`wrote ${files.map((o) => o.path).join(', ')}`);
  return 0;
}
