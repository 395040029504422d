/** Another editor's LSP client: Neovim's built-in client drives the server headless. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status !== 0;

test(
  'Neovim hovers, jumps and shows diagnostics with the News Lens server',
  { skip: missing && !process.env.CI && 'nvim is not installed (CI installs it)' },
  () => {
    assert.ok(!missing, 'nvim must be installed in CI (.ci/run installs Debian neovim)');
    const root = path.resolve('samples');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${path.resolve('test/editors/neovim-check.lua')}`], {
      encoding: 'utf8',
      timeout: 90000,
      env: {
        ...process.env,
        NL_ROOT: root,
        NL_SERVER: path.resolve('dist/server.js'),
        NL_FILE: path.join(root, '002_5cb9b134e5cf0392.txt'),
        NL_NEEDLE: 'Putin',
      },
    });
    const output = r.stdout + r.stderr;
    assert.match(output, /HOVER: \*\*Vladimir Putin\*\* · person/, output);
    assert.ok((output.match(/DEFINITION: file:/g) ?? []).length >= 3, output);
    const diagnostics = /DIAGNOSTICS: (\d+)/.exec(output);
    assert.ok(diagnostics && +diagnostics[1] > 0, output);
  },
);
