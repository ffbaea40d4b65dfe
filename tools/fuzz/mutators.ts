/**
 * Structure-aware mutators: for DOCX, whole parts (removed, re-encoded), XML inside a part
 * (elements deleted, duplicated, renamed, truncated, nested deep, attributes and numbering or
 * table values made extreme, a DOCTYPE added) and the zip container (bytes flipped, truncated,
 * hostile entry names); for text and Markdown, lines, encodings and the structures that make
 * parsers slow or deep; for release shard reports, fields removed or retyped. Each mutator says
 * its name, which the fuzz report counts by.
 */
import { strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { LIMITS } from '../../src/diagnostics/limits.js';
import type { Random } from '../synthetic/random.js';
import { zipParts } from './docx-package.js';

export interface Mutation<T> {
  readonly name: string;
  readonly apply: (input: T, random: Random) => T;
}

type Parts = Map<string, Uint8Array>;

const HOSTILE_NUMBERS = ['', '-1', '0', '1e400', 'NaN', '-2147483649', '2147483647', '4294967296', '9007199254740993', '999999999999999999999', '0x10', '1.5', ' 7 '];
const HOSTILE_STRINGS = ['x'.repeat(5000), '\u0000', '\u001b[31mred', 'line\nbreak', '../../escape', '&amp;&lt;', '\ud800', '%s%n', '"quoted"'];
const ELEMENTS = [
  'w:p',
  'w:r',
  'w:t',
  'w:tbl',
  'w:tr',
  'w:tc',
  'w:pPr',
  'w:rPr',
  'w:numPr',
  'w:ins',
  'w:del',
  'w:footnoteReference',
  'w:lvl',
  'w:num',
  'w:abstractNum',
  'w:tblGrid',
  'w:gridCol',
  'w:sectPr',
  'w:footnote',
  'Relationship',
  'Override',
];

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function mutatePart(parts: Parts, random: Random, change: (xml: string, random: Random) => string): Parts {
  const names = [...parts.keys()].filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  const name = random.chance(0.6) && names.includes('word/document.xml') ? 'word/document.xml' : random.pick(names);
  const out = new Map(parts);
  out.set(name, strToU8(change(text(parts.get(name) as Uint8Array), random)));
  return out;
}

/** The span of a random element named `name` (its first closing tag: nested ones may be cut). */
function elementSpan(xml: string, random: Random): [number, number] | undefined {
  const name = random.pick(ELEMENTS);
  const starts: number[] = [];
  for (let at = xml.indexOf(`<${name}`); at >= 0 && starts.length < 500; at = xml.indexOf(`<${name}`, at + 1)) {
    const next = xml.charCodeAt(at + name.length + 1);
    if (next === 32 || next === 62 || next === 47) starts.push(at);
  }
  if (starts.length === 0) return undefined;
  const start = random.pick(starts);
  const openEnd = xml.indexOf('>', start);
  if (xml[openEnd - 1] === '/') return [start, openEnd + 1];
  const close = xml.indexOf(`</${name}>`, openEnd);
  return close < 0 ? undefined : [start, close + name.length + 3];
}

function deepWrap(random: Random): [string, string, number] {
  // Levels each wrapper adds, to land just under, at and just over the depth limit, or far past.
  const wrappers: [string, string, number][] = [
    ['<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>', 2],
    ['<w:ins w:id="7" w:author="f">', '</w:ins>', 1],
    ['<w:hyperlink w:anchor="a">', '</w:hyperlink>', 1],
    ['<w:smartTag w:element="e">', '</w:smartTag>', 1],
    ['<w:customXml w:element="e">', '</w:customXml>', 1],
    ['<w:fldSimple w:instr="PAGE">', '</w:fldSimple>', 1],
    ['<mc:AlternateContent><mc:Choice Requires="wps">', '</mc:Choice></mc:AlternateContent>', 2],
    ['<x:unknown>', '</x:unknown>', 1],
  ];
  const [open, close, levels] = random.pick(wrappers);
  const target = random.pick([LIMITS.xmlDepth - 12, LIMITS.xmlDepth - 6, LIMITS.xmlDepth, LIMITS.xmlDepth + 4, 2000, 30_000]);
  return [open, close, Math.max(1, Math.floor(target / levels))];
}

function nestedTables(depth: number): string {
  return `${'<w:tbl><w:tr><w:tc>'.repeat(depth)}<w:p><w:r><w:t>deep cell</w:t></w:r></w:p>${'</w:tc></w:tr></w:tbl><w:p/>'.repeat(depth)}`;
}

function utf16(xml: string, bom: boolean, bigEndian: boolean): Uint8Array {
  const declared = xml.replace(/encoding="[^"]*"/, 'encoding="UTF-16"');
  const out = new Uint8Array((declared.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (c: number): void => {
    out[at++] = bigEndian ? c >> 8 : c & 0xff;
    out[at++] = bigEndian ? c & 0xff : c >> 8;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < declared.length; i++) put(declared.charCodeAt(i));
  return out;
}

export const DOCX_PART_MUTATIONS: readonly Mutation<Parts>[] = [
  {
    name: 'part-removed',
    apply: (parts, random) => {
      const out = new Map(parts);
      out.delete(random.pick([...parts.keys()]));
      return out;
    },
  },
  {
    name: 'element-deleted',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        const span = elementSpan(xml, r);
        return span ? xml.slice(0, span[0]) + xml.slice(span[1]) : xml;
      }),
  },
  {
    name: 'element-duplicated',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        const span = elementSpan(xml, r);
        return span ? xml.slice(0, span[1]) + xml.slice(span[0], span[1]).repeat(r.pick([2, 50, 1000])) + xml.slice(span[1]) : xml;
      }),
  },
  {
    name: 'element-renamed',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        const name = r.pick(ELEMENTS);
        const other = r.pick(ELEMENTS);
        return xml.split(`<${name}`).join(`<${other}`).split(`</${name}>`).join(`</${other}>`);
      }),
  },
  { name: 'part-truncated', apply: (parts, random) => mutatePart(parts, random, (xml, r) => xml.slice(0, r.int(xml.length))) },
  {
    name: 'garbage-inserted',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        const at = r.int(xml.length);
        return xml.slice(0, at) + r.pick(['<', '&', '&bogus;', ']]>', '\u0000', '<?pi?>', '<!-- -->', '</w:body>', '<w:p>', '\uFFFF', 'é']) + xml.slice(at);
      }),
  },
  {
    name: 'attribute-hostile',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        const matches = [...xml.matchAll(/ ([\w:]+)="([^"]*)"/g)];
        if (matches.length === 0) return xml;
        const m = r.pick(matches);
        const value = r.chance(0.6) ? r.pick(HOSTILE_NUMBERS) : r.pick(HOSTILE_STRINGS);
        return `${xml.slice(0, m.index)} ${m[1]}="${value.replace(/[<&"]/g, '')}"${xml.slice((m.index as number) + m[0].length)}`;
      }),
  },
  {
    name: 'counts-extreme',
    apply: (parts, random) => {
      const out = new Map(parts);
      for (const name of ['word/document.xml', 'word/numbering.xml']) {
        const data = parts.get(name);
        if (!data) continue;
        out.set(
          name,
          strToU8(
            text(data).replace(/<(w:(?:start|startOverride|ilvl|numId|gridSpan|abstractNumId))( w:val="[^"]*")?\/>/g, (whole, tag: string) =>
              random.chance(0.5) ? `<${tag} w:val="${random.pick(HOSTILE_NUMBERS)}"/>` : whole,
            ),
          ),
        );
      }
      const doc = out.get('word/document.xml');
      if (doc && random.chance(0.5))
        out.set(
          'word/document.xml',
          strToU8(text(doc).replace(/<w:tcPr>/, `<w:tcPr><w:gridSpan w:val="${random.pick(HOSTILE_NUMBERS)}"/><w:vMerge w:val="${random.pick(['restart', 'continue', 'x'])}"/>`)),
        );
      return out;
    },
  },
  {
    name: 'deep-nesting',
    apply: (parts, random) =>
      mutatePart(parts, random, (xml, r) => {
        if (r.chance(0.3)) {
          const depth = r.pick([Math.floor(LIMITS.xmlDepth / 3) - 4, Math.floor(LIMITS.xmlDepth / 3) + 2, 1000]);
          return xml.replace('<w:body>', `<w:body>${nestedTables(depth)}`);
        }
        const [open, close, depth] = deepWrap(r);
        return xml.replace(/<w:r>(<w:t[ >][^<]*<\/w:t>)<\/w:r>/, (run) => open.repeat(depth) + run + close.repeat(depth));
      }),
  },
  { name: 'doctype', apply: (parts, random) => mutatePart(parts, random, (xml) => xml.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')) },
  {
    name: 'encoding',
    apply: (parts, random) => {
      const names = [...parts.keys()].filter((n) => n.endsWith('.xml'));
      const name = random.pick(names);
      const out = new Map(parts);
      const xml = text(parts.get(name) as Uint8Array);
      const kind = random.int(4);
      out.set(name, kind === 3 ? Uint8Array.from(xml.replace(/encoding="[^"]*"/, 'encoding="ISO-8859-1"'), (c) => c.charCodeAt(0) & 0xff) : utf16(xml, kind !== 2, kind === 1));
      return out;
    },
  },
  {
    name: 'long-text',
    apply: (parts, random) => mutatePart(parts, random, (xml, r) => xml.replace(/<w:t>([^<]*)<\/w:t>/, `<w:t>$1${(r.chance(0.5) ? 'word ' : 'x').repeat(r.pick([10_000, 100_000]))}</w:t>`)),
  },
];

function entries(bytes: Uint8Array): Zippable {
  const out: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = [data, { mtime: new Date(1980, 0, 1) }];
  return out;
}

export const ZIP_MUTATIONS: readonly Mutation<Uint8Array>[] = [
  {
    name: 'zip-bytes-flipped',
    apply: (bytes, random) => {
      const out = bytes.slice();
      for (let k = random.int(20) + 1; k > 0; k--) {
        const at = random.int(out.length);
        out[at] = (out[at] as number) ^ (1 << random.int(8));
      }
      return out;
    },
  },
  { name: 'zip-truncated', apply: (bytes, random) => bytes.slice(0, random.int(bytes.length)) },
  {
    name: 'zip-entry-names',
    apply: (bytes, random) => {
      const files = entries(bytes);
      const names = Object.keys(files);
      const victim = random.pick(names);
      const hostile = random.pick(['../../evil.xml', '/abs/part.xml', 'word\\document2.xml', 'line\nbreak.xml', '\u001b[2Jclear.xml', 'word/', `${'d/'.repeat(200)}deep.xml`, 'WORD/DOCUMENT.XML']);
      const data = files[victim] as [Uint8Array, object];
      if (random.chance(0.5)) delete files[victim];
      files[hostile] = data;
      return zipSync(files);
    },
  },
  {
    name: 'zip-stored-then-flipped',
    apply: (bytes, random) => {
      const out = zipSync(entries(bytes), { level: 0 });
      const at = random.int(out.length);
      out[at] = (out[at] as number) ^ 0xff;
      return out;
    },
  },
];

/** The DOCX mutations, applied to a seed's parts and its zip, by name. */
export function mutateDocx(parts: Parts, random: Random): { bytes: Uint8Array; mutation: string } {
  if (random.chance(0.25)) {
    const mutation = random.pick(ZIP_MUTATIONS);
    return { bytes: mutation.apply(zipParts(parts), random), mutation: mutation.name };
  }
  const mutation = random.pick(DOCX_PART_MUTATIONS);
  let mutated = mutation.apply(parts, random);
  // Now and then a second mutation on top of the first.
  if (random.chance(0.2)) mutated = random.pick(DOCX_PART_MUTATIONS).apply(mutated, random);
  return { bytes: zipParts(mutated), mutation: mutation.name };
}

const encoder = new TextEncoder();

function lines(text: string, random: Random, change: (lines: string[], random: Random) => string[]): string {
  return change(text.split('\n'), random).join('\n');
}

export const TEXT_MUTATIONS: readonly Mutation<string>[] = [
  { name: 'lines-shuffled', apply: (t, r) => lines(t, r, (ls, rr) => ls.map((l, i) => (rr.chance(0.3) ? (ls[(i + 1) % ls.length] as string) : l))) },
  { name: 'line-long', apply: (t, r) => `${t}\n${(r.chance(0.5) ? 'word ' : 'w').repeat(r.pick([20_000, 200_000]))}\n` },
  { name: 'lines-many', apply: (t, r) => `${t}${Array.from({ length: r.pick([5_000, 30_000]) }, (_, i) => `line ${i % 97}`).join('\n')}` },
  {
    name: 'control-chars',
    apply: (t, r) => {
      const at = r.int(t.length);
      return t.slice(0, at) + r.pick(['\u0000', '\u001b[31m', '\r', '\r\n\r\n', '\u2028', '\uFEFF', '\uD800', '\f\v']) + t.slice(at);
    },
  },
];

export const MARKDOWN_MUTATIONS: readonly Mutation<string>[] = [
  ...TEXT_MUTATIONS,
  { name: 'md-deep-quotes', apply: (t, r) => `${t}\n${'>'.repeat(r.pick([LIMITS.markdownDepth - 3, LIMITS.markdownDepth + 2, 5000]))} deep\n` },
  { name: 'md-deep-lists', apply: (t, r) => `${t}\n${Array.from({ length: r.pick([8, 12, 40, 400]) }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n` },
  { name: 'md-emphasis-bomb', apply: (t, r) => `${t}\n${r.pick(['*a', '_a', '**a', '[', '](', '`', '<a>', '![x](']).repeat(r.pick([1000, 20_000]))}\n` },
  { name: 'md-table-rows', apply: (t, r) => `${t}\n| a | b |\n|---|---|\n${'| x | y |\n'.repeat(r.pick([100, 3000]))}` },
  { name: 'md-unclosed', apply: (t, r) => `${t}\n${r.pick(['```\ncode never closed', '<div>', '[ref]: <', '######## seven', '1) two\n2) items', '    indented code', '- [ ] task'])}\n` },
];

/** Text bytes, sometimes in another encoding or with stray bytes. */
export function encodeText(text: string, random: Random): { bytes: Uint8Array; encoding: string } {
  const kind = random.int(10);
  if (kind === 0) return { bytes: Uint8Array.from([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]), encoding: 'utf16-bom' };
  if (kind === 1) return { bytes: new Uint8Array(new Uint16Array(Array.from(text, (c) => c.charCodeAt(0))).buffer), encoding: 'utf16-no-bom' };
  if (kind === 2) {
    const bytes = encoder.encode(text);
    bytes[random.int(bytes.length)] = random.pick([0x00, 0xff, 0xc3, 0x80]);
    return { bytes, encoding: 'stray-byte' };
  }
  return { bytes: encoder.encode(text), encoding: 'utf-8' };
}

/** A shard report (JSON) with one field removed, retyped or made hostile. */
export const REPORT_MUTATIONS: readonly Mutation<unknown>[] = [
  { name: 'report-field-removed', apply: (report, random) => edit(report, random, (object, key) => delete object[key]) },
  {
    name: 'report-field-retyped',
    apply: (report, random) =>
      edit(report, random, (object, key, r) => {
        object[key] = r.pick([null, 0, -1, 1e308, 'x', [], {}, true, [null]]);
      }),
  },
  {
    name: 'report-field-hostile',
    apply: (report, random) =>
      edit(report, random, (object, key, r) => {
        object[key] = r.pick(HOSTILE_STRINGS);
      }),
  },
];

/** Applies `change` to a random field of a random object inside `value` (a deep copy). */
function edit(value: unknown, random: Random, change: (object: Record<string, unknown>, key: string, random: Random) => void): unknown {
  const copy = structuredClone(value);
  const objects: Record<string, unknown>[] = [];
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) stack.push(...item.slice(0, 1000));
    else if (typeof item === 'object' && item !== null) {
      objects.push(item as Record<string, unknown>);
      stack.push(...Object.values(item).slice(0, 1000));
    }
  }
  const target = random.pick(objects);
  const keys = Object.keys(target);
  if (keys.length > 0) change(target, random.pick(keys), random);
  return copy;
}
