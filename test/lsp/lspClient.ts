/** A small LSP client over stdio for tests: starts the built server and speaks JSON-RPC to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';

export interface Session {
  connection: ProtocolConnection;
  server: ChildProcess;
  root: string;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  notifications: { method: string; params: unknown }[];
  /** Work done progress from the server, in order, for each token it created ($/progress is not an ordinary notification). */
  progress: { token: string | number; value: { kind?: string; message?: string; percentage?: number } }[];
  uri(name: string): string;
  close(): Promise<void>;
  waitFor<T>(what: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Resolves once the server has reported a finished index. */
  indexed(): Promise<void>;
  /** Sets a workspace article's text in the editor: opened on the first call, changed whole after. */
  edit(name: string, text: string): Promise<void>;
}

/** Copies the samples to a temporary workspace and starts the server on it. */
export async function startServer(
  options: { configuration?: boolean; files?: Record<string, string>; root?: string; keep?: boolean; locale?: string; settings?: Record<string, unknown> } = {},
): Promise<Session> {
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-lsp-'));
  if (!options.root) for (const f of fs.readdirSync('samples')) fs.copyFileSync(path.join('samples', f), path.join(root, f));
  for (const [name, text] of Object.entries(options.files ?? {})) fs.writeFileSync(path.join(root, name), text);
  const server = spawn(process.execPath, [path.resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const notifications: { method: string; params: unknown }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
  });
  connection.onUnhandledNotification((n) => {
    notifications.push({ method: n.method, params: n.params });
  });
  const progress: Session['progress'] = [];
  // The newsLens section of the settings, as VS Code would give it.
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings ?? null));
  connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    connection.onProgress(WorkDoneProgress.type, p.token, (value) => void progress.push({ token: p.token, value }));
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  // A server that does not start leaves neither its process nor the temporary workspace behind.
  const abandon = (e: unknown) => {
    connection.dispose();
    server.kill();
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
    throw e;
  };
  await connection
    .sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'samples' }],
      ...(options.locale ? { locale: options.locale } : {}),
      capabilities: {
        workspace: { configuration: options.configuration ?? true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    })
    .catch(abandon);
  await connection.sendNotification('initialized', {});
  const waitFor = async <T>(what: () => T | undefined, timeoutMs = 20000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = what();
      if (v !== undefined && v !== null && v !== false) return v;
      if (Date.now() > until) throw new Error('timed out waiting for the server');
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const uri = (name: string) => URI.file(path.join(root, name)).toString();
  const versions = new Map<string, number>();
  return {
    connection,
    server,
    root,
    diagnostics,
    notifications,
    progress,
    waitFor,
    uri,
    async indexed() {
      await waitFor(() => notifications.some((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    },
    async edit(name: string, text: string) {
      const version = (versions.get(name) ?? 0) + 1;
      versions.set(name, version);
      if (version === 1)
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'plaintext', version, text } });
      else await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(name), version }, contentChanges: [{ text }] });
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      connection.dispose();
      server.kill();
      if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The position of the n-th occurrence of `needle` in a text. */
export function positionOf(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

export interface Raw {
  connection: ProtocolConnection;
  server: ChildProcess;
  exited: Promise<number | null>;
  notifications: { method: string; params: unknown }[];
}

/** Starts the built server on `root` with the given initialize parameters (lspClient's startServer sends no initializationOptions). */
export async function rawServer(root: string, init: { processId?: number; initializationOptions?: unknown }): Promise<Raw> {
  const server = spawn(process.execPath, [path.resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const notifications: Raw['notifications'] = [];
  connection.onUnhandledNotification((n) => void notifications.push({ method: n.method, params: n.params }));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onError(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: init.processId ?? process.pid,
    rootUri: URI.file(root).toString(),
    workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
    initializationOptions: init.initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
      textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
    },
  });
  await connection.sendNotification('initialized', {});
  return { connection, server, exited, notifications };
}

export async function waitFor<T>(what: () => T | undefined | null | false, message: string, timeoutMs = 20000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = what();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
