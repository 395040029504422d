// The claim rules one by one (issue 13, classes 4, 8 and 9), each on sentences written in the style of the news.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyzeOne } from '../helpers';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { DEFAULT_CLAIM_KINDS, DEFAULT_DIAGNOSTICS, diagnostics, unsourcedSeverity } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { checkworthiness, type CheckKind } from '../../server/src/core/claims/checkworthy';
import { oneEdit } from '../../server/src/core/claims/cueData';
import { phraseAt, phraseTrie } from '../../server/src/core/claims/phraseTrie';
import { WordsPattern } from '../../server/src/core/claims/wordsPattern';
import { tokenize } from '../../server/src/core/text/tokens';

/** The status of each sentence ('none' for a sentence that is no claim). */
function statuses(text: string): string[] {
  const { doc: d } = analyzeOne(text);
  return d.sentences.map((s) => d.claims.find((c) => c.start === s.start)?.status ?? 'none');
}

function kinds(text: string): (string | undefined)[] {
  const { doc: d } = analyzeOne(text);
  return d.claims.map((c) => (c as { checkworthy?: string }).checkworthy);
}

test('captions with a photo credit are no claims', () => {
  assert.deepEqual(statuses('Các vận động viên nhận huy chương tại lễ bế mạc (ảnh BTC cung cấp).\nGiải đấu kết thúc tối qua.'), ['none', 'unsourced']);
  assert.deepEqual(statuses('Ảnh minh họa.\nGiá xăng RON 95 tăng 500 đồng mỗi lít.'), ['none', 'unsourced']);
  assert.deepEqual(statuses('Hậu vệ Marcelo bị loại khỏi danh sách. (Ảnh: Getty).\nĐội tuyển sẽ tập trung vào tuần sau.'), ['none', 'none', 'unsourced']);
  assert.deepEqual(statuses('Dybala không dự Copa America để giữ sức cho Olympic.\n(Ảnh: Getty).\nĐội tuyển sẽ tập trung vào tuần sau.'), [
    'none',
    'none',
    'unsourced',
  ]);
  assert.deepEqual(statuses('Marco Reus bị loại khỏi danh sách tuyển Đức. Nguồn: Eurosport.\nĐây là cú sốc với người hâm mộ.'), ['none', 'none', 'unsourced']);
});

test('bylines and agency credits alone on their line are no claims', () => {
  assert.deepEqual(statuses('Nước sông Hồng đã rút.\n(TTXVN)'), ['unsourced', 'none']);
  assert.deepEqual(statuses('Nước sông Hồng đã rút.\nTheo Reuters.'), ['unsourced', 'none']);
  assert.deepEqual(statuses('Nước sông Hồng đã rút.\nMINH ANH'), ['unsourced', 'none']);
});

test('headings are no claims, also when run onto the paragraph before; a line without its stop can still be a sentence', () => {
  assert.deepEqual(
    statuses('Giải mã vụ máy bay rơi\nPhó Chủ tịch hãng không loại trừ khả năng có bom. Máy bay bị đặt bom\nKịch bản này được nhiều người ủng hộ nhất.'),
    ['none', 'unsourced', 'none', 'unsourced'],
  );
  assert.deepEqual(statuses('Giá vàng hôm nay\nMột nhóm cổ đông trong công ty đã tự bầu ra hội đồng quản trị của mình\nCông ty chưa lên tiếng.'), [
    'none',
    'unsourced',
    'unsourced',
  ]);
  assert.deepEqual(statuses('Giá vàng hôm nay\nÔng có vai trò lớn trong đường dây buôn lậu, theo Liên Hiệp Quốc'), ['none', 'sourced']);
  assert.deepEqual(statuses('Cấp giấy phép lái xe trực tuyến\nBước 1: Khai báo thông tin hồ sơ trực tuyến.\nBước 2: Thanh toán lệ phí qua cổng thanh toán.'), [
    'none',
    'none',
    'none',
  ]);
});

test('an organisation stating its own prices is sourced', () => {
  assert.deepEqual(statuses('Sáng nay, Vietcombank niêm yết giá USD ở mức 22.300 đồng mỗi USD.'), ['sourced']);
  assert.deepEqual(statuses('Cùng thời điểm, Tập đoàn DOJI báo giá vàng SJC ở mức 33,5 triệu đồng mỗi lượng.'), ['sourced']);
  assert.deepEqual(statuses('Công ty Hòa Phát niêm yết trên sàn HoSE từ năm 2007.'), ['unsourced']);
});

test('a cue with one letter wrong is still a cue, but a real word is never taken for a typo', () => {
  assert.ok(oneEdit('hco', 'cho') && oneEdit('biêt', 'biết') && oneEdit('chho', 'cho') && oneEdit('ch', 'cho'));
  assert.ok(!oneEdit('cho', 'cho') && !oneEdit('ohc', 'cho') && !oneEdit('abc', 'xyz'));
  assert.deepEqual(statuses('Ông Nguyễn Văn Hùng, Chủ tịch UBND xã, hco biết nước đã rút khỏi các thôn.'), ['sourced']);
  // "hai" is a word ("two"), one letter from "hay" in "cho hay": no cue.
  assert.deepEqual(statuses('Ông Nguyễn Văn Hùng cho hai con đi học ở thành phố.'), ['unsourced']);
});

test('findings nobody is named for are vague sources; a named one is sourced', () => {
  assert.deepEqual(statuses('Thống kê cho thấy, 40% hộ dân ở vùng lũ chưa có nước sạch.'), ['vague']);
  assert.deepEqual(statuses('Phân tích cho thấy giá nhà tại Hà Nội tăng 12% trong một năm.'), ['vague']);
  assert.deepEqual(statuses('Giá vàng theo dự đoán sẽ còn tăng trong tuần tới.'), ['vague']);
  assert.deepEqual(statuses('Một khảo sát với 500 doanh nghiệp cho thấy 56% muốn mở rộng đầu tư.'), ['vague']);
  assert.deepEqual(statuses('Công bố của Tổng cục Thống kê cho thấy CPI tháng 5 tăng 0,54%.'), ['sourced']);
});

test('a judgement verb after a pronoun or a noun for the speaker before is sourced', () => {
  assert.deepEqual(statuses('Bộ trưởng Nguyễn Văn Thể đến thăm công trường cầu Mỹ Thuận. Ông đánh giá cao nỗ lực của các kỹ sư.'), ['unsourced', 'sourced']);
  assert.deepEqual(statuses('Báo Tuổi Trẻ đã điều tra vụ việc trong ba tháng. Tờ báo kết luận rằng nhiều hồ sơ bị làm giả.'), ['unsourced', 'sourced']);
  assert.deepEqual(statuses('Ông Lê Văn Khoa chủ trì cuộc họp. Quan chức này nói rằng dự án sẽ hoàn thành đúng hạn.'), ['unsourced', 'sourced']);
  // A capitalised name alone between a comma and the cue, which the recognizer did not take.
  assert.deepEqual(statuses('Nhớ lại thời khắc đó, Khương nói: “Thủ tục đăng ký hiến tạng rất nhanh.”'), ['sourced']);
  assert.deepEqual(statuses('Thanh Lam cho biết thêm cô sẽ thực hiện MV trong thời gian tới.'), ['sourced']);
  assert.deepEqual(statuses('Dù nói cứng như vậy, câu lạc bộ đang âm thầm tìm người thay thế.'), ['unsourced']);
  assert.deepEqual(statuses('Đáng nói, ngôi nhà bị trộm là của một đại biểu HĐND thành phố.'), ['unsourced']);
  // A title of two syllables or more stands for the speaker as well as "ông" does.
  assert.deepEqual(statuses('Diễn viên Ngô Thanh Vân tham gia chiến dịch bảo vệ tê giác. Nam diễn viên nhấn mạnh: “Loài tê giác đang bên bờ tuyệt chủng.”'), [
    'unsourced',
    'sourced',
  ]);
  assert.deepEqual(statuses('“Chúng tôi sẽ không lùi bước trước khó khăn.” Đó là lời phát biểu của bà Nguyễn Thị Kim Ngân tại hội nghị.'), [
    'sourced',
    'sourced',
  ]);
});

test('cue verbs in a sense that is no speech are no attribution', () => {
  assert.deepEqual(statuses('Tối qua, ca sĩ Mỹ Tâm trình bày ca khúc mới trước 5.000 khán giả.'), ['unsourced']);
  assert.deepEqual(statuses('Trên trang cá nhân, Hoa hậu Kỳ Duyên đã chia sẻ hình ảnh hẹn hò với bạn trai.'), ['unsourced']);
  assert.deepEqual(statuses('Tại hội thảo, ông Trần Văn Nam chia sẻ kinh nghiệm trồng lúa chịu mặn.'), ['unsourced']);
  assert.deepEqual(statuses('Sau trận đấu, HLV Park Hang-seo chia sẻ: "Các cầu thủ đã chơi rất tốt".'), ['sourced']);
  assert.deepEqual(statuses('Thiết kế áo dài nhấn mạnh ở phần ngực áo đính đá quý.'), ['unsourced']);
  assert.deepEqual(statuses('Trong khi đó, hai người khác đang ngồi tâm sự ở quán nước.'), ['unsourced']);
  assert.deepEqual(statuses('Đối tượng Tú nói tiếng phổ thông rất tốt và đã có một tiền án.'), ['unsourced']);
});

test("a named body's request is its statement, but not a request in a list of nouns", () => {
  assert.deepEqual(statuses('Bộ GD-ĐT cũng đề nghị các sở giáo dục thực hiện nghiêm quy định tuyển sinh.'), ['sourced']);
  assert.deepEqual(statuses('Phó Chủ tịch UBND TP Lê Văn Khoa vừa yêu cầu quận 5 rà soát phương án bồi thường.'), ['sourced']);
  assert.deepEqual(statuses('Ông Kim đang tìm sự hỗ trợ từ Moscow cho các thỏa thuận phi hạt nhân hóa và yêu cầu nới lỏng trừng phạt.'), ['unsourced']);
  // Before "của" the cue word is a noun: the request is the residents', and nobody here states it.
  assert.deepEqual(statuses('Chủ tịch UBND TP giao Sở Xây dựng giải quyết kiến nghị của người dân về tuyến đường chở rác.'), ['unsourced']);
});

test('a quote closed with a comma and a name is sourced, whatever the verb; so is the rest of the quote', () => {
  assert.deepEqual(statuses('“Đừng để chung cư cũ sập rồi mới làm”, Bí thư Nguyễn Văn Thăng dẫn chứng vụ sập cầu.'), ['sourced']);
  assert.deepEqual(statuses('“Có những vòng đội tôi thi đấu chưa tốt. Lỗi hoàn toàn ở huấn luyện viên”, Đức Thịnh thẳng thắn.'), ['sourced', 'sourced']);
  assert.deepEqual(statuses('“Chúng tôi đã làm hết sức”, nhưng việc họ bị loại khiến người hâm mộ thất vọng.'), ['unsourced']);
  assert.deepEqual(statuses('Đạo diễn Đức Thịnh cho biết đây là cuộc thi đường dài. Tuy nhiên, “những thí sinh đi tới vòng cuối luôn là người giỏi nhất”.'), [
    'sourced',
    'sourced',
  ]);
});

test('an anonymous source is vague even beside a name', () => {
  assert.deepEqual(statuses('Một quan chức Bộ Quốc phòng Mỹ giấu tên nói với Reuters rằng cuộc không kích đã thành công.'), ['vague']);
  assert.deepEqual(statuses('Một chỉ huy Taliban không nêu tên bác bỏ thông tin này.'), ['vague']);
  assert.deepEqual(statuses('Theo một số nhân chứng cho biết, chiếc xe tải chạy rất nhanh trước khi lật.'), ['vague']);
});

test('"theo đó" goes on with the source before; passives, "nói trên" and nominalised cues are no attribution', () => {
  assert.deepEqual(statuses('Sở Nội vụ Hải Phòng kết luận việc bổ nhiệm là sai quy trình. Theo đó, ông Thành không đủ tiêu chuẩn làm phó phòng.'), [
    'sourced',
    'sourced',
  ]);
  assert.deepEqual(statuses('Theo đó, từ hôm nay người dân có thể nộp hồ sơ trực tuyến.'), ['unsourced']);
  assert.deepEqual(statuses('Thanh niên này bị cáo buộc dùng dao chém trọng thương ông Nguyễn Văn Quân.'), ['unsourced']);
  assert.deepEqual(statuses('Vụ việc nói trên đã được chuyển cho cơ quan công an.'), ['unsourced']);
  assert.deepEqual(statuses('Tuần trước, một nghị sĩ Nga đã nói trên hãng thông tấn Interfax rằng Moscow sẽ gia hạn thị thực.'), ['sourced']);
  assert.deepEqual(statuses('Việc bà Clinton khẳng định cuộc đua đã ngã ngũ là do bà đang dẫn trước về số phiếu.'), ['unsourced']);
  assert.deepEqual(statuses('Theo luật sư Nguyễn Văn Đức, kho hàng của công ty có hàng chục tấn hàng bị trả về.'), ['sourced']);
  assert.deepEqual(statuses('Theo thông tin ban đầu, Công an huyện Kỳ Anh cho biết hai nghi phạm đã bị bắt.'), ['sourced']);
  assert.deepEqual(statuses('Theo thông tin ban đầu, hai nghi phạm đã bị bắt tại chỗ.'), ['vague']);
});

test('each unsourced claim gets a kind: quote, accusation, figure, prediction or statement', () => {
  const kind = (s: string): CheckKind => checkworthiness(s, { start: 0, end: s.length });
  assert.equal(kind('“Chúng tôi sẽ làm hết sức mình để bảo vệ người dân.”'), 'quote');
  assert.equal(kind('Hai đối tượng đã lừa đảo chiếm đoạt 5 tỷ đồng của người dân.'), 'accusation');
  assert.equal(kind('Giá xăng RON 95 tăng 500 đồng mỗi lít.'), 'figure');
  assert.equal(kind('Hàng trăm hộ dân phải sơ tán khỏi vùng lũ.'), 'figure');
  assert.equal(kind('Dự án sẽ hoàn thành vào năm 2018.'), 'prediction');
  assert.equal(kind('Ngày 24/4, ông Kim (35 tuổi) tới Nga bằng tàu hỏa lúc 10h30.'), 'statement');
  assert.equal(kind('Chiếc MS804 của EgyptAir rơi xuống biển Địa Trung Hải.'), 'statement');
  assert.equal(kind('Chiến dịch "bành trướng" tiếp tục.'), 'statement');
  assert.equal(kind('Ngay sau chương trình, “bà mẹ hai con” tiếp tục di chuyển ra Vũng Tàu.'), 'statement');
  assert.equal(kind('Mansour là một mối đe dọa cho nỗ lực hòa bình đó."'), 'quote');
  assert.equal(kind('Các đối tượng mang 2 chiếc can về bến xe.'), 'statement');
  assert.equal(kind('Vụ cháy làm 3 người chết và 12 người bị thương.'), 'figure');
  assert.equal(kind('Giải đấu diễn ra sau 2 tháng chuẩn bị.'), 'statement');
  assert.equal(kind('Tháng 9.2015, anh tiếp tục đăng ký hiến tạng.'), 'statement');
  assert.equal(kind('“Họa mi nước Anh” ngay sau đó được nhiều hãng đĩa săn đón.'), 'statement');
  assert.equal(kind('Còn sân bay Nội Bài sẽ quá tải khi nào, thưa ông?'), 'statement');
  // The core gives the kind on unsourced claims only, and keeps the claim's other fields as they were.
  assert.deepEqual(kinds('Giá xăng tăng 500 đồng mỗi lít. Bộ Công Thương cho biết giá dầu thế giới tăng.'), ['figure', undefined]);
});

test('the severity of an unsourced claim follows its kind, capped by newsLens.diagnostics.unsourcedClaim', () => {
  assert.equal(unsourcedSeverity(DEFAULT_DIAGNOSTICS, 'figure'), 'warning');
  assert.equal(unsourcedSeverity(DEFAULT_DIAGNOSTICS, 'statement'), 'information');
  assert.equal(unsourcedSeverity({ ...DEFAULT_DIAGNOSTICS, unsourcedClaim: 'hint' }, 'accusation'), 'hint');
  assert.equal(unsourcedSeverity({ ...DEFAULT_DIAGNOSTICS, unsourcedClaim: 'off' }, 'quote'), 'off');
  assert.equal(unsourcedSeverity({ ...DEFAULT_DIAGNOSTICS, unsourcedClaim: 'error', claimKinds: { figure: 'error' } }, 'figure'), 'error');
  // A client that sends only some kinds keeps the defaults for the others.
  assert.equal(unsourcedSeverity({ ...DEFAULT_DIAGNOSTICS, claimKinds: { figure: 'hint' } }, 'prediction'), 'warning');
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  for (const [k, v] of Object.entries(DEFAULT_CLAIM_KINDS))
    assert.equal(pkg.contributes.configuration.properties[`newsLens.diagnostics.claimKinds.${k}`].default, v, k);

  const ix = new WorkspaceIndex();
  const text = 'Giá xăng RON 95 tăng 500 đồng mỗi lít.\nÔng Kim tới Nga bằng tàu hỏa.\n';
  ix.setDocument('file:///a.txt', '/a.txt', text, 'a.txt');
  const ds = diagnostics(ix, 'file:///a.txt');
  assert.deepEqual(
    ds.map((d) => [d.code, d.severity, d.message]),
    [
      ['unsourced-claim', 2, 'Unsourced figure: no source named for this number.'],
      ['unsourced-claim', 3, 'Unsourced claim: no source named for this statement.'],
    ],
  );
  const h = hover(ix, 'file:///a.txt', { line: 0, character: 3 });
  assert.match((h?.contents as { value: string }).value, /\*\*Unsourced claim\*\* · a figure/);
});

test('a phrase set is matched on tokens, longest phrase first, never past the length asked for', () => {
  const set = new Set(['cho biết', 'cho biết thêm', 'cho hay', 'nói']);
  const toks = tokenize('Ông Hùng cho biết thêm rằng cầu đã thông xe, còn bà Lan cho rằng chưa.');
  const at = (word: string): number => toks.findIndex((t) => t.lower === word);
  assert.equal(phraseAt(toks, at('cho'), phraseTrie(set)), 3);
  assert.equal(phraseAt(toks, at('cho'), phraseTrie(set), 2), 2);
  assert.equal(phraseAt(toks, toks.length - 3, phraseTrie(set)), 0); // "cho rằng" is not in the set.
  assert.equal(phraseAt(toks, at('hùng'), phraseTrie(set)), 0);
  assert.equal(phraseAt(toks, toks.length - 1, phraseTrie(new Set(['chưa', 'chưa có']))), 1);
});

test('a word list is found on whole words only, as the pattern with a look-behind finds it', () => {
  const words = 'lừa đảo|lừa|giết\\s+người|\\d+\\s+tuổi';
  const pattern = new WordsPattern(words);
  const lookBehind = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${words})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
  const sentences = [
    'nghi phạm 25 tuổi bị bắt vì lừa đảo chiếm đoạt tài sản.',
    'người dân lo lắng vì nạn lừa gạt qua mạng.', // "lừa" before a space and "gạt": a whole word.
    'khu vực này có nhiều lữa trại và người đưa thư.', // no listed word.
    'cơ quan điều tra đã khởi tố vụ án giết   người và bắt 2 nghi phạm 125tuổi.',
    'ông x.lừa, 30 tuổi, và anh 7 tuổi.',
    'mã số a25 tuổi không phải là tuổi của ai.', // "a25": the number is inside a code.
  ];
  for (const s of sentences) {
    assert.equal(pattern.test(s), new RegExp(lookBehind.source, 'u').test(s), s);
    assert.equal(pattern.replace(s, ' '), s.replace(lookBehind, ' '), s);
  }
  assert.equal(pattern.replace('nghi phạm 25 tuổi bị bắt vì lừa đảo chiếm đoạt tài sản.', '_'), 'nghi phạm _ bị bắt vì _ chiếm đoạt tài sản.');
  assert.ok(!pattern.test('mã số a25 tuổi không phải là tuổi của ai.'));
});

test('the numbered items of what a source said go on with it; a body that issues a document requests what it asks', () => {
  // "mô tả: 1. …, 2. …, 3. …": each item, split off as a sentence of its own, is the bank's description.
  assert.deepEqual(
    statuses(
      'Tin tặc nhắm vào các nhà băng theo mô hình được ngân hàng Banco del Austro mô tả: 1. Kẻ tấn công cài phần mềm độc hại vào hệ thống, 2. Chúng truy cập mạng tin nhắn SWIFT, 3. Các lệnh chuyển tiền giả được gửi đi.\nGiới ngân hàng đang lo ngại.',
    ),
    ['sourced', 'sourced', 'sourced', 'sourced', 'unsourced'],
  );
  // Without the source the items stay the writer's.
  assert.deepEqual(statuses('Quy trình gồm ba bước: 1. Kẻ tấn công cài phần mềm độc hại, 2. Chúng truy cập mạng SWIFT.'), [
    'unsourced',
    'unsourced',
    'unsourced',
  ]);
  // Items on lines of their own after a sourced colon; the steps of a procedure are no claims.
  assert.deepEqual(
    statuses('Forbes hạ giá trị Theranos\nĐại diện Forbes cho biết có ba lý do:\n1. Quá nhiều điều không rõ ràng.\n2. Công ty không cung cấp dữ liệu.'),
    ['none', 'sourced', 'sourced', 'sourced'],
  );
  assert.deepEqual(statuses('Cấp đổi giấy phép lái xe\nQuy trình gồm 2 bước:\nBước 1: Khai báo hồ sơ trực tuyến;\nBước 2: Thanh toán lệ phí.'), [
    'none',
    'unsourced',
    'none',
    'none',
  ]);
  assert.deepEqual(statuses('Ngày 1/4, UBND thành phố đã có văn bản yêu cầu Sở Nội vụ xác minh, làm rõ sự việc.'), ['sourced']);
  assert.deepEqual(statuses('Bộ Y tế đã ra văn bản đề nghị các địa phương tăng cường kiểm tra an toàn thực phẩm.'), ['sourced']);
  // "văn bản trả lời" received, not issued, is a noun.
  assert.deepEqual(statuses('Đã hai tuần trôi qua, hội vẫn chưa nhận được văn bản trả lời nào của các bộ.'), ['unsourced']);
});
