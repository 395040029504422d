/**
 * Material for the incremental-index property test (incremental.property.test.ts): sentences and
 * names in the style of Vietnamese news, written for this test (not taken from any corpus), the
 * entity registry entries newslens.json may list, and the files articles can live in.
 */
import * as path from 'node:path';
import { SAMPLES } from '../helpers';

/**
 * Sentences to insert or to build new articles from: persons with titles, organisations with
 * acronyms, places, absolute and relative dates, attributions, vague sources, unsourced figures,
 * a heading, a caption, a credit, a decomposed (NFD) sentence and one with an astral character.
 */
export const SENTENCES: string[] = [
  'Tổng thống Nga Vladimir Putin đã tiếp Chủ tịch Triều Tiên Kim Jong-un tại Vladivostok hôm qua.',
  'Hãng thông tấn trung ương Triều Tiên (KCNA) cho biết, ông Kim đã rời Bình Nhưỡng vào sáng ngày 24/4.',
  'Theo Bộ Ngoại giao Nga, hai bên sẽ thảo luận về hợp tác kinh tế và an ninh khu vực.',
  'Người phát ngôn Điện Kremlin Dmitry Peskov cho biết cuộc hội đàm có thể kéo dài hai giờ.',
  'Ông Kim Jong Un từng gặp Tổng thống Mỹ Donald Trump tại Hà Nội hồi tháng 2/2019.',
  'Khoảng 70% hàng hóa xuất khẩu của Triều Tiên đi qua biên giới với Trung Quốc.',
  'Kim ngạch thương mại giữa hai nước đã giảm gần 50% trong năm ngoái.',
  'Các chuyên gia cho rằng cuộc gặp khó mang lại đột phá lớn.',
  'Ngoại trưởng Sergei Lavrov nói với báo chí tại Moskva rằng Nga ủng hộ đối thoại.',
  'Hãng tin Yonhap của Hàn Quốc đưa tin đoàn tàu của ông Kim đã qua ga Khasan hôm nay.',
  'Ông Putin và ông Kim dự kiến dùng bữa tối tại Đại học Liên bang Viễn Đông vào ngày 25/4.',
  'Bà Choe Son-hui, Thứ trưởng Ngoại giao Triều Tiên, cũng có mặt trong phái đoàn.',
  'Liên Hợp Quốc (LHQ) ước tính hơn 10 triệu người dân Triều Tiên đang thiếu lương thực.',
  'Tuần trước, Bộ Quốc phòng Hàn Quốc cho biết Bình Nhưỡng đã thử một loại vũ khí mới.',
  'Hãng reuters dẫn lời một quan chức giấu tên cho hay Nga có thể viện trợ 50.000 tấn lúa mì.',
  'Chủ tịch Kim jong-un được chào đón bằng bánh mì và muối ngay tại nhà ga.',
  'Thủ tướng Nhật Bản Shinzo Abe hôm qua kêu gọi Bình Nhưỡng trả tự do cho các công dân Nhật.',
  'Nhà Trắng chưa bình luận về cuộc gặp giữa hai nhà lãnh đạo.',
  'Tổng thống Trump viết trên Twitter rằng ông vẫn giữ quan hệ tốt với ông Kim.',
  'Thành phố Vladivostock đã tăng cường an ninh trong các ngày 24-25/4.',
  'Gặp gỡ Tổng thống Putin và Chủ tịch Kim',
  'Ảnh: KCNA',
  'Ông Ushakov nói: “Hai nhà lãnh đạo sẽ gặp riêng trước khi hội đàm mở rộng”.',
  'Triều tiên đã đóng cửa bãi thử hạt nhân Punggye-ri vào năm 2018.',
  'Theo điện Kremlin, chuyến thăm kéo dài đến ngày 26/4.',
  'Phái đoàn Triều Tiên do Ngoại trưởng Ri Yong-ho dẫn đầu đã tới Vladivostok tối 23/4.',
  'Cuộc gặp tại Hà Nội kết thúc sớm mà không có tuyên bố chung.'.normalize('NFD'),
  '📷 Ông Kim vẫy tay chào người dân tại ga Khasan. Ảnh: Reuters',
  '(Theo Reuters, Yonhap)',
];

/** Names to insert inside a sentence: several spellings of one person, titles, acronyms, lower-case re-mentions. */
export const NAMES: string[] = [
  'Kim Jong-un',
  'Kim Jong Un',
  'ông Kim',
  'Chủ tịch Kim',
  'Kim jong-un',
  'Tổng thống Vladimir Putin',
  'ông Putin',
  'Tổng thống Putin',
  'Tổng thống Donald Trump',
  'ông Trump',
  'bà Choe Son-hui',
  'Choe Son Hui',
  'Hãng thông tấn trung ương Triều Tiên (KCNA)',
  'KCNA',
  'hãng KCNA',
  'Liên Hợp Quốc (LHQ)',
  'LHQ',
  'Yonhap',
  'hãng reuters',
  'Điện Kremlin',
  'điện Kremlin',
  'tại Hà Nội',
  'tại Bình Nhưỡng',
  'ở Vladivostok',
  'Vladivostock',
  'ngày 24/4',
  'hôm qua',
  'sáng 25/4',
  'tuần trước',
  'năm 2019',
  'ông Ushakov cho biết',
  'các chuyên gia cho rằng',
  'theo KCNA',
];

/** Registry entries newslens.json may list; tests pick a subset of the aliases, sometimes a wrong kind. */
export const REGISTRY: { id: string; name: string; kind: string; aliases: string[]; wikidata?: string }[] = [
  { id: 'kim_jong_un', name: 'Kim Jong-un', kind: 'person', aliases: ['Kim Jong Un', 'Chủ tịch Kim', 'Kim jong-un', 'ông Kim'], wikidata: 'Q56226' },
  { id: 'putin', name: 'Vladimir Putin', kind: 'person', aliases: ['Putin', 'Tổng thống Putin', 'ông Putin'], wikidata: 'Q7747' },
  { id: 'kcna', name: 'Hãng thông tấn trung ương Triều Tiên', kind: 'organization', aliases: ['KCNA', 'Hãng thông tấn Trung ương Triều Tiên'] },
  { id: 'vladivostok', name: 'Vladivostok', kind: 'location', aliases: ['Vladivostock'] },
  { id: 'kremlin', name: 'Điện Kremlin', kind: 'organization', aliases: ['điện Kremlin', 'Kremlin'] },
  { id: 'yonhap', name: 'Yonhap', kind: 'organization', aliases: ['Hãng tin Yonhap'] },
  { id: 'binh_nhuong', name: 'Bình Nhưỡng', kind: 'location', aliases: ['Pyongyang'] },
  { id: 'choe_son_hui', name: 'Choe Son-hui', kind: 'person', aliases: ['Choe Son Hui'] },
];

export const KINDS = ['person', 'organization', 'location'];

/** Publication dates a config may give (the last one is malformed and reported). */
export const DATES = ['2019-04-24', '2019-04-25', '2019-02-28', '2023-09-11', '24/4/2019'];
export const OUTLETS = ['Tổ Quốc', 'VnExpress'];

/** The two places a newslens.json can be: the samples folder and a sub-folder of it. */
export const CONFIGS = [path.join(SAMPLES, 'newslens.json'), path.join(SAMPLES, 'sub', 'newslens.json')];

/** Where new and renamed articles go: beside the samples, in sub-folders, some with a date in the name. */
export const NEW_FILES: string[] = ['new_a.txt', '2019-04-25_b.txt', 'sub/c.txt', 'sub/20230911_d.txt', 'sub/deep/e.txt', 'sub/000_a37f9ae36c8c9fee.txt'].map(
  (f) => path.join(SAMPLES, f),
);
