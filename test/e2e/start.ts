/**
 * `npm start`: the analysis of samples/ on the terminal, then VS Code (code-server) with the
 * extension installed and samples/ open, at a local URL to open in a browser. Ctrl+C stops it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, ensureCodeServer, installExtension, startCodeServer } from './codeServer';

async function main(): Promise<void> {
  spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'analyze', 'samples'], { cwd: ROOT, stdio: 'inherit' });
  if (process.argv.includes('--report-only')) return;
  try {
    ensureCodeServer();
  } catch (e) {
    console.error(`\nnews-lens: VS Code (code-server) could not be installed here: ${(e as Error).message}`);
    console.error('The report above is the CLI analysis; `npm run start:desktop` opens a local VS Code if `code` is on PATH.');
    process.exitCode = 1;
    return;
  }
  const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-ext-'));
  installExtension(extensions);
  const server = await startCodeServer(path.join(ROOT, 'samples'), extensions);
  console.log(
    `\nNews Lens is running in VS Code (code-server) with samples/ open:\n\n    ${server.url}\n\nOpen it in a browser on this machine. Ctrl+C stops it.`,
  );
  const stop = () => {
    server.stop();
    fs.rmSync(extensions, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', () => process.exit(0));
}

void main();
