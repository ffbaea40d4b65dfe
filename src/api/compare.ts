/**
 * One comparison, from bytes (or documents already read) to outputs: read both versions (and the
 * sources, when changes are to be attributed), diff, attribute, and render every output asked for.
 * No file-system access here.
 */

import { sourceView } from '../apply/source-view.js';
import { attributeChanges } from '../attribution/attribute.js';
import type { AttributionReport } from '../attribution/report.js';
import { Diagnostics, type Result } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import { compareDocuments } from '../diff/compare-documents.js';
import type { DiffSettings } from '../diff/options.js';
import type { Change } from '../model/change-set.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { type DocumentInput, resolveDocument } from './inputs.js';
import { checkDiffOptions, normaliseDate, optionalDate } from './options.js';
import { checkOutputKinds, type OutputKinds, type RenderedOutputs, renderOutputs } from './outputs.js';
import { checkShownSources, checkSources, readSources, type SourceInput, withSourceOrder } from './sources.js';

/** Options of `compare`: the diff options, the sources or chain, the outputs and the date. */
export interface CompareOptions extends DiffSettings {
  /** The author of every tracked change when no sources are given (default `Redline`). */
  readonly author?: string;
  /** The sources of the changes: every change is attributed to the sources whose edit it is. */
  readonly sources?: readonly SourceInput[];
  /** Intermediate versions, in order (instead of `sources`): each change goes to the last version that touched it. */
  readonly chain?: readonly SourceInput[];
  /** Give the changes no source explains to this source (they are still reported). */
  readonly fallbackSource?: string;
  /**
   * A view by source: only these sources' changes are shown as tracked changes, the other sources'
   * are taken as made (the redline's old version is OLD with them applied, as `apply` would), so
   * that Accept All still gives NEW and Reject All gives that base. Changes no source explains are
   * shown in every view; the attribution report is the whole comparison's.
   */
  readonly showSources?: readonly string[];
  /** The outputs to render; none by default (the comparison itself is the value). */
  readonly outputs?: OutputKinds;
  /** ISO 8601 date of the tracked changes and the PDFs; none by default, so output is deterministic. */
  readonly date?: string;
  /** The tracked changes' date when `date` is not given (default: the new version's `dcterms:modified`). */
  readonly revisionDate?: string;
  /** Told as each stage starts (the browser app shows it). */
  readonly progress?: (stage: CompareStage) => void;
}

export type CompareStage = 'reading' | 'comparing' | 'rendering';

/** A comparison of two versions. */
export interface Comparison {
  readonly old: Document;
  readonly new: Document;
  /** The two versions woven together, every changed piece marked and tied to its change. */
  readonly redline: Redline;
  /** The change set (the same as `redline.changes`). */
  readonly changes: readonly Change[];
  /** With sources: who made each change, and what the sources did that NEW does not show. */
  readonly report?: AttributionReport;
  readonly outputs: RenderedOutputs;
}

/**
 * Compares two versions of a document. Each version is its bytes (DOCX, text or Markdown), its
 * bytes with a name, format or view, or a document already read.
 */
export async function compare(old: DocumentInput, neu: DocumentInput, options: CompareOptions = {}): Promise<Result<Comparison>> {
  checkCompareOptions(options);
  const dated = optionalDate(options.date);
  const diagnostics = new Diagnostics();
  options.progress?.('reading');
  const [oldDocument, newDocument] = await Promise.all([resolveDocument(old, 'old', diagnostics), resolveDocument(neu, 'new', diagnostics)]);
  const diffOptions = { ...options, diagnostics };

  let redline: Redline;
  let report: AttributionReport | undefined;
  const mode = options.chain ? 'chain' : 'sources';
  const sources = options.chain ?? options.sources;
  options.progress?.('comparing');
  let shownOld = oldDocument;
  if (sources) {
    const read = await readSources(sources, mode, oldDocument, diagnostics);
    const attributed = attributeChanges(oldDocument, newDocument, read, { ...diffOptions, mode, ...(options.fallbackSource !== undefined && { fallbackSource: options.fallbackSource }) });
    redline = attributed.redline;
    report = attributed.report;
    if (options.showSources) {
      const view = sourceView(oldDocument, newDocument, read, options.showSources, diffOptions);
      diagnostics.addAll(view.diagnostics);
      redline = view.redline;
      shownOld = view.base;
    }
  } else {
    redline = compareDocuments(oldDocument, newDocument, diffOptions);
  }

  options.progress?.('rendering');
  const revisionDate = options.revisionDate === undefined ? newDocument.modified : normaliseDate(options.revisionDate, 'revisionDate');
  // A view shows fewer sources than were given; their colours stay those of the whole comparison.
  const kinds =
    options.showSources && sources
      ? withSourceOrder(
          options.outputs ?? {},
          sources.map((s) => s.id),
        )
      : (options.outputs ?? {});
  const outputs = await renderOutputs(kinds, { old: shownOld, new: newDocument, redline, diagnostics, ...dated, ...(revisionDate !== undefined && { revisionDate }), ...(report && { report }) });
  return { value: { old: shownOld, new: newDocument, redline, changes: redline.changes, outputs, ...(report && { report }) }, diagnostics: diagnostics.list() };
}

function checkCompareOptions(options: CompareOptions): void {
  checkDiffOptions(options);
  const sources = options.sources ?? options.chain;
  if (options.sources && options.chain) throw new OptionError('chain', 'cannot be given with sources (a chain is ordered versions, sources are independent)');
  if (options.sources) checkSources(options.sources, 'sources');
  if (options.chain) checkSources(options.chain, 'chain');
  if (options.fallbackSource !== undefined && !sources) throw new OptionError('fallbackSource', 'needs sources or chain');
  if (options.showSources) checkShownSources(options.showSources, options.sources);
  if (options.outputs) checkOutputKinds(options.outputs);
}
