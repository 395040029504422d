import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { openCache, openStateCache, saveState, summarizePending } from '../../server/src/index/summarize';
import { SAMPLES, sampleFiles } from '../helpers';

const CONFIG = path.join(SAMPLES, 'newslens.json');

/** The samples in an index, with text added to some, and one perhaps in NFD. */
function load(extra: Record<string, string> = {}, nfd?: string): WorkspaceIndex {
  const ix = new WorkspaceIndex();
  ix.setConfig(CONFIG, fs.readFileSync(CONFIG, 'utf8'));
  for (const f of sampleFiles()) {
    const text = fs.readFileSync(f, 'utf8') + (extra[f] ?? '');
    ix.setDocument(`file://${f}`, f, f === nfd ? text.normalize('NFD') : text, path.basename(f));
  }
  return ix;
}

async function open(
  dir: string,
  ix: WorkspaceIndex,
): Promise<{ fromCache: number; computed: number; failed: number; restored?: boolean; rebuilt?: Promise<Set<string>> }> {
  const warn = (m: string) => assert.fail(m);
  ix.defer(true);
  const { written, ...r } = await summarizePending(ix, { cache: openCache(dir, 'samples', warn), state: openStateCache(dir, 'samples', warn), threads: 0 });
  await written;
  ix.defer(false);
  return r;
}

/** Runs a test with a cache folder of its own. */
async function withCache(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
  try {
    await run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Indexes the articles from scratch and saves the collection's state. */
async function indexAndSave(dir: string, ix: WorkspaceIndex, opts: { resultsUpTo?: number } = {}): Promise<WorkspaceIndex> {
  assert.equal((await open(dir, ix)).computed, sampleFiles().length);
  await saveState(ix, openStateCache(dir, 'samples'), opts);
  return ix;
}

const KIM = '\nÔng Kim Jong-un nói Triều Tiên muốn hòa bình.';

test('a reopened workspace starts from the saved state and gives the same analysis', () =>
  withCache(async (dir) => {
    const first = await indexAndSave(dir, load());
    const expected = JSON.stringify(first.get().result);

    const again = load();
    const { rebuilt, ...r } = await open(dir, again);
    assert.deepEqual(r, { fromCache: sampleFiles().length, computed: 0, failed: 0, restored: true });
    // The saved results answer at once, while the collection is rebuilt in the background.
    assert.equal(JSON.stringify(again.get().result), expected);
    const f = sampleFiles()[2];
    again.setDocument(`file://${f}`, f, fs.readFileSync(f, 'utf8') + KIM, path.basename(f));
    assert.deepEqual([...(await rebuilt!)].sort(), again.uris());
    assert.equal(again.preparedCount, 0, 'no article is analysed again');
    assert.deepEqual(
      again.conflicts().map((c) => [c.a.uri, c.b.uri]),
      first.conflicts().map((c) => [c.a.uri, c.b.uri]),
      'the rebuilt facts give the same conflicts',
    );

    // An edit made while the collection was rebuilt is answered, once it is, as in an index built from scratch.
    await again.idle();
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(load({ [f]: KIM }).get().result));
  }));

test('the rebuilt collection takes over the saved results of plain articles instead of building them again', async () => {
  // One article in NFD (its offsets need mapping) has its result built again, the same.
  for (const nfd of [undefined, sampleFiles()[1]])
    await withCache(async (dir) => {
      const first = await indexAndSave(dir, load({}, nfd));
      const again = load({}, nfd);
      const { rebuilt } = await open(dir, again);
      const saved = new Map(again.uris().map((u) => [u, again.document(u)]));
      await rebuilt;
      assert.deepEqual(
        again.uris().filter((u) => again.document(u) !== saved.get(u)),
        nfd ? [`file://${nfd}`] : [],
        'the samples are NFC without decisions: each saved result is kept but one in NFD',
      );
      assert.equal(JSON.stringify(again.get().result), JSON.stringify(first.get().result));
    });
});

test('a state saved without results (a large archive) is rebuilt before the index answers, with the same analysis', () =>
  withCache(async (dir) => {
    const first = await indexAndSave(dir, load(), { resultsUpTo: 0 });
    const again = load();
    const { rebuilt, ...r } = await open(dir, again);
    assert.deepEqual(r, { fromCache: sampleFiles().length, computed: 0, failed: 0, restored: true });
    // Nothing saved to answer with: summarizePending returned once the collection was rebuilt.
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(first.get().result));
    assert.deepEqual([...(await rebuilt!)].sort(), again.uris());
    assert.equal(again.preparedCount, 0, 'no article is analysed again');
  }));

test('a saved state is not used when an article changed: the summaries of the others are', () =>
  withCache(async (dir) => {
    await indexAndSave(dir, load());
    const f = sampleFiles()[0];
    const changed = load({ [f]: '\nHôm qua trời mưa.' });
    const r = await open(dir, changed);
    assert.deepEqual(r, { fromCache: sampleFiles().length - 1, computed: 1, failed: 0 });
    assert.equal(JSON.stringify(changed.get().result), JSON.stringify(load({ [f]: '\nHôm qua trời mưa.' }).get().result));
  }));

test('a saved state with a damaged line: the rebuild fails, the articles are analysed again, the analysis is the same', () =>
  withCache(async (dir) => {
    const first = await indexAndSave(dir, load());
    const folder = path.join(dir, 'news-lens-cache');
    const file = fs.readdirSync(folder).find((f) => fs.readFileSync(path.join(folder, f), 'utf8').includes('state-3'))!;
    const lines = fs.readFileSync(path.join(folder, file), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('article '));
    lines[at] = `${lines[at].split('\t')[0]}\t[1, 2`;
    fs.writeFileSync(path.join(folder, file), lines.join('\n'));

    const again = load();
    const warnings: string[] = [];
    again.defer(true);
    const r = await summarizePending(again, { cache: openCache(dir, 'samples'), state: openStateCache(dir, 'samples', (m) => warnings.push(m)), threads: 0 });
    again.defer(false);
    await assert.rejects(r.rebuilt!, /cannot be read/);
    assert.match(warnings.join('\n'), /damaged entry/);
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(first.get().result));
    assert.equal(again.preparedCount, sampleFiles().length, 'every article analysed again');
  }));
