/** What the app's page and its worker say to each other (plain data; byte arrays are transferred). */
import type { ChangeSummary } from '../model/change-set.js';

export interface FileInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface SourceInput extends FileInput {
  readonly id: string;
}

export interface CompareRequest {
  readonly type: 'compare';
  readonly old: FileInput;
  readonly new: FileInput;
  readonly sources: readonly SourceInput[];
}

/** The marked-up PDF of the last comparison (made on demand: it takes longer than the rest). */
export interface PdfRequest {
  readonly type: 'pdf';
}

export type WorkerRequest = CompareRequest | PdfRequest;

export interface Download {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export type ProgressStep = 'reading' | 'comparing' | 'rendering' | 'showing';

export type WorkerReply =
  /** The worker can compare. */
  | { readonly type: 'ready' }
  /** The PDF's fonts have loaded (or not: then no PDF can be made, for this reason). */
  | { readonly type: 'fonts'; readonly loaded: boolean; readonly reason?: string }
  | { readonly type: 'progress'; readonly step: ProgressStep }
  | {
      readonly type: 'compared';
      readonly title: string;
      /** The redline view's markup and its document's style rules. */
      readonly html: string;
      readonly css: string;
      /** The changes counted as every output counts them: renumbered clauses apart. */
      readonly changes: ChangeSummary;
      readonly downloads: readonly Download[];
      readonly warnings: readonly string[];
      /** Milliseconds spent in the worker on the comparison and the outputs. */
      readonly milliseconds: number;
    }
  | { readonly type: 'pdf'; readonly download: Download }
  | { readonly type: 'error'; readonly message: string };
