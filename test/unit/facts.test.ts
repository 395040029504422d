import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFacts } from '../../server/src/core/facts/extract';
import { FactIndex, compatible } from '../../server/src/core/facts/compare';

const A = 'Vụ sập cầu tại tỉnh Quảng Nam hôm qua đã làm 66 người thiệt mạng và 12 người bị thương, lực lượng cứu hộ vẫn đang tìm kiếm.';
const B = 'Vụ sập cầu tại tỉnh Quảng Nam hôm qua đã làm 85 người thiệt mạng và 12 người bị thương, lực lượng cứu hộ vẫn đang tìm kiếm.';
const ENTITIES = ['location:quang_nam', 'organization:bo_gtvt', 'person:nguyen_van_an'];

test('a figure is a number with what it counts, hedged or not', () => {
  const f = extractFacts(A);
  assert.deepEqual(
    f.map((x) => [x.text, x.about, x.value, x.bound]),
    [
      ['66', 'người chết', 66, 'exact'],
      ['12', 'người bị thương', 12, 'exact'],
    ],
  );
  assert.deepEqual(
    extractFacts('Khoảng 30.000 lao động mất việc.').map((x) => [x.value, x.bound, x.about]),
    [[30000, 'approx', 'lao động']],
  );
  assert.deepEqual(
    extractFacts('Dự án có tổng vốn 1,5 tỷ USD.').map((x) => [x.value, x.about]),
    [[1.5e9, 'usd']],
  );
  assert.deepEqual(
    extractFacts('Hơn 60 người chết.').map((x) => x.bound),
    ['min'],
  );
});

test('what the wording allows: hedges are ranges, rounding is no disagreement', () => {
  const [exact66] = extractFacts('có 66 người chết');
  const [about30] = extractFacts('khoảng 30.000 lao động');
  const [exact29] = extractFacts('29.800 lao động');
  const [over60] = extractFacts('hơn 60 người chết');
  const [exact85] = extractFacts('85 người chết');
  assert.ok(compatible(about30, exact29));
  assert.ok(compatible(over60, exact66));
  assert.ok(!compatible(exact66, exact85));
  assert.ok(compatible(extractFacts('837,9 tỷ đồng')[0], extractFacts('837,93 tỷ đồng')[0]));
});

test('two reports of one event that state a figure differently conflict; a list or another event does not', () => {
  const ix = new FactIndex();
  ix.set('a', extractFacts(A), ENTITIES);
  ix.set('b', extractFacts(B), ENTITIES);
  const all = ix.all();
  assert.deepEqual(
    all.map((c) => [c.kind, c.about, c.a.fact.text, c.b.fact.text]),
    [['figure', 'người chết', '66', '85']],
  );
  // Articles that share no entities are about other events.
  ix.set('b', extractFacts(B), ['person:someone_else']);
  assert.deepEqual(ix.all(), []);
  // The same values in both articles, in another order, are no disagreement.
  ix.set(
    'b',
    extractFacts('Vụ sập cầu tại tỉnh Quảng Nam hôm qua đã làm 12 người bị thương và 66 người thiệt mạng, lực lượng cứu hộ vẫn đang tìm kiếm.'),
    ENTITIES,
  );
  assert.deepEqual(ix.all(), []);
  ix.delete('b');
  assert.deepEqual(ix.conflictsOf('a'), []);
});

test('a later figure the text says changed is an update', () => {
  const ix = new FactIndex();
  ix.set('a', extractFacts(A), ENTITIES);
  ix.set(
    'b',
    extractFacts(
      'Vụ sập cầu tại tỉnh Quảng Nam hôm qua, số người thiệt mạng đã tăng lên 85 người thiệt mạng và 12 người bị thương, lực lượng cứu hộ vẫn đang tìm kiếm.',
    ),
    ENTITIES,
  );
  const [c] = ix.all();
  assert.ok(c?.update);
});
