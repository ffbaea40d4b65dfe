/** Helpers over {@link Numbering} shared by the stages. */
import type { Numbering } from './document.js';

/**
 * The text a typed clause number stands for in the paragraph (the label and the white space
 * after it), or undefined for a number Word computes (see `Numbering.typed`).
 */
export function typedLabelText(numbering: Numbering | undefined): string | undefined {
  return numbering?.typed ? `${numbering.label}${numbering.typed.separator}` : undefined;
}
