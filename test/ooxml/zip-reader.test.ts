/**
 * The zip container read defensively, and the package writer's own strict check: what no input
 * may pass through and what no output may hold.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/ooxml/crc32.js';
import { DEFAULT_PACKAGE_LIMITS } from '../../src/ooxml/package.js';
import { PackageBuilder } from '../../src/ooxml/package-builder.js';
import { checkWrittenPackage, WrittenPackageError } from '../../src/ooxml/package-check.js';
import { readZip } from '../../src/ooxml/zip-reader.js';
import { quote } from '../../src/util/quote.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { writeRawZip } from '../helpers/zip-writer.js';

const text = (s: string): Uint8Array => strToU8(s);
const read = (zip: Uint8Array) => readZip(zip, 'x.docx', DEFAULT_PACKAGE_LIMITS);

describe('the zip reader', () => {
  it('reads stored and deflated entries, checking their CRC-32', () => {
    const zip = writeRawZip([
      { name: 'a.xml', data: text('<a/>'), method: 0 },
      { name: 'b/c.xml', data: text('<c>'.repeat(1000)) },
    ]);
    expect(read(zip).entries.map((e) => [e.name, e.data.length])).toEqual([
      ['a.xml', 4],
      ['b/c.xml', 3000],
    ]);
  });

  it('agrees with zlib on CRC-32 at every length around the 8-byte stride', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => (i * 37 + 11) & 0xff);
    // Reference values computed with Node's zlib.crc32.
    expect([0, 1, 7, 8, 9, 15, 16, 17, 100].map((n) => crc32(data.subarray(0, n)))).toEqual([0, 1171273221, 4017044273, 1686875531, 400318366, 1398824675, 619227528, 3455878218, 2098312393]);
  });

  it('drops entries whose names are not safe part names, and says why', () => {
    const names = ['../x', 'a/../../x', '/abs', 'C:/x', 'a\\b', 'a//b', 'a/./b', 'dot./x', 'bell\u0007', '\ufffd'];
    const zip = writeRawZip([{ name: 'ok.xml', data: text('<a/>') }, ...names.map((name) => ({ name, data: text('x') }))]);
    const contents = read(zip);
    expect(contents.entries.map((e) => e.name)).toEqual(['ok.xml']);
    expect(contents.dropped.map((d) => d.name)).toEqual(names);
    expect(new Set(contents.dropped.map((d) => d.reason)).size).toBeGreaterThanOrEqual(6);
  });

  it('reads a name that is not UTF-8 as unsafe', () => {
    const contents = read(writeRawZip([{ name: new Uint8Array([0x77, 0xff, 0x2e, 0x78]), data: text('x') }]));
    expect(contents.dropped).toHaveLength(1);
  });

  it('refuses duplicate names, exact or differing only in ASCII case', () => {
    expect(() =>
      read(
        writeRawZip([
          { name: 'a.xml', data: text('1') },
          { name: 'a.xml', data: text('2') },
        ]),
      ),
    ).toThrow(/two entries named 'a\.xml'/);
    expect(() =>
      read(
        writeRawZip([
          { name: 'Word/A.xml', data: text('1') },
          { name: 'word/a.XML', data: text('2') },
        ]),
      ),
    ).toThrow(/two entries named 'Word\/A\.xml' and 'word\/a\.XML'/);
  });

  it('refuses a central directory that points several names at one entry', () => {
    const zip = writeRawZip([{ name: 'big.bin', data: new Uint8Array(4096) }], [{ name: 'alias.bin', target: 0 }]);
    expect(() => read(zip)).toThrow(/entries 'big\.bin' and 'alias\.bin' overlap/);
  });

  it('refuses a wrong CRC-32, a lying size, an encrypted entry and an unknown method', () => {
    expect(() => read(writeRawZip([{ name: 'a.xml', data: text('<a/>'), crc: 1 }]))).toThrow(/part 'a\.xml' is corrupt \(its CRC-32 does not match its data\)/);
    const lying = writeRawZip([{ name: 'a.xml', data: text('<a>'.repeat(100)) }]);
    // The declared size (central directory offset 24 of the first record) says 10 bytes.
    const view = new DataView(lying.buffer);
    const central = lying.length - 22 - 46 - 5;
    view.setUint32(central + 24, 10, true);
    expect(() => read(lying)).toThrow(/inflates to more than its declared size/);
    const encrypted = writeRawZip([{ name: 'a.xml', data: text('<a/>') }]);
    new DataView(encrypted.buffer).setUint16(encrypted.length - 22 - 46 - 5 + 8, 0x0801, true);
    expect(() => read(encrypted)).toThrow(/entry 'a\.xml' is encrypted/);
    const method = writeRawZip([{ name: 'a.xml', data: text('<a/>') }]);
    new DataView(method.buffer).setUint16(method.length - 22 - 46 - 5 + 10, 12, true);
    expect(() => read(method)).toThrow(/compression method 12/);
  });

  it('refuses a file that is not a zip or is cut short', () => {
    expect(() => read(text('not a zip at all, just text'))).toThrow(/no central directory/);
    const zip = writeRawZip([{ name: 'a.xml', data: text('<a/>') }]);
    expect(() => read(zip.subarray(0, zip.length - 30))).toThrow(/not a readable zip archive/);
  });
});

describe('the written package is checked', () => {
  const good = (): PackageBuilder => {
    const docx = buildDocx({ body: p('A clause.') });
    const parts = new Map<string, Uint8Array>();
    for (const entry of read(docx).entries) parts.set(entry.name, entry.data);
    return new PackageBuilder(parts);
  };

  it('passes a whole package', () => {
    expect(() => good().toZip()).not.toThrow();
  });

  it('fails a relationship to a part that is not there', () => {
    const out = good();
    out.addRelationship('word/document.xml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'word/media/missing.png', false);
    expect(() => out.toZip()).toThrow(WrittenPackageError);
    expect(() => out.toZip()).toThrow(/the DOCX written is not a whole package \(.*relationship 'rIdRedline1' \('image'\) points to a missing part.*\); it was not written/);
  });

  it('fails a relationship leaving the package that is not a hyperlink', () => {
    const out = good();
    out.addRelationship('word/document.xml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate', 'file:///x.dotm', true);
    expect(() => out.toZip()).toThrow(/points outside the package/);
  });

  it('fails a part no relationship reaches, or without a content type', () => {
    const orphan = good();
    orphan.setText('word/orphan.xml', '<a/>');
    expect(() => orphan.toZip()).toThrow(/no relationship reaches/);
    const untyped = good();
    untyped.setBytes('word/media/image1.qqq', new Uint8Array([1, 2, 3]));
    untyped.addRelationship('word/document.xml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'word/media/image1.qqq', false);
    expect(() => untyped.toZip()).toThrow(/'word\/media\/image1\.qqq' has no content type/);
  });

  it('fails XML with a DOCTYPE, malformed XML, and a relationship id the XML names but no relationship has', () => {
    const doctype = good();
    doctype.setText('word/styles.xml', '<!DOCTYPE x [<!ENTITY a "b">]><w:styles xmlns:w="urn:w"/>');
    expect(() => doctype.toZip()).toThrow(/'word\/styles\.xml': XML with a DOCTYPE is not accepted/);
    const malformed = good();
    malformed.setText('word/styles.xml', '<w:styles xmlns:w="urn:w">');
    expect(() => malformed.toZip()).toThrow(/'word\/styles\.xml': malformed XML/);
    const dangling = good();
    const xml = dangling.text('word/document.xml') as string;
    dangling.setText('word/document.xml', xml.replace('<w:body>', '<w:body><w:p><w:hyperlink r:id="rId404"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>'));
    expect(() => dangling.toZip()).toThrow(/'w:hyperlink' refers to relationship 'rId404', which does not exist/);
  });

  it('fails an entry name no package may hold', () => {
    expect(() => checkWrittenPackage(writeRawZip([{ name: '../evil', data: text('x') }]), new Map([['../evil', text('x')]]))).toThrow(
      new WrittenPackageError(`entry ${quote('../evil')}: a '..' or '.' segment`),
    );
  });

  it('fails a zip that does not hold the parts written', () => {
    const parts = new Map([['a.xml', text('<a/>')]]);
    expect(() => checkWrittenPackage(writeRawZip([{ name: 'a.xml', data: text('<b/>') }]), parts)).toThrow(/entry 'a\.xml' does not hold the part written/);
    expect(() =>
      checkWrittenPackage(
        writeRawZip([
          { name: 'a.xml', data: text('<a/>') },
          { name: 'b.xml', data: text('<b/>') },
        ]),
        parts,
      ),
    ).toThrow(/the zip lists 2 entries for 1 parts/);
  });
});
