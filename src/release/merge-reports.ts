/**
 * Joins the reports of a release's shards (`redline release --merge-reports …`) into the report
 * of the whole release. Every shard of one split must be there, all of one release and manifest.
 * Output links are rewritten relative to the merged report's folder, so shards may have run into
 * other folders.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Result } from '../api/index.js';
import { InputError, OptionError } from '../diagnostics/errors.js';
import { prepareOutputFolder } from '../io/output-folder.js';
import { isInside } from '../io/paths.js';
import { readInput } from '../io/read-input.js';
import { quote } from '../util/quote.js';
import type { DocumentResult } from './document-job.js';
import { RELEASE_OUTPUTS } from './manifest.js';
import { buildReleaseReport, type ReleaseReport } from './release-report.js';
import { readShardReport, type ShardReport } from './report-reader.js';
import { writeReleaseReport } from './write-report.js';

/** The report of a whole release, joined from its shards' reports, and the files written for it. */
export interface MergedReports {
  readonly report: ReleaseReport;
  /** Files written for the report, relative to the output folder. */
  readonly reportFiles: readonly string[];
}

/**
 * Joins the reports of every shard of a release (`report-shard-K-of-N.json`) into the report of
 * the whole release, written into `outputFolder` as one full run would have written it.
 */
export async function mergeReleaseReports(reportFiles: readonly string[], outputFolder: string): Promise<Result<MergedReports>> {
  const report = await mergeReports(reportFiles, outputFolder);
  // Like a run, the merge may be the first to write into its output folder.
  await prepareOutputFolder(outputFolder);
  const written = await writeReleaseReport(report, outputFolder);
  return { value: { report, reportFiles: written }, diagnostics: report.results.flatMap((r): readonly Diagnostic[] => r.diagnostics ?? []) };
}

export async function mergeReports(files: readonly string[], outputFolder: string): Promise<ReleaseReport> {
  const reports: ShardReport[] = [];
  for (const file of files) reports.push(readShardReport(new TextDecoder().decode(await readInput(file)), file));
  const first = reports[0];
  if (!first) throw new OptionError('reportFiles', 'no shard reports given');
  const count = first.shard.count;
  const seen = new Set<number>();
  const results = new Map<string, DocumentResult>();
  reports.forEach((report, i) => {
    const file = files[i] as string;
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    if (!same(report.release, first.release) || !same(report.sources, first.sources) || !same(report.documentOrder, first.documentOrder))
      throw new InputError(file, `is a report of another release or manifest than ${files[0]}`);
    if (report.shard.count !== count) throw new InputError(file, `is shard ${report.shard.index} of ${report.shard.count}, not of ${count}`);
    if (seen.has(report.shard.index)) throw new InputError(file, `shard ${report.shard.index} of ${count} is given twice`);
    seen.add(report.shard.index);
    for (const result of report.results) {
      if (!first.documentOrder.includes(result.id)) throw new InputError(file, `document ${quote(result.id)} is not one of the release's documents`);
      if (results.has(result.id)) throw new InputError(file, `document ${quote(result.id)} is in more than one report`);
      results.set(result.id, relink(file, result, dirname(resolve(file)), resolve(outputFolder)));
    }
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new OptionError('reportFiles', `shard(s) ${missing.join(', ')} of ${count} are missing`);
  return buildReleaseReport({
    release: first.release,
    sources: first.sources,
    documentOrder: first.documentOrder,
    documentTitles: first.documentTitles,
    scope: first.documentOrder,
    results: [...results.values()],
  });
}

/** A result's outputs, checked (known kinds, paths inside the shard's folder) and linked from `to`. */
function relink(file: string, result: DocumentResult, from: string, to: string): DocumentResult {
  const outputs = result.outputs.map((output) => {
    const path = resolve(from, output.file);
    if (!(RELEASE_OUTPUTS as readonly string[]).includes(output.kind) || /^[a-z][a-z0-9+.-]*:/i.test(output.file) || !isInside(from, path)) {
      throw new InputError(file, `document ${quote(result.id)} lists an output outside its folder or of an unknown kind`);
    }
    return { ...output, file: relative(to, path).split(sep).join('/') };
  });
  return { ...result, outputs };
}
