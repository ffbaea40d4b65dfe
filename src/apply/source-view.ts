/**
 * A view by source: the redline that shows only some sources' changes as tracked changes, the
 * others already made. Its old version is OLD with the other sources' edits applied, through the
 * same merge `apply` uses, so Accept All still gives NEW and Reject All gives that base; its
 * changes are attributed to the shown sources, and changes no source explains stay visible
 * (unattributed) in every view.
 */
import { type AttributeOptions, type AttributionSource, attributeChanges } from '../attribution/attribute.js';
import type { Conflict } from '../attribution/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { mergeSources } from './merge-sources.js';

export interface SourceViewResult {
  readonly redline: Redline;
  /** The base: OLD with the sources taken as made applied. */
  readonly base: Document;
  /** Collisions between the sources taken as made (the first source given wins in the base). */
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly Diagnostic[];
}

export function sourceView(old: Document, neu: Document, sources: readonly AttributionSource[], shown: readonly string[], options: AttributeOptions = {}): SourceViewResult {
  const visible = sources.filter((s) => shown.includes(s.info.id));
  const made = sources.filter((s) => !shown.includes(s.info.id));
  const merged = mergeSources(old, made, 'first', options);
  const base: Document = { ...merged.document, name: `${old.name} with ${made.map((s) => s.info.id).join(', ')} made` };
  const { redline } = attributeChanges(base, neu, visible, options);
  return {
    redline: { ...redline, view: { shown: visible.map((s) => s.info.id), made: made.map((s) => s.info.id) } },
    base,
    conflicts: merged.conflicts,
    diagnostics: merged.diagnostics,
  };
}
