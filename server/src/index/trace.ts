/**
 * Stage timings for whoever profiles the index: with NEWSLENS_TRACE set in the environment, each
 * stage's wall time goes to stderr (the LSP channel is stdout, so the server may trace too).
 */
import { performance } from 'node:perf_hooks';

export const tracing = !!process.env.NEWSLENS_TRACE;

/** Writes one line: a stage's label, its time since `since` (performance.now()) and what it did. */
export function trace(label: string, since: number, detail = ''): void {
  if (tracing) process.stderr.write(`news-lens trace: ${label} ${(performance.now() - since).toFixed(0)} ms${detail ? ` (${detail})` : ''}\n`);
}

/** Runs a stage and traces it. */
export function traced<T>(label: string, f: () => T): T {
  const t = performance.now();
  try {
    return f();
  } finally {
    trace(label, t);
  }
}

export const now = (): number => performance.now();

/** Writes the process's memory (resident, JavaScript heap, buffers) after a stage. */
export function traceMemory(label: string): void {
  if (!tracing) return;
  // Under node --expose-gc the figures are of what is alive.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
  process.stderr.write(
    `news-lens trace: ${label} memory: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} (buffers ${mb(m.arrayBuffers)})\n`,
  );
}
