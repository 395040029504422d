import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { openCache, openStateCache, saveState, summarizePending } from '../../server/src/index/summarize';
import { SAMPLES, sampleFiles } from '../helpers';

const CONFIG = path.join(SAMPLES, 'newslens.json');

function load(extra: Record<string, string> = {}): WorkspaceIndex {
  const ix = new WorkspaceIndex();
  ix.setConfig(CONFIG, fs.readFileSync(CONFIG, 'utf8'));
  for (const f of sampleFiles()) ix.setDocument(`file://${f}`, f, fs.readFileSync(f, 'utf8') + (extra[f] ?? ''), path.basename(f));
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

test('a reopened workspace starts from the saved state and gives the same analysis', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
  try {
    const first = load();
    assert.equal((await open(dir, first)).computed, sampleFiles().length);
    await saveState(first, openStateCache(dir, 'samples'));
    const expected = JSON.stringify(first.get().result);

    const again = load();
    const { rebuilt, ...r } = await open(dir, again);
    assert.deepEqual(r, { fromCache: sampleFiles().length, computed: 0, failed: 0, restored: true });
    // The saved results answer at once, while the collection is rebuilt in the background.
    assert.equal(JSON.stringify(again.get().result), expected);
    const f = sampleFiles()[2];
    const edited = fs.readFileSync(f, 'utf8') + '\nÔng Kim Jong-un nói Triều Tiên muốn hòa bình.';
    again.setDocument(`file://${f}`, f, edited, path.basename(f));
    assert.deepEqual([...(await rebuilt!)].sort(), again.uris());
    assert.equal(again.preparedCount, 0, 'no article is analysed again');
    assert.deepEqual(
      again.conflicts().map((c) => [c.a.uri, c.b.uri]),
      first.conflicts().map((c) => [c.a.uri, c.b.uri]),
      'the rebuilt facts give the same conflicts',
    );

    // An edit made while the collection was rebuilt is answered, once it is, as in an index built from scratch.
    await again.idle();
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(load({ [f]: '\nÔng Kim Jong-un nói Triều Tiên muốn hòa bình.' }).get().result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the rebuilt collection takes over the saved results of plain articles instead of building them again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
  try {
    const first = load();
    await open(dir, first);
    await saveState(first, openStateCache(dir, 'samples'));
    const again = load();
    const { rebuilt } = await open(dir, again);
    const saved = new Map(again.uris().map((u) => [u, again.document(u)]));
    await rebuilt;
    const kept = again.uris().filter((u) => again.document(u) === saved.get(u));
    assert.deepEqual(kept, again.uris(), 'every sample is NFC without decisions: each saved result is kept');
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(first.get().result));

    // An article in NFD (its offsets need mapping), saved and reopened, has its result built again, the same.
    const nfd = sampleFiles()[1];
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
    try {
      const withNfd = () => {
        const ix = new WorkspaceIndex();
        ix.setConfig(CONFIG, fs.readFileSync(CONFIG, 'utf8'));
        for (const f of sampleFiles()) {
          const text = fs.readFileSync(f, 'utf8');
          ix.setDocument(`file://${f}`, f, f === nfd ? text.normalize('NFD') : text, path.basename(f));
        }
        return ix;
      };
      const a = withNfd();
      await open(other, a);
      await saveState(a, openStateCache(other, 'samples'));
      const b = withNfd();
      const r = await open(other, b);
      const savedB = new Map(b.uris().map((u) => [u, b.document(u)]));
      await r.rebuilt;
      assert.deepEqual(
        b.uris().filter((u) => b.document(u) !== savedB.get(u)),
        [`file://${nfd}`],
      );
      assert.equal(JSON.stringify(b.get().result), JSON.stringify(a.get().result));
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a state saved without results (a large archive) is rebuilt before the index answers, with the same analysis', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
  try {
    const first = load();
    await open(dir, first);
    await saveState(first, openStateCache(dir, 'samples'), { resultsUpTo: 0 });
    const again = load();
    const { rebuilt, ...r } = await open(dir, again);
    assert.deepEqual(r, { fromCache: sampleFiles().length, computed: 0, failed: 0, restored: true });
    // Nothing saved to answer with: summarizePending returned once the collection was rebuilt.
    assert.equal(JSON.stringify(again.get().result), JSON.stringify(first.get().result));
    assert.deepEqual([...(await rebuilt!)].sort(), again.uris());
    assert.equal(again.preparedCount, 0, 'no article is analysed again');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a saved state is not used when an article changed: the summaries of the others are', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nl-warm-'));
  try {
    const first = load();
    await open(dir, first);
    await saveState(first, openStateCache(dir, 'samples'));
    const f = sampleFiles()[0];
    const changed = load({ [f]: '\nHôm qua trời mưa.' });
    const r = await open(dir, changed);
    assert.deepEqual(r, { fromCache: sampleFiles().length - 1, computed: 1, failed: 0 });
    assert.equal(JSON.stringify(changed.get().result), JSON.stringify(load({ [f]: '\nHôm qua trời mưa.' }).get().result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
