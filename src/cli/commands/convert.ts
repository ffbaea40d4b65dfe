/** `redline convert VERSION -o OUT.pdf|OUT.docx`: a clean version in another format. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../diagnostics/errors.js';
import { runConvert } from '../../api/convert.js';
import type { CommandIo } from '../io.js';
import { parseDate, parsePdfOptions, PDF_OPTIONS, PDF_OPTIONS_HELP } from '../options.js';
import { readInput } from '../../io/read-input.js';
import { writeOutputsAtomically } from '../../io/write-outputs.js';

export const CONVERT_HELP = `Usage: redline convert VERSION -o OUT.pdf|OUT.docx [-o …] [options]

Writes a clean version (no markup): VERSION (.docx, .txt or .md) as a PDF laid out from the
document model, or as a DOCX (from text or Markdown; a DOCX's tracked changes accepted).

Options:
  -o, --output FILE        an output file, .pdf or .docx (repeat for several)
  --date ISO-8601          the PDF's creation date (default: none, for deterministic output)
${PDF_OPTIONS_HELP.split('\n').filter((line) => !line.includes('changed-pages-only')).join('\n')}
  -q, --quiet              print nothing but errors`;

export async function convertCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o', multiple: true }, date: { type: 'string' }, ...PDF_OPTIONS, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('convert needs one VERSION (see redline convert --help)');
  if (values['changed-pages-only']) throw new UsageError('--changed-pages-only: a clean version has no changes (use it with compare)');
  const outputs = values.output ?? [];
  if (outputs.length === 0) throw new UsageError('convert needs an output: -o OUT.pdf or -o OUT.docx');
  const input = positionals[0] as string;
  const date = parseDate(values.date);
  const result = await runConvert({ version: { bytes: await readInput(input), name: input }, outputs, pdf: parsePdfOptions(values), ...(date !== undefined && { date }) });
  await writeOutputsAtomically(result.outputs);
  if (!values.quiet) io.out(`wrote ${result.outputs.map((o) => o.path).join(', ')}`);
  return 0;
}
