// Bundles the extension client, the language server, the CLI, and the tests and benchmark.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Vietnamese stays as it is in the bundles (escaped, the language data took about a third more room).
  charset: 'utf8',
  mainFields: ['module', 'main'],
};

const testEntries = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `${dir}/${f}`)
    : [];

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    ...common,
    entryPoints: {
      server: 'server/src/server.ts',
      cli: 'server/src/cli.ts',
      // The worker imports prepareForWorker from core/summary.ts, which is being written separately.
      ...(existsSync('server/src/core/summary.ts') ? { prepareWorker: 'server/src/index/prepareWorker.ts' } : {}),
    },
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: [...testEntries('test/unit'), ...testEntries('test/lsp'), ...testEntries('test/cli'), ...testEntries('test/editors')],
    outdir: 'out/test',
    external: ['vscode'],
  },
  // Outside out/test, which node --test searches for test files.
  { ...common, entryPoints: { echoWorker: 'test/unit/fixtures/echoWorker.ts' }, outdir: 'out/fixtures' },
  { ...common, entryPoints: { bench: 'test/bench/bench.ts', prose: 'test/bench/prose.ts', conflicts: 'test/bench/conflicts.ts' }, outdir: 'out/bench' },
  { ...common, entryPoints: { e2e: 'test/e2e/e2e.ts', start: 'test/e2e/start.ts' }, outdir: 'out/e2e', external: ['playwright-core'] },
  {
    ...common,
    entryPoints: { runTest: 'test/vscode/runTest.ts', suite: 'test/vscode/suite/index.ts' },
    outdir: 'out/vscode',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
  },
]
  .map((b) => ({
    ...b,
    entryPoints: Array.isArray(b.entryPoints)
      ? b.entryPoints.filter((e) => existsSync(e))
      : Object.fromEntries(Object.entries(b.entryPoints).filter(([, e]) => existsSync(e))),
  }))
  .filter((b) => Object.keys(b.entryPoints).length > 0);

if (!watch) rmSync('out', { recursive: true, force: true });

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
