/** `redline apply OLD --source ID=FILE … -o NEW.docx [-o REDLINE.docx] [-o REPORT.json]` */
import { basename } from 'node:path';
import { apply, type ConflictPolicy, hasIssues } from '../../api/index.js';
import { UsageError } from '../../diagnostics/errors.js';
import { readInput } from '../../io/read-input.js';
import { writeOutputsAtomically } from '../../io/write-outputs.js';
import { parseCommandArguments } from '../arguments.js';
import type { CommandIo } from '../io.js';
import { PDF_FLAGS, PDF_OPTIONS, PDF_OPTIONS_HELP, parseGranularity, parseIgnore, parsePdfOptions, printWarnings } from '../options.js';
import { applyOutputPaths, countLine, outputFiles, outputKinds } from '../outputs.js';
import { readSourceSpecs, readSourcesFile } from '../sources.js';

export const APPLY_HELP = `Usage: redline apply OLD --source ID=FILE [--source ID=FILE …] -o NEW.docx [-o REDLINE.docx] [-o REPORT.json]

Conforms the new version from OLD and the sources' edits (a three-way merge): the first .docx
output is the new version, a second .docx its redline against OLD with every change attributed
to its source, .pdf the redline marked up, .json the report, .txt a text redline, .md the
redline in CriticMarkup. With reviewers' copies as sources, this consolidates their edits into
one tracked document.

Options:
  --source ID=FILE         a source: a full version, a DOCX with tracked changes or a manual redline
  --sources FILE           sources.json: each source's title and kind
  --on-conflict POLICY     fail (default: stop, exit 3), first (the first source's edit wins), or
                           skip (neither edit is applied); conflicts are always reported
  --date ISO-8601, --ignore WHAT, --granularity word|char   as for compare
  -o REDLINE.pdf           the redline as a marked-up PDF, with:
${PDF_OPTIONS_HELP}
  -q, --quiet              print nothing but errors

Exit codes: 0 done; 2 bad input or usage; 3 conflicts with --on-conflict fail (only the report is
written); 4 the report lists unattributed changes, edits not applied or conflicts.`;

/** The API's option fields and the flags that set them. */
export const APPLY_FLAGS: Readonly<Record<string, string>> = { date: '--date', granularity: '--granularity', sources: '--source', onConflict: '--on-conflict', ...PDF_FLAGS };

const OPTIONS = {
  output: { type: 'string', short: 'o', multiple: true },
  source: { type: 'string', multiple: true },
  sources: { type: 'string' },
  'on-conflict': { type: 'string' },
  date: { type: 'string' },
  granularity: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  ...PDF_OPTIONS,
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function applyCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArguments('apply', args, OPTIONS, APPLY_HELP);
  if (values.help) {
    io.out(APPLY_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('apply needs OLD (see redline apply --help)');
  if (!values.source || values.source.length === 0) throw new UsageError('apply needs at least one --source ID=FILE');
  const paths = applyOutputPaths(values.output ?? []);
  const oldPath = positionals[0] as string;
  const granularity = parseGranularity(values.granularity);
  const clean = paths.find((p) => p.kind === 'cleanDocx');
  const result = await apply({ bytes: await readInput(oldPath), name: oldPath }, await readSourceSpecs(values.source, '--source', await readSourcesFile(values.sources)), {
    onConflict: (values['on-conflict'] ?? 'fail') as ConflictPolicy,
    ...parseIgnore(values.ignore),
    ...(granularity && { granularity }),
    ...(values.date !== undefined && { date: values.date }),
    outputs: outputKinds(paths, parsePdfOptions(values)),
    // Named after its file, not its path: outputs must not depend on where they are written.
    ...(clean && { newName: basename(clean.path) }),
  });
  const { value } = result;
  const files = outputFiles(paths, value.outputs);
  await writeOutputsAtomically(files);
  printWarnings(io, result.diagnostics);
  for (const conflict of value.conflicts) {
    io.err(
      `conflict: ${conflict.sources.join(' and ')} edit "${conflict.oldText}" differently: ${Object.entries(conflict.texts)
        .map(([id, text]) => `${id}: "${text}"`)
        .join('; ')}`,
    );
  }
  if (value.failed) {
    io.err(`redline: ${value.conflicts.length} conflict(s); nothing applied (use --on-conflict first or skip to apply anyway)`);
    return 3;
  }
  if (!values.quiet) io.out(`${countLine(value.changes)} applied; wrote ${files.map((o) => o.path).join(', ')}`);
  return hasIssues(value.report) ? 4 : 0;
}
