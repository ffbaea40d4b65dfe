/**
 * A fixed pool of worker threads. Comparing documents is CPU-bound, so parallelism needs threads,
 * not promises on one thread; `p-limit` keeps no more tasks in flight than there are workers, and
 * each task goes to an idle worker. A worker that dies fails its task and is replaced. Once the
 * pool is closed, queued tasks are dropped and nothing is spawned again.
 */
import { Worker } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';

export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly limit: LimitFunction;
  private closed = false;

  constructor(
    private readonly script: URL,
    size: number,
  ) {
    this.limit = pLimit(size);
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
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
    await Promise.all([...this.all].map((worker) => worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    this.all.add(worker);
    return worker;
  }

  private dispatch(task: Task): Promise<Result> {
    // p-limit admits no more tasks than workers, so one is always idle here.
    const worker = this.idle.pop() ?? this.spawn();
    return new Promise<Result>((resolve, reject) => {
      const done = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (result: Result): void => {
        done();
        this.idle.push(worker);
        resolve(result);
      };
      const onError = (error: Error): void => {
        done();
        this.replace(worker);
        reject(error);
      };
      const onExit = (code: number): void => {
        done();
        this.replace(worker);
        reject(new Error(`worker thread exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(task);
    });
  }

  private replace(worker: Worker): void {
    this.all.delete(worker);
    void worker.terminate();
    if (!this.closed) this.idle.push(this.spawn());
  }
}
