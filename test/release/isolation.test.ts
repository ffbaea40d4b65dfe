/**
 * One bad document never takes a release down (issue #19): each document runs in a worker
 * process with a heap limit of its own, so a worker that runs out of memory, aborts, crashes or
 * exits fails its document alone, with the reason in the report and the state, and the release
 * completes the others (exit 5); a re-run tries the failed document again, in isolation again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WorkerFailure, WorkerPool } from '../../src/release/worker-pool.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, p } from '../helpers/docx-builder.js';

interface Task {
  readonly kind: 'ok' | 'oom' | 'abort' | 'exit' | 'kill';
  readonly n: number;
}

/** A worker script that does what each task says: answer, exhaust its heap, abort, exit, or die. */
const WORKER_SCRIPT = `
process.on('message', (task) => {
  if (task.kind === 'ok') return process.send({ n: task.n, pid: process.pid });
  if (task.kind === 'oom') { const hoard = []; for (;;) hoard.push(new Array(1e5).fill(task.n)); }
  if (task.kind === 'abort') process.abort();
  if (task.kind === 'exit') process.exit(3);
  if (task.kind === 'kill') process.kill(process.pid, 'SIGKILL');
});
process.on('disconnect', () => process.exit(0));
`;

describe('the worker pool', () => {
  it('fails a task whose worker runs out of memory, aborts, exits or is killed, and runs the others', async () => {
    const script = join(tempDir('redline-pool-'), 'worker.mjs');
    writeFileSync(script, WORKER_SCRIPT);
    const pool = new WorkerPool<Task, { n: number; pid: number }>(pathToFileURL(script), { size: 2, heapMb: 64 });
    const kinds: Task['kind'][] = ['ok', 'oom', 'ok', 'abort', 'ok', 'exit', 'ok', 'kill', 'ok', 'ok'];
    const settled = await Promise.allSettled(kinds.map((kind, n) => pool.run({ kind, n })));
    const pids = new Set<number>();
    const reasons = settled.map((s, n) => {
      if (s.status === 'fulfilled') {
        expect(s.value.n).toBe(n);
        pids.add(s.value.pid);
        return 'ok';
      }
      expect(s.reason).toBeInstanceOf(WorkerFailure);
      return (s.reason as WorkerFailure).reason;
    });
    expect(reasons[0]).toBe('ok');
    expect(reasons[1]).toMatch(/^out of memory: the document needs more than the 64 MiB heap/);
    expect((settled[1] as PromiseRejectedResult).reason.outOfMemory).toBe(true);
    expect(reasons[3]).toBe('the worker process crashed (SIGABRT)');
    expect(reasons[5]).toBe('the worker process exited with code 3 before finishing the document');
    expect(reasons[7]).toMatch(/^the worker process was killed \(SIGKILL/);
    expect(reasons.filter((r) => r === 'ok')).toHaveLength(6);
    await pool.close();
    // Every worker that answered has ended with the pool.
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);
});

describe('a release with one poisoned document', () => {
  /**
   * Small documents, and one that no cap on numbers catches but that needs far more memory than a
   * worker is given here: 300,000 paragraphs (a 40 KB zip).
   */
  function poisonedRelease(): { manifest: string; out: string } {
    const folder = tempDir('redline-poisoned-');
    const docs: Record<string, [string, string]> = {
      alpha: ['The Supplier shall notify the Panel.', 'The Supplier shall promptly notify the Panel.'],
      beta: ['Each Party shall comply with Section G.', 'Each Party shall comply with Sections G and H.'],
      gamma: ['The Code Administrator shall publish the report.', 'The Code Administrator shall publish the annual report.'],
    };
    const documents = Object.entries(docs).map(([id, [before, after]]) => {
      writeFileSync(join(folder, `${id}-1.docx`), buildDocx({ body: p(before) }));
      writeFileSync(join(folder, `${id}-2.docx`), buildDocx({ body: p(after) }));
      return { id, title: `Document ${id}`, previous: { version: '1', file: `${id}-1.docx` }, new: { version: '2', file: `${id}-2.docx` } };
    });
    const paragraphs = '<w:p><w:r><w:t>Clause</w:t></w:r></w:p>'.repeat(300_000);
    const base = buildDocx({ body: p('x') });
    const poisoned = (extra: string): Uint8Array => {
      const files = Object.fromEntries(
        Object.entries(unzipSync(base)).map(([name, data]) => [
          name,
          name === 'word/document.xml' ? strToU8(new TextDecoder().decode(data).replace('<w:body>', `<w:body>${paragraphs}${extra}`)) : data,
        ]),
      );
      return zipSync(files);
    };
    writeFileSync(join(folder, 'poison-1.docx'), poisoned(''));
    writeFileSync(join(folder, 'poison-2.docx'), poisoned(p('The end.')));
    documents.splice(1, 0, { id: 'poison', title: 'Poisoned', previous: { version: '1', file: 'poison-1.docx' }, new: { version: '2', file: 'poison-2.docx' } });
    const manifest = join(folder, 'release.json');
    writeFileSync(manifest, JSON.stringify({ release: { id: 'R1', title: 'Release', effectiveDate: '2026-11-27' }, sources: [], documents, outputs: ['redline-docx', 'json'] }));
    return { manifest, out: join(folder, 'out') };
  }

  it('completes the others with exit 5 and a full report, and a re-run fails it alone again', () => {
    const { manifest, out } = poisonedRelease();
    const first = runCli(['release', manifest, '-o', out, '--worker-memory', '64', '--concurrency', '2', '--json']);
    expect(first.status, first.stderr).toBe(5);
    const summary = JSON.parse(first.stdout) as { failed: string[]; documents: { id: string; status: string; error?: string }[] };
    expect(summary.failed).toEqual(['poison']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { documents: { id: string; status: string; error?: string; outputs: unknown[] }[] };
    expect(report.documents.map((d) => [d.id, d.status])).toEqual([
      ['alpha', 'ok'],
      ['poison', 'failed'],
      ['beta', 'ok'],
      ['gamma', 'ok'],
    ]);
    expect(report.documents[1]?.error).toMatch(/^out of memory: the document needs more than the 64 MiB heap a worker has/);
    for (const d of report.documents.filter((x) => x.status === 'ok')) expect(d.outputs).toHaveLength(2);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/\| poison \| Poisoned \| failed: out of memory/);
    const state = JSON.parse(readFileSync(join(out, '.redline-state.json'), 'utf8')) as { documents: Record<string, { result: { status: string } }> };
    expect(state.documents.poison?.result.status).toBe('failed');

    const again = runCli(['release', manifest, '-o', out, '--worker-memory', '64', '--json']);
    expect(again.status, again.stderr).toBe(5);
    const rerun = JSON.parse(again.stdout) as { processed: string[]; skipped: string[] };
    expect(rerun.processed).toEqual(['poison']);
    expect(rerun.skipped.sort()).toEqual(['alpha', 'beta', 'gamma']);
  }, 300_000);

  it('does the poisoned document when its worker is given the memory it needs', () => {
    const { manifest, out } = poisonedRelease();
    const result = runCli(['release', manifest, '-o', out, '--json']);
    expect(result.status, result.stderr).toBe(0);
  }, 300_000);
});
