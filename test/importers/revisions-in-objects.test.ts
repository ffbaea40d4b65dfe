/**
 * Opaque content keeps its XML, but tracked changes inside it (Word tracks edits inside an
 * equation) are read in the view being read, like the text around them: they never reach the
 * redline as revisions by the document's earlier authors, and a tracked copy compares equal to
 * a clean copy of the same view.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Atom } from '../../src/model/document.js';
import { buildDocx } from '../helpers/docx-builder.js';

const run = (text: string): string => `<m:r><m:t>${text}</m:t></m:r>`;
const equation = (inner: string): Uint8Array => buildDocx({ body: `<w:p><w:r><w:t xml:space="preserve">Area: </w:t></w:r><m:oMath>${run('A=')}${inner}${run('πr')}</m:oMath></w:p>` });
const TRACKED = equation(
  '<m:r><w:ins w:id="7" w:author="Earlier" w:date="2020-01-01T00:00:00Z"><m:t>2</m:t></w:ins></m:r><m:r><w:del w:id="8" w:author="Earlier" w:date="2020-01-01T00:00:00Z"><m:t>3</m:t></w:del></m:r>',
);

function atomXml(bytes: Uint8Array, view: 'before' | 'after', kind = 'math'): string {
  const atom = fromDocx(bytes, 'object.docx', { view })
    .document.body.flatMap((b) => (b.type === 'paragraph' ? b.inlines : []))
    .find((i): i is Atom => i.type === 'atom' && i.kind === kind);
  return atom?.xml ?? '';
}
const mathXml = (bytes: Uint8Array, view: 'before' | 'after'): string => atomXml(bytes, view);

describe('tracked changes inside an equation', () => {
  it('are resolved in the view read, the rest of the XML kept as written', () => {
    const after = mathXml(TRACKED, 'after');
    expect(after).not.toMatch(/w:ins|w:del|Earlier/);
    expect(after).toContain('<m:r><m:t>2</m:t></m:r>');
    expect(after).not.toContain('<m:t>3</m:t>');
    const before = mathXml(TRACKED, 'before');
    expect(before).not.toMatch(/w:ins|w:del|Earlier/);
    expect(before).toContain('<m:r><m:t>3</m:t></m:r>');
    expect(before).not.toContain('<m:t>2</m:t>');
  });

  it('compare equal to a clean copy of the same view', () => {
    const tracked = fromDocx(TRACKED, 'tracked.docx').document;
    expect(compareDocuments(fromDocx(equation(run('2')), 'clean.docx').document, tracked).changes).toEqual([]);
    expect(compareDocuments(fromDocx(equation(run('3')), 'clean.docx').document, tracked).changes.map((c) => c.kind)).toEqual(['replace']);
  });

  it('read deleted text as plain text in the before view (a simple field)', () => {
    const field = buildDocx({
      body: '<w:p><w:fldSimple w:instr=" PAGE "><w:del w:id="9" w:author="Earlier"><w:r><w:delText>7</w:delText></w:r></w:del><w:ins w:id="10" w:author="Earlier"><w:r><w:t>8</w:t></w:r></w:ins></w:fldSimple></w:p>',
    });
    expect(atomXml(field, 'before', 'simple-field')).toBe('<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>');
    expect(atomXml(field, 'after', 'simple-field')).toBe('<w:fldSimple w:instr=" PAGE "><w:r><w:t>8</w:t></w:r></w:fldSimple>');
  });
});
