/**
 * `apply`: conforms the new version from the old one and the sources' edits (a three-way merge
 * with the old version as the common base), attributes its changes, and renders the outputs:
 * the conformed version (clean), its redline against the old version, the report. With several
 * reviewers' copies as sources, this is how their edits are consolidated into one tracked document.
 */

import { type ConflictPolicy, mergeSources } from '../apply/merge-sources.js';
import { sourceView } from '../apply/source-view.js';
import { attributeChanges } from '../attribution/attribute.js';
import type { AttributionReport, Conflict } from '../attribution/report.js';
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import type { DiffSettings } from '../diff/options.js';
import type { Change } from '../model/change-set.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { type DocumentInput, resolveDocument } from './inputs.js';
import { checkDiffOptions, normaliseDate, optionalDate } from './options.js';
import { checkOutputKinds, type OutputKinds, type RenderedOutputs, renderOutputs } from './outputs.js';
import { checkShownSources, checkSources, readSources, type SourceInput, withSourceOrder } from './sources.js';

export type { ConflictPolicy } from '../apply/merge-sources.js';

/** Options of `apply`: the diff options, the conflict policy, the outputs, the date and the conformed version's name. */
export interface ApplyOptions extends DiffSettings {
  /**
   * Sources editing the same words differently: `fail` (the default: nothing but the JSON report
   * is rendered, and `failed` is true), `first` (the source given first wins) or `skip` (neither).
   */
  readonly onConflict?: ConflictPolicy;
  /** The outputs to render; `cleanDocx` is the conformed version, `docx` and `pdf` its redline. */
  readonly outputs?: OutputKinds;
  /** ISO 8601 date of the tracked changes and the PDFs; none by default, so output is deterministic. */
  readonly date?: string;
  /** The tracked changes' date when `date` is not given (default: the latest `dcterms:modified` of the sources). */
  readonly revisionDate?: string;
  /** The conformed version's name (in the JSON, the PDF's default title); default `new version`. */
  readonly newName?: string;
  /**
   * A view by source of the redline: only these sources' changes tracked, the others' taken as
   * made (see `CompareOptions.showSources`). The conformed version and the report are the same.
   */
  readonly showSources?: readonly string[];
}

/** A new version conformed from the sources. */
export interface Application {
  readonly old: Document;
  /** The conformed new version. */
  readonly new: Document;
  /** The conformed version against the old one, every change attributed to its source. */
  readonly redline: Redline;
  readonly changes: readonly Change[];
  readonly report: AttributionReport;
  /** Sources' edits that collided (also in `report.conflicts`). */
  readonly conflicts: readonly Conflict[];
  /** Conflicts under the `fail` policy: only the JSON output was rendered. */
  readonly failed: boolean;
  readonly outputs: RenderedOutputs;
}

const POLICIES: readonly ConflictPolicy[] = ['fail', 'first', 'skip'];

/** Applies the sources' edits to `base` (bytes or a document already read). */
export async function apply(base: DocumentInput, sources: readonly SourceInput[], options: ApplyOptions = {}): Promise<Result<Application>> {
  checkDiffOptions(options);
  checkSources(sources, 'sources');
  if (options.showSources) checkShownSources(options.showSources, sources);
  const policy = options.onConflict ?? 'fail';
  if (!POLICIES.includes(policy)) throw new OptionError('onConflict', `'${String(policy)}' is not fail, first or skip`);
  if (options.outputs) checkOutputKinds(options.outputs);
  const dated = optionalDate(options.date);
  const diagnostics = new Diagnostics();
  const diffOptions = { ...options, diagnostics };
  const old = await resolveDocument(base, 'base', diagnostics);
  const read = await readSources(sources, 'sources', old, diagnostics);

  const merged = mergeSources(old, read, policy, diffOptions);
  diagnostics.addAll(merged.diagnostics);
  // Whatever OLD was read from, the conformed version is written in OLD's Word package: a DOCX.
  const conformed: Document = { ...merged.document, name: options.newName ?? 'new version', format: 'docx' };
  const attributed = attributeChanges(old, conformed, read, diffOptions);
  // The merge found every collision of the sources' edits, with its clause; the attribution would
  // find the same ones again, worded differently.
  const report: AttributionReport = { ...attributed.report, conflicts: merged.conflicts };
  const failed = policy === 'fail' && merged.conflicts.length > 0;

  // With conflicts under the `fail` policy, nothing but the report is rendered.
  const kinds = failed ? { json: options.outputs?.json ?? false } : (options.outputs ?? {});
  // The sources made the changes: their latest modified date dates them (ISO 8601 in UTC sorts as text).
  const latest = read.map((source) => source.after.modified).reduce<string | undefined>((last, date) => (date !== undefined && (last === undefined || date > last) ? date : last), undefined);
  const revisionDate = options.revisionDate === undefined ? latest : normaliseDate(options.revisionDate, 'revisionDate');
  // A view by source shows the conformed version against OLD with the other sources made.
  const view = options.showSources && !failed ? sourceView(old, conformed, read, options.showSources, diffOptions) : undefined;
  if (view) diagnostics.addAll(view.diagnostics);
  const redline = view?.redline ?? attributed.redline;
  const shownOld = view?.base ?? old;
  const viewKinds = view
    ? withSourceOrder(
        kinds,
        read.map((s) => s.info.id),
      )
    : kinds;
  const outputs = await renderOutputs(viewKinds, { old: shownOld, new: conformed, redline, report, diagnostics, ...dated, ...(revisionDate !== undefined && { revisionDate }) });
  const value = { old: shownOld, new: conformed, redline, changes: redline.changes, report, conflicts: merged.conflicts, failed, outputs };
  return { value, diagnostics: diagnostics.list() };
}
