/**
 * A fixed pool of worker processes, each running one task at a time, with a heap limit of its
 * own. Comparing documents is CPU-bound, so parallelism needs processes (or threads), not
 * promises on one thread; `p-limit` keeps no more tasks in flight than there are workers.
 *
 * Processes rather than worker threads, so that one document can never take the release down: a
 * worker that runs out of memory, aborts or crashes — or is killed by the system for the memory
 * outside V8's heap, which no heap limit bounds — ends alone; its task fails with the reason
 * ({@link WorkerFailure}) and a fresh worker takes its place. Once the pool is closed, queued
 * tasks are dropped and nothing is spawned again.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pLimit, { type LimitFunction } from 'p-limit';

export interface PoolOptions {
  /** Worker processes. */
  readonly size: number;
  /** Each worker's V8 heap limit, in MiB (`--max-old-space-size`). */
  readonly heapMb: number;
}

/** A task whose worker died: what happened, in words for the report. */
export class WorkerFailure extends Error {
  constructor(
    readonly reason: string,
    /** The worker ran out of heap. */
    readonly outOfMemory: boolean,
  ) {
    super(reason);
    this.name = 'WorkerFailure';
  }
}

/** How much of a dead worker's stderr is kept to tell why it died. */
const STDERR_TAIL = 8192;

interface Worker {
  readonly process: ChildProcess;
  stderr: string;
}

export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly limit: LimitFunction;
  private closed = false;

  constructor(
    private readonly script: URL,
    private readonly options: PoolOptions,
  ) {
    this.limit = pLimit(options.size);
    for (let i = 0; i < options.size; i++) this.idle.push(this.spawn());
  }

  /** Runs a task on the next free worker; `onStart` is called when a worker takes it. */
  run(task: Task, onStart?: () => void): Promise<Result> {
    return this.limit(() => {
      if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
      onStart?.();
      return this.dispatch(task);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.limit.clearQueue();
    await Promise.all([...this.all].map((worker) => stop(worker)));
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(): Worker {
    const child = fork(fileURLToPath(this.script), [], {
      execArgv: [`--max-old-space-size=${this.options.heapMb}`],
      // Structured clone: results carry Maps and nested data as they are.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const worker: Worker = { process: child, stderr: '' };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      worker.stderr = (worker.stderr + text).slice(-STDERR_TAIL);
    });
    // A worker that failed to start is reported when a task is dispatched to it.
    child.on('error', () => undefined);
    // One that dies idle is replaced at once (one that dies busy fails its task, see dispatch).
    child.once('close', () => {
      const at = this.idle.indexOf(worker);
      if (at < 0) return;
      this.idle.splice(at, 1);
      this.replace(worker);
    });
    this.all.add(worker);
    return worker;
  }

  private dispatch(task: Task): Promise<Result> {
    // p-limit admits no more tasks than workers, so one is always idle here.
    const worker = this.idle.pop() ?? this.spawn();
    const child = worker.process;
    return new Promise<Result>((resolve, reject) => {
      const done = (): void => {
        child.off('message', onMessage);
        child.off('close', onClose);
      };
      const onMessage = (result: Result): void => {
        done();
        this.idle.push(worker);
        resolve(result);
      };
      // `close`, not `exit`: by then stderr has been read to its end, and it tells why.
      const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        this.replace(worker);
        reject(failureOf(code, signal, worker.stderr, this.options.heapMb));
      };
      child.on('message', onMessage);
      child.on('close', onClose);
      if (!child.connected) return onClose(child.exitCode, child.signalCode);
      child.send(task as object, (error) => {
        if (error) onClose(child.exitCode, child.signalCode);
      });
    });
  }

  private replace(worker: Worker): void {
    this.all.delete(worker);
    void stop(worker);
    if (!this.closed) this.idle.push(this.spawn());
  }
}

function stop(worker: Worker): Promise<void> {
  const child = worker.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function failureOf(code: number | null, signal: NodeJS.Signals | null, stderr: string, heapMb: number): WorkerFailure {
  if (/Reached heap limit|JavaScript heap out of memory|Allocation failed/i.test(stderr)) {
    return new WorkerFailure(`out of memory: the document needs more than the ${heapMb} MiB heap a worker has (--worker-memory)`, true);
  }
  if (signal === 'SIGKILL') return new WorkerFailure('the worker process was killed (SIGKILL; by the system when memory runs out)', false);
  if (signal !== null) return new WorkerFailure(`the worker process crashed (${signal})`, false);
  return new WorkerFailure(`the worker process exited with code ${String(code)} before finishing the document`, false);
}
