import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SummaryCache, contentKey, CACHE_SUBDIR } from '../../server/src/index/summaryCache';
import { tempDir } from '../helpers';

type V = { n: number; s: string };
const tmpDir = () => tempDir('nl-cache-');
const cacheFiles = (dir: string) => fs.readdirSync(path.join(dir, CACHE_SUBDIR));

test('values round-trip through the file; keys are content hashes', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'file:///home/u/news', 'v1');
  assert.equal(a.get('k1'), undefined);
  a.set(contentKey('bài một'), { n: 1, s: 'một' });
  a.set('k2', { n: 2, s: 'hai\tba\nbốn' });
  await a.flush();
  const b = SummaryCache.open<V>(dir, 'file:///home/u/news', 'v1');
  assert.deepEqual(b.get(contentKey('bài một')), { n: 1, s: 'một' });
  assert.deepEqual(b.get('k2'), { n: 2, s: 'hai\tba\nbốn' });
  assert.equal(SummaryCache.open<V>(dir, 'file:///home/u/other', 'v1').get('k2'), undefined, 'namespaces are separate');
  assert.equal(contentKey('x'), contentKey('x'));
  assert.notEqual(contentKey('x'), contentKey('y'));
  assert.deepEqual(b.warnings, []);
});

test('a value is copied when set and when read', () => {
  const c = SummaryCache.open<V>(tmpDir(), 'ns', 'v1');
  const v = { n: 1, s: 'a' };
  c.set('k', v);
  v.n = 2;
  const got = c.get('k')!;
  assert.equal(got.n, 1);
  got.n = 3;
  assert.equal(c.get('k')!.n, 1);
});

test('another version or settings fingerprint invalidates the file, which is rewritten', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1+abc');
  a.set('k', { n: 1, s: '' });
  await a.flush();
  const logged: string[] = [];
  const b = SummaryCache.open<V>(dir, 'ns', 'v1+abd', (m) => logged.push(m));
  assert.equal(b.get('k'), undefined);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /another analyser version/);
  await b.flush();
  assert.match(fs.readFileSync(b.file!, 'utf8'), /"v1\+abd"/);
  assert.equal(SummaryCache.open<V>(dir, 'ns', 'v1+abc').get('k'), undefined, 'the old version is gone');
});

test('a corrupt file is ignored with a warning and rewritten on the next flush', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1');
  a.set('k', { n: 1, s: '' });
  await a.flush();
  fs.writeFileSync(a.file!, '\u0000\u0001garbage{{{');
  const b = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.equal(b.get('k'), undefined);
  assert.equal(b.warnings.length, 1);
  await b.flush();
  assert.deepEqual(SummaryCache.open<V>(dir, 'ns', 'v1').warnings, []);
  b.set('k', { n: 5, s: '' });
  await b.flush();
  const c = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.deepEqual(c.get('k'), { n: 5, s: '' });
  assert.deepEqual(c.warnings, []);
});

test('a truncated file or a damaged line loses only the entries concerned', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1');
  for (let i = 0; i < 5; i++) a.set(`k${i}`, { n: i, s: 'x'.repeat(20) });
  await a.flush();
  const text = fs.readFileSync(a.file!, 'utf8');
  fs.writeFileSync(a.file!, text.slice(0, -10).replace('k1\t{"n":1', 'k1\t{"n":!'));
  const b = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => b.get(`k${i}`)?.n),
    [0, undefined, 2, 3, undefined],
  );
  assert.equal(b.warnings.length, 2, b.warnings.join('; '));
  await b.flush();
  const c = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.deepEqual(
    [0, 2, 3].map((i) => c.get(`k${i}`)?.n),
    [0, 2, 3],
  );
  assert.deepEqual(c.warnings, []);
});

test('a cache directory that cannot be created disables the cache with one warning', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'plain.txt'), 'not a directory');
  const logged: string[] = [];
  const c = SummaryCache.open<V>(path.join(dir, 'plain.txt', 'sub'), 'ns', 'v1', (m) => logged.push(m));
  assert.equal(c.enabled, false);
  c.set('k', { n: 1, s: '' });
  assert.equal(c.get('k'), undefined);
  await c.flush();
  c.flushSync();
  assert.equal(logged.length, 1);
  assert.match(logged[0], /cannot create the cache directory/);
});

test('no directory, no cache and no warning', async () => {
  const c = SummaryCache.open<V>(undefined, 'ns', 'v1');
  c.set('k', { n: 1, s: '' });
  assert.equal(c.get('k'), undefined);
  await c.flush();
  assert.equal(c.enabled, false);
  assert.deepEqual(c.warnings, []);
});

test('writes are atomic: no temp file is left, also when the write fails', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1');
  a.set('k', { n: 1, s: '' });
  await a.flush();
  a.set('k2', { n: 2, s: '' });
  a.flushSync();
  assert.deepEqual(cacheFiles(dir), ['ns.cache']);
  // A directory in the file's place makes the rename fail.
  const b = SummaryCache.open<V>(dir, 'blocked', 'v1');
  fs.mkdirSync(b.file!);
  fs.writeFileSync(path.join(b.file!, 'x'), '');
  b.set('k', { n: 1, s: '' });
  await b.flush();
  assert.equal(b.enabled, false);
  assert.match(b.warnings.at(-1)!, /cannot write the cache file/);
  assert.deepEqual(cacheFiles(dir).sort(), ['blocked.cache', 'ns.cache']);
  const warned = b.warnings.length;
  b.set('k', { n: 1, s: '' });
  await b.flush();
  b.flushSync();
  assert.equal(b.warnings.length, warned, 'disabled for good after one warning');
});

test('entries not used in a session are dropped on flush, unless prune is off', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1');
  for (const k of ['a', 'b', 'c']) a.set(k, { n: 0, s: k });
  await a.flush();
  const b = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.ok(b.get('a'));
  await b.flush({ prune: false });
  b.set('d', { n: 0, s: 'd' });
  await b.flush();
  assert.ok(b.get('b'), 'a pruned entry stays in memory for the session');
  await b.flush();
  const c = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((k) => c.get(k)?.s),
    ['a', 'b', undefined, 'd'],
  );
});

test('10,000 entries of ~3 KB load well under a second', async (t) => {
  const dir = tmpDir();
  const a = SummaryCache.open<unknown>(dir, 'ns', 'v1');
  const value = (i: number) => ({
    path: `bai-${i}.txt`,
    candidates: Array.from({ length: 36 }, (_, j) => ({ text: `Nguyễn Văn ${i}-${j}`, start: j * 40, end: j * 40 + 14, kind: 'person', cue: 'ông' })),
  });
  assert.ok(JSON.stringify(value(0)).length > 2800);
  for (let i = 0; i < 10_000; i++) a.set(contentKey(String(i)), value(i));
  await a.flush();
  const bytes = fs.statSync(a.file!).size;
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const load = () => assert.ok(SummaryCache.open<unknown>(dir, 'ns', 'v1').get(contentKey('0')));
  const loads = [time(load), time(load), time(load)];
  const read = Math.min(...[0, 1, 2].map(() => time(() => fs.readFileSync(a.file!, 'utf8'))));
  const b = SummaryCache.open<unknown>(dir, 'ns', 'v1');
  const all = time(() => {
    for (let i = 0; i < 10_000; i++) assert.ok(b.get(contentKey(String(i))));
  });
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  t.diagnostic(
    `${(bytes / 1e6).toFixed(1)} MB: open + first get ${loads.map(ms).join(', ')}; reading the file alone ${ms(read)}; open + all 10,000 gets ${ms(all)}`,
  );
  // Tests run in parallel with others: on a busy machine the bound is relative to reading the file.
  assert.ok(Math.min(...loads) < Math.max(1000, 4 * read), `load ${ms(Math.min(...loads))}, read ${ms(read)}`);
});

test('release lets go of the entries once they are on disk; the file keeps them, and a later flush writes what was set since', async () => {
  const dir = tmpDir();
  const a = SummaryCache.open<V>(dir, 'ns', 'v1');
  a.set('k1', { n: 1, s: 'một' });
  a.set('k2', { n: 2, s: 'hai' });
  await a.flush();
  await a.release();
  assert.equal(a.get('k1'), undefined, 'not in memory any more');
  assert.deepEqual(SummaryCache.open<V>(dir, 'ns', 'v1').get('k2'), { n: 2, s: 'hai' }, 'still on disk');
  a.set('k3', { n: 3, s: 'ba' });
  // Not yet written: release keeps what is not on disk.
  await a.release();
  assert.deepEqual(a.get('k3'), { n: 3, s: 'ba' });
  await a.flush();
  const b = SummaryCache.open<V>(dir, 'ns', 'v1');
  assert.equal(b.get('k1'), undefined);
  assert.deepEqual(b.get('k3'), { n: 3, s: 'ba' });
  assert.deepEqual(a.warnings, []);
});
