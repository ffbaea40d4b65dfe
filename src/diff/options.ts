/** Options of the comparison. All default to off / `word`. */
export interface DiffOptions {
  /** Compare whole words (default) or single characters. */
  readonly granularity?: 'word' | 'char';
  readonly ignoreCase?: boolean;
  /** Runs of white space compare equal whatever their length or kind. */
  readonly ignoreWhitespace?: boolean;
  /** Straight and curly quotes, dash and hyphen variants, and non-breaking spaces compare equal. */
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

export interface ResolvedDiffOptions {
  readonly granularity: 'word' | 'char';
  readonly ignoreCase: boolean;
  readonly ignoreWhitespace: boolean;
  readonly ignoreQuotes: boolean;
  readonly ignoreFormatting: boolean;
  readonly detectMoves: boolean;
  readonly ignoreNumbering: boolean;
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
  };
}
