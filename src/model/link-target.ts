/** The target of the hyperlink an inline stands in, however deep (a link around a content control). */
import type { InlineWrapper } from './document.js';

export function linkTargetOf(wrapper: InlineWrapper | undefined): string | undefined {
  for (let w = wrapper; w; w = w.parent) if (w.kind === 'hyperlink') return w.target;
  return undefined;
}
