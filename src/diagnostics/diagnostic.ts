/**
 * Recoverable problems found while reading, comparing or writing. They are collected, folded and
 * reported; never printed from library code and never dropped. Every code is listed in
 * `docs/diagnostics.md`.
 */
import type { StoryName } from '../model/change-set.js';

/** `warning`: the output may not be what you expect; `info`: done as asked, worth knowing. */
export type Severity = 'warning' | 'info';

/** Where in a document a diagnostic is, as far as it is known. */
export interface DiagnosticLocation {
  readonly story?: StoryName;
  /** Index of the top-level block in its story. */
  readonly block?: number;
  /** The clause the place belongs to, as Word shows its label (`G3.5(a)(ii)`). */
  readonly clausePath?: string;
}

/** A recoverable problem met while reading, comparing or writing: never printed by the library, never dropped (codes: `docs/diagnostics.md`). */
export interface Diagnostic {
  readonly severity: Severity;
  /** `area/kebab-case`, e.g. `docx/unsupported-element`. */
  readonly code: string;
  readonly message: string;
  /** The file the diagnostic is about, when known. */
  readonly file?: string;
  readonly location?: DiagnosticLocation;
  /** How many identical diagnostics were folded into this one. */
  readonly count: number;
}

/** What every stage of the API returns: its value and the diagnostics met on the way. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Collects diagnostics, folding identical ones into one with a count. */
export class Diagnostics {
  private readonly byKey = new Map<string, Diagnostic>();

  warn(code: string, message: string, file?: string, location?: DiagnosticLocation): void {
    this.add({ severity: 'warning', code, message, ...(file !== undefined && { file }), ...(location && { location }), count: 1 });
  }

  info(code: string, message: string, file?: string, location?: DiagnosticLocation): void {
    this.add({ severity: 'info', code, message, ...(file !== undefined && { file }), ...(location && { location }), count: 1 });
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.add(d);
  }

  list(): Diagnostic[] {
    return [...this.byKey.values()];
  }

  private add(diagnostic: Diagnostic): void {
    const { location } = diagnostic;
    const where = location ? `${location.story ?? ''}\u0000${location.block ?? ''}\u0000${location.clausePath ?? ''}` : '';
    const key = `${diagnostic.severity}\u0000${diagnostic.code}\u0000${diagnostic.message}\u0000${diagnostic.file ?? ''}\u0000${where}`;
    const existing = this.byKey.get(key);
    this.byKey.set(key, existing ? { ...existing, count: existing.count + diagnostic.count } : diagnostic);
  }
}
