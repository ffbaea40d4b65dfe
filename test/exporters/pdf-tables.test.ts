/**
 * A DOCX table's own look in the PDF: cell shading (a dark header row with white text stays
 * readable) and the table's borders (a table without borders is drawn without them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document } from '../../src/model/document.js';
import { buildDocx, escapeXmlText, p } from '../helpers/docx-builder.js';
import { type Pixmap, pdfText, renderPages, requirePdfTools } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

const NAVY = '1F3864';
const NONE = '<w:tblBorders><w:top w:val="none"/><w:left w:val="none"/><w:bottom w:val="none"/><w:right w:val="none"/><w:insideH w:val="none"/><w:insideV w:val="none"/></w:tblBorders>';
const STYLES =
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  `<w:style w:type="table" w:styleId="Dark"><w:name w:val="Dark Header"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8"/><w:bottom w:val="single" w:sz="8"/><w:insideH w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${NAVY}"/></w:tcPr></w:tblStylePr></w:style>`;

function cell(text: string, header: boolean, direct: boolean): string {
  const shading = header && direct ? `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${NAVY}"/></w:tcPr>` : '';
  const colour = header ? '<w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>' : '';
  return `<w:tc>${shading}<w:p><w:r>${colour}<w:t>${escapeXmlText(text)}</w:t></w:r></w:p></w:tc>`;
}

function table(tblPr: string, rows: readonly (readonly string[])[], direct: boolean): string {
  return `<w:tbl><w:tblPr>${tblPr}</w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="5000"/></w:tblGrid>${rows.map((cells, r) => `<w:tr>${r === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c) => cell(c, r === 0, direct)).join('')}</w:tr>`).join('')}</w:tbl>`;
}

function document(name: string, body: string): Document {
  return fromDocx(buildDocx({ body, styles: STYLES }), name).document;
}

/** Pixels near a colour. */
function near(pixmap: Pixmap, [r, g, b]: readonly [number, number, number], tolerance = 40): number {
  let count = 0;
  for (let i = 0; i + 2 < pixmap.data.length; i += 3)
    if (Math.abs((pixmap.data[i] as number) - r) + Math.abs((pixmap.data[i + 1] as number) - g) + Math.abs((pixmap.data[i + 2] as number) - b) < tolerance) count++;
  return count;
}

/** The longest horizontal run of non-white pixels in the body (a rule across a table; the running head's rule is above it). */
function longestRule(pixmap: Pixmap): number {
  let longest = 0;
  for (let y = Math.round(pixmap.height * (60 / 841.89)); y < pixmap.height; y++) {
    let run = 0;
    for (let x = 0; x < pixmap.width; x++) {
      const i = (y * pixmap.width + x) * 3;
      run = (pixmap.data[i] as number) + (pixmap.data[i + 1] as number) + (pixmap.data[i + 2] as number) < 600 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

const ROWS = [
  ['Requirement', 'Owner'],
  ['Report incidents', 'The DCC'],
  ['Keep records', 'Each Party'],
];

describe.runIf(runPdf)('PDF tables with their own shading and borders', () => {
  let direct: Document;
  let styled: Document;

  beforeAll(() => {
    direct = document('direct.docx', `${p('Shaded by the cells:')}${table('', ROWS, true)}`);
    styled = document('styled.docx', `${p('Shaded by the table style:')}${table('<w:tblStyle w:val="Dark"/><w:tblLook w:val="04A0" w:firstRow="1"/>', ROWS, false)}`);
  });

  it('reads the shading from the cell and from the table style’s header row', () => {
    for (const doc of [direct, styled]) {
      const tbl = doc.body.find((block) => block.type === 'table');
      expect(tbl?.type === 'table' && tbl.rows.map((row) => row.cells.map((c) => c.shading ?? ''))).toEqual([
        [NAVY, NAVY],
        ['', ''],
        ['', ''],
      ]);
    }
  });

  it('draws a dark header row with its white text in the clean PDF', async () => {
    for (const doc of [direct, styled]) {
      const pdf = await documentToPdf(doc);
      const [page] = renderPages(pdf, 72, 1, 1);
      expect(near(page as Pixmap, [0x1f, 0x38, 0x64]), doc.name).toBeGreaterThan(1000);
      expect(pdfText(pdf)).toMatch(/Requirement\s+Owner/);
    }
  });

  it('lightens a dark shading in the redline, so that the marks stay readable', async () => {
    const old = document('old.docx', table('', ROWS, true));
    const neu = document('new.docx', table('', [ROWS[0] as string[], ['Report all incidents', 'The DCC'], ROWS[2] as string[]], true));
    const [page] = renderPages(await redlineToPdf(compareDocuments(old, neu)), 72, 2, 2);
    expect(near(page as Pixmap, [0x1f, 0x38, 0x64])).toBe(0);
    // 30% of the navy over white.
    expect(near(page as Pixmap, [184, 188, 198], 24)).toBeGreaterThan(500);
  });

  it('draws the table’s own borders, and none for a table without them', async () => {
    const borderless = document('borderless.docx', table(NONE, ROWS, false));
    const bordered = document(
      'bordered.docx',
      table('<w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/></w:tblBorders>', ROWS, false),
    );
    const rule = async (doc: Document): Promise<number> => longestRule(renderPages(await documentToPdf(doc), 72, 1, 1)[0] as Pixmap);
    // The bordered table's rules span its width (8000 twips = 400 pt); the borderless one has none.
    expect(await rule(bordered)).toBeGreaterThan(380);
    expect(await rule(borderless)).toBeLessThan(150);
  });
});
