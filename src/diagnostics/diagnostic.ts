/**
 * Recoverable problems found while reading, comparing or writing. They are collected, folded and
 * reported; never printed from library code and never dropped.
 */

export type Severity = 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  /** `area/kebab-case`, e.g. `docx/unsupported-element`. */
  readonly code: string;
  readonly message: string;
  /** The file the diagnostic is about, when known. */
  readonly file?: string;
  /** How many identical diagnostics were folded into this one. */
  readonly count: number;
}

/** Collects diagnostics, folding identical ones into one with a count. */
export class Diagnostics {
  private readonly byKey = new Map<string, Diagnostic>();

  warn(code: string, message: string, file?: string): void {
    this.add('warning', code, message, file);
  }

  info(code: string, message: string, file?: string): void {
    this.add('info', code, message, file);
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.add(d.severity, d.code, d.message, d.file, d.count);
  }

  list(): Diagnostic[] {
    return [...this.byKey.values()];
  }

  private add(severity: Severity, code: string, message: string, file?: string, count = 1): void {
    const key = `${severity}\u0000${code}\u0000${message}\u0000${file ?? ''}`;
    const existing = this.byKey.get(key);
    if (existing) {
      this.byKey.set(key, { ...existing, count: existing.count + count });
      return;
    }
    this.byKey.set(key, file === undefined ? { severity, code, message, count } : { severity, code, message, file, count });
  }
}
