/**
 * When to restart a language server that stopped unexpectedly: after a back-off (1 s, 2 s, 4 s, 8 s),
 * at most `maxRestarts` times within `windowMs`; after that, give up and say so once. Pure (no
 * `vscode`), so that its decisions are tested on their own; client/src/extension.ts turns them into
 * vscode-languageclient's ErrorHandler.
 */

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`; one more crash in the window gives up. */
  maxRestarts: number;
  windowMs: number;
  /** The first restart waits this long, each further one twice as long as the one before, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Errors on the connection (a message that could not be written or read) tolerated in a row before it is shut down. */
  maxErrors: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60_000, baseDelayMs: 1000, maxDelayMs: 8000, maxErrors: 3 };

export type CloseDecision =
  /** Restart after `delayMs`; `attempt` counts the restarts within the window (1 for the first). */
  | { action: 'restart'; delayMs: number; attempt: number }
  /** Do not restart. `notify` is true only the first time since the last reset: one message, not one per crash. */
  | { action: 'giveUp'; crashes: number; notify: boolean };

export type ErrorDecision = { action: 'continue' } | { action: 'shutdown'; notify: boolean };

export class RestartPolicy {
  /** When the server stopped, for the crashes within the window. */
  private crashes: number[] = [];
  private notified = false;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** The connection to the server closed without the client asking for it, at `now` (ms). */
  closed(now: number): CloseDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n > this.options.maxRestarts) return { action: 'giveUp', crashes: n, notify: this.notify() };
    const delayMs = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (n - 1));
    return { action: 'restart', delayMs, attempt: n };
  }

  /** An error on the connection; `count` is how many in a row, as vscode-languageclient counts them. */
  error(count: number | undefined): ErrorDecision {
    if (count === undefined || count <= this.options.maxErrors) return { action: 'continue' };
    return { action: 'shutdown', notify: this.notify() };
  }

  /** The user restarted the server by hand: crashes are counted anew, and a new message may be shown. */
  reset(): void {
    this.crashes = [];
    this.notified = false;
  }

  private notify(): boolean {
    const first = !this.notified;
    this.notified = true;
    return first;
  }
}
