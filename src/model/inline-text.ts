/**
 * The text of an inline, in the two ways the stages read it: its plain text (what the paragraph
 * reads as in a text view, LibreOffice's and `redline verify`'s) and its display text (what a
 * change's text and the text redlines show: a picture as `[image]`, a note reference as
 * `[footnote]`). The two agree on text, tabs, breaks, symbols and fields; they differ only on
 * objects with no text of their own, which plain text drops and display text names.
 */
import { assertNever } from '../util/assert-never.js';
import type { Atom, Inline } from './document.js';

/** The plain text of an inline: objects without text of their own contribute nothing. */
export function inlineText(inline: Inline): string {
  if (inline.type === 'text') return inline.text;
  if (inline.type === 'marker') return '';
  return atomText(inline) ?? '';
}

/** The display text of an inline in change texts and text redlines: objects are named. */
export function displayText(inline: Inline): string {
  if (inline.type === 'text') return inline.text;
  if (inline.type === 'marker') return '';
  return atomText(inline) ?? placeholder(inline);
}

/** The text an atom contributes to its paragraph, or undefined for an object with none. */
function atomText(atom: Atom): string | undefined {
  switch (atom.kind) {
    case 'tab':
    case 'break':
    case 'symbol':
    case 'simple-field':
    case 'other':
      return atom.text;
    case 'field-char':
    case 'field-code':
    case 'note-mark':
      return '';
    case 'page-break':
    case 'column-break':
    case 'image':
    case 'drawing':
    case 'math':
    case 'object':
    case 'note-reference':
    case 'textbox':
    case 'content-control':
      return undefined;
    default:
      return assertNever(atom.kind, 'atom kind');
  }
}

function placeholder(atom: Atom): string {
  if (atom.kind === 'note-reference') return `[${atom.note?.kind ?? 'note'}]`;
  return `[${atom.kind.replace('-', ' ')}]`;
}
