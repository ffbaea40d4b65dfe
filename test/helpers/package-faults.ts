/**
 * Damaged and hostile variants of a real DOCX package, one fault each: the package faults of
 * issue #18 (missing or wrong relationships and content types, odd encodings, a main part under an
 * unusual name) and the zip faults of #19 (unsafe or duplicate entry names, DOCTYPEs, wrong CRCs,
 * overlapping entries). Each fault is applied to the parts of a well-formed package, in order.
 */
import { unzipSync } from 'fflate';
import { type RawEntry, writeRawZip } from './zip-writer.js';

export interface Part {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface PackageFault {
  readonly id: string;
  /** What the fault is, for the tables of results. */
  readonly what: string;
  /** The damaged package, zipped. */
  readonly make: (parts: readonly Part[]) => Uint8Array;
}

/** A fault of the package's parts (not of the zip): faults of this kind compose. */
export interface PartsFault extends PackageFault {
  readonly damage: (parts: readonly Part[]) => Part[];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

export function partsOf(docx: Uint8Array): Part[] {
  return Object.entries(unzipSync(docx)).map(([name, data]) => ({ name, data }));
}

const zip = (parts: readonly (Part | RawEntry)[]): Uint8Array => writeRawZip(parts.map((p) => ({ ...p })));
/** A fault from what it does to the parts; zipped as they are. */
const partsFault = (id: string, what: string, damage: (parts: readonly Part[]) => Part[]): PartsFault => ({ id, what, damage, make: (parts) => zip(damage(parts)) });
const without = (parts: readonly Part[], name: string): Part[] => parts.filter((p) => p.name !== name);
const edit = (parts: readonly Part[], name: string, change: (xml: string) => string): Part[] => {
  if (!parts.some((p) => p.name === name)) throw new Error(`the base package has no ${name}`);
  return parts.map((p) => (p.name === name ? { name, data: utf8(change(text(p.data))) } : p));
};
const reencode = (parts: readonly Part[], name: string, encode: (xml: string) => Uint8Array): Part[] => parts.map((p) => (p.name === name ? { name, data: encode(text(p.data)) } : p));

/** Changes the target (and mode) of the relationship of `type` in `relsPart`. */
function retarget(parts: readonly Part[], relsPart: string, type: string, target: string, external = false): Part[] {
  return edit(parts, relsPart, (xml) => {
    const pattern = new RegExp(`<Relationship [^>]*Type="[^"]*/${type}"[^>]*/>`);
    if (!pattern.test(xml)) throw new Error(`${relsPart} has no ${type} relationship`);
    return xml.replace(pattern, (rel) => rel.replace(/Target="[^"]*"/, `Target="${target}"${external ? ' TargetMode="External"' : ''}`));
  });
}

function addRelationship(parts: readonly Part[], relsPart: string, rel: string): Part[] {
  const has = parts.some((p) => p.name === relsPart);
  const base = has
    ? parts
    : [...parts, { name: relsPart, data: utf8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>') }];
  return edit(base, relsPart, (xml) => xml.replace(/<Relationships([^>]*)\/>/, '<Relationships$1></Relationships>').replace('</Relationships>', `${rel}</Relationships>`));
}

/** UTF-16 with a byte-order mark, the declaration saying so. */
function utf16(xml: string, bigEndian: boolean): Uint8Array {
  const declared = xml.replace(/^<\?xml([^>]*?)encoding="[^"]*"/, '<?xml$1encoding="UTF-16"');
  const out = new Uint8Array(2 + declared.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe], 0);
  for (let i = 0; i < declared.length; i++) {
    const code = declared.charCodeAt(i);
    out[2 + i * 2 + (bigEndian ? 1 : 0)] = code & 0xff;
    out[2 + i * 2 + (bigEndian ? 0 : 1)] = code >> 8;
  }
  return out;
}

const withBom = (xml: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)]);

const doctype = (xml: string, root: string): string => xml.replace(new RegExp(`<${root.replace(/[[\]]/g, '\\$&')}[\\s>]`), (m) => `<!DOCTYPE ${root} [<!ENTITY boom "boom">]>${m}`);

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The package faults of #18. */
export const PACKAGE_FAULTS: readonly PartsFault[] = [
  partsFault('no-root-rels', 'no `_rels/.rels`', (parts) => without(parts, '_rels/.rels')),
  partsFault('no-content-types', 'no `[Content_Types].xml`', (parts) => without(parts, '[Content_Types].xml')),
  partsFault('no-document-rels', 'no `word/_rels/document.xml.rels`', (parts) => without(parts, 'word/_rels/document.xml.rels')),
  partsFault('styles-missing', 'styles relationship to a missing part', (parts) => without(parts, 'word/styles.xml')),
  partsFault('styles-outside', 'styles relationship to `../../../styles.xml` (outside the package)', (parts) => retarget(parts, 'word/_rels/document.xml.rels', 'styles', '../../../styles.xml')),
  partsFault('styles-external', 'styles relationship `TargetMode="External"` (http URL)', (parts) => retarget(parts, 'word/_rels/document.xml.rels', 'styles', 'http://example.com/styles.xml', true)),
  partsFault('theme-file-url', 'theme relationship to `file:///etc/passwd`, not marked external', (parts) => retarget(parts, 'word/_rels/document.xml.rels', 'theme', 'file:///etc/passwd')),
  partsFault('footnotes-missing', 'footnotes relationship to a missing part (the body has footnote references)', (parts) => without(parts, 'word/footnotes.xml')),
  partsFault('unreferenced-missing', 'an unreferenced relationship to a missing part (custom XML)', (parts) =>
    addRelationship(parts, 'word/_rels/document.xml.rels', `<Relationship Id="rId90" Type="${REL}/customXml" Target="../customXml/item1.xml"/>`),
  ),
  partsFault('template-external', 'settings: an external attached template (`\\\\server\\share\\t.dotm`)', (parts) =>
    addRelationship(
      edit(parts, 'word/settings.xml', (xml) => xml.replace(/(<w:settings\b[^>]*>)/, '$1<w:attachedTemplate r:id="rIdTemplate"/>')),
      'word/_rels/settings.xml.rels',
      `<Relationship Id="rIdTemplate" Type="${REL}/attachedTemplate" Target="file:///\\\\server\\share\\t.dotm" TargetMode="External"/>`,
    ),
  ),
  partsFault('hyperlink-external', 'an external hyperlink (legitimate)', (parts) =>
    addRelationship(
      edit(parts, 'word/document.xml', (xml) =>
        xml.replace(/(<w:body>(?:(?!<w:p[ >]).)*<w:p[ >](?:(?!<w:r>).)*)<w:r>/s, `$1<w:hyperlink r:id="rIdLink1"><w:r><w:t xml:space="preserve">Link </w:t></w:r></w:hyperlink><w:r>`),
      ),
      'word/_rels/document.xml.rels',
      `<Relationship Id="rIdLink1" Type="${REL}/hyperlink" Target="https://example.org/code" TargetMode="External"/>`,
    ),
  ),
  partsFault('duplicate-rel-id', 'duplicate relationship id (styles and numbering both `rId1`)', (parts) =>
    edit(parts, 'word/_rels/document.xml.rels', (xml) => xml.replace(/Id="rId2"/, 'Id="rId1"')),
  ),
  partsFault('utf16-parts', 'document (UTF-16LE), styles (UTF-16BE), document rels (UTF-16LE)', (parts) =>
    reencode(
      reencode(
        reencode(parts, 'word/document.xml', (x) => utf16(x, false)),
        'word/styles.xml',
        (x) => utf16(x, true),
      ),
      'word/_rels/document.xml.rels',
      (x) => utf16(x, false),
    ),
  ),
  partsFault('utf8-bom-parts', 'UTF-8 with BOM: document, styles, content types, root rels', (parts) =>
    ['word/document.xml', 'word/styles.xml', '[Content_Types].xml', '_rels/.rels'].reduce((ps, name) => reencode(ps, name, withBom), [...parts]),
  ),
  partsFault('wrong-content-types', 'main part typed `application/xml`, styles typed `text/plain`', (parts) =>
    edit(parts, '[Content_Types].xml', (xml) =>
      xml
        .replace(/ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml"/, 'ContentType="application/xml"')
        .replace(/ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.styles\+xml"/, 'ContentType="text/plain"'),
    ),
  ),
  partsFault('rels-wrong-namespace', 'root rels in another default namespace, document rels prefixed in another namespace', (parts) =>
    edit(
      edit(parts, '_rels/.rels', (x) => x.replace(/xmlns="[^"]*"/, 'xmlns="2147483647"')),
      'word/_rels/document.xml.rels',
      (x) =>
        x
          .replace(/<Relationships xmlns="[^"]*"/, '<r:Relationships xmlns:r="urn:example:other"')
          .replace(/<Relationship /g, '<r:Relationship ')
          .replace('</Relationships>', '</r:Relationships>'),
    ),
  ),
  partsFault('content-types-wrong-namespace', '`[Content_Types].xml` in no namespace', (parts) => edit(parts, '[Content_Types].xml', (x) => x.replace(/ xmlns="[^"]*"/, ''))),
  partsFault('main-part-renamed', 'main part `wd/body-text.xml`, reached only through the root relationship', (parts) => {
    const rename = (name: string): string => name.replace(/^word\//, 'wd/').replace('wd/document.xml', 'wd/body-text.xml');
    const moved = parts.map((p) => ({ name: rename(p.name), data: p.data }));
    const fixed = edit(
      edit(moved, '_rels/.rels', (x) => x.replace('Target="word/document.xml"', 'Target="wd/body-text.xml"')),
      '[Content_Types].xml',
      (x) => x.replace(/PartName="\/word\//g, 'PartName="/wd/').replace('/wd/document.xml', '/wd/body-text.xml'),
    );
    return fixed.map((p) => (p.name === 'wd/_rels/document.xml.rels' ? { ...p, name: 'wd/_rels/body-text.xml.rels' } : p));
  }),
];

/** The zip faults of #19. */
export const ZIP_FAULTS: readonly PackageFault[] = [
  { id: 'entry-dotdot', what: 'entry named `../../evil.txt`', make: (parts) => zip([...parts, { name: '../../evil.txt', data: utf8('escaped') }]) },
  { id: 'entry-absolute', what: 'entries named `/etc/evil` and `C:/evil`', make: (parts) => zip([...parts, { name: '/etc/evil', data: utf8('absolute') }, { name: 'C:/evil', data: utf8('drive') }]) },
  { id: 'entry-backslash', what: 'entry named `word\\..\\..\\evil.xml`', make: (parts) => zip([...parts, { name: 'word\\..\\..\\evil.xml', data: utf8('<x/>') }]) },
  { id: 'entry-control', what: 'entry name with a newline and a terminal escape', make: (parts) => zip([...parts, { name: 'word/\n\u001b[31mred\u001b[0m.xml', data: utf8('<x/>') }]) },
  {
    id: 'entry-duplicate',
    what: 'two entries named `word/document.xml`',
    make: (parts) => {
      const main = parts.find((p) => p.name === 'word/document.xml') as Part;
      return zip([...parts, { name: 'word/document.xml', data: utf8(text(main.data).replace(/<w:t([^>]*)>[^<]*</, '<w:t$1>SMUGGLED<')) }]);
    },
  },
  {
    id: 'entry-case-duplicate',
    what: 'entries `word/styles.xml` and `WORD/STYLES.XML`',
    make: (parts) => zip([...parts, { name: 'WORD/STYLES.XML', data: (parts.find((p) => p.name === 'word/styles.xml') as Part).data }]),
  },
  { id: 'doctype-content-types', what: 'DOCTYPE in `[Content_Types].xml`', make: (parts) => zip(edit(parts, '[Content_Types].xml', (x) => doctype(x, 'Types'))) },
  { id: 'doctype-settings', what: 'DOCTYPE in `word/settings.xml`', make: (parts) => zip(edit(parts, 'word/settings.xml', (x) => doctype(x, 'w:settings'))) },
  { id: 'doctype-rels', what: 'DOCTYPE in `_rels/.rels`', make: (parts) => zip(edit(parts, '_rels/.rels', (x) => doctype(x, 'Relationships'))) },
  {
    id: 'crc-mismatch',
    what: 'wrong CRC-32 on `word/styles.xml`',
    make: (parts) => zip(parts.map((p) => (p.name === 'word/styles.xml' ? { ...p, crc: 0x12345678 } : p))),
  },
  {
    id: 'overlapping-entries',
    what: 'central directory pointing 60 names at one 1 MiB entry',
    make: (parts) => {
      const filler = { name: 'word/media/filler.bin', data: new Uint8Array(1 << 20) };
      const entries = [...parts, filler];
      return writeRawZip(
        entries.map((p) => ({ ...p })),
        Array.from({ length: 60 }, (_, i) => ({ name: `word/media/copy${i}.bin`, target: entries.length - 1 })),
      );
    },
  },
];
