import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers';

const CLI = path.resolve('dist/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test(
  'analyze reads UTF-16 articles with the offsets of their UTF-8 copy, reports a .ann past the end by line, and does not follow links out of the folder',
  { skip: process.platform === 'win32' && 'symlinks need privileges' },
  () => {
    const base = tempDir('nl-cli-bad-');
    const dir = path.join(base, 'articles');
    fs.mkdirSync(dir);
    const text = 'Tổng thống Vladimir Putin nói rằng hội đàm với ông Kim Jong-un rất tốt.';
    fs.writeFileSync(path.join(dir, 'a-utf8.txt'), text);
    fs.writeFileSync(path.join(dir, 'b-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'c-past-end.txt'), text);
    fs.writeFileSync(path.join(dir, 'c-past-end.ann'), 'T1\tPerson 20 25\tPutin\nT2\tPerson 500 505\tTrump\n');
    fs.writeFileSync(path.join(base, 'outside.txt'), 'Ông Trump nói.');
    fs.symlinkSync(path.join(base, 'outside.txt'), path.join(dir, 'd-link-out.txt'));
    const r = run(['analyze', '--json', dir]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.documents.map((d: any) => path.basename(d.path)),
      ['a-utf8.txt', 'b-utf16.txt', 'c-past-end.txt'],
    );
    const spans = (d: any) => d.mentions.map((m: any) => `${m.start}-${m.end}:${m.text}`);
    assert.deepEqual(spans(out.documents[1]), spans(out.documents[0]));
    assert.ok(spans(out.documents[0]).includes('11-25:Vladimir Putin'));
    assert.match(r.stderr, /c-past-end\.ann:2: T2 "Trump" \(Person\) ends at 505, past the end of the article/);
    assert.equal(fs.readFileSync(path.join(dir, 'c-past-end.ann'), 'utf8'), 'T1\tPerson 20 25\tPutin\nT2\tPerson 500 505\tTrump\n');
  },
);
