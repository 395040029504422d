/**
 * `npm run test:vscode`: the integration suite inside a real (desktop) VS Code extension host, with
 * @vscode/test-electron. It uses the executable named by VSCODE_EXECUTABLE, or downloads VS Code
 * where the internet is reachable; where neither works it says so and exits non-zero.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (vscodeExecutablePath && !fs.existsSync(vscodeExecutablePath)) {
    console.error(`test:vscode: VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist.`);
    return 1;
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-vscode-'));
  try {
    for (const f of fs.readdirSync(path.join(root, 'samples'))) fs.copyFileSync(path.join(root, 'samples', f), path.join(workspace, f));
    return await runTests({
      vscodeExecutablePath,
      version: '1.100.0',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'vscode', 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    console.error(
      `test:vscode: could not run a desktop VS Code (${(e as Error).message.split('\n')[0]}).\n` +
        'Set VSCODE_EXECUTABLE to a VS Code binary, or run where @vscode/test-electron can download one. ' +
        'On machines without either, `npm run test:e2e` tests the extension in code-server instead.',
    );
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
