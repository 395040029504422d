// Maps a pure function over many inputs on a pool of worker threads, in batches, with
// per-input errors, crash failover, cancellation and an in-process fallback. Workers that finish
// a run cleanly wait (unreferenced) for the next run of the same file for a while (as many as a run uses by default), so that the
// rounds of an update do not each pay for starting threads and compiling their code again.
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';

/** The outcome for an input the function threw on, or that could not be computed. */
export class TaskFailure {
  constructor(readonly error: string) {}
}
export type Outcome<O> = O | TaskFailure;
export const isTaskFailure = (x: unknown): x is TaskFailure => x instanceof TaskFailure;

/** Messages between the pool and a worker (see serveWorker). */
export interface BatchRequest<I> {
  id: number;
  items: I[];
  /** The run's context, with the first batch a worker gets in a run (a worker serves many runs). */
  context?: unknown;
  hasContext?: true;
}
export interface BatchReply<O> {
  id: number;
  results: (O | null)[];
  failed?: { at: number; error: string }[];
}
type WorkerMessage<O> = { ready: true } | BatchReply<O>;

export interface RunOptions<I, O> {
  /** Worker threads; 0 runs in-process. Default: the available cores, 1 to 4. */
  threads?: number;
  /** Inputs per message. Default 64. */
  batch?: number;
  /** The function itself, for running in-process; without it the worker file's `handle` export is loaded. */
  handler?: (input: I, context?: unknown) => O;
  /** Data every input is computed with, sent to each worker once (as its workerData) rather than with every input. */
  context?: unknown;
  /** Called once per input as soon as its outcome arrives, in any order. */
  onResult?: (index: number, out: Outcome<O>) => void;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const MAX_DEFAULT_THREADS = 4;
/** Worker replacements per run; beyond this the remaining inputs fail rather than risk the main process. */
const MAX_RESPAWNS = 16;

export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, cores));
}

/**
 * Runs `handle` of `workerFile` (an entry point that calls serveWorker) over `inputs`.
 * Resolves with the outcomes in input order; rejects only on abort (an AbortError), when an
 * onResult/onProgress callback throws, or when no worker starts and no handler can be loaded.
 */
export function runInWorkers<I, O>(workerFile: string, inputs: readonly I[], opts: RunOptions<I, O> = {}): Promise<Outcome<O>[]> {
  return new PoolRun(workerFile, inputs, opts).start();
}

/** The worker side: answers batches with `handle` (and the run's context). Does nothing when loaded outside a worker thread. */
export function serveWorker<I, O>(handle: (input: I, context?: unknown) => O): void {
  const wt = workerThreads();
  const port = wt?.parentPort;
  if (!port) return;
  // What the worker prints goes to stderr: the language server speaks LSP on stdout. (Not with the
  // Worker's stdout option: a piped stdout keeps the process alive while the worker waits unreferenced.)
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  let context = (wt.workerData as { context?: unknown } | undefined)?.context;
  port.on('message', (req: BatchRequest<I>) => {
    if (req.hasContext) context = req.context;
    const reply = answerBatch((input: I) => handle(input, context), req);
    try {
      port.postMessage(reply);
    } catch {
      port.postMessage(withUncloneableFailed(reply));
    }
  });
  port.postMessage({ ready: true });
}

export function answerBatch<I, O>(handle: (input: I) => O, req: BatchRequest<I>): BatchReply<O> {
  const results: (O | null)[] = [];
  const failed: { at: number; error: string }[] = [];
  req.items.forEach((item, at) => {
    try {
      results.push(handle(item));
    } catch (e) {
      results.push(null);
      failed.push({ at, error: errorMessage(e) });
    }
  });
  return failed.length ? { id: req.id, results, failed } : { id: req.id, results };
}

function withUncloneableFailed<O>(reply: BatchReply<O>): BatchReply<O> {
  const failed = [...(reply.failed ?? [])];
  const results = reply.results.map((r, at) => {
    try {
      structuredClone(r);
      return r;
    } catch (e) {
      failed.push({ at, error: `result cannot be sent back: ${errorMessage(e)}` });
      return null;
    }
  });
  return { id: reply.id, results, failed };
}

interface Batch {
  id: number;
  indices: number[];
  suspect: boolean;
}
interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Batch;
  lastError?: string;
  /** This run's context was sent to the worker. */
  hasContext?: boolean;
}

/** Workers left from earlier runs, by worker file, and when they are let go. */
const idle = new Map<string, Worker[]>();
const IDLE_MS = 20000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function keepIdle(file: string, worker: Worker): void {
  const list = idle.get(file) ?? [];
  // As many as a run uses by default: threads beyond that (two runs at once) would only hold memory.
  if (list.length >= defaultThreads()) return void worker.terminate();
  worker.unref();
  list.push(worker);
  idle.set(file, list);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(releaseIdleWorkers, IDLE_MS);
  idleTimer.unref();
}

function takeIdle(file: string): Worker | undefined {
  const worker = idle.get(file)?.pop();
  worker?.ref();
  return worker;
}

/** Ends the waiting workers (after IDLE_MS unused; tests may call it). */
export function releaseIdleWorkers(): Promise<unknown> {
  const all = [...idle.values()].flat();
  idle.clear();
  return Promise.allSettled(all.map((w) => w.terminate()));
}

class PoolRun<I, O> {
  private readonly out: Outcome<O>[];
  private readonly slots = new Set<Slot>();
  private queue: Batch[] = [];
  private done = 0;
  private respawns = 0;
  private nextId = 0;
  private settled = false;
  private local = false;
  private resolve!: (out: Outcome<O>[]) => void;
  private reject!: (err: unknown) => void;

  constructor(
    private readonly file: string,
    private readonly inputs: readonly I[],
    private readonly opts: RunOptions<I, O>,
  ) {
    this.out = new Array(inputs.length);
  }

  start(): Promise<Outcome<O>[]> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      const { signal } = this.opts;
      if (signal?.aborted) return reject(abortError(signal));
      signal?.addEventListener('abort', this.onAbort, { once: true });
      if (this.inputs.length === 0) return this.finish();
      const size = Math.max(1, Math.floor(this.opts.batch ?? 64) || 64);
      for (let s = 0; s < this.inputs.length; s += size) {
        const indices = Array.from({ length: Math.min(size, this.inputs.length - s) }, (_, k) => s + k);
        this.queue.push({ id: this.nextId++, indices, suspect: false });
      }
      const requested = this.opts.threads === undefined || Number.isNaN(this.opts.threads) ? defaultThreads() : Math.max(0, Math.floor(this.opts.threads));
      const threads = Math.min(requested, this.queue.length);
      for (let i = 0; i < threads; i++) this.spawn();
      if (this.slots.size === 0) void this.runLocally();
    });
  }

  private readonly onAbort = () => this.fail(abortError(this.opts.signal!));

  private spawn(): void {
    const wt = workerThreads();
    if (!wt) return;
    let worker = takeIdle(this.file);
    const reused = !!worker;
    if (!worker) {
      try {
        worker = new wt.Worker(this.file);
      } catch {
        return;
      }
      // A waiting worker that fails is let go; a run's own listener notes why.
      worker.on('error', () => undefined);
      worker.on('exit', () => forget(this.file, worker!));
    }
    const slot: Slot = { worker, ready: reused };
    this.slots.add(slot);
    worker.on('message', (m: WorkerMessage<O>) => this.onMessage(slot, m));
    worker.on('error', (e) => (slot.lastError = errorMessage(e)));
    worker.on('exit', (code) => this.onExit(slot, code));
    if (reused) queueMicrotask(() => this.dispatch(slot));
  }

  private onMessage(slot: Slot, m: WorkerMessage<O>): void {
    if (this.settled) return;
    if ('ready' in m) {
      slot.ready = true;
      return this.dispatch(slot);
    }
    const b = slot.current;
    if (!b || b.id !== m.id) return;
    slot.current = undefined;
    const failed = new Map((m.failed ?? []).map((f) => [f.at, f.error]));
    b.indices.forEach((index, at) => {
      const error = failed.get(at);
      this.deliver(index, error !== undefined ? new TaskFailure(error) : (m.results[at] as O));
    });
    this.afterBatch();
    this.dispatch(slot);
  }

  private dispatch(slot: Slot): void {
    while (!this.settled && !slot.current) {
      const b = this.queue.shift();
      if (!b) return;
      try {
        const req: BatchRequest<I> = { id: b.id, items: b.indices.map((i) => this.inputs[i]) };
        if (!slot.hasContext) Object.assign(req, { context: this.opts.context, hasContext: true });
        slot.worker.postMessage(req);
        slot.hasContext = true;
        slot.current = b;
      } catch (e) {
        this.blame(b, `input cannot be sent to a worker: ${errorMessage(e)}`);
      }
    }
  }

  /** A batch failed as a whole: retry its inputs one by one, or fail the input if it was alone. */
  private blame(b: Batch, why: string): void {
    if (b.indices.length > 1) {
      this.queue.unshift(...b.indices.map((index) => ({ id: this.nextId++, indices: [index], suspect: true })));
    } else {
      this.deliver(b.indices[0], new TaskFailure(why));
      this.afterBatch();
    }
  }

  private onExit(slot: Slot, code: number): void {
    this.slots.delete(slot);
    if (this.settled) return;
    const why = `worker exited with code ${code}${slot.lastError ? `: ${slot.lastError}` : ''}`;
    if (slot.current) this.blame(slot.current, why);
    if (this.settled || this.queue.length === 0) return;
    // A worker that never became ready could not start at all; replacing it would fail the same way.
    if (slot.ready && this.respawns < MAX_RESPAWNS) {
      this.respawns++;
      this.spawn();
    }
    if (this.slots.size > 0) return;
    if (!slot.ready) return void this.runLocally();
    for (const b of this.queue.splice(0)) {
      for (const index of b.indices) this.deliver(index, new TaskFailure(`not analysed: workers crashed ${this.respawns + 1} times (last: ${why})`));
    }
    this.afterBatch();
  }

  /** Runs what is queued on this thread, yielding between batches so that the caller stays responsive. */
  private async runLocally(): Promise<void> {
    if (this.local) return;
    this.local = true;
    let handle: (input: I, context?: unknown) => O;
    try {
      handle = this.opts.handler ?? loadHandle<I, O>(this.file);
    } catch (e) {
      return this.fail(e);
    }
    while (!this.settled && this.queue.length > 0) {
      const b = this.queue.shift()!;
      for (const index of b.indices) {
        if (b.suspect) {
          this.deliver(index, new TaskFailure('a worker crashed on a batch with this input; not retried in-process'));
        } else {
          try {
            this.deliver(index, handle(this.inputs[index], this.opts.context));
          } catch (e) {
            this.deliver(index, new TaskFailure(errorMessage(e)));
          }
        }
        if (this.settled) return;
      }
      this.afterBatch();
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  private deliver(index: number, outcome: Outcome<O>): void {
    if (this.settled) return;
    this.out[index] = outcome;
    this.done++;
    try {
      this.opts.onResult?.(index, outcome);
    } catch (e) {
      this.fail(e);
    }
  }

  private afterBatch(): void {
    if (this.settled) return;
    try {
      this.opts.onProgress?.(this.done, this.inputs.length);
    } catch (e) {
      return this.fail(e);
    }
    if (this.done === this.inputs.length) this.finish();
  }

  private finish(): void {
    this.settle(true).then(() => this.resolve(this.out));
  }

  private fail(err: unknown): void {
    if (this.settled) return;
    this.settle(false).then(() => this.reject(err));
  }

  /**
   * Stops the run. After a clean one, workers with nothing in hand wait for the next run; the
   * others are terminated, and the promise resolves once they have exited.
   */
  private settle(clean: boolean): Promise<unknown> {
    this.settled = true;
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    const slots = [...this.slots];
    this.slots.clear();
    const ending: Worker[] = [];
    for (const slot of slots) {
      this.detach(slot);
      if (clean && slot.ready && !slot.current && slot.lastError === undefined) keepIdle(this.file, slot.worker);
      else ending.push(slot.worker);
    }
    return Promise.allSettled(ending.map((w) => w.terminate()));
  }

  /** Takes this run's listeners off a worker (the ones added at its start stay). */
  private detach(slot: Slot): void {
    const w = slot.worker;
    for (const event of ['message', 'error', 'exit'] as const) {
      const [first, ...mine] = w.listeners(event);
      // 'message' has only this run's listeners; 'error' and 'exit' keep the first, the worker's own.
      for (const l of event === 'message' ? [first, ...mine] : mine) if (l) w.off(event, l as (...args: unknown[]) => void);
    }
  }
}

function forget(file: string, worker: Worker): void {
  const list = idle.get(file);
  const at = list?.indexOf(worker) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}

function loadHandle<I, O>(file: string): (input: I, context?: unknown) => O {
  const handle = require(file)?.handle;
  if (typeof handle !== 'function') throw new Error(`${file} exports no handle() to run in-process`);
  return handle;
}

function workerThreads(): typeof import('node:worker_threads') | undefined {
  try {
    return require('node:worker_threads');
  } catch {
    return undefined;
  }
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
