import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { summarize } from '../../server/src/core/summary';
import { fromBase64, fromRows, packSummary, toBase64, toRows, unpackSummary } from '../../server/src/core/summaryCodec';
import { sampleFiles } from '../helpers';

test('a packed summary comes back as the summary itself, and is much smaller than its JSON', () => {
  let plain = 0;
  let packed = 0;
  for (const f of sampleFiles()) {
    const s = summarize({ path: f, text: fs.readFileSync(f, 'utf8'), meta: {} });
    const p = packSummary(s);
    assert.equal(JSON.stringify(unpackSummary(p)), JSON.stringify(s), f);
    plain += JSON.stringify(s).length;
    packed += p.length;
  }
  assert.ok(packed < plain * 0.7, `packed ${packed} of ${plain}`);
});

test("rows keep each object's keys in their order and drop undefined values", () => {
  const objects = [{ a: 1, b: 'x' }, { b: 'y', a: 2 }, { a: 3, c: undefined, d: false }, {}];
  const back = fromRows(JSON.parse(JSON.stringify(toRows(objects))));
  assert.equal(JSON.stringify(back), JSON.stringify(objects));
  assert.deepEqual(
    back.map((o) => Object.keys(o as object)),
    [['a', 'b'], ['b', 'a'], ['a', 'd'], []],
  );
});

test('32-bit hashes survive base64, negative ones too', () => {
  const values = [0, 1, -1, 2147483647, -2147483648, 123456789];
  assert.deepEqual([...fromBase64(toBase64(values))], values);
  assert.deepEqual([...fromBase64(toBase64([]))], []);
});
