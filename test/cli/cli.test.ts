import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers';

const CLI = path.resolve('dist/cli.js');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

test('analyze --json prints the specified shape', () => {
  const r = run(['analyze', '--json', 'samples']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.documents.length, 5);
  const d = out.documents.find((x: any) => x.path === 'samples/000_a37f9ae36c8c9fee.txt');
  assert.equal(d.date, '2019-04-24');
  const kim = d.mentions.find((m: any) => m.text === 'Kim Jong-un');
  assert.deepEqual(
    Object.keys(kim)
      .filter((k) => ['start', 'end', 'text', 'kind', 'entity'].includes(k))
      .sort(),
    ['end', 'entity', 'kind', 'start', 'text'],
  );
  assert.equal(kim.kind, 'person');
  const text = fs.readFileSync('samples/000_a37f9ae36c8c9fee.txt', 'utf8');
  assert.equal(text.slice(kim.start, kim.end), 'Kim Jong-un');
  const date = d.mentions.find((m: any) => m.kind === 'date');
  assert.equal(date.text, 'sáng ngày 24/4');
  assert.equal(date.value, '2019-04-24TMO');
  for (const c of d.claims) assert.ok(['sourced', 'vague', 'unsourced'].includes(c.status));
  const ids = new Set(out.entities.map((x: any) => x.id));
  assert.ok(d.claims.some((c: any) => c.status === 'sourced' && c.cue === 'cho biết' && ids.has(c.source)));
  const e = out.entities.find((x: any) => x.id === kim.entity);
  assert.equal(e.name, 'Kim Jong-un');
  assert.ok(e.aliases.includes('Kim Jong Un'));
  assert.equal(e.documents, 5);
  for (const m of out.documents.flatMap((x: any) => x.mentions)) assert.ok(['person', 'organization', 'location', 'date'].includes(m.kind));
});

test('a byte order mark is not counted in offsets', () => {
  const dir = tempDir('nl-cli-');
  fs.writeFileSync(path.join(dir, 'a.txt'), '\uFEFFTổng thống Vladimir Putin nói.');
  const out = JSON.parse(run(['analyze', '--json', dir]).stdout);
  const m = out.documents[0].mentions[0];
  assert.deepEqual([m.start, m.end, m.text], [11, 25, 'Vladimir Putin']);
});

test('usage errors exit 2; an unreadable file exits 1 and the others are still analysed', () => {
  assert.equal(run(['analyse']).status, 2);
  assert.equal(run(['analyze']).status, 2);
  assert.equal(run(['analyze', '--bogus', 'samples']).status, 2);
  const r = run(['analyze', '--json', 'samples/000_a37f9ae36c8c9fee.txt', 'samples/missing.txt']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.txt/);
  assert.equal(JSON.parse(r.stdout).documents.length, 1);
});

test('a malformed newslens.json is named with its position and analysis goes on', () => {
  const dir = tempDir('nl-cli-');
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Hôm qua, ông Putin nói.');
  fs.writeFileSync(path.join(dir, 'newslens.json'), '{ "articles": { "a.txt": { "date": "2019-04-24" } ');
  const r = run(['analyze', '--json', dir]);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /newslens\.json:1:\d+: invalid JSON/);
  const date = JSON.parse(r.stdout).documents[0].mentions.find((m: any) => m.kind === 'date');
  assert.equal(date.value, 'XXXX-XX-XX');
});

test('the readable report names entities and flagged claims', () => {
  const r = run(['analyze', 'samples']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Vladimir Putin \(also Putin\): \d+ mentions in 5 articles/);
  assert.match(r.stdout, /unsourced/);
});

test("the report speaks the locale given or the environment's, and the JSON stays English", () => {
  const vi = run(['analyze', '--locale', 'vi', 'samples']);
  assert.equal(vi.status, 0, vi.stderr);
  assert.match(vi.stdout, /lần nhắc thực thể, \d+ ngày tháng, \d+ thông tin \(\d+ không nêu nguồn/);
  assert.match(vi.stdout, /\d+ thực thể:/);
  const env = spawnSync(process.execPath, [CLI, 'analyze', 'samples'], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'vi_VN.UTF-8' },
  });
  assert.equal(env.stdout, vi.stdout);
  const en = spawnSync(process.execPath, [CLI, 'analyze', 'samples'], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' },
  });
  assert.match(en.stdout, /entity mentions, \d+ dates, \d+ claims/);
  const json = run(['analyze', '--json', '--locale', 'vi', 'samples']);
  assert.deepEqual(Object.keys(JSON.parse(json.stdout)).sort(), ['conflicts', 'documents', 'entities']);
});

test('analyze --json of hundreds of articles, written a slice at a time, is one JSON text indented as a whole, documents in order', () => {
  const dir = tempDir('nl-cli-many-');
  const texts = fs
    .readdirSync('samples')
    .filter((f) => f.endsWith('.txt'))
    .map((f) => fs.readFileSync(path.join('samples', f), 'utf8'));
  for (let k = 0; k < 450; k++) fs.writeFileSync(path.join(dir, `${String(k).padStart(3, '0')}.txt`), texts[k % texts.length] + `\nBài ${k}.\n`);
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(r.stdout, JSON.stringify(out, null, 1) + '\n');
  assert.deepEqual(Object.keys(out), ['documents', 'entities', 'conflicts']);
  assert.deepEqual(
    out.documents.map((d: { path: string }) => path.basename(d.path)),
    Array.from({ length: 450 }, (_, k) => `${String(k).padStart(3, '0')}.txt`),
  );
  const empty = tempDir('nl-cli-empty-');
  assert.equal(run(['analyze', '--json', empty]).stdout, JSON.stringify({ documents: [], entities: [], conflicts: [] }, null, 1) + '\n');
});

test('analyze --explain names the rule behind each mention and who decided its kind; the mentions are the same as without it', () => {
  const dir = tempDir('nl-cli-explain-');
  // "Kim Jong-un" is typed in the first article by his title only; the second names him bare, so there the collection decides.
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Hội nghị ở Hà Nội\nChủ tịch Kim Jong-un tới Công ty Cổ phần Xây dựng Hòa Bình ở quận 3 hôm qua.\n');
  fs.writeFileSync(path.join(dir, 'b.txt'), 'Tin vắn\nKim Jong-un cũng gặp đại diện Công ty Cổ phần Xây dựng Hòa Bình.\n');
  const plain = run(['analyze', '--json', dir]);
  const r = run(['analyze', '--json', '--explain', dir]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const strip = (docs: any[]) => docs.map((d) => ({ ...d, mentions: d.mentions.map(({ explain: _e, ...m }: any) => m) }));
  assert.deepEqual(strip(out.documents), JSON.parse(plain.stdout).documents);
  const why = (file: string, text: string) => out.documents.find((d: any) => d.path.endsWith(file)).mentions.find((m: any) => m.text === text)?.explain;
  assert.deepEqual(why('a.txt', 'Hà Nội'), { rule: 'known name', evidence: 'gazetteer', kindFrom: 'article' });
  assert.deepEqual(why('a.txt', 'Kim Jong-un'), { rule: 'capitalised run', evidence: 'after "chủ tịch"', kindFrom: 'article' });
  assert.deepEqual(why('a.txt', 'Công ty Cổ phần Xây dựng Hòa Bình'), { rule: 'head noun', evidence: 'head noun', kindFrom: 'article' });
  assert.deepEqual(why('a.txt', 'quận 3'), { rule: 'numbered unit', evidence: 'numbered unit', kindFrom: 'article' });
  assert.equal(why('b.txt', 'Kim Jong-un')?.kindFrom, 'collection');
  for (const d of out.documents) for (const m of d.mentions) assert.equal(m.kind === 'date', !m.explain, JSON.stringify(m));
  const text = run(['analyze', '--explain', '--locale', 'en', dir]);
  assert.match(text.stdout, /Công ty Cổ phần Xây dựng Hòa Bình \[organization\] ← rule "head noun" \(head noun\); kind from the article/);
  assert.match(run(['analyze', '--explain', '--locale', 'vi', dir]).stdout, /quy tắc "head noun"/);
});
