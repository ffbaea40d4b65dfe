/** `redline compare OLD NEW -o OUT.docx [-o OUT.json …]` */
import { parseArgs } from 'node:util';
import { UsageError } from '../../diagnostics/errors.js';
import { runCompare } from '../../pipeline/compare.js';
import { parseDate, parseGranularity, parseIgnore, parseView } from '../options.js';
import { readInput } from '../read-input.js';
import type { CommandIo } from '../io.js';
import { writeOutputsAtomically } from '../write-outputs.js';

export const COMPARE_HELP = `Usage: redline compare OLD NEW -o OUT [-o OUT …] [options]

Compares two versions of a document (.docx, .txt or .md) and writes the redline.
The format of each output follows its extension:
  .docx   marked-up Word document with real tracked changes
  .json   the change set (see the README for the schema)
  .txt    a plain-text redline: [-deleted-] {+inserted+}

Options:
  -o, --output FILE        an output file (repeat for several)
  --author NAME            author of the tracked changes (default: Redline)
  --date ISO-8601          date of the tracked changes (default: none, for deterministic output)
  --granularity word|char  compare whole words (default) or characters
  --ignore WHAT            case, whitespace, quotes, formatting (comma-separated or repeated)
  --old-view before|after  which view of tracked changes already in OLD to read (default: after)
  --new-view before|after  the same for NEW
  -q, --quiet              print nothing but errors
  -h, --help               show this help`;

export async function compareCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o', multiple: true },
      author: { type: 'string' },
      date: { type: 'string' },
      granularity: { type: 'string' },
      ignore: { type: 'string', multiple: true },
      'old-view': { type: 'string' },
      'new-view': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('compare needs OLD and NEW (see redline compare --help)');
  const outputs = values.output ?? [];
  if (outputs.length === 0) throw new UsageError('compare needs at least one output: -o OUT.docx (see redline compare --help)');
  const [oldPath, newPath] = positionals as [string, string];
  const granularity = parseGranularity(values.granularity);
  const date = parseDate(values.date);
  const oldView = parseView('--old-view', values['old-view']);
  const newView = parseView('--new-view', values['new-view']);
  const [oldBytes, newBytes] = await Promise.all([readInput(oldPath), readInput(newPath)]);

  const result = await runCompare({
    old: { bytes: oldBytes, name: oldPath, ...(oldView && { view: oldView }) },
    new: { bytes: newBytes, name: newPath, ...(newView && { view: newView }) },
    options: {
      ...parseIgnore(values.ignore),
      ...(granularity && { granularity }),
      ...(values.author !== undefined && { author: values.author }),
      ...(date !== undefined && { date }),
    },
    outputs,
  });
  await writeOutputsAtomically(result.outputs);
  for (const d of result.diagnostics) if (d.severity === 'warning') io.err(`warning: ${d.message}${d.count > 1 ? ` (${d.count} times)` : ''}${d.file ? ` [${d.file}]` : ''}`);
  if (!values.quiet) io.out(`${result.redline.changes.length} change(s); wrote ${result.outputs.map((o) => o.path).join(', ')}`);
  return 0;
}
