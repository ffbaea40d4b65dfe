import type { Diagnostics } from '../diagnostics/diagnostic.js';

/**
 * How two versions are compared: whole words or characters, what to ignore, whether to look for
 * moves. All default to off / `word` (moves: on).
 */
export interface DiffSettings {
  /** Compare whole words (default) or single characters. */
  readonly granularity?: 'word' | 'char';
  /** Upper and lower case compare equal. */
  readonly ignoreCase?: boolean;
  /** Runs of white space compare equal whatever their length or kind. */
  readonly ignoreWhitespace?: boolean;
  /**
   * Typographic variants compare equal: straight and curly quotes, dash and hyphen variants, and
   * no-break (narrow, figure) spaces against spaces (`--ignore typography`, alias `quotes`). Off
   * by default: a no-break space replaced by a space is a change.
   */
  readonly ignoreQuotes?: boolean;
  /** Bold, italic, underline and other run formatting changes are not reported. */
  readonly ignoreFormatting?: boolean;
  /** Report moved paragraphs and rows as moves (default true). */
  readonly detectMoves?: boolean;
  /**
   * Clauses whose only change is their number are not reported (no `renumber` changes). The DOCX
   * still writes a typed number's change, so that accepting and rejecting give each version.
   */
  readonly ignoreNumbering?: boolean;
}

/** The options a comparison runs with: the settings, and where it reports what it meets. */
export interface DiffOptions extends DiffSettings {
  /** Where the comparison reports the internal bounds it meets (its result is then coarser). */
  readonly diagnostics?: Diagnostics;
}

export interface ResolvedDiffOptions {
  readonly granularity: 'word' | 'char';
  readonly ignoreCase: boolean;
  readonly ignoreWhitespace: boolean;
  readonly ignoreQuotes: boolean;
  readonly ignoreFormatting: boolean;
  readonly detectMoves: boolean;
  readonly ignoreNumbering: boolean;
  readonly diagnostics?: Diagnostics;
}

export function resolveDiffOptions(options: DiffOptions = {}): ResolvedDiffOptions {
  return {
    granularity: options.granularity ?? 'word',
    ignoreCase: options.ignoreCase ?? false,
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    ignoreQuotes: options.ignoreQuotes ?? false,
    ignoreFormatting: options.ignoreFormatting ?? false,
    detectMoves: options.detectMoves ?? true,
    ignoreNumbering: options.ignoreNumbering ?? false,
    ...(options.diagnostics && { diagnostics: options.diagnostics }),
  };
}
