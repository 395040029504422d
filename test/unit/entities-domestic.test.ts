// Rules for domestic news (issue 13, classes 1-7), each on sentences written in the style of the news.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOne, tagged } from '../helpers';
import { analyzeTexts } from '../../server/src/core/analyze';

const tags = (text: string) => tagged(analyzeOne(text, '2016-05-20').doc);

test('administrative units: the name after its type word is one place, never a person', () => {
  assert.deepEqual(tags('Vụ việc xảy ra tại phường Hiệp Bình Phước, quận Thủ Đức, TP HCM.'), [
    'Hiệp Bình Phước:location',
    'Thủ Đức:location',
    'TP HCM:location',
  ]);
  assert.deepEqual(tags('Nạn nhân ngụ xã Hưng Hòa, huyện Châu Thành, tỉnh Sóc Trăng.'), ['Hưng Hòa:location', 'Châu Thành:location', 'Sóc Trăng:location']);
  // Glued abbreviations, and a listed name that stops where the unit's name ends.
  assert.deepEqual(tags('Anh Hiếu trú tại xã Thụy Ninh, H.Thái Thụy, tỉnh Thái Bình cho biết.'), [
    'Hiếu:person',
    'Thụy Ninh:location',
    'Thái Thụy:location',
    'Thái Bình:location',
  ]);
  // A person's full name after a type word is no unit.
  assert.deepEqual(tags('Phó chủ tịch UBND tỉnh Tạ Văn Long đã đến thăm hỏi các gia đình.'), ['Tạ Văn Long:person']);
});

test('a district or province named alone is a place, though it looks like a person', () => {
  assert.deepEqual(tags('Giá đất ở Hoàng Mai và Thạch Thất tăng mạnh.'), ['Hoàng Mai:location', 'Thạch Thất:location']);
  // The same words at the end of a person's full name are the person.
  assert.deepEqual(tags('Tiền vệ Lương Xuân Trường ghi bàn. Sau đó Xuân Trường rời sân.'), ['Lương Xuân Trường:person', 'Xuân Trường:person']);
});

test('hyphenated province names are one place', () => {
  assert.deepEqual(tags('Nghi can 35 tuổi, ngụ Bà Rịa-Vũng Tàu, bị bắt tại Thừa Thiên - Huế.'), ['Bà Rịa-Vũng Tàu:location', 'Thừa Thiên - Huế:location']);
});

test('a village with its number, a listed name with a direction word', () => {
  assert.deepEqual(tags('Em trú thôn Hạ Thanh 1, xã Tam Thanh; anh Tiến ngụ P.An Hải Tây, Q.Sơn Trà.'), [
    'Hạ Thanh 1:location',
    'Tam Thanh:location',
    'Tiến:person',
    'An Hải Tây:location',
    'Sơn Trà:location',
  ]);
  // A number that counts what follows is no part of the name.
  assert.deepEqual(tags('Tại xã Tam Thanh 2 người bị thương.'), ['Tam Thanh:location']);
});

test('units named by a number take their type word in', () => {
  assert.deepEqual(tags('Đối tượng ngụ phường 9, quận 2 và bị bắt ở Q.7.'), ['phường 9:location', 'quận 2:location', 'Q.7:location']);
  // Roads by number are codes.
  assert.deepEqual(tags('Tai nạn xảy ra trên quốc lộ 1A qua địa bàn xã An Hiệp.'), ['An Hiệp:location']);
});

test('a road named by places joined with dashes, a bridge with its number', () => {
  assert.deepEqual(tags('Nút giao dẫn lên cao tốc Long Thành - Dầu Giây; thi công cầu Kỳ Hà 3 trong 6 tháng. Trên cầu Thanh Trì 2 người bị thương.'), [
    'Long Thành - Dầu Giây:location',
    'Kỳ Hà 3:location',
    'Thanh Trì:location',
  ]);
});

test('streets named after persons are places', () => {
  assert.deepEqual(tags('Quán ăn trên đường Nguyễn Trãi và phố Lê Ngọc Hân bị cháy.'), ['Nguyễn Trãi:location', 'Lê Ngọc Hân:location']);
  // After a house number, with no type word.
  assert.deepEqual(tags('Người dân xếp hàng tại số 16 Tông Đản; công trình ở địa chỉ 123 Lê Thanh Nghị bị sập.'), [
    'Tông Đản:location',
    'Lê Thanh Nghị:location',
  ]);
});

test('facilities keep their head noun; stations and ports do not', () => {
  assert.deepEqual(tags('Hành khách chờ tại Cảng hàng không Buôn Ma Thuột rồi ra sân bay quốc tế Charles de Gaulle.'), [
    'Cảng hàng không Buôn Ma Thuột:location',
    'sân bay quốc tế Charles de Gaulle:location',
  ]);
  assert.deepEqual(tags('Lửa bốc lên từ nhà hàng Trúc Lâm Trai gần chợ Bến Thành.'), ['nhà hàng Trúc Lâm Trai:organization', 'chợ Bến Thành:location']);
  assert.deepEqual(tags('Chiếc tàu sân bay Mỹ cập cảng Cát Lái.'), ['Mỹ:location', 'Cát Lái:location']);
});

test('organisations with a unit, lower-case descriptors or a number inside: the outermost name', () => {
  assert.deepEqual(tags('Công an tỉnh Cà Mau phối hợp với UBND huyện Ngọc Hiển và Bệnh viện Đa khoa tỉnh Cà Mau.'), [
    'Công an tỉnh Cà Mau:organization',
    'UBND huyện Ngọc Hiển:organization',
    'Bệnh viện Đa khoa tỉnh Cà Mau:organization',
  ]);
  assert.deepEqual(tags('Theo Ủy ban chứng khoán Nhà nước, Bộ Tư lệnh Cảnh sát biển và Đội Cảnh sát giao thông số 14 đã vào cuộc.'), [
    'Ủy ban chứng khoán Nhà nước:organization',
    'Bộ Tư lệnh Cảnh sát biển:organization',
    'Đội Cảnh sát giao thông số 14:organization',
  ]);
  assert.deepEqual(tags('Ông Hải làm việc tại Ngân hàng TMCP Đầu tư và Phát triển Việt Nam.'), [
    'Hải:person',
    'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam:organization',
  ]);
  // A verb after the name ends it; lower-case descriptors and a country are the body's name, "của" makes them a description.
  assert.deepEqual(tags('Bộ Y tế tổ chức Hội nghị tại Hà Nội. Tập đoàn hàng không Nhật Bản ký hợp đồng.'), [
    'Bộ Y tế:organization',
    'Hội nghị:organization',
    'Hà Nội:location',
    'Tập đoàn hàng không Nhật Bản:organization',
  ]);
  assert.deepEqual(tags('Buổi hòa nhạc của Dàn nhạc giao hưởng Việt Nam kéo dài hai giờ.'), ['Dàn nhạc giao hưởng Việt Nam:organization']);
  assert.deepEqual(tags('Hãng thông tấn nhà nước của Triều Tiên đưa tin.'), ['Triều Tiên:location']);
  // "Đoàn" heads organisations, but Đoàn Văn Chuyên is a person.
  assert.deepEqual(tags('Tài xế Đoàn Văn Chuyên bị bắt.'), ['Đoàn Văn Chuyên:person']);
});

test('a head noun after a sentence-starting word starts the organisation', () => {
  assert.deepEqual(tags('Theo Công an TP Cam Ranh, vụ việc xảy ra lúc rạng sáng.'), ['Công an TP Cam Ranh:organization']);
});

test('a known organisation with its branch', () => {
  assert.deepEqual(tags('Bị cáo làm thất thoát 231 tỷ đồng của Agribank Bình Chánh.'), ['Agribank Bình Chánh:organization']);
});

test('generic acronyms alone are no names', () => {
  assert.deepEqual(tags('Chủ tịch UBND xã yêu cầu HTX không dừng cấp nước cho xe mang BKS 51B.'), []);
  // Document codes after their number; a department named by its code is one.
  assert.deepEqual(tags('Theo Quyết định số 264/QĐ-UBND, tàu 30.000 DWT được cập cảng; PC45 đã vào cuộc.'), ['PC45:organization']);
});

test('police and power units with lower-case descriptors after their head', () => {
  assert.deepEqual(tags('Phòng Cảnh sát kinh tế và Cơ quan điều tra VKSND Tối cao phối hợp với Điện lực Tam Kỳ.'), [
    'Phòng Cảnh sát kinh tế:organization',
    'Cơ quan điều tra VKSND Tối cao:organization',
    'Điện lực Tam Kỳ:organization',
  ]);
  assert.deepEqual(tags('Ban chỉ đạo vệ sinh an toàn thực phẩm huyện Tiên Lãng kiểm tra Công ty cổ phần cảng Đồng Nai.'), [
    'Ban chỉ đạo vệ sinh an toàn thực phẩm huyện Tiên Lãng:organization',
    'Công ty cổ phần cảng Đồng Nai:organization',
  ]);
});

test('the given name alone of a person named in full is that person', () => {
  assert.deepEqual(tags('Nghi can Nguyễn Duy Hùng bị bắt. Ra tù, Hùng về mở garage.'), ['Nguyễn Duy Hùng:person', 'Hùng:person']);
});

test('anonymised persons: initials after a title, and a family name with an initial', () => {
  assert.deepEqual(tags('Chị L.T. T cho biết bị khống chế; anh N.V.A đã trình báo.'), ['L.T. T:person', 'N.V.A:person']);
  assert.deepEqual(tags('Bạn gái là Nguyễn Thị V. (17 tuổi) ngất xỉu.'), ['Nguyễn Thị V:person']);
  // Not after any title: "ban lãnh đạo M.U" is a club.
  assert.deepEqual(tags('Ban lãnh đạo M.U nâng lương cho cầu thủ.'), []);
});

test('bylines in capitals or initials on the last line are persons', () => {
  assert.deepEqual(tags('Giá xăng giảm từ chiều nay.\nMINH ANH'), ['MINH ANH:person']);
  assert.deepEqual(tags('Giá xăng giảm từ chiều nay.\nT.N'), ['T.N:person']);
});

test('hyphens and particles inside foreign names', () => {
  assert.deepEqual(tags('Nhóm Jamaat-ur-Ahrar nhận trách nhiệm. Bà Olivieri-Munroe phát biểu.'), ['Jamaat-ur-Ahrar:organization', 'Olivieri-Munroe:person']);
  assert.deepEqual(tags('Quan hệ Nga-Ukraine căng thẳng.'), ['Nga:location', 'Ukraine:location']);
});

test('economy names are data', () => {
  assert.deepEqual(tags('Chỉ số Dow Jones và S&P 500 giảm sau khi Fed giữ lãi suất; VN-Index tăng nhờ Vietcombank.'), [
    'Dow Jones:organization',
    'S&P 500:organization',
    'Fed:organization',
    'VN-Index:organization',
    'Vietcombank:organization',
  ]);
});

test('a name run on into the next sentence stops before the word that starts it', () => {
  assert.deepEqual(tags('Phát biểu của ông Nguyễn Văn An Theo đó, dự án sẽ khởi công.'), ['Nguyễn Văn An:person']);
});

test('dates: with no article date, a day in brackets after "nay" or "qua" says which day, and "cùng ngày" follows it', () => {
  const d = analyzeTexts([
    {
      path: 'a.txt',
      text: 'Khoảng 15 giờ hôm nay (23.5), một thanh niên nhảy cầu. Đến 16 giờ cùng ngày vẫn chưa tìm thấy. Chiều qua (22/5) trời mưa.',
      meta: {},
    },
  ]).documents[0];
  const dates = d.mentions.filter((m) => m.kind === 'date').map((m) => `${m.text}=${'value' in m ? m.value : ''}`);
  assert.deepEqual(dates, ['hôm nay=XXXX-05-23', '23.5=XXXX-05-23', 'cùng ngày=XXXX-05-23', 'Chiều qua=XXXX-05-22TAF', '22/5=XXXX-05-22']);
});

test('a hamlet numbered before its name, a ring road by its number, a bank branch after a dash, a legal article', () => {
  // The hamlet's number stays outside its name; a ward named by its number alone is the ward.
  assert.deepEqual(tags('Vụ tai nạn xảy ra tại xóm 9 Bờ Đậu, xã Cổ Lũng; nạn nhân ngụ ấp 3 và phường 9.'), [
    'Bờ Đậu:location',
    'Cổ Lũng:location',
    'phường 9:location',
  ]);
  assert.deepEqual(tags('Xe tải rẽ trái từ đường Vành đai 2 vào đường Nguyễn Thị Định.'), ['Vành đai 2:location', 'Nguyễn Thị Định:location']);
  // A branch after a spaced dash belongs to the bank named by its head noun, and to a known one.
  assert.deepEqual(tags('Khoản vay được Ngân hàng Nông nghiệp và Phát triển nông thôn - chi nhánh Bình Chánh giải ngân.'), [
    'Ngân hàng Nông nghiệp và Phát triển nông thôn - chi nhánh Bình Chánh:organization',
  ]);
  assert.deepEqual(tags('Ông Trần Văn Nam, giám đốc Vietcombank - chi nhánh Bình Chánh, cho biết.'), [
    'Trần Văn Nam:person',
    'Vietcombank - chi nhánh Bình Chánh:organization',
  ]);
  // Without "chi nhánh" a dash ends the bank's name.
  assert.deepEqual(tags('Khoản vay được Ngân hàng Nông nghiệp và Phát triển nông thôn - nơi ông làm việc - giải ngân.'), [
    'Ngân hàng Nông nghiệp và Phát triển nông thôn:organization',
  ]);
  assert.deepEqual(tags('Căn cứ Điều 3 của nghị định, cơ quan chức năng đã xử phạt tài xế.'), []);
});

test('a hospital department with a capital is an organisation; in lower case it is no name', () => {
  assert.deepEqual(tags('Bệnh nhân được đưa vào Khoa Cấp cứu, Bệnh viện Bạch Mai rồi lên khoa Hồi sức chống độc.'), [
    'Khoa Cấp cứu:organization',
    'Bệnh viện Bạch Mai:organization',
    'khoa Hồi sức chống độc:organization',
  ]);
  assert.deepEqual(tags('Các bác sĩ khoa cấp cứu cho biết anh Khoa Nguyễn đã tỉnh.'), ['Khoa Nguyễn:person']);
});

test("a sector in lower case inside an official body's name, and a school by its level", () => {
  assert.deepEqual(tags('Theo Trung tâm Dự báo khí tượng thủy văn trung ương, Chi cục thủy sản TP HCM và Hạt kiểm lâm huyện Krông Pa đã vào cuộc.'), [
    'Trung tâm Dự báo khí tượng thủy văn trung ương:organization',
    'Chi cục thủy sản TP HCM:organization',
    'Hạt kiểm lâm huyện Krông Pa:organization',
  ]);
  assert.deepEqual(tags('Bộ Giáo dục và Đào tạo cùng Ban An toàn giao thông tỉnh Nghệ An và Bộ Tư lệnh Thủ đô đã họp.'), [
    'Bộ Giáo dục và Đào tạo:organization',
    'Ban An toàn giao thông tỉnh Nghệ An:organization',
    'Bộ Tư lệnh Thủ đô:organization',
  ]);
  assert.deepEqual(tags('Hiệu trưởng Trường tiểu học Nam Trung Yên cho biết đám cháy ở siêu thị điện máy Kim Nguyên đã được dập tắt.'), [
    'Trường tiểu học Nam Trung Yên:organization',
    'siêu thị điện máy Kim Nguyên:organization',
  ]);
});

test("a title that ends with an organisation's head leaves it to the organisation when a unit follows", () => {
  assert.deepEqual(tags('Hôm qua, Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung đã đối thoại với người dân.'), [
    'UBND TP Hà Nội:organization',
    'Nguyễn Đức Chung:person',
  ]);
  assert.deepEqual(tags('Sau đó, Phó Chủ tịch UBND tỉnh Gia Lai đã đến hiện trường.'), ['UBND tỉnh Gia Lai:organization']);
  assert.deepEqual(tags('Sau đó, Chủ tịch UBND Nguyễn Văn Bình đã đến hiện trường.'), ['Nguyễn Văn Bình:person']);
});

test('forecast regions by their compass point', () => {
  assert.deepEqual(tags('Mưa dông ở Tây Bắc Bộ, Đông Bắc Bộ và Bắc Trung Bộ; gió mạnh ở Nam Biển Đông và vịnh Thái Lan.'), [
    'Tây Bắc Bộ:location',
    'Đông Bắc Bộ:location',
    'Bắc Trung Bộ:location',
    'Nam Biển Đông:location',
    'vịnh Thái Lan:location',
  ]);
});
