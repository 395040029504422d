/** The server in the client's locale (issue 14): Vietnamese diagnostics and hovers for `vi`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionOf, startServer } from './lspClient';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';

const A002 = '002_5cb9b134e5cf0392.txt';

test('in locale vi the diagnostics and the hover are in Vietnamese; the codes stay English', async () => {
  const s = await startServer({ locale: 'vi' });
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const diags = await s.waitFor(() => s.diagnostics.get(s.uri(A002))?.diagnostics.filter((d) => d.code === 'unsourced-claim'));
    assert.ok(diags.length > 0);
    for (const d of diags) assert.match(String(d.message), /không nêu nguồn|không rõ người nói/);
    const text = fs.readFileSync(path.join(s.root, A002), 'utf8');
    const hover = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: s.uri(A002) },
      position: positionOf(text, 'Putin', 1),
    });
    assert.match(hover.contents.value, /Vladimir Putin\*\* · người/);
    assert.match(hover.contents.value, /lần nhắc trong 5 bài/);
  } finally {
    await s.close();
  }
});

test('in another locale they are in English', async () => {
  const s = await startServer({ locale: 'de' });
  try {
    const diags = await s.waitFor(() => s.diagnostics.get(s.uri(A002))?.diagnostics.filter((d) => d.code === 'unsourced-claim'));
    assert.ok(
      diags.every((d) => /^(Unsourced|Unattributed)/.test(String(d.message))),
      diags.map((d) => d.message).join('\n'),
    );
  } finally {
    await s.close();
  }
});
