/**
 * The PDF tests' view of a PDF: through the tools a reader would use (qpdf, and poppler's
 * pdftotext, pdffonts, pdfinfo, pdfimages and pdftoppm), never through our own code. Without the
 * tools the tests skip with a notice; with CI=true they fail (see `requireOrSkip`). Also the
 * fixtures the PDF tests share: a small pair of documents that uses every feature the exporter
 * draws, and a synthetic pair of about thirty pages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { CHANGE_LIST_TITLE, SUMMARY_TITLE } from '../../src/exporters/pdf/summary-pages.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Document } from '../../src/model/document.js';
import { applyEdits, randomEdits } from '../../tools/synthetic/edits.js';
import { Random } from '../../tools/synthetic/random.js';
import { generateDocSpec } from '../../tools/synthetic/spec.js';
import { specToDocx } from '../../tools/synthetic/to-docx.js';
import { buildDocx, escapeXmlText, np, p } from './docx-builder.js';
import { NUMBERING_XML } from './random-docs.js';
import { requireOrSkip } from './shared.js';

/** Whether a command is on the PATH. */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

const PDF_TOOLS = ['qpdf', 'pdftotext', 'pdffonts', 'pdfinfo', 'pdfimages', 'pdftoppm'];

/** Whether the PDF tests can run (a notice and false locally without the tools, a failure in CI). */
export function requirePdfTools(): boolean {
  return requireOrSkip(`qpdf and poppler-utils (${PDF_TOOLS.join(', ')})`, PDF_TOOLS.every(hasCommand));
}

/** Runs a tool on the PDF (written to a temporary file) and returns its output. */
function withPdf<T>(bytes: Uint8Array, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'redline-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function qpdfCheck(bytes: Uint8Array): { status: number | null; output: string } {
  return withPdf(bytes, (file) => {
    const result = run('qpdf', ['--check', file]);
    return { status: result.status, output: result.stdout + result.stderr };
  });
}

export interface TextOptions {
  readonly layout?: boolean;
  readonly first?: number;
  readonly last?: number;
  /** Only the text between these x positions (points from the left edge): the text column, without margin notes. */
  readonly columns?: { readonly left: number; readonly right: number };
}

export function pdfText(bytes: Uint8Array, options: TextOptions = {}): string {
  return withPdf(bytes, (file) => {
    const crop = options.columns ? ['-x', String(Math.floor(options.columns.left)), '-y', '0', '-W', String(Math.ceil(options.columns.right - options.columns.left)), '-H', '2000'] : [];
    const args = [
      ...(options.layout ? ['-layout'] : []),
      ...(options.first === undefined ? [] : ['-f', String(options.first)]),
      ...(options.last === undefined ? [] : ['-l', String(options.last)]),
      ...crop,
      '-enc',
      'UTF-8',
      file,
      '-',
    ];
    const result = run('pdftotext', args);
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  });
}

/** The text of each page (pdftotext ends every page with a form feed). */
export function pageTexts(bytes: Uint8Array, layout = true, columns?: TextOptions['columns']): string[] {
  const pages = pdfText(bytes, { layout, ...(columns && { columns }) }).split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

export interface FontRow {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
  readonly subset: boolean;
  readonly unicode: boolean;
}

export function pdfFonts(bytes: Uint8Array): FontRow[] {
  return withPdf(bytes, (file) => {
    const lines = run('pdffonts', [file])
      .stdout.split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    return lines.map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object, id
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: match[1] as string, type: match[2] as string, embedded: match[4] === 'yes', subset: match[5] === 'yes', unicode: match[6] === 'yes' };
    });
  });
}

export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  return withPdf(bytes, (file) => {
    const info: Record<string, string> = {};
    for (const line of run('pdfinfo', [file]).stdout.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return info;
  });
}

export interface ImageRow {
  readonly page: number;
  readonly width: number;
  readonly height: number;
}

export function pdfImages(bytes: Uint8Array): ImageRow[] {
  return withPdf(bytes, (file) =>
    run('pdfimages', ['-list', file])
      .stdout.split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [page, , type, width, height] = line.trim().split(/\s+/);
        return { page: Number(page), type, width: Number(width), height: Number(height) };
      })
      .filter((row) => row.type === 'image'),
  );
}

export interface Pixmap {
  readonly width: number;
  readonly height: number;
  /** RGB, row by row. */
  readonly data: Uint8Array;
}

/** Renders pages with pdftoppm at `dpi` (all pages by default). */
export function renderPages(bytes: Uint8Array, dpi: number, first?: number, last?: number): Pixmap[] {
  return withPdf(bytes, (file, dir) => {
    const range = [...(first === undefined ? [] : ['-f', String(first)]), ...(last === undefined ? [] : ['-l', String(last)])];
    const result = run('pdftoppm', ['-r', String(dpi), ...range, file, join(dir, 'page')]);
    if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.ppm'))
      .sort()
      .map((name) => parsePpm(readFileSync(join(dir, name))));
  });
}

function parsePpm(bytes: Uint8Array): Pixmap {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));
  if (!header) throw new Error('not a binary PPM');
  const [whole, width, height] = header as unknown as [string, string, string];
  return { width: Number(width), height: Number(height), data: bytes.subarray(whole.length) };
}

/** Pixels whose colour is strong (not black, grey or white, nor a pale tint). */
export function colouredPixels(pixmap: Pixmap, where: (r: number, g: number, b: number) => boolean = (r, g, b) => Math.max(r, g, b) - Math.min(r, g, b) > 80): number {
  let count = 0;
  for (let i = 0; i + 2 < pixmap.data.length; i += 3) if (where(pixmap.data[i] as number, pixmap.data[i + 1] as number, pixmap.data[i + 2] as number)) count++;
  return count;
}

/** Dark pixels in the outer margins of an A4 page, where change bars (and only they) are drawn. */
export function marginInk(pixmap: Pixmap): number {
  const scale = pixmap.width / 595.28;
  const leftEdge = 68 * scale;
  const rightEdge = (595.28 - 68) * scale;
  let ink = 0;
  for (let y = 0; y < pixmap.height; y++) {
    for (let x = 0; x < pixmap.width; x++) {
      if (x >= leftEdge && x <= rightEdge) continue;
      const i = (y * pixmap.width + x) * 3;
      if ((pixmap.data[i] as number) + (pixmap.data[i + 1] as number) + (pixmap.data[i + 2] as number) < 3 * 180) ink++;
    }
  }
  return ink;
}

/** The `page N of M` footer of each page's text. */
export function footerNumbers(pages: readonly string[]): { page: number; of: number }[] {
  return pages.map((text) => {
    const match = /page (\d+) of (\d+)\s*$/.exec(text.trimEnd());
    if (!match) throw new Error(`no footer in page text: …${text.slice(-200)}`);
    return { page: Number(match[1]), of: Number(match[2]) };
  });
}

/** How many pages a redline adds: its summary at the front, and the list of changes at the back when the summary sends it there. */
export interface AddedPages {
  readonly summary: number;
  readonly list: number;
}

/** Counts a redline's added pages from their text (the summary's title, the list's title on a line of its own). */
export function addedPages(pages: readonly string[]): AddedPages {
  const summary = pages.findIndex((page) => !page.includes(SUMMARY_TITLE));
  const listTitle = new RegExp(`^\\s*${CHANGE_LIST_TITLE}( \\(continued\\))?\\s*$`, 'm');
  let list = 0;
  while (list < pages.length - Math.max(0, summary) && listTitle.test(pages[pages.length - 1 - list] ?? '')) list++;
  return { summary: summary < 0 ? pages.length : summary, list };
}

/** The pages between the summary and the list of changes. */
export function bodyPages<T>(pages: readonly string[], items: readonly T[]): T[] {
  const added = addedPages(pages);
  return items.slice(added.summary, items.length - added.list);
}

/** Text without any white space, for comparisons that must not depend on where lines break. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** A PNG of one colour, for picture fixtures. */
export function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', new Uint8Array())]));
}

export const SPECIAL_TEXT = 'Café naïve façade — “curly” ‘quotes’ – en dash ≤ 5 ≥ 3 → £100 €200 αβγ ΔΩ ✓';

const runXml = (text: string, props = ''): string => `<w:r>${props === '' ? '' : `<w:rPr>${props}</w:rPr>`}<w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r>`;

const IMAGE_RUN =
  '<w:r><w:drawing><wp:inline><wp:extent cx="1270000" cy="635000"/><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="chart.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImage1"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';

const table = (widths: readonly number[], rows: readonly (readonly string[])[], headerRows = 1): string =>
  `<w:tbl><w:tblPr/><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows
    .map((cells, r) => `<w:tr>${r < headerRows ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c) => `<w:tc><w:p>${runXml(c)}</w:p></w:tc>`).join('')}</w:tr>`)
    .join('')}</w:tbl>`;

/**
 * A pair of small documents that between them use every feature the PDF exporter draws: headings,
 * numbered clauses, run formatting, special characters, a link, a footnote, a picture, an
 * equation, tabs and breaks, alignments, a table with a header row, an inserted row and an
 * inserted column, a paragraph split in two (an inserted paragraph mark), a moved clause.
 */
export function featurePair(): { old: Document; new: Document } {
  const moved = 'Any dispute arising under this Agreement shall be referred to the Panel for determination under the dispute rules.';
  const common = (version: 'old' | 'new'): string[] => [
    p('Definitions and Scope', '<w:pStyle w:val="Heading1"/>'),
    np(version === 'old' ? 'The Supplier shall deliver the Goods within thirty days of the Order.' : 'The Supplier shall promptly deliver the Goods within forty-five days of the Order.', 1, 0),
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:jc w:val="both"/></w:pPr>${runXml('Formatting: ')}${runXml('bold', '<w:b/>')}${runXml(' ')}${runXml('italic', '<w:i/>')}${runXml(' ')}${runXml('underlined', '<w:u w:val="single"/>')}${runXml(' ')}${runXml('struck', '<w:strike/>')}${runXml(' E=mc')}${runXml('2', '<w:vertAlign w:val="superscript"/>')}${runXml(' H')}${runXml('2', '<w:vertAlign w:val="subscript"/>')}${runXml('O and a note')}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>${runXml(' with the link ')}<w:hyperlink r:id="rIdLink1">${runXml('example site', '<w:u w:val="single"/>')}</w:hyperlink>${runXml('.')}</w:p>`,
    np(SPECIAL_TEXT, 1, 0),
    p('Payment', '<w:pStyle w:val="Heading2"/>'),
    version === 'old'
      ? np('The Buyer shall pay the Price. The Buyer shall keep records of every payment.', 1, 0)
      : np('The Buyer shall pay the Price.', 1, 0) + np('The Buyer shall keep records of every payment.', 1, 0),
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${runXml('A centred line with a picture: ')}${IMAGE_RUN}</w:p>`,
    `<w:p><w:pPr><w:jc w:val="right"/></w:pPr>${runXml('Right aligned, then an equation ')}<m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>`,
    `<w:p>${runXml('Tab')}<w:r><w:tab/></w:r>${runXml('separated, then a line break')}<w:r><w:br/></w:r>${runXml('on a new line.')}</w:p>`,
    p('Tables', '<w:pStyle w:val="Heading1"/>'),
    table(
      [2500, 6000],
      version === 'old'
        ? [
            ['Term', 'Meaning'],
            ['Goods', 'The items ordered'],
            ['Price', 'The amount payable'],
          ]
        : [
            ['Term', 'Meaning'],
            ['Goods', 'The items ordered'],
            ['Order', 'A written request for Goods'],
            ['Price', 'The amount payable'],
          ],
    ),
    p(''),
    table(
      version === 'old' ? [3000, 3000] : [3000, 3000, 3000],
      version === 'old'
        ? [
            ['Requirement', 'Supplier'],
            ['R1', 'Mandatory'],
          ]
        : [
            ['Requirement', 'Supplier', 'DCC'],
            ['R1', 'Mandatory', 'Optional'],
          ],
    ),
    p(''),
    p('Other Terms', '<w:pStyle w:val="Heading1"/>'),
    np(version === 'old' ? 'Notices must be in writing.' : 'Notices must be in writing and signed.', 1, 0),
  ];
  const body = (version: 'old' | 'new'): string => {
    const blocks = common(version);
    if (version === 'old') blocks.splice(1, 0, np(moved, 1, 0));
    else blocks.push(np(moved, 1, 0));
    return blocks.join('');
  };
  const build = (version: 'old' | 'new'): Uint8Array =>
    buildDocx({
      numbering: NUMBERING_XML,
      body: `${body(version)}<w:p><w:r><w:br w:type="page"/></w:r></w:p>${p('After a page break.')}`,
      footnotes: `<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>${runXml(version === 'old' ? ' A footnote at the foot of the page.' : ' A revised footnote at the foot of the page.')}</w:p></w:footnote>`,
      extraParts: { 'word/media/image1.png': solidPng(40, 20, [30, 140, 60]) },
      extraRels:
        '<Relationship Id="rIdImage1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>' +
        '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/terms" TargetMode="External"/>',
    });
  return { old: fromDocx(build('old'), 'features-v1.docx').document, new: fromDocx(build('new'), 'features-v2.docx').document };
}

/**
 * A synthetic code section of about thirty pages and its next version: numbered clauses with
 * limbs, a definitions table and a long matrix table that cross page breaks, footnotes.
 */
export async function syntheticPair(options: { footnotes?: boolean; seed?: number } = {}): Promise<{ old: Document; new: Document }> {
  const seed = options.seed ?? 11;
  const spec = generateDocSpec({
    id: 'G',
    title: 'Section G: Security',
    prefix: 'G',
    words: 12000,
    seed,
    definitions: 20,
    matrixRows: 70,
    matrixColumns: 5,
    footnoteEvery: options.footnotes === false ? 0 : 15,
  });
  const edits = randomEdits(spec, new Random(seed + 1), { wordRate: 0.02, insertClauses: 3, deleteClauses: 3, moveClauses: 1, rowChanges: 8, tag: 'v2' });
  const old = fromDocx(await specToDocx(spec), 'section-g-v1.docx').document;
  const neu = fromDocx(await specToDocx(applyEdits(spec, edits)), 'section-g-v2.docx').document;
  return { old, new: neu };
}

/** The structure tree as poppler prints it (`pdfinfo -struct-text`): one element a line, indented, with its text. */
export function pdfStructure(bytes: Uint8Array): string {
  return withPdf(bytes, (file) => {
    const result = run('pdfinfo', ['-struct-text', file]);
    if (result.status !== 0) throw new Error(`pdfinfo -struct-text failed: ${result.stderr}`);
    return result.stdout;
  });
}

/** Every object of the file, as qpdf reads it (`qpdf --json`, version 2): `obj:N 0 R` → value. */
export function pdfObjects(bytes: Uint8Array): Record<string, unknown> {
  return withPdf(bytes, (file) => {
    const result = run('qpdf', ['--json', '--json-key=qpdf', file]);
    if (result.status !== 0) throw new Error(`qpdf --json failed: ${result.stderr}`);
    const json = JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>] };
    return Object.fromEntries(Object.entries(json.qpdf[1]).map(([key, entry]) => [key, entry.value ?? entry.stream?.dict]));
  });
}

/** The words of a page with their boxes (points from the page's top left), from `pdftotext -bbox`. */
export function pageWords(bytes: Uint8Array, page: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  return withPdf(bytes, (file) => {
    const result = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-']);
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return [...result.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: (m[5] as string).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    }));
  });
}

/**
 * The key of a marked-up PDF's first page, read back: each label and the colour of the swatch
 * drawn before it (sampled from the page rendered at one pixel per point).
 */
export function legendColours(bytes: Uint8Array, labels: readonly string[]): Map<string, [number, number, number]> {
  const [pixmap] = renderPages(bytes, 72, 1, 1);
  if (!pixmap) throw new Error('no first page');
  const out = new Map<string, [number, number, number]>();
  for (const word of pageWords(bytes, 1)) {
    if (!labels.includes(word.text) || out.has(word.text)) continue;
    // The key's swatch: an 8-point square 17 points before the label.
    const x = Math.round(word.xMin - 13);
    const y = Math.round((word.yMin + word.yMax) / 2);
    const at = (y * pixmap.width + x) * 3;
    const rgb: [number, number, number] = [pixmap.data[at] as number, pixmap.data[at + 1] as number, pixmap.data[at + 2] as number];
    if (Math.max(...rgb) < 250) out.set(word.text, rgb);
  }
  return out;
}
