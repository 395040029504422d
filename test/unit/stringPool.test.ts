import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedString, shareStrings } from '../../server/src/core/resolve/stringPool';

test('shareStrings keeps every field as it was (short strings pooled, others untouched) and returns the object', () => {
  const text = 'Ông Nguyễn Xuân Phúc cho biết Thủ tướng Chính phủ sẽ họp với các bộ trưởng vào ngày mai tại Hà Nội.';
  const long = text.slice(0, 60);
  const m = { start: 4, end: 20, text: text.slice(4, 20), kind: 'person', origin: 'collection', title: undefined, note: long, n: 3 };
  const before = { ...m };
  assert.equal(shareStrings(m), m);
  assert.equal(sharedString(long), long);
  assert.equal(sharedString('person:nguyễn_xuân_phúc'), 'person:nguyễn_xuân_phúc');
  assert.deepEqual(m, before);
  // The same values from another object come back equal.
  const other = shareStrings({ text: 'Nguyễn Xuân Phúc', kind: 'person' });
  assert.deepEqual(other, { text: m.text, kind: m.kind });
});
