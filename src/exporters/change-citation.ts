/**
 * How a change's place is cited to a reader (summaries, margin notes, the text redline): by its
 * clause path (`G3.5(a)`, `Table under G1, row "MP202"`), else by what is known of it.
 */
import type { Change, ChangeLocation } from '../model/change-set.js';

const STORY_NAMES: Readonly<Record<ChangeLocation['story'], string>> = {
  body: 'body',
  footnote: 'footnote',
  endnote: 'endnote',
  header: 'header',
  footer: 'footer',
  textbox: 'text box',
};

export function citation(location: ChangeLocation): string {
  if (location.path !== undefined) return location.path;
  if (location.label !== undefined && /[\p{L}\p{N}]/u.test(location.label)) return location.label;
  if (location.story !== 'body') return STORY_NAMES[location.story];
  if (location.heading !== undefined) return `under “${location.heading}”`;
  return `paragraph ${location.block + 1}`;
}

/** The two ends of a move: where the text came from and where it went (the same place if one end is missing). */
export function moveEnds(change: Change): { readonly from: ChangeLocation; readonly to: ChangeLocation } {
  return { from: change.from ?? change.location, to: change.to ?? change.location };
}
