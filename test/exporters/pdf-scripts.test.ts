/**
 * Every script in the PDF: Chinese, Japanese and Korean drawn with the Noto CJK fonts (embedded
 * only when a document has such text), Arabic and Hebrew shaped and laid out right to left by the
 * bidirectional algorithm. Measured as the issue measures it: `pdftotext` gives back at least 95%
 * of a document's characters in reading order (the longest common subsequence of the document's
 * characters and the extracted ones, white space aside).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document } from '../../src/model/document.js';
import { buildDocx, escapeXmlText } from '../helpers/docx-builder.js';
import { pdfFonts, pdfText, renderPages, requirePdfTools } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

const TEXTS: Readonly<Record<string, readonly string[]>> = {
  chinese: [
    '第一条 合同的目的',
    '本合同由甲方与乙方于二零二六年三月一日签订。双方应当遵守中华人民共和国法律，并按照本合同的约定履行各自的义务。',
    '第二条 付款',
    '乙方应在收到发票后三十日内向甲方支付全部价款。逾期付款的，乙方应按日支付万分之五的违约金。',
  ],
  japanese: [
    '第一条（目的）',
    '本契約は、甲と乙との間の業務委託に関する基本的な事項を定めることを目的とする。',
    '第二条（秘密保持）',
    '甲及び乙は、本契約に関して知り得た相手方の秘密情報を、第三者に開示し又は漏えいしてはならない。',
  ],
  korean: [
    '제1조 (목적)',
    '이 계약은 갑과 을 사이의 업무 위탁에 관한 기본적인 사항을 정함을 목적으로 한다.',
    '제2조 (비밀유지)',
    '갑과 을은 이 계약과 관련하여 알게 된 상대방의 비밀정보를 제3자에게 공개하거나 누설하여서는 아니 된다.',
  ],
  arabic: [
    'المادة الأولى: الغرض من العقد',
    'يهدف هذا العقد إلى تنظيم العلاقة بين الطرف الأول والطرف الثاني فيما يتعلق بتقديم الخدمات المذكورة في الملحق رقم 1.',
    'المادة الثانية: الدفع',
    'يلتزم الطرف الثاني بدفع كامل المبلغ خلال ثلاثين يوما من تاريخ استلام الفاتورة، وفقا للمادة 5 (ب) من هذا العقد.',
  ],
  hebrew: ['סעיף 1: מטרת ההסכם', 'הסכם זה נועד להסדיר את היחסים בין הצדדים בכל הנוגע למתן השירותים המפורטים בנספח א.', 'סעיף 2: תשלום', 'הלקוח ישלם את מלוא התמורה בתוך 30 ימים ממועד קבלת החשבונית.'],
};

const RIGHT_TO_LEFT = new Set(['arabic', 'hebrew']);

/** A DOCX of the paragraphs (right-to-left ones with `w:bidi`, as Word writes them). */
function docx(name: string, paragraphs: readonly string[], rtl: boolean): Document {
  const body = paragraphs.map((text) => `<w:p>${rtl ? '<w:pPr><w:bidi/><w:jc w:val="both"/></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r></w:p>`).join('');
  return fromDocx(buildDocx({ body }), name).document;
}

/** Share of `expected`'s characters that `actual` has in the same order (white space aside). */
function readingOrderRecovery(expected: string, actual: string): number {
  const a = [...expected.replace(/\s+/g, '')];
  const b = [...actual.replace(/\s+/g, '')];
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, current[j - 1] as number);
    [previous, current] = [current, previous];
  }
  return a.length === 0 ? 1 : (previous[b.length] as number) / a.length;
}

describe('reading-order recovery measure', () => {
  it('is 1 for the same text, lower for reversed text', () => {
    const text = TEXTS.arabic?.[1] as string;
    expect(readingOrderRecovery(text, text.replace(/ /g, '\n'))).toBe(1);
    // Text laid out left to right and read back reversed is what the measure must catch.
    expect(readingOrderRecovery(text, [...text].reverse().join(''))).toBeLessThan(0.5);
  });
});

describe.runIf(runPdf)('PDF of Chinese, Japanese, Korean, Arabic and Hebrew documents', () => {
  const pdfs = new Map<string, { clean: Uint8Array; redline: Uint8Array; newText: string }>();

  beforeAll(async () => {
    for (const [script, paragraphs] of Object.entries(TEXTS)) {
      const rtl = RIGHT_TO_LEFT.has(script);
      // The new version drops the second paragraph's last sentence part and changes a heading.
      const edited = paragraphs.map((text, i) => (i === 2 ? `${text} ${paragraphs[0]}` : text));
      const old = docx(`${script}-v1.docx`, paragraphs, rtl);
      const neu = docx(`${script}-v2.docx`, edited, rtl);
      pdfs.set(script, { clean: await documentToPdf(neu), redline: await redlineToPdf(compareDocuments(old, neu)), newText: edited.join('\n') });
    }
  });

  for (const script of Object.keys(TEXTS)) {
    it(`${script}: pdftotext gives back at least 95% of the characters in reading order, with no missing glyph`, () => {
      const { clean, redline, newText } = pdfs.get(script) as { clean: Uint8Array; redline: Uint8Array; newText: string };
      const text = pdfText(clean);
      expect(text).not.toContain('\ufffd');
      expect(readingOrderRecovery(newText, text)).toBeGreaterThanOrEqual(0.95);
      // The redline has the new text too (the deleted text besides).
      expect(readingOrderRecovery(newText, pdfText(redline))).toBeGreaterThanOrEqual(0.95);
      expect(pdfText(redline)).not.toContain('\ufffd');
    });
  }

  it('embeds the Noto CJK fonts, as subsets, only for the documents that need them', () => {
    const fontNames = (script: string): string[] => pdfFonts((pdfs.get(script) as { clean: Uint8Array }).clean).map((font) => font.name);
    expect(fontNames('chinese')).toContainEqual(expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/));
    expect(fontNames('japanese')).toContainEqual(expect.stringMatching(/\+NotoSansJP-Regular$/));
    expect(fontNames('korean')).toContainEqual(expect.stringMatching(/\+NotoSansKR-Regular$/));
    for (const script of ['arabic', 'hebrew']) expect(fontNames(script).filter((name) => name.includes('Noto'))).toEqual([]);
    for (const script of Object.keys(TEXTS))
      for (const font of pdfFonts((pdfs.get(script) as { clean: Uint8Array }).clean)) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    // A few hundred CJK characters make a PDF of tens of kilobytes, not megabytes.
    expect((pdfs.get('chinese') as { clean: Uint8Array }).clean.length).toBeLessThan(150_000);
  });

  it('draws the CJK glyphs (ink on the page, not just text for extraction)', () => {
    const [page] = renderPages((pdfs.get('chinese') as { clean: Uint8Array }).clean, 72, 1, 1);
    let dark = 0;
    for (let i = 0; i < (page?.data.length ?? 0); i += 3) if ((page?.data[i] as number) < 128) dark++;
    // Over a hundred ideographs of a dozen strokes each: thousands of dark pixels at 72 dpi.
    expect(dark).toBeGreaterThan(3000);
  });

  it('sets a right-to-left paragraph from the right', () => {
    const [page] = renderPages((pdfs.get('arabic') as { clean: Uint8Array }).clean, 72, 1, 1);
    if (!page) throw new Error('no page');
    // The first body line (a short heading) ends at the right margin: ink in the right half only.
    let left = 0;
    let right = 0;
    const rowFrom = Math.round((68 / 841.89) * page.height);
    const rowTo = Math.round((82 / 841.89) * page.height);
    for (let y = rowFrom; y < rowTo; y++) {
      for (let x = 0; x < page.width; x++) {
        if ((page.data[(y * page.width + x) * 3] as number) < 128) {
          if (x < page.width / 2) left++;
          else right++;
        }
      }
    }
    expect(right).toBeGreaterThan(20);
    expect(left).toBe(0);
  });
});
