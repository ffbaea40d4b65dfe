/** How inlines read in change texts, summaries and the text redline. */
import type { Inline } from '../model/document.js';

/** The display text of an inline in change texts. */
export function displayText(inline: Inline): string {
  if (inline.type === 'text') return inline.text;
  if (inline.type === 'marker') return '';
  switch (inline.kind) {
    case 'tab':
    case 'break':
    case 'symbol':
    case 'other':
      return inline.text;
    case 'field-char':
    case 'field-code':
    case 'note-mark':
      return '';
    case 'simple-field':
      return inline.text;
    case 'note-reference':
      return `[${inline.note?.kind ?? 'note'}]`;
    default:
      return `[${inline.kind.replace('-', ' ')}]`;
  }
}
