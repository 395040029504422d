import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { SAMPLES, sampleFiles } from '../helpers';

const uri = (f: string) => `file://${f}`;
const CONFIG = path.join(SAMPLES, 'newslens.json');

function full(files: Record<string, string>, config = fs.readFileSync(CONFIG, 'utf8')): WorkspaceIndex {
  const ix = new WorkspaceIndex();
  ix.setConfig(CONFIG, config);
  for (const [f, text] of Object.entries(files)) ix.setDocument(uri(f), f, text, path.basename(f));
  return ix;
}

test('an index updated incrementally equals a full rebuild', () => {
  const files = Object.fromEntries(sampleFiles().map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const names = Object.keys(files);
  const ix = new WorkspaceIndex();
  // Build in another order, with a config arriving late, a deletion, an edit and a rename.
  for (const f of names.slice().reverse()) ix.setDocument(uri(f), f, files[f], path.basename(f));
  ix.get();
  ix.setConfig(CONFIG, fs.readFileSync(CONFIG, 'utf8'));
  ix.removeDocument(uri(names[1]));
  ix.get();
  const edited = files[names[0]].replace('Nhà lãnh đạo', 'Hôm qua, nhà lãnh đạo');
  ix.setDocument(uri(names[0]), names[0], edited, path.basename(names[0]));
  const renamed = path.join(SAMPLES, 'renamed.txt');
  ix.removeDocument(uri(names[2]));
  ix.setDocument(uri(renamed), renamed, files[names[2]], 'renamed.txt');
  const now = ix.get().result;

  const expected: Record<string, string> = { ...files, [names[0]]: edited, [renamed]: files[names[2]] };
  delete expected[names[1]];
  delete expected[names[2]];
  const rebuilt = full(expected).get().result;
  assert.deepEqual(now, rebuilt);
});

test('an edit re-analyses only the edited article', () => {
  const files = Object.fromEntries(sampleFiles().map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const ix = full(files);
  ix.get();
  const before = ix.preparedCount;
  const f = Object.keys(files)[3];
  ix.setDocument(uri(f), f, files[f] + '\nNga muốn hợp tác.', path.basename(f));
  ix.get();
  assert.equal(ix.preparedCount - before, 1);
  ix.get();
  assert.equal(ix.preparedCount - before, 1, 'nothing is recomputed without a change');
});

test('a changed article date in newslens.json re-resolves that folder only', () => {
  const files = Object.fromEntries(sampleFiles().map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const ix = full(files);
  const f = Object.keys(files).find((x) => x.includes('004'))!;
  const hom = () => ix.document(uri(f))!.mentions.find((m) => m.kind === 'date' && m.text === 'hôm nay');
  assert.equal(hom() && 'value' in hom()! ? (hom() as any).value : '', '2023-09-11');
  ix.setConfig(CONFIG, JSON.stringify({ articles: { [path.basename(f)]: { date: '2023-09-12' } } }));
  assert.equal((hom() as any).value, '2023-09-12');
});

test('an article whose result a read brought up to date on its way is still reported changed by the next flushWith', async () => {
  const files = Object.fromEntries(sampleFiles().map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const ix = full(files);
  await ix.flushWith(async () => new Map());
  const f = sampleFiles()[0];
  const edited = files[f] + '\nGiá xăng tăng 42% trong tháng này.\n';
  ix.setDocument(uri(f), f, edited, path.basename(f));
  // A request (or a diagnostic being worked out) reads the index, which updates it there and then.
  assert.ok(
    ix
      .get()
      .byUri.get(uri(f))!
      .claims.some((c) => edited.slice(c.start, c.end).includes('42%')),
  );
  const changed = await ix.flushWith(async () => new Map());
  assert.ok(changed.has(uri(f)), 'the edited article is published');
  assert.equal((await ix.flushWith(async () => new Map())).size, 0, 'and only once');
});
