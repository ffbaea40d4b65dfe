/**
 * The sources of a release's changes: approved modifications, a government designation, the
 * intermediate versions of a chain, or reviewers whose copies are consolidated.
 */
export type SourceKind = 'modification' | 'designation' | 'version' | 'reviser';

/** A source of changes: its id (the revision author, e.g. `MP093`), title and kind. */
export interface SourceInfo {
  /** Short id written as the revision author, e.g. `MP093` or `BEIS`. */
  readonly id: string;
  /** e.g. "Implementing IRP511 and CRP535 to support GBCS v3.2 devices". */
  readonly title?: string;
  readonly kind?: SourceKind;
}

/** The author written for changes that no source explains. */
export const UNATTRIBUTED_AUTHOR = 'Unattributed';
