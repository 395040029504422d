/**
 * code-server (VS Code's workbench in a browser) for the end-to-end tests and `npm start`:
 * install it once into .cache/, package and install the extension, start and stop the server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, '.cache', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

/** Installs code-server into .cache (once) with Debian packages and the npm registry only. */
export function ensureCodeServer(): void {
  run('bash', [path.join(ROOT, 'test', 'e2e', 'install-code-server.sh')], 'installing code-server');
  if (!fs.existsSync(ENTRY)) throw new Error(`code-server is not in ${ENTRY}`);
}

/** Packages the extension and installs it into a fresh extensions folder. */
export function installExtension(dir: string): void {
  const vsix = path.join(ROOT, 'news-lens.vsix');
  run('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], 'packaging the extension');
  run(process.execPath, [ENTRY, '--extensions-dir', dir, '--install-extension', vsix], 'installing the extension into code-server');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  url: string;
  process: ChildProcess;
  dataDir: string;
  stop(): void;
}

/** Starts code-server on 127.0.0.1 with the extension installed, opening `folder`. */
export async function startCodeServer(folder: string, extensionsDir: string, port?: number, opts: { locale?: string } = {}): Promise<Running> {
  const p = port ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-cs-data-'));
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'editor.hover.delay': 100,
      'workbench.colorTheme': 'Default Light Modern',
      'window.commandCenter': false,
      'editor.fontFamily': "'Noto Sans Mono', 'DejaVu Sans Mono', monospace",
    }),
  );
  // A display language needs a language pack: a stub one with no translations of its own lets VS Code take the locale
  // (its own words stay English), so that extensions' package.nls.<locale>.json and vscode.env.language follow it.
  if (opts.locale && !opts.locale.startsWith('en')) {
    const translations = path.join(dataDir, 'stub-language-pack', 'main.i18n.json');
    fs.mkdirSync(path.dirname(translations), { recursive: true });
    fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
    fs.writeFileSync(
      path.join(dataDir, 'languagepacks.json'),
      JSON.stringify({
        [opts.locale]: {
          hash: 'stub',
          extensions: [{ extensionIdentifier: { id: 'newslens-test.stub-language-pack' }, version: '0.0.1' }],
          translations: { vscode: translations },
          label: opts.locale,
        },
      }),
    );
  }
  const child = spawn(
    process.execPath,
    [
      ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${p}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      dataDir,
      '--extensions-dir',
      extensionsDir,
      ...(opts.locale ? ['--locale', opts.locale] : []),
      folder,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, SERVICE_URL: '', ITEM_URL: '' } },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${p}/`;
  const until = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${log}`);
    try {
      const r = await fetch(url + 'healthz');
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`code-server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `${url}?folder=${encodeURIComponent(folder)}`,
    process: child,
    dataDir,
    stop() {
      // Stop code-server and everything it started (extension host, language server) by process group.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A copy of samples/ to work on, so commands that write (Set Article Date) leave the repository alone. */
export function workspaceCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-samples-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) fs.copyFileSync(path.join(ROOT, 'samples', f), path.join(dir, f));
  return dir;
}
