/**
 * Runs the `redline` command line in a child process under a memory cap (`--max-old-space-size`)
 * and a time limit, and measures what it took: exit code or signal, wall time and peak resident
 * memory (read from `/proc/PID/status` while it runs, so an out-of-memory death still shows how
 * far it got). Used by the limit tests, the fuzz suite and the before/after figures.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command line (`dist/cli/main.js`), from the sources (tests) or from `dist-tools/`. */
export const CLI_SCRIPT =
  [new URL('../../dist/cli/main.js', import.meta.url), new URL('../../../dist/cli/main.js', import.meta.url)].map((u) => fileURLToPath(u)).find((p) => existsSync(p)) ??
  fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface BoundedRunOptions {
  /** V8 heap cap in MiB (`--max-old-space-size`). */
  readonly heapMiB?: number;
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Largest stdout/stderr kept, each. */
  readonly maxOutputBytes?: number;
}

export interface BoundedRunResult {
  /** Exit code; null when killed by a signal. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly milliseconds: number;
  /** Peak resident set size in MiB (VmHWM), as last seen; 0 where /proc is not available. */
  readonly peakMiB: number;
  readonly stdout: string;
  readonly stderr: string;
}

const POLL_MS = 25;

export function runBounded(args: readonly string[], options: BoundedRunOptions = {}): Promise<BoundedRunResult> {
  const heap = options.heapMiB ?? 1024;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxOutput = options.maxOutputBytes ?? 1 << 20;
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heap}`, CLI_SCRIPT, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxOutput) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxOutput) stderr += chunk;
    });
    let peakKiB = 0;
    const poll = setInterval(() => {
      peakKiB = Math.max(peakKiB, peakOf(child.pid));
    }, POLL_MS);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ status, signal, timedOut, milliseconds: Date.now() - began, peakMiB: Math.round(peakKiB / 1024), stdout, stderr });
    });
  });
}

function peakOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
