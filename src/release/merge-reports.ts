/**
 * Joins the reports of a release's shards (`redline release --merge-reports …`) into the report
 * of the whole release. Output links are rewritten relative to the merged report's folder, so
 * shards may have run into different folders.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import type { DocumentResult } from './document-job.js';
import { buildReleaseReport, RELEASE_REPORT_FORMAT, type ReleaseReport } from './release-report.js';

export async function mergeReports(files: readonly string[], outputFolder: string): Promise<ReleaseReport> {
  const reports: ReleaseReport[] = [];
  for (const file of files) {
    let report: ReleaseReport;
    try {
      report = JSON.parse(await readFile(file, 'utf8')) as ReleaseReport;
    } catch (error) {
      throw new InputError(file, `not a readable report (${(error as Error).message})`);
    }
    if (report.format !== RELEASE_REPORT_FORMAT) throw new InputError(file, `not a release report (format ${String(report.format)})`);
    reports.push(report);
  }
  const first = reports[0];
  if (!first) throw new InputError('--merge-reports', 'no reports given');
  const results = new Map<string, DocumentResult>();
  reports.forEach((report, i) => {
    const file = files[i] as string;
    if (report.release.id !== first.release.id || JSON.stringify(report.documentOrder) !== JSON.stringify(first.documentOrder)) throw new InputError(file, `is a report of another release or manifest than ${files[0]}`);
    for (const result of report.results) {
      if (results.has(result.id)) throw new InputError(file, `document '${result.id}' is in more than one report`);
      results.set(result.id, relink(result, dirname(resolve(file)), resolve(outputFolder)));
    }
  });
  return buildReleaseReport({ release: first.release, sources: first.sources, documentOrder: first.documentOrder, scope: first.documentOrder, results: [...results.values()] });
}

function relink(result: DocumentResult, from: string, to: string): DocumentResult {
  if (from === to) return result;
  return { ...result, outputs: result.outputs.map((o) => ({ ...o, file: relative(to, resolve(from, o.file)).split(sep).join('/') })) };
}
