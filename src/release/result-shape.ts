/**
 * The shape of a document's result as the release keeps it: checked before a result read back
 * from a file is used, the same way in the state file (`run-state.ts`) and in shard reports
 * (`report-reader.ts`). Every field the report builders read is checked.
 */
import { arrayOf, bool, count, countFrom, name, object, oneOf, recordOf, type Shape, str } from '../util/shape.js';
import { RELEASE_OUTPUTS } from './manifest.js';

/** What a source may be given as (`SourceForm`). */
const SOURCE_FORMS = ['full-version', 'redline', 'manual-redline'] as const;

const texts = object({ oldText: str, newText: str });
const sourceEditIssue = object({ source: name, kind: name, 'label?': name, expected: texts, 'actual?': texts });

const attributionReport: Shape = object({
  sources: arrayOf(object({ id: name, 'title?': name, 'kind?': name, form: oneOf(...SOURCE_FORMS), total: count, byKind: recordOf(count), clauses: arrayOf(name) })),
  unattributed: arrayOf(object({ change: name, kind: name, oldText: str, newText: str, 'label?': name, 'assignedTo?': name })),
  notApplied: arrayOf(sourceEditIssue),
  differs: arrayOf(sourceEditIssue),
  conflicts: arrayOf(object({ sources: arrayOf(name), 'label?': name, oldText: str, texts: recordOf(str) })),
});

const diagnostic: Shape = object({
  severity: oneOf('warning', 'info'),
  code: name,
  message: str,
  'file?': name,
  'location?': object({ 'story?': name, 'block?': count, 'clausePath?': name }),
  count: countFrom(1),
});

export const documentResultShape: Shape = object({
  id: name,
  title: name,
  previousVersion: name,
  newVersion: name,
  conformed: bool,
  status: oneOf('ok', 'issues', 'failed'),
  'error?': name,
  outputs: arrayOf(object({ kind: oneOf(...RELEASE_OUTPUTS), file: name })),
  declaredSources: arrayOf(name),
  changes: count,
  // Results written before renumbered clauses were counted apart have none.
  'renumbered?': count,
  byKind: recordOf(count),
  bySource: recordOf(count),
  unattributed: count,
  'report?': attributionReport,
  'diagnostics?': arrayOf(diagnostic),
});
