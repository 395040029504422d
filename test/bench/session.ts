/**
 * One language server process driven over stdio for the benchmark: answers the server's requests,
 * tells when the index is complete, and which diagnostics arrived for which version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

/** Stats of the status bar, as the server sends them (server/src/shared/protocol.ts). */
const STATS_NOTIFICATIONS = ['newsLens/statsChanged', 'newsLens/stats'];

export class TimeoutError extends Error {}

/** Settles with the promise, or rejects with a TimeoutError after ms. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timeout: ${what} after ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Whether a node process's stderr says it ran out of heap. */
export const outOfMemory = (stderr: string) => /heap out of memory|Ineffective mark-compacts/.test(stderr);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const live = new Set<ChildProcess>();
/** Kills every server still running (on exit, on ^C). */
export function killAll(): void {
  for (const c of live) {
    try {
      c.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  }
  live.clear();
}

export interface SessionOptions {
  serverJs: string;
  root: string;
  cacheDir: string;
  /** Folder for `node --cpu-prof`, if the server is profiled. */
  cpuProfDir?: string;
}

type DiagListener = (p: PublishDiagnosticsParams, at: number) => void;

export class Session {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private stderr = '';
  private logs: string[] = [];
  private exited: { code: number | null; signal: string | null } | undefined;
  private readonly exitPromise: Promise<void>;
  /** Progress tokens begun and ended; time of the last end. */
  private progressBegun = 0;
  private progressEnded = 0;
  lastProgressEndAt: number | undefined;
  /** Time the index was complete, once known. */
  indexedAt: number | undefined;
  private indexWaiters: (() => void)[] = [];
  private diagListeners = new Set<DiagListener>();
  diagnosticsReceived = 0;
  lastDiagnosticsAt: number | undefined;
  /** Whether any publishDiagnostics carried a version. */
  sendsVersions = false;
  lastStats: unknown;
  /** The highest VmHWM seen, polled: a server that dies still has a peak. */
  private peakSeenMB: number | undefined;
  private readonly poll: NodeJS.Timeout;

  constructor(readonly options: SessionOptions) {
    const args = [...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []), options.serverJs, '--stdio'];
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this.child);
    this.poll = setInterval(() => this.memory(), 250);
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        clearInterval(this.poll);
        this.exited = { code, signal };
        live.delete(this.child);
        resolve();
      });
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-20000);
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    const c = this.connection;
    c.onError(() => undefined);
    c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    c.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      c.onProgress(WorkDoneProgress.type, p.token, (v) => {
        if (v.kind === 'begin') this.progressBegun++;
        if (v.kind === 'end') {
          this.progressEnded++;
          this.lastProgressEndAt = performance.now();
        }
      });
      return null;
    });
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/semanticTokens/refresh', () => null);
    c.onRequest('workspace/inlayHint/refresh', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => null);
    c.onRequest('window/showMessageRequest', () => null);
    c.onRequest('workspace/applyEdit', () => ({ applied: false }));
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const at = performance.now();
      this.diagnosticsReceived++;
      this.lastDiagnosticsAt = at;
      if (typeof p.version === 'number') this.sendsVersions = true;
      for (const l of this.diagListeners) l(p, at);
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      if (this.logs.length > 20) this.logs.shift();
    });
    c.onUnhandledNotification((n) => {
      if (!STATS_NOTIFICATIONS.includes(n.method)) return;
      this.lastStats = n.params;
      const s = n.params as { indexing?: boolean };
      // Complete: the stats say no indexing, after every progress begun has ended (or with no progress at all).
      if (s && s.indexing === false && this.progressEnded >= this.progressBegun && this.indexedAt === undefined) {
        this.indexedAt = performance.now();
        for (const w of this.indexWaiters.splice(0)) w();
      }
    });
    c.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** initialize; returns the time `initialized` was sent. */
  async start(): Promise<number> {
    const uri = URI.file(this.options.root).toString();
    await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: false, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          synchronization: { didSave: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      initializationOptions: { cacheDir: this.options.cacheDir },
    });
    const t = performance.now();
    await this.connection.sendNotification('initialized', {});
    return t;
  }

  /** Resolves when the index is complete. */
  indexed(): Promise<number> {
    if (this.indexedAt !== undefined) return Promise.resolve(this.indexedAt);
    return new Promise((resolve, reject) => {
      this.indexWaiters.push(() => resolve(this.indexedAt!));
      void this.exitPromise.then(() => reject(new Error(`the server exited (${this.exitText()})`)));
    });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    if (this.exited) return Promise.reject(new Error(`the server exited (${this.exitText()})`));
    return Promise.race([
      this.connection.sendRequest(method, params) as Promise<R>,
      this.exitPromise.then(() => Promise.reject(new Error(`the server exited (${this.exitText()})`))),
    ]);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** The time the last diagnostics arrived, once none has arrived for `quietMs`. */
  async diagnosticsQuiet(quietMs: number): Promise<number | undefined> {
    let seen = -1;
    while (seen !== this.diagnosticsReceived && !this.exited) {
      seen = this.diagnosticsReceived;
      await sleep(quietMs);
    }
    return this.lastDiagnosticsAt;
  }

  onDiagnostics(l: DiagListener): () => void {
    this.diagListeners.add(l);
    return () => this.diagListeners.delete(l);
  }

  /** VmHWM (peak resident set) and VmRSS of the server, in MB, from /proc; after it exited, the last peak seen. */
  memory(): { peakMB?: number; rssMB?: number } {
    try {
      const s = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key: string) => {
        const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s);
        return m ? Number(m[1]) / 1024 : undefined;
      };
      const peak = kb('VmHWM');
      if (peak !== undefined) this.peakSeenMB = Math.max(this.peakSeenMB ?? 0, peak);
      return { peakMB: this.peakSeenMB, rssMB: kb('VmRSS') };
    } catch {
      return { peakMB: this.peakSeenMB };
    }
  }

  exitText(): string {
    if (!this.exited) return 'running';
    return `code ${this.exited.code}, signal ${this.exited.signal}${outOfMemory(this.stderr) ? ', out of memory' : ''}`;
  }

  get hasExited(): boolean {
    return !!this.exited;
  }

  /** What the server wrote to stderr and logged, for a failure report. */
  output(): string {
    return [this.stderr.trim() && `stderr:\n${this.stderr.trim()}`, this.logs.length && `log:\n${this.logs.join('\n')}`].filter(Boolean).join('\n');
  }

  /** shutdown + exit, waits for the process (a profile is written on exit), kills it if it hangs. */
  async stop(waitMs = 120000): Promise<void> {
    if (!this.exited) {
      try {
        await within(this.request('shutdown'), 30000, 'shutdown');
        await this.notify('exit', undefined);
      } catch {
        // Hanging or gone: killed below.
      }
      await Promise.race([this.exitPromise, sleep(waitMs)]);
    }
    if (!this.exited) this.child.kill('SIGKILL');
    await Promise.race([this.exitPromise, sleep(5000)]);
    this.connection.dispose();
  }
}
