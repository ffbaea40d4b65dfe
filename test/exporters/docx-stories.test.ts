/**
 * Headers and footers in exported DOCX files: a header read from tracked changes of its own is
 * written as the view that was read (its part's revisions are not copied into a clean version, or
 * into a redline as if they were ours).
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentToDocx } from '../../src/exporters/docx/to-docx.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { documentLines } from '../../src/model/plain-text.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

const TRACKED_HEADER =
  '<w:p><w:r><w:t xml:space="preserve">Section G version </w:t></w:r>' +
  '<w:del w:id="5" w:author="Drafter"><w:r><w:delText>14.0</w:delText></w:r></w:del>' +
  '<w:ins w:id="6" w:author="Drafter"><w:r><w:t>15.0</w:t></w:r></w:ins></w:p>';
const tracked = buildDocx({ body: p('The Panel shall publish the Release Schedule.'), header: TRACKED_HEADER });

const headerXml = (bytes: Uint8Array): string => new TextDecoder().decode(unzipSync(bytes)['word/header1.xml']);

describe('clean DOCX of a version with tracked changes in its header', () => {
  for (const [view, text] of [
    ['after', 'Section G version 15.0'],
    ['before', 'Section G version 14.0'],
  ] as const) {
    it(`writes the header as read in the ${view} view, with no revisions`, () => {
      const clean = documentToDocx(fromDocx(tracked, 'tracked.docx', { view }).document).bytes;
      expect(headerXml(clean)).not.toMatch(/<w:(ins|del)\b/);
      expect(documentLines(fromDocx(clean, 'clean.docx').document, { headers: true })).toEqual(['The Panel shall publish the Release Schedule.', '[header]', text]);
    });
  }
});
