/** Types for `linebreak` (the Unicode line breaking algorithm, UAX #14), which ships none. */
declare module 'linebreak' {
  export interface Break {
    /** The UTF-16 offset where the next line may start. */
    readonly position: number;
    /** A mandatory break (after a line feed or another hard line break character). */
    readonly required: boolean;
  }

  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity, or `null` after the end of the text. */
    nextBreak(): Break | null;
  }
}
