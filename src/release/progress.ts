/** What a release run tells about its progress, as documents start and finish. */
import type { DocumentResult } from './document-job.js';

/** A document to run, and the bytes of its versions (what its comparison costs, roughly). */
export interface PlannedDocument {
  readonly id: string;
  readonly size: number;
}

/** Told by a release run as documents start and finish (the command line draws a progress bar with it). */
export interface ProgressSink {
  /** The documents to run, largest first, and those skipped as unchanged. */
  start(documents: readonly PlannedDocument[], skipped: readonly string[]): void;
  /** A worker took the document. */
  started(id: string): void;
  /** The document's worker is done with it and free for the next; its outputs are being recorded. */
  released(id: string): void;
  /** The document is done (or failed) and recorded in the state file: a re-run keeps it. */
  finished(result: DocumentResult, milliseconds: number): void;
  end(): void;
}
