/** `redline compare OLD NEW -o OUT.docx [-o OUT.json …]` */
import { type AttributionReport, type CompareOptions, compare, hasIssues } from '../../api/index.js';
import { UsageError } from '../../diagnostics/errors.js';
import { readInput } from '../../io/read-input.js';
import { writeOutputsAtomically } from '../../io/write-outputs.js';
import { parseCommandArguments } from '../arguments.js';
import type { CommandIo } from '../io.js';
import { PDF_FLAGS, PDF_OPTIONS, PDF_OPTIONS_HELP, parseGranularity, parseIgnore, parsePdfOptions, parseView, printWarnings } from '../options.js';
import { compareOutputPaths, countLine, outputFiles, outputKinds } from '../outputs.js';
import { readSourceSpecs, readSourcesFile } from '../sources.js';

export const COMPARE_HELP = `Usage: redline compare OLD NEW -o OUT [-o OUT …] [options]

Compares two versions of a document (.docx, .txt or .md) and writes the redline. With sources,
every change is attributed to the source (modification, designation) that made it.
The format of each output follows its extension:
  .docx   marked-up Word document with real tracked changes
  .pdf    marked-up PDF: a summary of the changes, then the document with every change
          coloured by source and a change bar beside it
  .html   interactive redline in one self-contained file: the list of changes, filters by
          source and kind, keyboard navigation, inline or side-by-side view
  .json   the change set (see docs/change-set.md for the schema)
  .txt    a plain-text redline: [-deleted-] {+inserted+}
  .md     Markdown with CriticMarkup: {++inserted++} {--deleted--} {~~old~>new~~},
          comments {>>MP201<<} naming the sources; headings, lists and tables kept

Options:
  -o, --output FILE        an output file (repeat for several)
  --author NAME            author of the tracked changes (default: Redline)
  --date ISO-8601          date of the tracked changes (default: none, for deterministic output)
  --granularity word|char  compare whole words (default) or characters
  --ignore WHAT            case, whitespace, typography (quotes, dashes, no-break spaces;
                           alias quotes), formatting, numbering (comma-separated or
                           repeated); numbering: clauses only renumbered are left out of
                           every output but the DOCX
  --source ID=FILE         a source and its file: a full version (OLD with only its changes), a
                           DOCX with tracked changes, or a manual redline (underline/strike);
                           repeat for several sources
  --sources FILE           sources.json: each source's title and kind
  --chain ID=FILE          an intermediate version, in order (repeat); each change goes to the
                           last version that touched it
  --fallback-source ID     give changes no source explains to this source (still reported)
  --show-source ID         a view by source (repeat for several): only these sources' changes
                           are tracked, the others' already made (the old version shown is OLD
                           with them applied); changes no source explains are always shown
  --old-view before|after  which view of tracked changes already in OLD to read (default: after)
  --new-view before|after  the same for NEW
${PDF_OPTIONS_HELP}
  -q, --quiet              print nothing but errors
  -h, --help               show this help

Exit codes: 0 done; 2 bad input or usage; 4 (with sources) the report lists unattributed changes,
source edits not applied or applied differently, or conflicts (the outputs are still written).`;

/** The API's option fields and the flags that set them. */
export const COMPARE_FLAGS: Readonly<Record<string, string>> = {
  date: '--date',
  granularity: '--granularity',
  sources: '--source',
  chain: '--chain',
  fallbackSource: '--fallback-source',
  showSources: '--show-source',
  ...PDF_FLAGS,
};

const OPTIONS = {
  output: { type: 'string', short: 'o', multiple: true },
  author: { type: 'string' },
  date: { type: 'string' },
  granularity: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  source: { type: 'string', multiple: true },
  sources: { type: 'string' },
  chain: { type: 'string', multiple: true },
  'fallback-source': { type: 'string' },
  'show-source': { type: 'string', multiple: true },
  'old-view': { type: 'string' },
  'new-view': { type: 'string' },
  ...PDF_OPTIONS,
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function compareCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArguments('compare', args, OPTIONS, COMPARE_HELP);
  if (values.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('compare needs OLD and NEW (see redline compare --help)');
  const paths = compareOutputPaths(values.output ?? []);
  if (paths.length === 0) throw new UsageError('compare needs at least one output: -o OUT.docx (see redline compare --help)');
  const [oldPath, newPath] = positionals as [string, string];
  const granularity = parseGranularity(values.granularity);
  const oldView = parseView('--old-view', values['old-view']);
  const newView = parseView('--new-view', values['new-view']);
  const [oldBytes, newBytes] = await Promise.all([readInput(oldPath), readInput(newPath)]);
  const attribution = await attributionOptions(values);

  const result = await compare(
    { bytes: oldBytes, name: oldPath, ...(oldView && { view: oldView }) },
    { bytes: newBytes, name: newPath, ...(newView && { view: newView }) },
    {
      ...parseIgnore(values.ignore),
      ...(granularity && { granularity }),
      ...(values.author !== undefined && { author: values.author }),
      ...(values.date !== undefined && { date: values.date }),
      ...attribution,
      outputs: outputKinds(paths, parsePdfOptions(values)),
    },
  );
  const files = outputFiles(paths, result.value.outputs);
  await writeOutputsAtomically(files);
  printWarnings(io, result.diagnostics);
  if (!values.quiet) io.out(`${countLine(result.value.changes)}; wrote ${files.map((o) => o.path).join(', ')}`);
  const report = result.value.report;
  if (report) {
    if (!values.quiet) io.out(describeReport(report));
    if (hasIssues(report)) return 4;
  }
  return 0;
}

interface AttributionValues {
  readonly source?: string[];
  readonly sources?: string;
  readonly chain?: string[];
  readonly 'fallback-source'?: string;
  readonly 'show-source'?: string[];
}

/** The attribution asked for on the command line, if any. */
async function attributionOptions(values: AttributionValues): Promise<Pick<CompareOptions, 'sources' | 'chain' | 'fallbackSource' | 'showSources'>> {
  if (values.source && values.chain) throw new UsageError('--source and --chain cannot be used together');
  const specs = values.source ?? values.chain;
  const shown = values['show-source'];
  if (shown && !values.source) throw new UsageError('--show-source needs --source (a view shows some sources’ changes and takes the others as made)');
  if (!specs) {
    if (values.sources !== undefined || values['fallback-source'] !== undefined) throw new UsageError('--sources and --fallback-source need --source or --chain');
    return {};
  }
  const sources = await readSourceSpecs(specs, values.source ? '--source' : '--chain', await readSourcesFile(values.sources));
  const fallback = values['fallback-source'];
  return { ...(values.chain ? { chain: sources } : { sources }), ...(fallback !== undefined && { fallbackSource: fallback }), ...(shown && { showSources: shown }) };
}

function describeReport(report: AttributionReport): string {
  const lines = report.sources.map((s) => `  ${s.id}${s.title ? ` (${s.title})` : ''}: ${s.total} change(s) [${s.form}]`);
  lines.push(`  unattributed: ${report.unattributed.length}; not applied: ${report.notApplied.length}; differs: ${report.differs.length}; conflicts: ${report.conflicts.length}`);
  return lines.join('\n');
}
