import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFacts, sentenceText } from '../../server/src/core/facts/extract';
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

test('persons are counted by what happened to them; rankings, ordinals, parts of a whole and anniversaries are no counts', () => {
  assert.deepEqual(
    extractFacts('Lực lượng cứu hộ đang tìm 2 ngư dân mất tích, 11 ngư dân đã được cứu.').map((x) => [x.text, x.about]),
    [
      ['2', 'người mất tích'],
      ['11', 'ngư dân'],
    ],
  );
  const none = (s: string) => extractFacts(s).map((x) => x.text);
  assert.deepEqual(none('Martial không có mặt trong top 100 cầu thủ đắt giá nhất.'), []);
  assert.deepEqual(none('Đây là lần thứ 10 tàu Hải quân Úc thăm TP HCM.'), []);
  assert.deepEqual(none('Gia đình của 6 trong số 15 thành viên phi hành đoàn đã nộp đơn kiện.'), []);
  assert.deepEqual(none('Có 11 doanh nghiệp ở Hà Nội, trong đó 8 doanh nghiệp ở quận Cầu Giấy.'), ['11']);
  assert.deepEqual(none('Tiền được phát hành để kỷ niệm 50 năm thành lập ngân hàng.'), []);
});

test('the upper end of a range is at most that: "3 – 5 năm" agrees with "3 năm"', () => {
  const [upper] = extractFacts('kỹ sư có từ 3 – 5 năm kinh nghiệm');
  assert.deepEqual([upper.text, upper.bound], ['5', 'max']);
  assert.ok(compatible(upper, extractFacts('kỹ sư có 3 năm kinh nghiệm')[0]));
});

test('figures more than three times apart are of different things, not a misreport', () => {
  const ix = new FactIndex();
  const fish = (price: string) =>
    `Tại chợ cá Tsukiji ở Tokyo, một con cá ngừ vây xanh nặng 200 kg được mua với giá ${price} tỷ đồng trong phiên đấu giá đầu năm.`;
  ix.set('a', extractFacts(fish('2,7')), ENTITIES);
  ix.set('b', extractFacts(fish('36')), ENTITIES);
  assert.deepEqual(ix.all(), []);
  ix.set('b', extractFacts(fish('3,5')), ENTITIES);
  assert.deepEqual(
    ix.all().map((c) => [c.a.fact.text, c.b.fact.text]),
    [['2,7', '3,5']],
  );
});

test('a figure of an earlier time ("Trước đó, …") is compared only with figures of earlier times', () => {
  const ix = new FactIndex();
  const verdict = 'Tòa án nhân dân TP HCM tuyên phạt bị cáo Lợi và bị cáo Nga cùng mức án 13 năm tù về tội lừa đảo ngân hàng.';
  const before = 'Trước đó, Tòa án nhân dân TP HCM tuyên phạt bị cáo Lợi và bị cáo Nga cùng mức án 8 năm tù về tội lừa đảo ngân hàng.';
  const [earlier] = extractFacts(before);
  assert.equal(earlier.earlier, true);
  assert.equal(extractFacts(verdict)[0].earlier, undefined);
  ix.set('a', extractFacts(verdict), ENTITIES);
  ix.set('b', extractFacts(before), ENTITIES);
  assert.deepEqual(ix.all(), []);
  // Two reports of the earlier verdict that differ still disagree.
  ix.set('a', extractFacts(before.replace('8 năm', '9 năm')), ENTITIES);
  assert.deepEqual(
    ix.all().map((c) => [c.a.fact.text, c.b.fact.text]),
    [['9', '8']],
  );
});

test('the point inside a number ends no sentence: the context of "1.100 tỷ đồng" is its whole sentence', () => {
  const [first, second] = extractFacts('Giai đoạn 1 có vốn khoảng 840 tỷ đồng, giai đoạn 2 hoàn chỉnh khoảng 1.100 tỷ đồng cho dự án cầu.');
  assert.deepEqual([first.text, second.text], ['840', '1.100']);
  assert.ok(second.context.includes('cầu'));
  assert.equal(sentenceText('Giá khởi điểm 10.800 đồng mỗi cổ phần. Câu sau.', 16), 'Giá khởi điểm 10.800 đồng mỗi cổ phần.');
});

test('two articles that both give both values paired them with different things: no disagreement', () => {
  const ix = new FactIndex();
  const deal = (value: number) => `Nữ ca sĩ vừa ký hợp đồng âm nhạc trị giá ${value} triệu bảng Anh với hãng đĩa lớn của Nhật Bản.`;
  const aside = (value: number) => `Tổng tài sản của gia đình cô hiện ước tính ${value} triệu bảng Anh.`;
  ix.set('a', extractFacts(deal(90)), ENTITIES);
  ix.set('b', extractFacts(deal(80)), ENTITIES);
  assert.deepEqual(
    ix.all().map((c) => [c.a.fact.text, c.b.fact.text]),
    [['90', '80']],
  );
  ix.set('a', extractFacts(`${deal(90)} ${aside(80)}`), ENTITIES);
  ix.set('b', extractFacts(`${deal(80)} ${aside(90)}`), ENTITIES);
  assert.deepEqual(ix.all(), []);
});
