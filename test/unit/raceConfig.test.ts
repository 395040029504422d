/**
 * Racing saves of newslens.json, with real files in a temporary folder: News Lens writers on
 * several threads at once, a save by the user between a command's read and its write, a file
 * that stops parsing meanwhile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parse } from 'jsonc-parser';
import { editConfigFile, raceHooks, ConfigWriteError } from '../../server/src/core/meta/write';
import { parseConfig } from '../../server/src/core/meta/config';

interface Job {
  file: string;
  role: 'writer' | 'reader';
  writer: number;
  edits: number;
}

/** A worker thread: a writer sets dates of its own articles one after the other; a reader parses the file until told to stop. */
function runJob(job: Job): void {
  if (job.role === 'writer') {
    for (let i = 0; i < job.edits; i++)
      editConfigFile(job.file, ['articles', `w${job.writer}-${i}.txt`, 'date'], `2019-04-${String((i % 28) + 1).padStart(2, '0')}`);
    parentPort!.postMessage({ done: true });
    return;
  }
  let reads = 0;
  let torn = 0;
  let stop = false;
  parentPort!.on('message', () => (stop = true));
  const loop = () => {
    for (let k = 0; k < 50; k++) {
      let text: string;
      try {
        text = fs.readFileSync(job.file, 'utf8');
      } catch {
        continue;
      }
      reads++;
      const errors: unknown[] = [];
      parse(text, errors as never);
      if (errors.length || !text.trim()) torn++;
    }
    if (stop) parentPort!.postMessage({ reads, torn });
    else setImmediate(loop);
  };
  loop();
}

if (!isMainThread) runJob(workerData as Job);
else {
  const tempDir = (t: { after: (fn: () => void) => void }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-race-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  test('four writers on four threads setting 25 article dates each: no change lost, a reader never sees a torn file', async (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'newslens.json');
    fs.writeFileSync(file, '{\n  // dates of the articles\n  "articles": {},\n  "entities": {}\n}\n');
    const reader = new Worker(__filename, { workerData: { file, role: 'reader', writer: 0, edits: 0 } satisfies Job });
    const readerDone = new Promise<{ reads: number; torn: number }>((resolve) => reader.once('message', resolve));
    const writers = [0, 1, 2, 3].map((w) => new Worker(__filename, { workerData: { file, role: 'writer', writer: w, edits: 25 } satisfies Job }));
    await Promise.all(
      writers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    reader.postMessage('stop');
    const seen = await readerDone;
    await Promise.all([reader, ...writers].map((w) => w.terminate()));
    const text = fs.readFileSync(file, 'utf8');
    const cfg = parseConfig(file, text);
    assert.deepEqual(cfg.problems, []);
    assert.equal(Object.keys(cfg.articles).length, 100, "every writer's every date is there");
    assert.equal(cfg.articles['w3-24.txt'].date, '2019-04-25');
    assert.ok(text.includes('// dates of the articles'), "the user's comment is kept");
    assert.ok(seen.reads > 0);
    assert.equal(seen.torn, 0, `of ${seen.reads} reads while writing`);
    assert.deepEqual(fs.readdirSync(dir), ['newslens.json'], 'no temporary or lock file left');
  });

  test('two date commands in quick succession both land', (t) => {
    const file = path.join(tempDir(t), 'newslens.json');
    editConfigFile(file, ['articles', 'a.txt', 'date'], '2019-04-24');
    editConfigFile(file, ['articles', 'b.txt', 'date'], '2019-04-25');
    const cfg = parseConfig(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual([cfg.articles['a.txt'].date, cfg.articles['b.txt'].date], ['2019-04-24', '2019-04-25']);
  });

  test("the user saves the file between the command's read and its write: both changes are kept", (t) => {
    const file = path.join(tempDir(t), 'newslens.json');
    fs.writeFileSync(file, '{\n  "articles": {\n    "a.txt": { "outlet": "VnExpress" }\n  }\n}\n');
    let saves = 0;
    raceHooks.beforeWrite = () => {
      if (saves++) return;
      fs.writeFileSync(file, '{\n  "articles": {\n    "a.txt": { "outlet": "Tuổi Trẻ" },\n    "b.txt": { "title": "Giá xăng tăng" }\n  }\n}\n');
    };
    t.after(() => (raceHooks.beforeWrite = undefined));
    editConfigFile(file, ['articles', 'a.txt', 'date'], '2019-04-24');
    const cfg = parseConfig(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(cfg.articles['a.txt'], { outlet: 'Tuổi Trẻ', date: '2019-04-24', dateSource: 'newslens.json' });
    assert.equal(cfg.articles['b.txt'].title, 'Giá xăng tăng');
  });

  test('an edit given as a function of the entry builds on what the user added meanwhile', (t) => {
    const file = path.join(tempDir(t), 'newslens.json');
    fs.writeFileSync(file, '{\n  "entities": {\n    "nguyen-van-an": { "name": "Nguyễn Văn An", "kind": "person", "aliases": [] }\n  }\n}\n');
    let saves = 0;
    raceHooks.beforeWrite = () => {
      if (saves++) return;
      fs.writeFileSync(file, '{\n  "entities": {\n    "nguyen-van-an": { "name": "Nguyễn Văn An", "kind": "person", "aliases": ["ông An"] }\n  }\n}\n');
    };
    t.after(() => (raceHooks.beforeWrite = undefined));
    const seen: unknown[] = [];
    editConfigFile(file, ['entities', 'nguyen-van-an'], (current: unknown) => {
      seen.push(current);
      const e = current as { aliases: string[] };
      return { ...e, aliases: [...e.aliases, 'Chủ tịch An'] };
    });
    const cfg = parseConfig(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(cfg.entities[0].aliases, ['ông An', 'Chủ tịch An']);
    assert.equal(seen.length, 2, 'called again on the file as the user saved it');
  });

  test('the user saves a half-typed file meanwhile: it is not overwritten, the command says why', (t) => {
    const file = path.join(tempDir(t), 'newslens.json');
    fs.writeFileSync(file, '{ "articles": {} }\n');
    const halfTyped = '{ "articles": { "a.txt": { "date": "2019-04-2\n';
    raceHooks.beforeWrite = () => fs.writeFileSync(file, halfTyped);
    t.after(() => (raceHooks.beforeWrite = undefined));
    assert.throws(
      () => editConfigFile(file, ['articles', 'b.txt', 'date'], '2019-04-25'),
      (e: Error) => e instanceof ConfigWriteError && /could not be parsed.*will not overwrite/.test(e.message),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), halfTyped);
  });

  test('files that cannot be edited safely are left byte for byte, with a message', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'newslens.json');
    const cases: [string, Buffer | string, RegExp][] = [
      ['not UTF-8', Buffer.from('{ "articles": { "a.txt": { "outlet": "B\xe1o Nh\xe2n D\xe2n" } } }\n', 'latin1'), /not valid UTF-8/],
      ['an array', '[1, 2]\n', /does not hold a JSON object/],
      ['articles as a list', '{ "articles": ["a.txt"] }\n', /cannot set articles\.a\.txt\.date/],
      ['broken', '{ "articles": { ', /could not be parsed/],
    ];
    for (const [what, bytes, message] of cases) {
      fs.writeFileSync(file, bytes);
      assert.throws(
        () => editConfigFile(file, ['articles', 'a.txt', 'date'], '2019-04-24'),
        (e: Error) => e instanceof ConfigWriteError && message.test(e.message),
        what,
      );
      assert.deepEqual(fs.readFileSync(file), Buffer.from(bytes), what);
    }
    assert.deepEqual(fs.readdirSync(dir), ['newslens.json'], 'no temporary or lock file left');
  });

  test('a newslens.json that is a link out of the folder is not written through', (t) => {
    const dir = tempDir(t);
    const outside = path.join(tempDir(t), 'elsewhere.json');
    fs.writeFileSync(outside, '{}\n');
    fs.symlinkSync(outside, path.join(dir, 'newslens.json'));
    assert.throws(() => editConfigFile(path.join(dir, 'newslens.json'), ['articles', 'a.txt', 'date'], '2019-04-24'), /symbolic link/);
    assert.equal(fs.readFileSync(outside, 'utf8'), '{}\n');
    assert.ok(fs.lstatSync(path.join(dir, 'newslens.json')).isSymbolicLink());
  });

  test("an edit keeps the file's byte order mark, CR LF line breaks, tabs and permissions", (t) => {
    const file = path.join(tempDir(t), 'newslens.json');
    fs.writeFileSync(file, '\uFEFF{\r\n\t"articles": {\r\n\t\t"a.txt": { "outlet": "VnExpress" }\r\n\t}\r\n}\r\n');
    fs.chmodSync(file, 0o640);
    const text = editConfigFile(file, ['articles', 'b.txt', 'date'], '2019-04-25');
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.ok(text.startsWith('\uFEFF{\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
    assert.match(text, /\r\n\t\t"b\.txt": \{\r\n\t\t\t"date": "2019-04-25"/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(parseConfig(file, text).articles['b.txt'].date, '2019-04-25');
  });

  test('a lock left by a process that is gone is taken over; one held by a live writer makes the command wait, then say so', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'newslens.json');
    const lock = path.join(dir, '.newslens.json.lock');
    fs.writeFileSync(lock, '999999999 dead');
    editConfigFile(file, ['articles', 'a.txt', 'date'], '2019-04-24');
    assert.ok(!fs.existsSync(lock));
    fs.writeFileSync(lock, `${process.pid} someone-else`);
    const started = Date.now();
    assert.throws(() => editConfigFile(file, ['articles', 'b.txt', 'date'], '2019-04-25'), /being written by another News Lens process/);
    assert.ok(Date.now() - started >= 2000, 'waited for the other writer');
    assert.ok(!fs.readFileSync(file, 'utf8').includes('b.txt'));
    assert.ok(fs.existsSync(lock), "another writer's lock is not removed");
  });
}
