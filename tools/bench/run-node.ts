/** Runs a command in a fresh Node process, timing it and reading its peak RSS and CPU time. */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_REPORTER = resolve(dirname(fileURLToPath(import.meta.url)), 'rss-reporter.js');

export interface Timed {
  readonly ms: number;
  readonly rssMb?: number;
  /** CPU time of all the process's threads. */
  readonly cpuMs?: number;
}

export function runNode(args: readonly string[]): Timed & { status: number | null } {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', RSS_REPORTER, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  // The process's own figures come last (a worker process that inherits the reporter prints first).
  const last = (pattern: RegExp): string | undefined => [...run.stderr.matchAll(pattern)].pop()?.[1];
  const rss = last(/MAXRSS_KB (\d+)/g);
  const cpu = last(/CPU_US (\d+)/g);
  return { ms, status: run.status, ...(rss !== undefined && { rssMb: Number(rss) / 1024 }), ...(cpu !== undefined && { cpuMs: Number(cpu) / 1000 }) };
}
