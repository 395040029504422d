import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerBound } from '../../server/src/core/sorted';

test('lowerBound: the first index whose value is at least x, as a scan from the start finds it', () => {
  const values = [1, 3, 3, 3, 7, 12, 40];
  for (let x = 0; x <= 41; x++) {
    const scanned = values.findIndex((v) => v >= x);
    assert.equal(lowerBound(values, x), scanned < 0 ? values.length : scanned, `x = ${x}`);
  }
  assert.equal(lowerBound(new Int32Array(), 5), 0);
});
