/**
 * Renders a redline (marked) or a document (clean) as a PDF: summary pages first in a redline,
 * then the body laid out and paginated as a stream, each page written as soon as it is full (and
 * dropped, still counted, when only changed pages are wanted), then the summary's table filled in
 * now that every change has a page, the notes that tie the ends of each move together, the
 * running heads once the page count is known, and the outline.
 */
import { basename } from 'node:path';
import type { Redline } from '../../model/redline.js';
import { blockFlow } from './block-flow.js';
import { Canvas } from './canvas.js';
import { ChangePalette } from './change-palette.js';
import { documentFlow, NOTE_SIZE } from './document-flow.js';
import type { FlowContext } from './flow-context.js';
import { FontLibrary } from './fonts.js';
import { ImageResolver } from './images.js';
import { drawMoveNotes, moveNotes } from './move-notes.js';
import { NoteRegistry } from './note-registry.js';
import { pageGeometry, type PageSize } from './page-geometry.js';
import { Paginator } from './paginator.js';
import { PdfAssembly } from './pdf-assembly.js';
import { drawRunningHeads, type RunningHeads } from './running-heads.js';
import { SummaryPages } from './summary-pages.js';
import { TextPainter } from './text-painter.js';

export interface RenderOptions {
  readonly pageSize?: PageSize;
  readonly changedPagesOnly?: boolean;
  readonly title?: string;
  readonly subtitle?: string;
  readonly date?: string;
}

export async function renderPdf(redline: Redline, options: RenderOptions, marked: boolean): Promise<Uint8Array> {
  const geometry = pageGeometry(options.pageSize ?? 'A4');
  const fonts = new FontLibrary();
  const painter = new TextPainter(fonts);
  const palette = marked ? new ChangePalette(redline) : undefined;
  const heads: RunningHeads = { title: options.title ?? redline.new.title ?? basename(redline.new.name), ...(options.subtitle !== undefined && { subtitle: options.subtitle }) };
  const pdf = await PdfAssembly.create();

  const summary = palette ? new SummaryPages(redline, palette, painter, geometry, heads) : undefined;
  const summaryPages = summary?.pageCount ?? 0;
  const kept: number[] = [];
  for (let page = 1; page <= summaryPages; page++) {
    pdf.addPage(page, geometry);
    kept.push(page);
  }

  const ctx = flowContext(redline, fonts, palette, geometry.textWidth);
  const paginator = new Paginator({ geometry, firstPage: summaryPages + 1, ...(palette && { changeBars: { palette, painter } }) });
  for (const page of paginator.paginate(documentFlow(redline, geometry.textWidth, ctx))) {
    if (palette && options.changedPagesOnly && !page.hasChanges) continue;
    pdf.addPage(page.number, geometry);
    kept.push(page.number);
    await pdf.draw(page.number, page.canvas);
  }

  if (summary) for (let page = 1; page <= summaryPages; page++) await pdf.draw(page, summary.draw(page, { changes: paginator.changes, moveEnds: paginator.moveEnds }));
  if (palette) {
    const keptPages = new Set(kept);
    for (const [page, notes] of moveNotes(redline.changes, paginator.moveEnds)) if (keptPages.has(page)) await pdf.draw(page, drawMoveNotes(notes, page, geometry, palette, painter));
  }
  const total = summaryPages + paginator.pageCount;
  for (const page of kept) {
    const canvas = new Canvas(geometry.height);
    drawRunningHeads(canvas, painter, geometry, heads, page, total);
    await pdf.draw(page, canvas);
  }
  pdf.outline(paginator.headings);
  return pdf.save({ title: heads.title, ...(options.subtitle !== undefined && { subject: options.subtitle }), ...(options.date !== undefined && { date: options.date }) });
}

function flowContext(redline: Redline, fonts: FontLibrary, palette: ChangePalette | undefined, width: number): FlowContext {
  // Footnotes are laid out when first called, with the context they are part of.
  const notes = new NoteRegistry(redline.notes, (note, label) => ({ items: [...blockFlow(note.blocks, width, ctx, { part: 'footnote', baseSize: NOTE_SIZE, noteLabel: label })] }));
  const ctx: FlowContext = {
    fonts,
    ...(palette && { palette }),
    notes,
    images: new ImageResolver(redline.old.docx, redline.new.docx),
  };
  return ctx;
}
