import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOne, analyzeSamples, doc } from '../helpers';

function statuses(text: string): string[] {
  const { doc: d } = analyzeOne(text);
  return d.sentences.map((s) => d.claims.find((c) => c.start === s.start)?.status ?? 'none');
}

test('named sources make sourced claims, wherever the cue stands', () => {
  assert.deepEqual(statuses('Hãng thông tấn Nga Tass cũng trích dẫn lời một quan chức địa phương cho biết, Chủ tịch Kim đã nhận đóa hoa.'), ['sourced']);
  assert.deepEqual(statuses('Ông Kim Yong Chol đã bị loại khỏi vị trí đứng đầu lần này, theo hãng tin Hàn Quốc Yonhap đưa tin.'), ['sourced']);
  assert.deepEqual(statuses('Theo ông Ushakov, cả Nga và Trung Quốc đều ủng hộ Triều Tiên.'), ['sourced']);
});

test('vague sources are vague, not unsourced', () => {
  assert.deepEqual(statuses('Các chuyên gia cho rằng, Chủ tịch Kim dường như đang thúc đẩy quan hệ gần gũi với Nga.'), ['vague']);
  assert.deepEqual(statuses('Theo giới quan sát, Chủ tịch Kim có thể được đón tiếp thân thiện tại Nga.'), ['vague']);
  assert.deepEqual(statuses('Ông Kim cũng được cho là đang tìm kiếm viện trợ lương thực.'), ['vague']);
});

test('a vague phrase that names its owner is sourced; "được biết đến là" is no attribution', () => {
  assert.deepEqual(statuses('Mặc dù vậy theo nguồn tin của VOA, con trai của ông Choe đã qua đời năm 2013.'), ['sourced']);
  assert.deepEqual(statuses('Nguồn tin của The Times nói rằng các sinh viên phải nhường đường.'), ['sourced']);
  assert.deepEqual(statuses('Tại Cần Thơ, ông Tòng từng được biết đến là một doanh nhân thành đạt.'), ['unsourced']);
  assert.deepEqual(statuses('Theo hồ sơ của cơ quan công an, các đối tượng lợi dụng trời tối để cướp.'), ['vague']);
});

test('claims with no source are unsourced; a denied statement is no attribution', () => {
  assert.deepEqual(statuses('Chủ tịch Kim Jong-un sẽ là lãnh đạo Triều Tiên đầu tiên đến Nga kể từ năm 2011.'), ['unsourced']);
  assert.deepEqual(statuses('Triều Tiên chưa bình luận về thông tin chuyến thăm.'), ['unsourced']);
  assert.deepEqual(statuses('Việt Nam nói chung, TP Đà Nẵng nói riêng sẽ làm hết sức mình để tổ chức đại hội.'), ['unsourced']);
  assert.deepEqual(statuses('Chủ tịch Kim đang tìm sự hỗ trợ từ Moscow mà không có tuyên bố chung.'), ['unsourced']);
});

test('a pronoun source takes the speaker before; quotes spanning sentences stay sourced', () => {
  assert.deepEqual(statuses('Ông Kim nói rằng các cuộc đàm phán sẽ tiếp tục. Ông nói đất nước cần kiên nhẫn.'), ['sourced', 'sourced']);
  assert.deepEqual(
    statuses('"Đối với Nga, thượng đỉnh sẽ tái khẳng định vị thế của Moscow. Cuộc gặp là quan trọng cho uy tín của Nga", ông Artyom Lukin nói thêm.'),
    ['sourced', 'sourced'],
  );
});

test('captions, headings and bylines are not claims', () => {
  assert.deepEqual(statuses('Hình ảnh Chủ tịch Kim tại ga tàu Triều Tiên trước khi rời đi Nga. Ảnh:KCNA'), ['none', 'none']);
  assert.deepEqual(statuses('Gặp gỡ Chủ tịch Kim Jong-un và Tổng thống Putin\nNga muốn thúc đẩy hợp tác.'), ['none', 'unsourced']);
  assert.deepEqual(statuses('Nga muốn thúc đẩy hợp tác.\nĐức Trung (Theo Reuters, Japan Times)'), ['unsourced', 'none']);
});

test('the source of a sourced claim is its entity, and the article credit is kept apart', () => {
  const r = analyzeSamples();
  const d = doc(r, '004');
  const sources = d.claims.filter((c) => c.source).map((c) => r.entities.find((e) => e.id === c.source)!.name);
  assert.ok(sources.includes('Điện Kremlin'), 'the Kremlin sources its statement');
  assert.ok(sources.includes('YTN'), 'YTN sources its report');
  assert.deepEqual(d.credit?.sources, ['Reuters', 'Japan Times']);
});

test('a body named by its head and its unit ("UBND thành phố", "Công an huyện") sources what it says or asks', () => {
  assert.deepEqual(statuses('UBND thành phố yêu cầu Sở Nội vụ xác minh, làm rõ sự việc trước ngày 15/4.'), ['sourced']);
  assert.deepEqual(statuses('Công an huyện cho biết nghi phạm đã bị bắt sau hai ngày lẩn trốn.'), ['sourced']);
  // A head alone, without its unit, is no such body.
  assert.deepEqual(statuses('Công an cho biết nghi phạm đã bị bắt sau hai ngày lẩn trốn.'), ['unsourced']);
});

test('"Cùng với đó, …" right after a sourced sentence adds to what its source says; after an unsourced one it stays unsourced', () => {
  assert.deepEqual(
    statuses('Theo Tổng cục Thống kê, giá lương thực tăng 0,68% so với tháng trước. Cùng với đó, chỉ số nhóm thực phẩm tăng 0,38% so với tháng trước.'),
    ['sourced', 'sourced'],
  );
  assert.deepEqual(statuses('Giá lương thực tăng 0,68% so với tháng trước. Cùng với đó, chỉ số nhóm thực phẩm tăng 0,38% so với tháng trước.'), [
    'unsourced',
    'unsourced',
  ]);
  // "Vì thế" opens the writer's own conclusion as often as the source's: it inherits nothing.
  assert.deepEqual(statuses('Theo Tổng cục Thống kê, giá lương thực tăng 0,68% so với tháng trước. Vì thế, nhiều gia đình đã phải thắt lưng buộc bụng.'), [
    'sourced',
    'unsourced',
  ]);
});

test("a request's items listed as sentences of their own after it go on with the request; a sentence with its own subject does not", () => {
  assert.deepEqual(
    statuses(
      'Bộ Nông nghiệp yêu cầu các địa phương tổ chức kiểm tra các cơ sở chăn nuôi. Xử lý nghiêm các trường hợp vi phạm pháp luật về thú y. Nghiêm cấm việc sử dụng chất cấm trong chăn nuôi dưới mọi hình thức. Giá thịt lợn đã tăng 10% trong tháng qua.',
    ),
    ['sourced', 'sourced', 'sourced', 'unsourced'],
  );
  // Without a request before it, an item-like sentence has no source.
  assert.deepEqual(statuses('Giá thịt lợn đã tăng 10% trong tháng qua. Nghiêm cấm việc sử dụng chất cấm trong chăn nuôi dưới mọi hình thức.'), [
    'unsourced',
    'unsourced',
  ]);
});
