/**
 * Renders a redline (marked) or a document (clean) as a PDF: summary pages first in a redline,
 * then the body laid out and paginated as a stream, each page written as soon as it is full (and
 * dropped, still counted, when only changed pages are wanted), then the list of changes when the
 * summary has no room for it; then the summary and the list filled in now that every change has a
 * page, the notes that tie the ends of each move together, the running heads once the page count
 * is known, and the outline.
 */
import type { AttributionReport } from '../../attribution/report.js';
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import { InputError } from '../../diagnostics/errors.js';
import { LIMITS } from '../../diagnostics/limits.js';
import { documentLines } from '../../model/plain-text.js';
import { forEachParagraph, type Redline } from '../../model/redline.js';
import { fileName } from '../../util/file-name.js';
import { blockFlow } from './block-flow.js';
import { Canvas } from './canvas.js';
import { ChangePalette } from './change-palette.js';
import { type CjkRegion, cjkRegionOf } from './cjk-fonts.js';
import { documentFlow, NOTE_SIZE } from './document-flow.js';
import type { FlowContext } from './flow-context.js';
import { FontLibrary } from './fonts.js';
import { ImageResolver } from './images.js';
import { drawMoveNotes, moveNotes } from './move-notes.js';
import { NoteRegistry } from './note-registry.js';
import { type PageSize, pageGeometry } from './page-geometry.js';
import { Paginator } from './paginator.js';
import { type OutlineEntry, PdfAssembly } from './pdf-assembly.js';
import { drawRunningHeads, type RunningHeads } from './running-heads.js';
import { ListTracker, StructElement } from './structure.js';
import { CHANGE_LIST_TITLE, SUMMARY_TITLE, SummaryPages } from './summary-pages.js';
import { TextPainter } from './text-painter.js';

export interface RenderOptions {
  readonly pageSize?: PageSize;
  readonly changedPagesOnly?: boolean;
  readonly title?: string;
  readonly subtitle?: string;
  readonly date?: string;
  /** The order sources take their colours in (see `PdfOptions.sourceOrder`). */
  readonly sourceOrder?: readonly string[];
  /** The attribution report, whose findings the summary lists. */
  readonly report?: AttributionReport;
}

export async function renderPdf(redline: Redline, options: RenderOptions, marked: boolean, diagnostics?: Diagnostics): Promise<Uint8Array> {
  const geometry = pageGeometry(options.pageSize ?? 'A4');
  const fonts = new FontLibrary();
  const painter = new TextPainter(fonts);
  const palette = marked ? new ChangePalette(redline, options.sourceOrder) : undefined;
  const heads: RunningHeads = { title: options.title ?? redline.new.title ?? fileName(redline.new.name), ...(options.subtitle !== undefined && { subtitle: options.subtitle }) };
  const pdf = await PdfAssembly.create();
  // The structure tree: the summary's section first (it is drawn last but read first), then the body.
  const root = new StructElement('Document', undefined);
  const summarySection = palette ? new StructElement('Sect', root, {}, true) : undefined;
  // The list of changes, when the summary sends it to the back, joins the tree when drawn: after the body.
  const listSection = new StructElement('Sect', root);

  const summary = palette && summarySection ? new SummaryPages(redline, options.report, palette, painter, geometry, heads, summarySection, listSection) : undefined;
  const summaryPages = summary?.pageCount ?? 0;
  const listPages = summary?.listPageCount ?? 0;
  refuseTooLarge(redline, summaryPages + listPages, marked);
  const kept: number[] = [];
  for (let page = 1; page <= summaryPages; page++) {
    pdf.addPage(page, geometry);
    kept.push(page);
  }

  const ctx = flowContext(redline, fonts, palette, geometry.textWidth, root, diagnostics);
  const paginator = new Paginator({ geometry, firstPage: summaryPages + 1, ...(palette && { changeBars: { palette, painter } }) });
  for (const page of paginator.paginate(documentFlow(redline, geometry.textWidth, ctx))) {
    refuseTooManyPages(redline, page.number + listPages, marked);
    if (palette && options.changedPagesOnly && !page.hasChanges) continue;
    pdf.addPage(page.number, geometry);
    kept.push(page.number);
    await pdf.draw(page.number, page.canvas);
  }

  const listStart = summaryPages + paginator.pageCount + 1;
  for (let page = listStart; page < listStart + listPages; page++) {
    pdf.addPage(page, geometry);
    kept.push(page);
  }
  if (summary) {
    const placed = { changes: paginator.changes, moveEnds: paginator.moveEnds, ...(listPages > 0 && { listPage: listStart }) };
    for (let page = 1; page <= summaryPages; page++) await pdf.draw(page, summary.draw(page, placed));
    for (let page = 1; page <= listPages; page++) await pdf.draw(listStart + page - 1, summary.drawList(page, placed));
  }
  if (palette) {
    const keptPages = new Set(kept);
    for (const [page, notes] of moveNotes(redline.changes, paginator.moveEnds)) if (keptPages.has(page)) await pdf.draw(page, drawMoveNotes(notes, page, geometry, palette, painter));
  }
  const total = summaryPages + paginator.pageCount + listPages;
  for (const page of kept) {
    const canvas = new Canvas(geometry.height);
    drawRunningHeads(canvas, painter, geometry, heads, page, total);
    await pdf.draw(page, canvas);
  }
  // The added pages are bookmarked too, so that a reader can go back to the summary or on to the list.
  const added = (title: string, page: number): OutlineEntry[] => [{ title, level: 1, page, top: geometry.bodyTop }];
  pdf.outline([...(summaryPages > 0 ? added(SUMMARY_TITLE, 1) : []), ...paginator.headings, ...(listPages > 0 ? added(CHANGE_LIST_TITLE, listStart) : [])]);
  return pdf.save({
    title: heads.title,
    lang: documentLanguage(redline, ctx.cjkRegion),
    structure: root,
    ...(options.subtitle !== undefined && { subject: options.subtitle }),
    ...(options.date !== undefined && { date: options.date }),
  });
}

/** Past {@link LIMITS.pdfPages}, known up front from the page breaks or met while paginating. */
function refuseTooManyPages(redline: Redline, pages: number, marked: boolean): void {
  if (pages <= LIMITS.pdfPages) return;
  throw new InputError(
    redline.new.name,
    `its ${marked ? 'marked-up' : 'clean'} PDF would run past ${LIMITS.pdfPages.toLocaleString('en')} pages (the limit for a PDF output); ask for DOCX, HTML or JSON output instead`,
  );
}

/**
 * Floors of the PDF's size, found without layout from what stays in the new version: each page
 * break starts a page; each paragraph is at least a line, and each line break starts another. A
 * redline past {@link LIMITS.pdfLines} is refused before its layout (a paragraph of a million line
 * breaks is laid out whole, which alone exhausts the heap).
 */
function refuseTooLarge(redline: Redline, summaryPages: number, marked: boolean): void {
  let pageBreaks = 0;
  let lines = 0;
  forEachParagraph(redline.body, (paragraph) => {
    lines++;
    for (const piece of paragraph.pieces) {
      if (piece.status === 'deleted' || piece.status === 'moved-from' || piece.inline.type !== 'atom') continue;
      if (piece.inline.kind === 'page-break') pageBreaks++;
      if (piece.inline.kind === 'page-break' || piece.inline.kind === 'break') lines++;
    }
  });
  refuseTooManyPages(redline, summaryPages + pageBreaks, marked);
  if (lines > LIMITS.pdfLines)
    throw new InputError(
      redline.new.name,
      `its ${marked ? 'marked-up' : 'clean'} PDF would run past ${LIMITS.pdfLines.toLocaleString('en')} lines (the limit for a PDF output); ask for DOCX, HTML or JSON output instead`,
    );
}

/**
 * The document's language: the DOCX's default (`w:lang` of its style sheet), else a guess from its
 * script (for text inputs): Chinese, Japanese, Korean, Arabic, Hebrew, or English.
 */
function documentLanguage(redline: Redline, region: CjkRegion): string {
  if (redline.new.language !== undefined) return redline.new.language;
  const sample = documentLines(redline.new).join('\n').slice(0, 20_000);
  const count = (pattern: RegExp): number => sample.match(pattern)?.length ?? 0;
  const letters = Math.max(1, count(/\p{L}/gu));
  if (count(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) / letters > 0.3) return { sc: 'zh', jp: 'ja', kr: 'ko' }[region];
  if (count(/[\u0600-\u06ff]/g) / letters > 0.3) return 'ar';
  if (count(/[\u0590-\u05ff]/g) / letters > 0.3) return 'he';
  return 'en';
}

function flowContext(redline: Redline, fonts: FontLibrary, palette: ChangePalette | undefined, width: number, structure: StructElement, diagnostics: Diagnostics | undefined): FlowContext {
  // Footnotes are laid out when first called, with the context they are part of, in a Note at the reference.
  const notes = new NoteRegistry(redline.notes, (note, label, parent) => ({
    items: [...blockFlow(note.blocks, width, ctx, { part: 'footnote', baseSize: NOTE_SIZE, noteLabel: label, parent: new StructElement('Note', parent ?? structure) })],
  }));
  const ctx: FlowContext = {
    fonts,
    ...(palette && { palette }),
    notes,
    images: new ImageResolver(redline.old.docx, redline.new.docx),
    cjkRegion: cjkRegionOf(documentLines(redline.new).join('\n')),
    structure,
    lists: new ListTracker(),
    notedMoveEnds: new Set(),
    ...(diagnostics && { diagnostics }),
  };
  return ctx;
}
