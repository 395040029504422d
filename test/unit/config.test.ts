import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, metaFor, dateFromFileName } from '../../server/src/core/meta/config';
import { editConfigFile, ConfigWriteError } from '../../server/src/core/meta/write';
import { tempDir } from '../helpers';

test('a malformed newslens.json is reported with file, line and column', () => {
  const cfg = parseConfig('/x/newslens.json', '{\n  "articles": {\n    "a.txt": { "date": "2019-04-24" },,\n  }\n}');
  assert.ok(cfg.problems.length > 0);
  assert.equal(cfg.problems[0].line, 3);
  assert.match(cfg.problems[0].message, /invalid JSON/);
  assert.deepEqual(cfg.articles, {});
});

test('wrong shapes are reported and skipped, the rest is kept', () => {
  const cfg = parseConfig(
    '/x/newslens.json',
    JSON.stringify({
      articles: { 'a.txt': { date: '24/4/2019' }, 'b.txt': { date: '2019-04-24', outlet: 'Tổ Quốc' } },
      entities: { k: { name: 'Kim', kind: 'robot' }, p: { name: 'Putin', kind: 'person', aliases: ['Путин'] } },
    }),
  );
  assert.equal(cfg.problems.length, 2);
  assert.equal(cfg.articles['b.txt'].date, '2019-04-24');
  assert.deepEqual(
    cfg.entities.map((e) => e.id),
    ['p'],
  );
});

test('the nearest newslens.json names the article; paths are relative to it', () => {
  const outer = parseConfig('/w/newslens.json', JSON.stringify({ articles: { 'sub/a.txt': { date: '2019-01-01' } } }));
  const inner = parseConfig('/w/sub/newslens.json', JSON.stringify({ articles: { 'a.txt': { date: '2019-02-02' } } }));
  assert.equal(metaFor('/w/sub/a.txt', [outer, inner]).date, '2019-02-02');
  assert.equal(metaFor('/w/sub/a.txt', [outer]).date, '2019-01-01');
  assert.deepEqual(dateFromFileName('/w/20190424-tin.txt'), { date: '2019-04-24', dateSource: 'file name' });
  assert.deepEqual(metaFor('/w/other.txt', [outer]), {});
});

test('setting a date keeps the rest of the file; an unparsable file is never overwritten', () => {
  const dir = tempDir('nl-');
  const file = path.join(dir, 'newslens.json');
  fs.writeFileSync(file, '{\n  // our team file\n  "articles": { "a.txt": { "outlet": "Tổ Quốc" } },\n  "custom": 1\n}\n');
  editConfigFile(file, ['articles', 'a.txt', 'date'], '2019-04-24');
  const cfg = parseConfig(file, fs.readFileSync(file, 'utf8'));
  assert.deepEqual(cfg.articles['a.txt'], { date: '2019-04-24', dateSource: 'newslens.json', outlet: 'Tổ Quốc' });
  assert.match(fs.readFileSync(file, 'utf8'), /our team file/);
  assert.match(fs.readFileSync(file, 'utf8'), /"custom": 1/);
  const broken = '{ "articles": { "a.txt": { "date": "2019-04-24" } ';
  fs.writeFileSync(file, broken);
  assert.throws(() => editConfigFile(file, ['articles', 'b.txt', 'date'], '2019-04-25'), ConfigWriteError);
  assert.equal(fs.readFileSync(file, 'utf8'), broken);
  assert.deepEqual(fs.readdirSync(dir), ['newslens.json'], 'no temporary file left behind');
});

test('article paths outside the folder of newslens.json are ignored with a message', () => {
  const cfg = parseConfig(
    '/w/sub/newslens.json',
    JSON.stringify({ articles: { '../a.txt': { date: '2019-01-01' }, '/etc/b.txt': { date: '2019-01-02' }, 'c.txt': { date: '2019-01-03' } } }),
  );
  assert.deepEqual(Object.keys(cfg.articles), ['c.txt']);
  assert.equal(cfg.problems.length, 2);
  assert.match(cfg.problems[0].message, /outside this file's folder/);
  assert.deepEqual(metaFor('/w/a.txt', [cfg]), {});
});
