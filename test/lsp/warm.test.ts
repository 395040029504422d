/**
 * The warm reopen (issue 11): a second server on the same unchanged folder and cache directory
 * restores the collection instead of analysing, and the editor gets the same diagnostics and
 * answers as from the first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { rawServer, waitFor, type Raw } from './lspClient';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';

/** Waits for the index to be complete; returns each article's diagnostics as last published then. */
async function indexed(s: Raw): Promise<Map<string, string>> {
  await waitFor(() => s.notifications.some((n) => n.method === StatsNotification && (n.params as Stats).indexing === false), 'the index');
  // Diagnostics of thousands of articles go out in slices after the figures: wait until none come for a while.
  let count = -1;
  while (count !== s.notifications.length) {
    count = s.notifications.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  const out = new Map<string, string>();
  for (const n of s.notifications) {
    if (n.method !== 'textDocument/publishDiagnostics') continue;
    const p = n.params as { uri: string; diagnostics: { code?: unknown; range: unknown; message: string }[] };
    out.set(p.uri, JSON.stringify(p.diagnostics.map((d) => [d.code, d.range, d.message])));
  }
  return out;
}

async function stop(s: Raw): Promise<void> {
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  await s.exited;
}

test('a reopened workspace is restored from the warm cache and publishes the diagnostics and answers of the first opening', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-warm-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-warm-cache-'));
  for (const f of fs.readdirSync('samples')) fs.copyFileSync(path.join('samples', f), path.join(root, f));
  const init = { initializationOptions: { cacheDir } };
  const article = URI.file(
    path.join(
      root,
      fs.readdirSync(root).find((f) => f.endsWith('.txt'))!,
    ),
  ).toString();
  const hoverOn = async (s: Raw) =>
    JSON.stringify(await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: article }, position: { line: 0, character: 3 } }));

  const cold = await rawServer(root, init);
  const first = await indexed(cold);
  const coldHover = await hoverOn(cold);
  await stop(cold);
  assert.ok(first.size >= 5, `diagnostics of every article (got ${first.size})`);
  assert.ok(
    [...first.values()].some((d) => d.includes('unsourced-claim')),
    'with unsourced claims among them',
  );

  const logs = (s: Raw) => s.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  assert.ok(
    logs(cold).some((m) => /\d+ analysed, 0 from the warm cache$/.test(m)),
    logs(cold).join('\n'),
  );

  const warm = await rawServer(root, init);
  const second = await indexed(warm);
  try {
    assert.ok(
      logs(warm).some((m) => /0 analysed, \d+ from the warm cache, the collection restored from its saved state$/.test(m)),
      logs(warm).join('\n'),
    );
    assert.deepEqual(second, first, 'the same diagnostics, article by article');
    assert.equal(await hoverOn(warm), coldHover);
  } finally {
    await stop(warm);
  }
});
