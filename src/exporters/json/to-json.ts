/**
 * The JSON exporter: the change set with a summary and the diagnostics, in a stable shape
 * (`change-set.schema.json`). Field names are a contract; output is deterministic.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { type Change, summariseChanges } from '../../model/change-set.js';
import type { Document } from '../../model/document.js';

export const CHANGE_SET_SCHEMA_VERSION = 1;

export interface ChangeSetJsonInput {
  readonly old: Document;
  readonly new: Document;
  readonly changes: readonly Change[];
  readonly diagnostics?: readonly Diagnostic[];
  /** Extra top-level members (attribution adds its report here). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function changeSetToJson(input: ChangeSetJsonInput): string {
  const document = {
    schemaVersion: CHANGE_SET_SCHEMA_VERSION,
    old: { name: input.old.name, format: input.old.format },
    new: { name: input.new.name, format: input.new.format },
    summary: summariseChanges(input.changes),
    changes: input.changes,
    ...input.extra,
    diagnostics: input.diagnostics ?? [],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
