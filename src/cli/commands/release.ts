/** `redline release MANIFEST -o OUT [options]` and `redline release --merge-reports REPORT… -o OUT` */
import { resolve } from 'node:path';
import type { Diagnostic } from '../../api/index.js';
import { UsageError } from '../../diagnostics/errors.js';
import { mergeReleaseReports, type ReleaseReport, type ReleaseRunResult, runRelease, type Shard } from '../../release/index.js';
import { escapeUnsafe, quote } from '../../util/quote.js';
import { parseCommandArguments } from '../arguments.js';
import type { CommandIo } from '../io.js';
import { printWarnings } from '../options.js';
import { Progress } from '../progress.js';

export const RELEASE_HELP = `Usage: redline release MANIFEST -o OUT [options]
       redline release --merge-reports REPORT.json [REPORT.json …] -o OUT

Runs a whole release from its manifest (YAML or JSON; see docs/release.md): for every document,
the redline against its previous version with every change attributed to its source (DOCX and
PDF), the clean version (DOCX and PDF) and the change set (JSON), as the manifest asks; then the
release report in OUT: index.html, report.md, report.json and document-log.csv. Documents run in
parallel, each in a worker process with a memory limit of its own (a document that crashes or runs
out of memory fails alone); a re-run skips documents whose inputs are unchanged.

Options:
  -o, --output DIR         the output folder (nothing is written outside it)
  --concurrency N          worker processes (default: the number of cores)
  --worker-memory MB       each worker's heap limit in MiB (default: a share of the machine's
                           memory, 512 to 4096); a document that needs more fails alone (exit 5)
  --only DOC,…             process only these documents (the report still lists every document
                           done before in this folder)
  --shard K/N              process the K-th of N disjoint slices of the documents; writes
                           report-shard-K-of-N.json for --merge-reports
  --force                  redo every document, even those whose inputs are unchanged
  --merge-reports          join shard reports (the positional arguments) into OUT's report
  --json                   print a machine-readable summary on stdout
  -q, --quiet              no progress, only errors and the summary

Exit codes: 0 every document done and verified; 2 bad manifest or usage; 4 verification issues
(unattributed changes, source edits not applied or differing, conflicts); 5 a document failed
(the others are still done).`;

/** The API's option fields and the flags that set them. */
export const RELEASE_FLAGS: Readonly<Record<string, string>> = { only: '--only', shard: '--shard', concurrency: '--concurrency', workerMemoryMb: '--worker-memory', reportFiles: '--merge-reports' };

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  concurrency: { type: 'string' },
  'worker-memory': { type: 'string' },
  only: { type: 'string', multiple: true },
  shard: { type: 'string' },
  force: { type: 'boolean' },
  'merge-reports': { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function releaseCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArguments('release', args, OPTIONS, RELEASE_HELP);
  if (values.help) {
    io.out(RELEASE_HELP);
    return 0;
  }
  const output = values.output;
  if (output === undefined) throw new UsageError('release needs an output folder: -o OUT');

  if (values['merge-reports']) {
    const merged = await mergeReleaseReports(positionals, output);
    return finish(io, merged.value.report, merged.diagnostics, { json: values.json ?? false, output, files: merged.value.reportFiles, processed: [], skipped: [], outOfDate: [], milliseconds: 0 });
  }

  if (positionals.length !== 1) throw new UsageError('release needs one MANIFEST (see redline release --help)');
  const concurrency = parseConcurrency(values.concurrency);
  const workerMemoryMb = parseWorkerMemory(values['worker-memory']);
  const shard = parseShard(values.shard);
  const only = values.only
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const progress = values.quiet ? undefined : new Progress(io.progress.write, io.progress.isTerminal);
  const result = await runRelease({
    manifest: positionals[0] as string,
    outputFolder: output,
    ...(concurrency !== undefined && { concurrency }),
    ...(workerMemoryMb !== undefined && { workerMemoryMb }),
    ...(only && { only }),
    ...(shard && { shard }),
    force: values.force ?? false,
    ...(progress && { progress }),
  });
  const run = result.value;
  for (const id of run.outOfDate) io.err(`warning: ${id}: not run (--only), and its outputs are out of date (its inputs, the options or the program changed); the report counts it as not run`);
  return finish(io, run.report, result.diagnostics, {
    json: values.json ?? false,
    output,
    files: run.reportFiles,
    processed: run.processed,
    skipped: run.skipped,
    outOfDate: run.outOfDate,
    milliseconds: run.milliseconds,
  });
}

/** What the summary line (or `--json`) says besides the report: the run's own figures. */
interface Summary extends Pick<ReleaseRunResult, 'processed' | 'skipped' | 'outOfDate' | 'milliseconds'> {
  readonly json: boolean;
  readonly output: string;
  readonly files: readonly string[];
}

function finish(io: CommandIo, report: ReleaseReport, diagnostics: readonly Diagnostic[], summary: Summary): number {
  const failed = report.documents.filter((d) => d.status === 'failed').map((d) => d.id);
  const code = failed.length > 0 ? 5 : report.issues.length > 0 ? 4 : 0;
  printWarnings(io, diagnostics);
  if (summary.json) {
    io.out(
      JSON.stringify({
        release: report.release.id,
        processed: inManifestOrder(report, summary.processed),
        skipped: summary.skipped,
        outOfDate: summary.outOfDate,
        failed,
        documents: report.documents.map((d) => ({ id: d.id, status: d.status, changes: d.changes, unattributed: d.unattributed, ...(d.error !== undefined && { error: d.error }) })),
        issues: report.issues.length,
        reportFiles: summary.files,
        seconds: Math.round(summary.milliseconds / 100) / 10,
        exitCode: code,
      }),
    );
  } else {
    const changes = report.documents.reduce((n, d) => n + d.changes, 0);
    const renumbered = report.documents.reduce((n, d) => n + d.renumbered, 0);
    // The report a person opens first, by its full path; the others beside it by name.
    const main = summary.files.includes('index.html') ? 'index.html' : summary.files[0];
    const others = summary.files.filter((file) => file !== main);
    const where = main === undefined ? '' : `; report: ${resolve(summary.output, main)}${others.length > 0 ? ` (with ${others.join(', ')})` : ''}`;
    // A merged report's ids come from shard files: nothing in them reaches the terminal raw.
    io.out(
      escapeUnsafe(
        `${report.release.id}: ${report.documents.length} document(s), ${changes} change(s)${renumbered > 0 ? ` (and ${renumbered} clause(s) only renumbered)` : ''}, ${report.issues.length} verification issue(s)${failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''}${where}`,
      ),
    );
  }
  return code;
}

/** Documents in the manifest's order (they finish in any order). */
function inManifestOrder(report: ReleaseReport, ids: readonly string[]): string[] {
  return report.documentOrder.filter((id) => ids.includes(id));
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--concurrency: ${quote(value)} is not a whole number from 1 to 256`);
  return n;
}

function parseWorkerMemory(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 64 || n > 65_536) throw new UsageError(`--worker-memory: ${quote(value)} is not a whole number of MiB from 64 to 65536`);
  return n;
}

function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: ${quote(value)} is not K/N with 1 ≤ K ≤ N`);
  return { index, count };
}
