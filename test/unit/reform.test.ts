import { test } from 'node:test';
import assert from 'node:assert/strict';
import { provinceMerger } from '../../server/src/core/lang/reform';

test("a province merged on 1 July 2025 is read at the article's date: the province then, the former one after", () => {
  assert.deepEqual(provinceMerger('Hà Giang', '2019-04-24'), { old: 'Hà Giang', now: 'Tuyên Quang', articleAfter: false });
  assert.deepEqual(provinceMerger('Hà Giang', '2026-01-05'), { old: 'Hà Giang', now: 'Tuyên Quang', articleAfter: true });
  assert.equal(provinceMerger('Bình Dương', '2025-06-30')?.articleAfter, false);
  assert.equal(provinceMerger('Bình Dương', '2025-07-01')?.articleAfter, true);
  assert.equal(provinceMerger('Bình Dương', '2025-07')?.now, 'Thành phố Hồ Chí Minh');
  assert.equal(provinceMerger('Bình Dương', '2025-07')?.articleAfter, true);
  // A date too coarse to tell, or none.
  assert.equal(provinceMerger('Quảng Nam', '2025')?.articleAfter, undefined);
  assert.equal(provinceMerger('Quảng Nam')?.articleAfter, undefined);
  // Either tone placement; a province that kept its name, or no province.
  assert.equal(provinceMerger('Hoà Bình', '2024-01-01')?.now, 'Phú Thọ');
  assert.equal(provinceMerger('Hòa Bình', '2024-01-01')?.now, 'Phú Thọ');
  assert.equal(provinceMerger('Hà Nội', '2026-01-01'), undefined);
  assert.equal(provinceMerger('Tuyên Quang', '2026-01-01'), undefined);
});
