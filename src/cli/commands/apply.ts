/** `redline apply OLD --source ID=FILE … -o NEW.docx [-o REDLINE.docx] [-o REPORT.json]` */
import { parseArgs } from 'node:util';
import { hasIssues } from '../../attribution/report.js';
import type { ConflictPolicy } from '../../apply/merge-sources.js';
import { UsageError } from '../../diagnostics/errors.js';
import { applyOutputKinds, runApply } from '../../api/apply.js';
import type { CommandIo } from '../io.js';
import { parseDate, parseGranularity, parseIgnore, parsePdfOptions, PDF_OPTIONS, PDF_OPTIONS_HELP } from '../options.js';
import { readInput } from '../../io/read-input.js';
import { readSourceSpecs, readSourcesFile } from '../sources.js';
import { writeOutputsAtomically } from '../../io/write-outputs.js';

export const APPLY_HELP = `Usage: redline apply OLD --source ID=FILE [--source ID=FILE …] -o NEW.docx [-o REDLINE.docx] [-o REPORT.json]

Conforms the new version from OLD and the sources' edits (a three-way merge): the first .docx
output is the new version, a second .docx its redline against OLD with every change attributed
to its source, .json the report. With reviewers' copies as sources, this consolidates their edits
into one tracked document.

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

export async function applyCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
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
    },
  });
  if (values.help) {
    io.out(APPLY_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('apply needs OLD (see redline apply --help)');
  if (!values.source || values.source.length === 0) throw new UsageError('apply needs at least one --source ID=FILE');
  const policy = values['on-conflict'] ?? 'fail';
  if (policy !== 'fail' && policy !== 'first' && policy !== 'skip') throw new UsageError(`--on-conflict: '${policy}' is not fail, first or skip`);
  const oldPath = positionals[0] as string;
  const granularity = parseGranularity(values.granularity);
  const date = parseDate(values.date);
  const info = await readSourcesFile(values.sources);
  const result = await runApply({
    old: { bytes: await readInput(oldPath), name: oldPath },
    sources: await readSourceSpecs(values.source, '--source'),
    ...(info && { info }),
    policy: policy as ConflictPolicy,
    options: { ...parseIgnore(values.ignore), ...(granularity && { granularity }), ...(date !== undefined && { date }), pdf: parsePdfOptions(values) },
    outputs: applyOutputKinds(values.output ?? []),
  });
  await writeOutputsAtomically(result.outputs);
  for (const conflict of result.report.conflicts) {
    io.err(`conflict: ${conflict.sources.join(' and ')} edit "${conflict.oldText}" differently: ${Object.entries(conflict.texts).map(([id, text]) => `${id}: "${text}"`).join('; ')}`);
  }
  if (result.failed) {
    io.err(`redline: ${result.report.conflicts.length} conflict(s); nothing applied (use --on-conflict first or skip to apply anyway)`);
    return 3;
  }
  if (!values.quiet) io.out(`${result.redline.changes.length} change(s) applied; wrote ${result.outputs.map((o) => o.path).join(', ')}`);
  return hasIssues(result.report) ? 4 : 0;
}
