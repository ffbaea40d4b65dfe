/**
 * Reads a shard's release report (`report-shard-K-of-N.json`) for `--merge-reports`, validated
 * like the manifest: every mistake is an {@link InputError} naming the file and the field
 * (`results[3].outputs[0].file: must be a non-empty string`), never a TypeError deep in the merge.
 * Every field the merge reads is checked, each result by the shape the state file's results are
 * checked with; the report is then used as it was written, so that joined shards give exactly the
 * report one full run writes.
 */
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { arrayOf, countFrom, describeShapeError, isObject, name, object, oneOf, recordOf, type Shape } from '../util/shape.js';
import type { DocumentResult } from './document-job.js';
import type { ReleaseInfo, ReleaseSource } from './manifest.js';
import { RELEASE_REPORT_FORMAT } from './release-report.js';
import { documentResultShape } from './result-shape.js';

/** What a shard's report holds that the merge uses. */
export interface ShardReport {
  readonly release: ReleaseInfo;
  readonly sources: readonly ReleaseSource[];
  readonly documentOrder: readonly string[];
  readonly documentTitles: Readonly<Record<string, string>>;
  readonly shard: { readonly index: number; readonly count: number };
  readonly results: readonly DocumentResult[];
}

/** What the merge reads of a shard's report besides its results (checked by {@link documentResultShape}). */
const shardReportShape: Shape = object({
  shard: object({ index: countFrom(1), count: countFrom(1) }),
  release: object({ id: name, title: name, effectiveDate: name }),
  sources: arrayOf(object({ id: name, 'title?': name, 'status?': name, kind: oneOf('modification', 'designation') })),
  documentOrder: arrayOf(name),
  documentTitles: recordOf(name),
  results: arrayOf(documentResultShape),
});

export function readShardReport(text: string, file: string): ShardReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not a readable report (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(data)) throw new InputError(file, `the report: ${data === undefined ? 'is missing' : 'must be an object'}`);
  if (data.format !== RELEASE_REPORT_FORMAT) throw new InputError(file, `not a release report (format ${typeof data.format === 'string' ? quote(data.format) : 'missing'})`);
  if (data.shard === undefined) throw new InputError(file, 'is the report of a whole release, not of a shard');
  const wrong = shardReportShape(data, '');
  if (wrong !== undefined) throw new InputError(file, describeShapeError(wrong));
  const report = data as unknown as ShardReport;
  if (report.shard.index > report.shard.count) throw new InputError(file, `shard.index: ${report.shard.index} is more than shard.count (${report.shard.count})`);
  return report;
}
