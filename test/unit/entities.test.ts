import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOne, tagged, analyzeSamples, doc, entityMentions } from '../helpers';

test('titles type the name after them and stay outside its span', () => {
  const { doc: d } = analyzeOne('Chủ tịch Kim Jong-un đã ở Nga chuẩn bị cho thượng đỉnh với Tổng thống Nga Vladimir Putin tại thành phố cảng Vladivostok.');
  assert.deepEqual(tagged(d), ['Kim Jong-un:person', 'Nga:location', 'Nga:location', 'Vladimir Putin:person', 'Vladivostok:location']);
});

test('a Western name with a portfolio title and a country between', () => {
  const { doc: d } = analyzeOne('Bộ trưởng Hàng không Ai Cập Sherif Fathy nghiêng về khả năng máy bay bị khủng bố.');
  assert.deepEqual(tagged(d), ['Ai Cập:location', 'Sherif Fathy:person']);
});

test('organisations keep their own head noun; a descriptive phrase is no name', () => {
  const { doc: d } = analyzeOne(
    'Hãng thông tấn trung ương Triều Tiên (KCNA) cho biết. Bộ Ngoại giao Mỹ cho biết vẫn tiếp tục. Hãng thông tấn nhà nước của Triều Tiên thông báo. Giáo sư Đại học liên bang Viễn Đông nói.',
  );
  assert.deepEqual(tagged(d), [
    'Hãng thông tấn trung ương Triều Tiên:organization',
    'KCNA:organization',
    'Bộ Ngoại giao Mỹ:organization',
    'Triều Tiên:location',
    'Đại học liên bang Viễn Đông:organization',
  ]);
});

test('news outlets, photo credits and buildings standing for governments', () => {
  const { doc: d } = analyzeOne('Theo Nhà Trắng, điện Kremlin đã xác nhận. Hình ảnh ông Kim. Ảnh: KCNA\nĐức Trung (Theo Reuters, Japan Times)');
  assert.deepEqual(tagged(d), [
    'Nhà Trắng:organization',
    'điện Kremlin:organization',
    'Kim:person',
    'KCNA:organization',
    'Đức Trung:person',
    'Reuters:organization',
    'Japan Times:organization',
  ]);
});

test('short forms in compounds and countries acting as subjects', () => {
  const { doc: d } = analyzeOne('Nga muốn thúc đẩy hợp tác sau thượng đỉnh Mỹ-Triều lần hai, trong bối cảnh Mỹ -Triều vẫn căng thẳng.');
  assert.deepEqual(tagged(d), ['Nga:location', 'Mỹ:location', 'Triều:location', 'Mỹ:location', 'Triều:location']);
});

test('capitalised first words of sentences are not names', () => {
  const { doc: d } = analyzeOne(
    'Theo giới quan sát, cuộc gặp diễn ra. Các chuyên gia cho rằng hai bên sẽ đàm phán. Trong khi đó, Hãng cho biết. Đoàn tàu bọc sắt đã đến.',
  );
  assert.deepEqual(tagged(d), []);
});

test('lower-case and misspelt forms of names the collection knows are mentions', () => {
  const r = analyzeSamples();
  const d = doc(r, '002');
  const texts = entityMentions(d).map((m) => m.text);
  for (const t of ['reuters', 'reuter', 'Kim jong-un']) assert.ok(texts.includes(t), `${t} found`);
  const reuters = entityMentions(d).filter((m) => /^reuter/i.test(m.text));
  assert.ok(reuters.every((m) => m.kind === 'organization'));
  assert.equal(new Set(reuters.map((m) => m.entity)).size, 1, 'reuters, reuter and Reuters are one entity');
  const d0 = doc(r, '000');
  assert.ok(entityMentions(d0).some((m) => m.text === 'Triều tiên' && m.kind === 'location'));
});

test('codes, products and single letters are not names', () => {
  const { doc: d } = analyzeOne('Chiếc Airbus A320 mang số hiệu MS804 đi qua máy quét tia X của hãng EgyptAir.');
  assert.deepEqual(tagged(d), ['EgyptAir:organization']);
});

test("the user's registry in newslens.json adds names and wins over the rules", async () => {
  const { analyzeTexts } = await import('../../server/src/core/analyze');
  const r = analyzeTexts(
    [{ path: 'a.txt', text: 'Ông Lê Văn Tám và Hội Nhà báo gặp nhau ở Làng Vũ Đại.', meta: {} }],
    [
      { id: 'vu_dai', name: 'Làng Vũ Đại', kind: 'location', aliases: [] },
      { id: 'le_van_tam', name: 'Lê Văn Tám', kind: 'organization', aliases: [] },
    ],
  );
  const ms = entityMentions(r.documents[0]);
  assert.ok(ms.some((m) => m.text === 'Làng Vũ Đại' && m.kind === 'location'));
  assert.ok(ms.some((m) => m.text === 'Lê Văn Tám' && m.kind === 'organization'));
  assert.equal(r.entities.find((e) => e.name === 'Làng Vũ Đại')?.key, 'vu_dai');
});

test('old and new tone placement and y/i spellings are one word', () => {
  const a = analyzeOne('Ông Nguyễn Văn Hoà làm việc tại Uỷ ban Nhân dân Thành phố Hồ Chí Minh. Ông Hòa cho biết.');
  const ms = entityMentions(a.doc);
  const hoa = ms.filter((m) => /(Hoà|Hòa)$/u.test(m.text));
  assert.ok(hoa.length >= 2);
  assert.equal(new Set(hoa.map((m) => m.entity)).size, 1, 'Hoà and Hòa are one person');
  const { doc: d } = analyzeOne('Thượng nghị sỹ bang Vermont Bernie Sanders nói.');
  assert.deepEqual(tagged(d), ['Vermont:location', 'Bernie Sanders:person']);
});

test('a Title Case headline gives only the names it is sure of', () => {
  const { doc: d } = analyzeOne('Montenegro Gia Nhập NATO, Nga Lập Tức Dọa Trừng Phạt\nNATO đã mời Montenegro.');
  assert.deepEqual(tagged(d), ['Montenegro:location', 'NATO:organization', 'Nga:location', 'NATO:organization', 'Montenegro:location']);
});

test('name particles, party names, acronyms after titles, units', () => {
  assert.deepEqual(tagged(analyzeOne('Ông Alexander Van der Bellen đắc cử tổng thống Áo.').doc), ['Alexander Van der Bellen:person', 'Áo:location']);
  assert.deepEqual(tagged(analyzeOne('Bà Clinton là ứng viên của Đảng Dân chủ tranh chức Tổng thống.').doc), ['Clinton:person', 'Đảng Dân chủ:organization']);
  assert.deepEqual(tagged(analyzeOne('Ông Javadi, Chủ tịch NIOC, nói với hãng tin Mehr của Iran rằng giá đạt 272 triệu USD.').doc), [
    'Javadi:person',
    'NIOC:organization',
    'Mehr:organization',
    'Iran:location',
  ]);
});

test('Vietnamese company, party and office names', () => {
  assert.deepEqual(tagged(analyzeOne('Công ty CP Sữa Việt Nam (Vinamilk) vừa công bố kết quả kinh doanh.').doc), [
    'Công ty CP Sữa Việt Nam:organization',
    'Vinamilk:organization',
  ]);
  assert.deepEqual(tagged(analyzeOne('Tổng Bí thư Nguyễn Phú Trọng gặp Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn tại Hà Nội.').doc), [
    'Nguyễn Phú Trọng:person',
    'Bộ Ngoại giao:organization',
    'Bùi Thanh Sơn:person',
    'Hà Nội:location',
  ]);
  assert.deepEqual(tagged(analyzeOne('Nhiều khán giả yêu mến ca sĩ Mỹ Tâm và Đảng Cộng sản Việt Nam.').doc), [
    'Mỹ Tâm:person',
    'Đảng Cộng sản Việt Nam:organization',
  ]);
});

test('Hán-Việt names that begin with a place name are persons after a personal title', () => {
  assert.deepEqual(tagged(analyzeOne('Bà Thái Anh Văn nhậm chức lãnh đạo Đài Loan, chị Huế cho biết.').doc), [
    'Thái Anh Văn:person',
    'Đài Loan:location',
    'Huế:person',
  ]);
  assert.deepEqual(tagged(analyzeOne('Quan hệ Mỹ-Trung căng thẳng; Trường Trung cấp Cảnh sát mở cửa.').doc), [
    'Mỹ:location',
    'Trung:location',
    'Trường Trung cấp Cảnh sát:organization',
  ]);
});

test('roman numerals, compounds after titles, streets and glued abbreviations', () => {
  assert.deepEqual(tagged(analyzeOne('Giai đoạn II hoàn thành; đại biểu Quốc hội khóa XIV họp gần Quốc lộ 37.').doc), []);
  assert.deepEqual(tagged(analyzeOne('Dự án tại TP.Yên Bái nằm trên đường Nguyễn Tất Thành, do Cty CP Hoa Sen Yên Bái làm chủ đầu tư.').doc), [
    'Yên Bái:location',
    'Nguyễn Tất Thành:location',
    'Cty CP Hoa Sen Yên Bái:organization',
  ]);
  assert.deepEqual(tagged(analyzeOne('Chủ tịch Hồ Chí Minh sinh năm 1890.').doc), ['Hồ Chí Minh:person']);
  assert.deepEqual(tagged(analyzeOne('Dự án nằm giữa ba tuyến đường Nguyễn Tất Thành, Nguyễn Văn Cừ và Ngô Gia Tự.').doc), [
    'Nguyễn Tất Thành:location',
    'Nguyễn Văn Cừ:location',
    'Ngô Gia Tự:location',
  ]);
});

test('abbreviated titles before names', () => {
  assert.deepEqual(tagged(analyzeOne('NSND Lan Hương và PGS.TS Nguyễn Văn Nam dự lễ; GS Ngô Bảo Châu phát biểu.').doc), [
    'Lan Hương:person',
    'Nguyễn Văn Nam:person',
    'Ngô Bảo Châu:person',
  ]);
});

test('a head of an institution: the institution with its name, never a person inside it; schools named after persons', () => {
  assert.deepEqual(tagged(analyzeOne('Ông Trần Văn Hùng, giám đốc Bệnh viện Bạch Mai, cho biết bệnh nhân đã ổn định.').doc), [
    'Trần Văn Hùng:person',
    'Bệnh viện Bạch Mai:organization',
  ]);
  assert.deepEqual(tagged(analyzeOne('Bà Lê Thị Hoa, giám đốc Công ty Xây dựng Hòa Bình, cho biết công trình đã xong.').doc), [
    'Lê Thị Hoa:person',
    'Công ty Xây dựng Hòa Bình:organization',
  ]);
  assert.deepEqual(tagged(analyzeOne('Hiệu trưởng Trường THPT Chu Văn An Nguyễn Văn Bình cho biết học sinh đạt nhiều giải.').doc), [
    'Trường THPT Chu Văn An:organization',
    'Nguyễn Văn Bình:person',
  ]);
  assert.deepEqual(tagged(analyzeOne('Học sinh Trường THCS Nguyễn Du đã được nghỉ học.').doc), ['Trường THCS Nguyễn Du:organization']);
});

test('organisation names with lower-case words inside; a family name that is also a head noun', () => {
  assert.deepEqual(tagged(analyzeOne('Vụ án do Phòng Cảnh sát điều tra tội phạm về ma túy thụ lý.').doc), [
    'Phòng Cảnh sát điều tra tội phạm về ma túy:organization',
  ]);
  assert.deepEqual(tagged(analyzeOne('Ông là thành viên Ban Tổng thư ký Interpol từ năm 2010.').doc), ['Ban Tổng thư ký Interpol:organization']);
  assert.deepEqual(tagged(analyzeOne('Ông Ban Ki-moon cho biết sẽ tới thăm.').doc), ['Ban Ki-moon:person']);
});

test("a person's title that starts with a place's name is the title; lottery companies keep their name", () => {
  assert.deepEqual(tagged(analyzeOne('Thái tử bin Salman và Thái tử Naruhito đã gặp nhau tại Tokyo.').doc), [
    'bin Salman:person',
    'Naruhito:person',
    'Tokyo:location',
  ]);
  assert.deepEqual(tagged(analyzeOne('Người dân Thái Lan đón năm mới.').doc), ['Thái Lan:location']);
  assert.deepEqual(tagged(analyzeOne('Công ty TNHH MTV Xổ số Kiến thiết Cần Thơ vừa trao giải.').doc), [
    'Công ty TNHH MTV Xổ số Kiến thiết Cần Thơ:organization',
  ]);
});

test('hamlets after their type word: "xóm", "khóm"', () => {
  assert.deepEqual(tagged(analyzeOne('Vụ tai nạn xảy ra tại xóm Bờ Đậu, xã Cổ Lũng.').doc), ['Bờ Đậu:location', 'Cổ Lũng:location']);
  assert.deepEqual(tagged(analyzeOne('Người dân khóm Vĩnh Phước đã được di dời.').doc), ['Vĩnh Phước:location']);
  // "hàng xóm" is a neighbour.
  assert.deepEqual(tagged(analyzeOne('Ông Trần Văn Hùng là hàng xóm Lê Văn Nam.').doc), ['Trần Văn Hùng:person', 'Lê Văn Nam:person']);
});

test('a language is no mention of its country: "tiếng Anh", "song ngữ Việt - Anh"', () => {
  assert.deepEqual(tagged(analyzeOne('Ông Masuzoe nói rất giỏi tiếng Pháp và học thêm tiếng Nhật ở Tokyo.').doc), ['Masuzoe:person', 'Tokyo:location']);
  assert.deepEqual(tagged(analyzeOne('Sách kèm chú thích song ngữ Việt - Anh.').doc), []);
  // "lên tiếng": speaking up, and the country after it is one.
  assert.deepEqual(tagged(analyzeOne('Nga lên tiếng Mỹ phải rút quân.').doc), ['Nga:location', 'Mỹ:location']);
});
