/**
 * The shape of a document's result as the release keeps it (in the state file, in shard
 * reports): checked before what is read back from a file is used.
 */
import { arrayOf, bool, num, object, oneOf, recordOf, str, type Shape } from '../util/shape.js';
import { RELEASE_OUTPUTS } from './manifest.js';

const texts = object({ oldText: str, newText: str });

const attributionReport: Shape = object({
  sources: arrayOf(object({ id: str, 'title?': str, 'kind?': str, form: str, total: num, byKind: recordOf(num), clauses: arrayOf(str) })),
  unattributed: arrayOf(object({ change: str, kind: str, oldText: str, newText: str, 'label?': str, 'assignedTo?': str })),
  notApplied: arrayOf(object({ source: str, kind: str, 'label?': str, expected: texts, 'actual?': texts })),
  differs: arrayOf(object({ source: str, kind: str, 'label?': str, expected: texts, 'actual?': texts })),
  conflicts: arrayOf(object({ sources: arrayOf(str), 'label?': str, oldText: str, texts: recordOf(str) })),
});

export const documentResultShape: Shape = object({
  id: str,
  title: str,
  previousVersion: str,
  newVersion: str,
  conformed: bool,
  status: oneOf('ok', 'issues', 'failed'),
  'error?': str,
  outputs: arrayOf(object({ kind: oneOf(...RELEASE_OUTPUTS), file: str })),
  declaredSources: arrayOf(str),
  changes: num,
  byKind: recordOf(num),
  bySource: recordOf(num),
  unattributed: num,
  'report?': attributionReport,
  'diagnostics?': arrayOf(object({ severity: oneOf('warning', 'info'), code: str, message: str, 'file?': str, count: num })),
});
