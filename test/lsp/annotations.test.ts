import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, positionOf } from './lspClient';
import { AnnotateRequest, ClaimsViewRequest, SimilarClaimsRequest, StatsNotification, type AnnotateResult, type Stats } from '../../server/src/shared/protocol';

const A000 = '000_a37f9ae36c8c9fee.txt';

test('annotations, quick fixes and claim decisions go to NAME.ann and show at once', async () => {
  const s = await startServer();
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const file = path.join(s.root, A000);
    const text = fs.readFileSync(file, 'utf8');
    const uri = s.uri(A000);

    // Semantic tokens colour every mention by kind.
    const tokens: any = await s.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length / 5 >= 40);

    // Quick fixes on a suggestion.
    const at = positionOf(text, 'Vladivostok');
    const actions: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    });
    assert.ok(actions.some((a) => /Reject suggestion/.test(a.title)));
    const offset = text.indexOf('Vladivostok');
    const rejected = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, { uri, action: 'reject', offset });
    assert.equal(rejected.ok, true, rejected.message);
    const ann = fs.readFileSync(path.join(s.root, A000.replace('.txt', '.ann')), 'utf8');
    assert.match(ann, /^T1\tLocation \d+ \d+\tVladivostok\nA1\tRejected T1\n$/);
    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
    assert.ok(!hover || !/Vladivostok\*\* · place/.test(hover.contents.value), 'the rejected mention is gone');

    // Annotate a selection the analysis missed.
    const start = text.indexOf('tàu bọc thép');
    const added = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, {
      uri,
      action: 'annotate',
      start,
      end: start + 'tàu bọc thép'.length,
      kind: 'organization',
    });
    assert.equal(added.ok, true);
    const hover2: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'bọc thép') });
    assert.match(hover2.contents.value, /tàu bọc thép\*\* · organisation/);

    // Claim decisions: quick fixes on the diagnostic, dismissal removes the diagnostic, the Claims view keeps it.
    const diags = await s.waitFor(() => s.diagnostics.get(uri)?.diagnostics.filter((d) => d.code === 'unsourced-claim'));
    const d0 = diags[diags.length - 1];
    const fixes: any[] = await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d0.range, context: { diagnostics: [d0] } });
    assert.deepEqual(
      fixes.filter((f) => f.diagnostics).map((f) => f.title),
      ['Mark as sourced by…', 'Dismiss: not a claim', 'Dismiss: common knowledge', 'Find this claim in other articles'],
    );
    const lines = text.split('\n');
    const claimOffset = lines.slice(0, d0.range.start.line).join('\n').length + (d0.range.start.line ? 1 : 0) + d0.range.start.character;
    const before = s.diagnostics.get(uri)!.diagnostics.length;
    await s.connection.sendRequest(AnnotateRequest, { uri, action: 'claim', offset: claimOffset, dismissed: 'common-knowledge' });
    await s.waitFor(() => (s.diagnostics.get(uri)!.diagnostics.length === before - 1 ? true : undefined));
    const items: any[] = await s.connection.sendRequest(ClaimsViewRequest);
    assert.ok(items.some((i) => i.dismissed === 'common-knowledge'));

    // The same claim in other articles.
    const kcnaSentence = text.indexOf('Hãng thông tấn trung ương Triều Tiên');
    const similar: any[] = await s.connection.sendRequest(SimilarClaimsRequest, { uri, offset: kcnaSentence + 5 });
    assert.ok(similar.length >= 1 && similar[0].score > 0.2);
  } finally {
    await s.close();
  }
});

test('annotate refuses offsets that are fractions or past the text, and writes no .ann', async () => {
  const s = await startServer();
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const uri = s.uri(A000);
    const length = fs.readFileSync(path.join(s.root, A000), 'utf8').length;
    const ann = path.join(s.root, A000.replace('.txt', '.ann'));
    for (const p of [
      { action: 'annotate', start: 0.5, end: 12, kind: 'person' },
      { action: 'annotate', start: 3, end: length + 1, kind: 'person' },
      { action: 'remove', offset: -1 },
      { action: 'claim', offset: 2.5, dismissed: 'not-a-claim' },
    ]) {
      const r = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, { uri, ...p });
      assert.equal(r.ok, false, JSON.stringify(p));
      assert.match(r.message ?? '', /must be a whole number from 0 to \d+/);
    }
    assert.equal(fs.existsSync(ann), false, 'no .ann written');
    const ok = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, { uri, action: 'annotate', start: 0, end: 5, kind: 'person' });
    assert.equal(ok.ok, true, ok.message);
  } finally {
    await s.close();
  }
});
