import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultMap } from '../../server/src/index/resultMap';
import type { DocumentResult } from '../../server/src/core/types';

const result = (path: string): DocumentResult => ({ path, mentions: [], claims: [], sentences: [] });

test('a result set for later is read once, when first asked for, and counts as there before', () => {
  const m = new ResultMap();
  let reads = 0;
  m.setLater('a', () => (reads++, result('a.txt')));
  m.set('b', result('b.txt'));
  assert.equal(m.size, 2);
  assert.equal(m.has('a'), true);
  assert.equal(reads, 0, 'not read by has or size');
  assert.equal(m.get('a')?.path, 'a.txt');
  assert.equal(m.get('a'), m.get('a'));
  assert.equal(reads, 1);
  assert.equal(m.size, 2);
});

test('iterating a result map reads what is still to be read; set and delete replace or drop it unread', () => {
  const m = new ResultMap();
  let reads = 0;
  for (const k of ['a', 'b', 'c']) m.setLater(k, () => (reads++, result(`${k}.txt`)));
  m.set('b', result('b2.txt'));
  assert.equal(m.delete('c'), true);
  assert.equal(m.has('c'), false);
  assert.deepEqual(
    [...m].map(([k, r]) => [k, r.path]),
    [
      ['b', 'b2.txt'],
      ['a', 'a.txt'],
    ],
  );
  assert.equal(reads, 1, 'only a was read');
  assert.deepEqual([...m.values()].map((r) => r.path).sort(), ['a.txt', 'b2.txt']);
  m.setLater('d', () => result('d.txt'));
  assert.deepEqual([...m.keys()].sort(), ['a', 'b', 'd']);
  m.clear();
  assert.equal(m.size, 0);
});
