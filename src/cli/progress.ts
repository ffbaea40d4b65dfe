/**
 * Progress of a release run on the command line. On a terminal: one bar redrawn in place
 * (documents done / total, the documents in hand, elapsed time, an ETA weighted by the documents'
 * sizes). Otherwise: one plain line per document, for logs.
 */
import type { DocumentResult, PlannedDocument, ProgressSink } from '../release/index.js';
import { escapeUnsafe } from '../util/quote.js';

const clock = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

function describe(result: DocumentResult): string {
  if (result.status === 'failed') return `FAILED: ${result.error ?? 'unknown error'}`;
  const sources = Object.entries(result.bySource)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  const issues = result.report ? result.report.unattributed.length + result.report.notApplied.length + result.report.differs.length + result.report.conflicts.length : 0;
  return `${result.changes} change(s)${sources ? ` (${sources})` : ''}${result.renumbered > 0 ? `, ${result.renumbered} renumbered` : ''}${issues > 0 ? `, ${issues} issue(s)` : ''}`;
}

export class Progress implements ProgressSink {
  private total = 0;
  private done = 0;
  private readonly sizes = new Map<string, number>();
  private totalSize = 0;
  private doneSize = 0;
  private readonly active = new Set<string>();
  private readonly began = Date.now();

  constructor(
    private readonly write: (text: string) => void,
    private readonly terminal: boolean,
    private readonly width = 24,
  ) {}

  start(documents: readonly PlannedDocument[], skipped: readonly string[]): void {
    this.total = documents.length;
    for (const { id, size } of documents) this.sizes.set(id, size);
    this.totalSize = documents.reduce((n, d) => n + d.size, 0);
    if (skipped.length > 0) this.line(`skipped ${skipped.length} unchanged document(s): ${skipped.join(', ')}`);
    this.draw();
  }

  started(id: string): void {
    this.active.add(id);
    this.draw();
  }

  /** The bar shows only the documents the workers hold, never more than there are workers. */
  released(id: string): void {
    this.active.delete(id);
    this.draw();
  }

  finished(result: DocumentResult, milliseconds: number): void {
    this.active.delete(result.id);
    this.done++;
    this.doneSize += this.sizes.get(result.id) ?? 0;
    this.line(`[${this.done}/${this.total}] ${result.id}: ${describe(result)} (${(milliseconds / 1000).toFixed(1)} s)`);
    this.draw();
  }

  end(): void {
    if (this.terminal) this.write('\r\x1b[2K');
  }

  /** One line of progress; what it quotes from documents (ids, errors) cannot break out of it. */
  private line(text: string): void {
    const safe = escapeUnsafe(text);
    this.write(this.terminal ? `\r\x1b[2K${safe}\n` : `${safe}\n`);
  }

  private draw(): void {
    if (!this.terminal || this.total === 0) return;
    const elapsed = Date.now() - this.began;
    const filled = Math.round((this.done / this.total) * this.width);
    this.write(
      `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${this.done}/${this.total}  ${escapeUnsafe([...this.active].join(', '))}  ${clock(elapsed)} elapsed, ETA ${this.eta(elapsed)}`,
    );
  }

  /**
   * Time left at the rate the bytes done so far took: documents are compared in time roughly
   * proportional to their size, and run largest first, so counting documents would promise the
   * small ones at the large ones' pace.
   */
  private eta(elapsed: number): string {
    if (this.doneSize === 0) return '–';
    return clock((elapsed / this.doneSize) * (this.totalSize - this.doneSize));
  }
}
