import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { URI } from 'vscode-uri';
import { startServer, positionOf, type Session } from './lspClient';
import {
  StatsNotification,
  StatsRequest,
  DocumentEntitiesRequest,
  SetArticleDateRequest,
  type Stats,
  type EntitySummary,
} from '../../server/src/shared/protocol';

const A002 = '002_5cb9b134e5cf0392.txt';
let s: Session;
let text002: string;

before(async () => {
  s = await startServer();
  text002 = fs.readFileSync(path.join(s.root, A002), 'utf8');
  await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri(A002), languageId: 'news-article', version: 1, text: text002 } });
});

after(async () => s.close());

test('the server indexes the whole workspace at start, not only open files', async () => {
  const stats = await s.connection.sendRequest<Stats>(StatsRequest);
  assert.equal(stats.articles, 5);
  assert.ok(stats.entities > 40);
  assert.ok(stats.unsourced > 10);
});

test('hover on "Putin" names Vladimir Putin with his mentions and articles', async () => {
  const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: s.uri(A002) }, position: positionOf(text002, 'Putin', 1) });
  assert.match(hover.contents.value, /\*\*Vladimir Putin\*\* · person/);
  assert.match(hover.contents.value, /mentions in 5 articles/);
});

test('hover on a date gives its normalised value and the article date', async () => {
  const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: s.uri(A002) }, position: positionOf(text002, 'tuần trước') });
  assert.match(hover.contents.value, /2019-W16/);
  assert.match(hover.contents.value, /article date 2019-04-24 \(newslens.json\)/);
});

test('definition from "Kim Jong Un" in article 002 lands in the other articles', async () => {
  const defs: any[] = await s.connection.sendRequest('textDocument/definition', {
    textDocument: { uri: s.uri(A002) },
    position: positionOf(text002, 'Kim Jong Un'),
  });
  const files = new Set(defs.map((d) => path.basename(new URL(d.uri).pathname)));
  assert.equal(files.size, 4);
  assert.ok(!files.has(A002));
  for (const d of defs) {
    const t = fs.readFileSync(new URL(d.uri), 'utf8').split('\n')[d.range.start.line];
    assert.match(t.slice(d.range.start.character, d.range.end.character), /^Kim/);
  }
});

test('references list every mention in every article; highlights stay in the article', async () => {
  const refs: any[] = await s.connection.sendRequest('textDocument/references', {
    textDocument: { uri: s.uri(A002) },
    position: positionOf(text002, 'Putin'),
    context: { includeDeclaration: true },
  });
  assert.ok(refs.length >= 20);
  const hl: any[] = await s.connection.sendRequest('textDocument/documentHighlight', {
    textDocument: { uri: s.uri(A002) },
    position: positionOf(text002, 'Putin'),
  });
  assert.ok(hl.length >= 5 && hl.length < refs.length);
});

test('an unsourced sentence has a diagnostic and a sourced one has none', async () => {
  const d = await s.waitFor(() => s.diagnostics.get(s.uri(A002)));
  const lineOf = (needle: string) => positionOf(text002, needle).line;
  const unsourced = lineOf('Điều đáng chú ý là sự vắng mặt');
  const sourced = lineOf('Bộ Ngoại giao Mỹ cho biết');
  const codes = d.diagnostics.filter((x) => x.range.start.line <= unsourced && x.range.end.line >= unsourced).map((x) => x.code);
  assert.ok(codes.includes('unsourced-claim'));
  const atSourced = d.diagnostics.filter(
    (x) => x.range.start.line === sourced && x.range.start.character >= positionOf(text002, 'Bộ Ngoại giao Mỹ cho biết').character - 1,
  );
  assert.deepEqual(atSourced, []);
  assert.ok(d.diagnostics.some((x) => x.code === 'vague-source' && /các nhà phân tích/i.test(String(x.message))));
});

test('edits are analysed as they happen', async () => {
  const extra = '\nCác chuyên gia cho rằng Nga sẽ giúp Triều Tiên.';
  await s.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: s.uri(A002), version: 2 },
    contentChanges: [{ text: text002 + extra }],
  });
  const line = text002.split('\n').length;
  await s.waitFor(() => s.diagnostics.get(s.uri(A002))?.diagnostics.find((x) => x.range.start.line === line && x.code === 'vague-source'));
});

test('document and workspace symbols list entities', async () => {
  const ds: any[] = await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: s.uri(A002) } });
  assert.ok(ds.some((x) => x.name === 'Vladimir Putin'));
  const ws: any[] = await s.connection.sendRequest('workspace/symbol', { query: 'putin' });
  assert.deepEqual(
    ws.map((x) => x.name),
    ['Vladimir Putin'],
  );
  const ents = await s.connection.sendRequest<EntitySummary[]>(DocumentEntitiesRequest, { uri: s.uri(A002) });
  assert.ok(ents.some((e) => e.name === 'Triều Tiên'));
  assert.ok(ents.some((e) => e.name === 'Vladimir Putin' && e.documents === 5));
});

test('setting an article date writes newslens.json and re-resolves its dates', async () => {
  const r: any = await s.connection.sendRequest(SetArticleDateRequest, { uri: s.uri(A002), date: '2019-04-30' });
  assert.equal(r.ok, true);
  const cfg = JSON.parse(fs.readFileSync(path.join(s.root, 'newslens.json'), 'utf8'));
  assert.equal(cfg.articles[A002].date, '2019-04-30');
  assert.equal(cfg.articles[A002].outlet, 'Tổ Quốc', 'other fields are kept');
  const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: s.uri(A002) }, position: positionOf(text002, 'tuần trước') });
  assert.match(hover.contents.value, /2019-W17/);
});

test('a client that sends no settings gets the defaults', async () => {
  const other = await startServer({ configuration: false });
  try {
    const st = await other.connection.sendRequest<Stats>(StatsRequest);
    assert.equal(st.articles, 5);
  } finally {
    await other.close();
  }
});

test('inlay hints show what relative dates resolve to', async () => {
  const hints: any[] = await s.connection.sendRequest('textDocument/inlayHint', {
    textDocument: { uri: s.uri(A002) },
    range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
  });
  const labels = hints.map((h) => h.label);
  assert.ok(labels.includes('= 2019-W16') || labels.includes('= 2019-W17'), labels.join(' '));
  assert.ok(hints.every((h) => typeof h.position.line === 'number'));
});

test('the timeline lists dated mentions of every article in date order', async () => {
  const { TimelineRequest } = await import('../../server/src/shared/protocol');
  const t: any[] = await s.connection.sendRequest(TimelineRequest);
  assert.ok(t.length >= 25);
  assert.ok(new Set(t.map((e) => e.uri)).size === 5);
  const known = t.filter((e) => e.start).map((e) => e.start);
  assert.deepEqual(known, [...known].sort());
  assert.equal(known[0], '2008-01-01');
});

test('F12 on a date goes to the same day in other articles; F12 on a cue goes to the source', async () => {
  const defs: any[] = await s.connection.sendRequest('textDocument/definition', {
    textDocument: { uri: s.uri(A002) },
    position: positionOf(text002, 'ngày 24/4'),
  });
  assert.ok(defs.length >= 2 && defs.every((d) => !d.uri.endsWith(A002)), 'other articles mention 24 April 2019');
  const cue = positionOf(text002, 'Yonhap cho biết');
  cue.character += 'Yonhap '.length;
  const src: any[] = await s.connection.sendRequest('textDocument/definition', { textDocument: { uri: s.uri(A002) }, position: cue });
  assert.equal(src.length, 1);
  const line = text002.split('\n')[src[0].range.start.line];
  assert.equal(line.slice(src[0].range.start.character, src[0].range.end.character), 'Yonhap');
});

test('the article credit shows in the hover of a claim', async () => {
  const A004 = '004_a41bdff0d3ec78da.txt';
  const text = fs.readFileSync(path.join(s.root, A004), 'utf8');
  const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: s.uri(A004) }, position: positionOf(text, 'chưa bình luận') });
  assert.match(hover.contents.value, /Unsourced claim/);
  assert.match(hover.contents.value, /Article credit: Reuters, Japan Times/);
});

test('an article date is never written outside the workspace: an untitled document is refused', async () => {
  const existed = fs.existsSync('newslens.json');
  const r = await s.connection.sendRequest<{ ok: boolean; message?: string }>(SetArticleDateRequest, { uri: 'untitled:Untitled-1', date: '2024-01-02' });
  assert.equal(r.ok, false);
  assert.match(r.message ?? '', /outside the workspace/);
  assert.equal(fs.existsSync('newslens.json'), existed);
  const outside = await s.connection.sendRequest<{ ok: boolean }>(SetArticleDateRequest, {
    uri: URI.file(path.join(os.tmpdir(), 'elsewhere.txt')).toString(),
    date: '2024-01-02',
  });
  assert.equal(outside.ok, false);
});
