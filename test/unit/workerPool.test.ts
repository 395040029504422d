import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInWorkers, isTaskFailure, releaseIdleWorkers, TaskFailure, type Outcome } from '../../server/src/index/workerPool';

const ECHO = path.join(__dirname, '..', '..', 'fixtures', 'echoWorker.js');
const PREPARE = path.join(__dirname, '..', '..', '..', 'dist', 'prepareWorker.js');
const squares = (n: number) => Array.from({ length: n }, (_, i) => i * i);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test('results come back in input order, each one also through onResult, with progress', async () => {
  const seen = new Map<number, Outcome<number>>();
  const progress: number[] = [];
  const out = await runInWorkers<number, number>(ECHO, range(1000), {
    threads: 2,
    batch: 64,
    onResult: (i, o) => {
      assert.ok(!seen.has(i), `index ${i} delivered once`);
      seen.set(i, o);
    },
    onProgress: (done, total) => {
      assert.equal(total, 1000);
      progress.push(done);
    },
  });
  assert.deepEqual(out, squares(1000));
  assert.equal(seen.size, 1000);
  assert.deepEqual(
    [...seen].sort((a, b) => a[0] - b[0]).map(([, o]) => o),
    squares(1000),
  );
  assert.equal(progress.length, Math.ceil(1000 / 64));
  assert.equal(progress.at(-1), 1000);
});

test("threads: 0 runs in-process, with the worker file's handle or a given handler, and gives the same results", async () => {
  assert.deepEqual(await runInWorkers<number, number>(ECHO, range(300), { threads: 0 }), squares(300));
  assert.deepEqual(await runInWorkers<number, number>(ECHO, range(300), { threads: 0, handler: (n) => n * n }), squares(300));
});

test('an input the function throws on fails alone', async () => {
  for (const threads of [2, 0]) {
    const inputs: (number | string)[] = range(200);
    inputs[5] = 'throw';
    inputs[150] = 'throw';
    const out = await runInWorkers<number | string, number>(ECHO, inputs, { threads, batch: 16 });
    assert.equal(out.length, 200);
    for (const i of [5, 150]) {
      assert.ok(isTaskFailure(out[i]), `input ${i} failed (threads ${threads})`);
      assert.equal((out[i] as TaskFailure).error, 'bad input');
    }
    out.forEach((o, i) => i !== 5 && i !== 150 && assert.equal(o, i * i));
  }
});

test('an input that kills its worker fails alone; the rest of its batch is redone by other workers', async () => {
  const inputs: (number | string)[] = range(300);
  for (const i of [7, 70, 71, 299]) inputs[i] = 'exit';
  const out = await runInWorkers<number | string, number>(ECHO, inputs, { threads: 2, batch: 64 });
  out.forEach((o, i) => {
    if ([7, 70, 71, 299].includes(i)) assert.match((o as TaskFailure).error, /worker exited with code 3/);
    else assert.equal(o, i * i);
  });
});

test('when inputs keep killing workers the pool gives up on the rest instead of running them in-process', async () => {
  const out = await runInWorkers<string, number>(ECHO, Array(40).fill('exit'), { threads: 2, batch: 1 });
  assert.equal(out.length, 40);
  assert.ok(out.every(isTaskFailure));
  assert.ok(out.some((o) => /not analysed: workers crashed/.test((o as TaskFailure).error)));
});

test('a worker file that does not load falls back to running in-process', async () => {
  const missing = path.join(__dirname, 'no-such-worker.js');
  assert.deepEqual(await runInWorkers<number, number>(missing, range(100), { threads: 2, batch: 10, handler: (n) => n * n }), squares(100));
  await assert.rejects(runInWorkers<number, number>(missing, range(10), { threads: 2 }), /Cannot find module/);
});

test('aborting terminates the run and rejects with an AbortError', async () => {
  const ac = new AbortController();
  let results = 0;
  const run = runInWorkers<string, number>(ECHO, Array(40).fill('sleep20'), {
    threads: 2,
    batch: 2,
    signal: ac.signal,
    onResult: () => ++results === 3 && ac.abort(),
  });
  await assert.rejects(run, { name: 'AbortError' });
  assert.ok(results < 10, `stopped early (${results} results)`);
  await assert.rejects(runInWorkers(ECHO, [1], { signal: AbortSignal.abort() }), { name: 'AbortError' });
  const inProcess = new AbortController();
  await assert.rejects(
    runInWorkers<number, number>(ECHO, range(1000), { threads: 0, batch: 10, signal: inProcess.signal, onProgress: (d) => d >= 100 && inProcess.abort() }),
    { name: 'AbortError' },
  );
});

test('the main thread stays free while workers compute, and an onResult that throws rejects the run', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const out = await runInWorkers<string, number>(ECHO, Array(8).fill('sleep25'), { threads: 2, batch: 1 });
  clearInterval(timer);
  assert.equal(out.length, 8);
  assert.ok(ticks >= 3, `the event loop ran meanwhile (${ticks} ticks)`);
  await assert.rejects(
    runInWorkers<number, number>(ECHO, range(100), {
      threads: 2,
      batch: 10,
      onResult: () => {
        throw new Error('caller bug');
      },
    }),
    /caller bug/,
  );
});

test('no inputs, no work', async () => {
  assert.deepEqual(await runInWorkers(ECHO, []), []);
});

const SUMMARY = path.join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'summary.ts');

test(
  'the bundled prepareWorker answers every input, in a worker and in-process',
  { skip: !fs.existsSync(SUMMARY) && 'no server/src/core/summary.ts yet' },
  async () => {
    const inputs = [
      { path: 'a.txt', text: 'Hôm qua, ông Nguyễn Văn An nói với báo Tuổi Trẻ rằng giá xăng sẽ tăng.', meta: {} },
      { path: 'b.txt', text: 'Bộ Y tế cho biết.', meta: { date: '2019-04-24' } },
    ];
    const [inWorker, inProcess] = await Promise.all([1, 0].map((threads) => runInWorkers<(typeof inputs)[number], Uint8Array>(PREPARE, inputs, { threads })));
    assert.deepEqual(inWorker, inProcess);
    inWorker.forEach((o, i) => {
      assert.ok(!isTaskFailure(o), `input ${i} answered`);
      // The summary packed, as UTF-8.
      assert.equal(JSON.parse(Buffer.from(o).toString('utf8')).path, inputs[i].path);
    });
  },
);

test("a run after a clean one reuses its workers, each with the new run's context; an aborted run leaves none behind", async () => {
  await releaseIdleWorkers();
  const inputs = Array.from({ length: 8 }, () => 'thread');
  const first = new Set(await runInWorkers<string, number>(ECHO, inputs, { threads: 2, batch: 1 }));
  const again = new Set(await runInWorkers<string, number>(ECHO, inputs, { threads: 2, batch: 1 }));
  assert.equal(first.size, 2);
  assert.deepEqual([...again].sort(), [...first].sort(), 'the same two threads');
  const contexts = await runInWorkers<string, unknown>(ECHO, ['context', 'context', 'context'], { threads: 2, batch: 1, context: { run: 3 } });
  assert.deepEqual(contexts, [{ run: 3 }, { run: 3 }, { run: 3 }]);
  const none = await runInWorkers<string, unknown>(ECHO, ['context', 'context'], { threads: 2, batch: 1 });
  assert.deepEqual(none, [null, null], 'a run without a context does not see the last one');
  // A run that is aborted terminates its workers: the next one starts new threads.
  const ac = new AbortController();
  const aborted = runInWorkers<string, unknown>(ECHO, ['sleep200', 'sleep200'], { threads: 2, batch: 1, signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(aborted, { name: 'AbortError' });
  const fresh = new Set(await runInWorkers<string, number>(ECHO, inputs, { threads: 2, batch: 1 }));
  assert.ok(
    [...fresh].every((t) => !first.has(t)),
    'new threads after an aborted run',
  );
  await releaseIdleWorkers();
});
