/**
 * A check of XML without building a tree: well-formed, no DOCTYPE, and (on request) the
 * attributes of some namespace prefixes with their elements. Checking a package we wrote parses
 * every part again; building a tree of a 1,000-page document's XML to throw it away would cost
 * three times as much.
 */
import { SaxesParser } from 'saxes';
import { PartError } from '../diagnostics/errors.js';

export interface ScannedAttribute {
  readonly element: string;
  readonly attribute: string;
  readonly value: string;
}

/** Throws {@link PartError} when `source` is not well-formed or has a DOCTYPE; returns the attributes with one of `prefixes`. */
export function scanXml(source: string, partName: string, prefixes: readonly string[] = []): ScannedAttribute[] {
  const parser = new SaxesParser();
  const found: ScannedAttribute[] = [];
  let root = false;
  parser.on('doctype', () => {
    throw new PartError(partName, 'XML with a DOCTYPE is not accepted (entity declarations are never processed)');
  });
  parser.on('error', (error) => {
    throw new PartError(partName, `malformed XML (${error.message.replace(/\s+/g, ' ').trim()})`);
  });
  parser.on('opentag', (tag) => {
    root = true;
    if (prefixes.length === 0) return;
    for (const [attribute, value] of Object.entries(tag.attributes)) {
      const colon = attribute.indexOf(':');
      if (colon > 0 && prefixes.includes(attribute.slice(0, colon))) found.push({ element: tag.name, attribute, value });
    }
  });
  try {
    parser.write(source).close();
  } catch (error) {
    if (error instanceof PartError) throw error;
    throw new PartError(partName, `malformed XML (${(error as Error).message.replace(/\s+/g, ' ').trim()})`, { cause: error });
  }
  if (!root) throw new PartError(partName, 'malformed XML (no root element)');
  return found;
}
