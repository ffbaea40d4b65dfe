/**
 * Writes the release report into the output folder, atomically: `index.html`, `report.md`,
 * `report.json` and `document-log.csv` for a whole release; a shard writes only its
 * `report-shard-K-of-N.json`, which `--merge-reports` joins.
 */
import { join } from 'node:path';
import { writeOutputsAtomically } from '../io/write-outputs.js';
import { documentLogToCsv } from './document-log-csv.js';
import type { ReleaseReport } from './release-report.js';
import { reportToHtml } from './report-html.js';
import { reportToMarkdown } from './report-markdown.js';

export function shardReportName(shard: { readonly index: number; readonly count: number }): string {
  return `report-shard-${shard.index}-of-${shard.count}.json`;
}

/** Writes the report files; returns their names. */
export async function writeReleaseReport(report: ReleaseReport, folder: string): Promise<string[]> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files: { name: string; data: string }[] = report.shard
    ? [{ name: shardReportName(report.shard), data: json }]
    : [
        { name: 'report.json', data: json },
        { name: 'report.md', data: reportToMarkdown(report) },
        { name: 'index.html', data: reportToHtml(report) },
        { name: 'document-log.csv', data: documentLogToCsv(report) },
      ];
  await writeOutputsAtomically(
    files.map((f) => ({ path: join(folder, f.name), data: f.data })),
    { within: folder },
  );
  return files.map((f) => f.name);
}
