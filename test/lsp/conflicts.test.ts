/** Where articles disagree (issue 15): a figure stated differently in two reports of one event. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type Session } from './lspClient';
import { ConflictsRequest, type ConflictSummary } from '../../server/src/shared/protocol';
import { tempDir } from '../helpers';
import { quotedReport } from '../plantedQuote';

const report = (dead: string) =>
  [
    'Sập cầu ở Quảng Nam, nhiều người thương vong',
    `Theo Bộ Giao thông Vận tải, vụ sập cầu Tam Kỳ tại tỉnh Quảng Nam sáng qua đã làm ${dead} người thiệt mạng và 12 người bị thương.`,
    'Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, đã đến hiện trường chỉ đạo công tác cứu hộ cùng Bộ Giao thông Vận tải.',
    'Cầu Tam Kỳ được đưa vào sử dụng từ năm 2005 và đang được Bộ Giao thông Vận tải kiểm tra lại.',
  ].join('\n');
const FILES = { 'cau-1.txt': report('66'), 'cau-2.txt': report('85') };

/** A workspace of just these articles (and a newslens.json), for the CLI or a server. */
function workspace(prefix: string, files: Record<string, string>, config = '{}\n'): string {
  const root = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  fs.writeFileSync(path.join(root, 'newslens.json'), config);
  return root;
}

/** The server on such a workspace once it has indexed it; closed after `use`. */
async function withServer(root: string, use: (s: Session) => Promise<void>): Promise<void> {
  const s = await startServer({ root, keep: true });
  try {
    await s.indexed();
    await use(s);
  } finally {
    await s.close();
  }
}

const analyzeJson = (root: string) => {
  const r = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'analyze', '--json', root], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test('two reports of one event that give different death tolls: a conflicting-figure diagnostic pointing at the other', async () => {
  await withServer(workspace('newslens-conflicts-', FILES), async (s) => {
    const d = await s.waitFor(() => s.diagnostics.get(s.uri('cau-1.txt'))?.diagnostics.find((x) => x.code === 'conflicting-figure'));
    assert.match(String(d.message), /"66" here and "85" in cau-2\.txt/);
    assert.equal(d.relatedInformation?.[0].location.uri, s.uri('cau-2.txt'));
    const at = FILES['cau-1.txt'].split('\n').findIndex((l) => l.includes(' 66 '));
    assert.equal(d.range.start.line, at);
    // The hover lists what the other article says; the quick fix opens it beside.
    const hover = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: s.uri('cau-1.txt') },
      position: d.range.start,
    });
    assert.match(hover.contents.value, /Articles disagree[\s\S]*here: 66[\s\S]*cau-2\.txt: 85/);
    const actions = await s.connection.sendRequest<{ title: string; command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: s.uri('cau-1.txt') },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const beside = actions.find((a) => a.command?.command === 'newsLens.openBeside');
    assert.equal(beside?.command?.arguments[0], s.uri('cau-2.txt'));
    // Mended in the second article, the disagreement goes from the first as well.
    await s.edit('cau-2.txt', report('66'));
    await s.waitFor(() => !s.diagnostics.get(s.uri('cau-1.txt'))?.diagnostics.some((x) => x.code === 'conflicting-figure'));
  });
});

test('analyze --json lists the conflict with paths, offsets and the values as written', () => {
  const { conflicts } = analyzeJson(workspace('newslens-conflicts-cli-', FILES));
  assert.equal(conflicts.length, 1);
  const [c] = conflicts;
  assert.equal(c.kind, 'figure');
  assert.equal(c.about, 'người chết');
  assert.deepEqual([path.basename(c.a.path), c.a.text, path.basename(c.b.path), c.b.text], ['cau-1.txt', '66', 'cau-2.txt', '85']);
  assert.equal(FILES['cau-1.txt'].slice(c.a.start, c.a.end), '66');
  assert.equal(FILES['cau-2.txt'].slice(c.b.start, c.b.end), '85');
});

test('news-lens compare prints each disagreement with both sentences, in the locale asked for', () => {
  const root = workspace('newslens-compare-', FILES);
  const r = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'compare', '--locale', 'en', root], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1 disagreements between articles:/);
  assert.match(r.stdout, /người chết: "66" ≠ "85"/);
  assert.match(r.stdout, /cau-1\.txt@\d+: Theo Bộ Giao thông Vận tải, vụ sập cầu Tam Kỳ .* 66 người thiệt mạng/);
  assert.match(r.stdout, /cau-2\.txt@\d+: .* 85 người thiệt mạng/);
  fs.writeFileSync(path.join(root, 'cau-2.txt'), report('66'));
  const same = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'compare', '--locale', 'vi', root], { encoding: 'utf8' });
  assert.equal(same.stdout, 'Các bài không nói khác nhau về con số, ngày hay người phát biểu nào.\n');
});

const QUOTED = { 'cau-1.txt': quotedReport('Nguyễn Văn An'), 'cau-2.txt': quotedReport('Trần Văn Bình') };

test('a quote two reports give to different persons: conflicting-attribution through LSP, and in analyze --json', async () => {
  const root = workspace('newslens-attribution-', QUOTED, '{ "articles": { "cau-2.txt": { "outlet": "Tuổi Trẻ", "date": "2024-05-02" } } }\n');
  await withServer(root, async (s) => {
    const d = await s.waitFor(() => s.diagnostics.get(s.uri('cau-1.txt'))?.diagnostics.find((x) => x.code === 'conflicting-attribution'));
    assert.match(String(d.message), /who said "Tỉnh sẽ hỗ trợ ngay các gia đình…": Nguyễn Văn An here, Trần Văn Bình in cau-2\.txt/);
    const line = QUOTED['cau-1.txt'].split('\n')[2];
    assert.equal(d.range.start.line, 2);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'Nguyễn Văn An');
    assert.equal(d.relatedInformation?.[0].location.uri, s.uri('cau-2.txt'));
    const hover = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: s.uri('cau-1.txt') },
      position: d.range.start,
    });
    assert.match(hover.contents.value, /Articles disagree\*\* · who said[\s\S]*here: Nguyễn Văn An[\s\S]*cau-2\.txt \(Tuổi Trẻ, 2024-05-02\): Trần Văn Bình/);
    const actions = await s.connection.sendRequest<{ command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: s.uri('cau-1.txt') },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.equal(actions.find((a) => a.command?.command === 'newsLens.openBeside')?.command?.arguments[0], s.uri('cau-2.txt'));
    // The Compare Articles view and "Compare This Article With…" ask for them.
    const all = await s.connection.sendRequest<ConflictSummary[]>(ConflictsRequest, {});
    assert.deepEqual(
      all.map((c) => [c.kind, c.a.path, c.a.text, c.b.path, c.b.text]),
      [['attribution', 'cau-1.txt', 'Nguyễn Văn An', 'cau-2.txt', 'Trần Văn Bình']],
    );
    assert.equal(all[0].subject, 'who said "Tỉnh sẽ hỗ trợ ngay các gia đình…"');
    assert.match(all[0].b.sentence, /^"Tỉnh sẽ hỗ trợ ngay .* ông Trần Văn Bình nói với phóng viên\.$/);
    assert.deepEqual(all[0].a.range, d.range);
    assert.deepEqual([all[0].b.outlet, all[0].b.date, all[0].a.outlet], ['Tuổi Trẻ', '2024-05-02', undefined]);
    const fromSecond = await s.connection.sendRequest<ConflictSummary[]>(ConflictsRequest, { uri: s.uri('cau-2.txt'), other: s.uri('cau-1.txt') });
    assert.deepEqual(
      fromSecond.map((c) => [c.a.text, c.b.text]),
      [['Trần Văn Bình', 'Nguyễn Văn An']],
    );
    assert.deepEqual(await s.connection.sendRequest(ConflictsRequest, { uri: s.uri('cau-2.txt'), other: s.uri('cau-9.txt') }), []);
    // The same person by a shorter name is no disagreement.
    await s.edit('cau-2.txt', quotedReport('An'));
    await s.waitFor(() => !s.diagnostics.get(s.uri('cau-1.txt'))?.diagnostics.some((x) => x.code === 'conflicting-attribution'));
  });
  const [c] = analyzeJson(root).conflicts;
  assert.equal(c.kind, 'attribution');
  assert.deepEqual([path.basename(c.a.path), c.a.text, path.basename(c.b.path), c.b.text], ['cau-1.txt', 'Nguyễn Văn An', 'cau-2.txt', 'Trần Văn Bình']);
  assert.equal(QUOTED['cau-2.txt'].slice(c.b.start, c.b.end), 'Trần Văn Bình');
});
