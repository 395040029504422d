import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeDates } from '../../server/src/core/dates/recognize';
import { describeValue } from '../../server/src/core/dates/calendar';
import { analyzeTexts } from '../../server/src/core/analyze';

const APRIL_24_2019 = { y: 2019, m: 4, d: 24 }; // a Wednesday

function values(text: string, anchor: { y: number; m: number; d: number } | null = APRIL_24_2019): string[] {
  return recognizeDates(text, anchor ?? undefined).map((d) => `${text.slice(d.start, d.end)}=${d.value}`);
}

test('absolute dates', () => {
  assert.deepEqual(values('vào ngày 24/4, ngày 24-4, 24/4/2019 và ngày 24 tháng 4 năm 2019'), [
    'ngày 24/4=2019-04-24',
    'ngày 24-4=2019-04-24',
    '24/4/2019=2019-04-24',
    'ngày 24 tháng 4 năm 2019=2019-04-24',
  ]);
  assert.deepEqual(values('mồng 3 tháng ba; tháng 4/2019; hồi tháng Ba; năm 2019; quý 3 năm 2018; thập niên 1990'), [
    'mồng 3 tháng ba=2019-03-03',
    'tháng 4/2019=2019-04',
    'hồi tháng Ba=2019-03',
    'năm 2019=2019',
    'quý 3 năm 2018=2018-Q3',
    'thập niên 1990=199',
  ]);
});

test('relative dates resolve against the article date', () => {
  assert.deepEqual(values('hôm nay, hôm qua, hôm kia, ngày mai'), ['hôm nay=2019-04-24', 'hôm qua=2019-04-23', 'hôm kia=2019-04-22', 'ngày mai=2019-04-25']);
  assert.deepEqual(values('tuần trước; tuần này; tuần tới; tháng trước; năm ngoái; năm nay; năm tới'), [
    'tuần trước=2019-W16',
    'tuần này=2019-W17',
    'tuần tới=2019-W18',
    'tháng trước=2019-03',
    'năm ngoái=2018',
    'năm nay=2019',
    'năm tới=2020',
  ]);
  assert.deepEqual(values('đầu tuần này; cuối năm ngoái; hồi đầu tháng này; tháng 1 vừa qua'), [
    'đầu tuần này=2019-W17',
    'cuối năm ngoái=2018',
    'hồi đầu tháng này=2019-04',
    'tháng 1 vừa qua=2019-01',
  ]);
});

test('a bare weekday is the most recent one, unless the verb is future', () => {
  assert.deepEqual(values('Ông đến hôm thứ Hai.'), ['hôm thứ Hai=2019-04-22']);
  assert.deepEqual(values('Ông đến vào chủ nhật.'), ['vào chủ nhật=2019-04-21']);
  assert.deepEqual(values('Ông sẽ đến vào thứ Sáu.'), ['vào thứ Sáu=2019-04-26']);
  assert.deepEqual(values('thứ 2 tuần trước'), ['thứ 2 tuần trước=2019-04-15']);
});

test('a range of days in one month', () => {
  assert.deepEqual(values('chuyến thăm từ 23 - 25.5 và hội nghị ngày 24-25/4'), ['từ 23 - 25.5=2019-05-23', 'ngày 24-25/4=2019-04-24']);
  assert.deepEqual(values('tỷ số 2-3/4 trận'), []);
});

test('seasons', () => {
  assert.deepEqual(values('mùa hè này; mùa đông năm ngoái; mùa thu 2016'), ['mùa hè này=2019-SU', 'mùa đông năm ngoái=2018-WI', 'mùa thu 2016=2016-FA']);
});

test('parts of the day add TIMEX3 suffixes', () => {
  assert.deepEqual(values('sáng 24/4 và tối 3/5'), ['sáng 24/4=2019-04-24TMO', 'tối 3/5=2019-05-03TEV']);
  assert.deepEqual(values('sáng ngày 24/4'), ['sáng ngày 24/4=2019-04-24TMO']);
});

test('without an article date the unknown parts stay X', () => {
  assert.deepEqual(values('ngày 24/4 và hôm qua', null), ['ngày 24/4=XXXX-04-24', 'hôm qua=XXXX-XX-XX']);
});

test('fractions, scores, round-the-clock, quantities and durations are not dates', () => {
  assert.deepEqual(values('khoảng 2/3 tổng số lao động'), []);
  assert.deepEqual(values('đội nhà thắng 2-1 trước đối thủ'), []);
  assert.deepEqual(values('phục vụ 24/7 cho khách'), []);
  assert.deepEqual(values('sau 2 tháng và 78 năm chiếm đóng'), []);
  assert.deepEqual(values('có 2016 người và 1.500 USD, số 0912.345.678'), []);
  assert.deepEqual(values('lần thứ hai sau đó'), []);
  assert.deepEqual(values('lệnh truy nã số A-3102/4-2016 và những ngày tháng sắp tới'), []);
  assert.deepEqual(values('nhiệm kỳ 2016-2021'), ['2016=2016', '2021=2021']);
});

test('the article date comes from the file name when newslens.json has none', () => {
  const r = analyzeTexts([{ path: 'tin-2019-04-24.txt', text: 'Hôm qua, ông Kim đến.', meta: { date: '2019-04-24', dateSource: 'file name' } }]);
  const d = r.documents[0].mentions.find((m) => m.kind === 'date');
  assert.equal(d && 'value' in d ? d.value : undefined, '2019-04-23');
});

test('values read as English for the hover', () => {
  assert.equal(describeValue('2019-04-24'), 'Wednesday 24 April 2019');
  assert.equal(describeValue('2019-04-24TMO'), 'Wednesday 24 April 2019 (morning)');
  assert.equal(describeValue('XXXX-04-24'), '24 April, year unknown');
  assert.match(describeValue('2019-W16'), /week 16 of 2019/);
});
