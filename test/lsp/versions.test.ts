/** An open article's diagnostics are published for every version, even when an edit changes none of them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { rawServer, waitFor } from './lspClient';

test('an edit that changes no diagnostic still gets them published for its version', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-versions-'));
  for (const f of fs.readdirSync('samples')) fs.copyFileSync(path.join('samples', f), path.join(root, f));
  const file = fs.readdirSync(root).find((f) => f.endsWith('.txt'))!;
  const uri = URI.file(path.join(root, file)).toString();
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const s = await rawServer(root, {});
  try {
    const published = (version: number) =>
      s.notifications.find(
        (n) =>
          n.method === 'textDocument/publishDiagnostics' &&
          (n.params as { uri: string; version?: number }).uri === uri &&
          (n.params as { version?: number }).version === version,
      );
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text } });
    const first = await waitFor(() => published(1), 'the diagnostics of version 1');
    // A space at the end changes no claim and no mention.
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + ' ' }] });
    const second = await waitFor(() => published(2), 'the diagnostics of version 2');
    assert.deepEqual((second.params as { diagnostics: unknown }).diagnostics, (first.params as { diagnostics: unknown }).diagnostics);
  } finally {
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
    await s.exited;
  }
});
