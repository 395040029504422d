/**
 * Duckling's Vietnamese time corpus (../shared/peers/duckling-vi), date rows only (grain Day to
 * Year). News Lens follows the news convention for bare weekdays (the most recent one), which
 * Duckling does not: those rows are listed below as deliberate differences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognizeDates } from '../../server/src/core/dates/recognize';
import { valueStart, seasonEnd } from '../../server/src/core/dates/calendar';

const FILE = path.resolve('..', 'shared', 'peers', 'duckling-vi', 'time-vi.tsv');
const DATE_GRAINS = new Set(['Day', 'Week', 'Month', 'Quarter', 'Year']);
/** Bare weekdays: Duckling takes the coming one, news the last one. */
const NEWS_WEEKDAY = new Map([
  ['thứ 2', '2017-01-30'],
  ['thứ 3', '2017-01-31'],
  ['chủ nhật', '2017-01-29'],
  ['chúa nhật', '2017-01-29'],
]);

test("Duckling's Vietnamese date phrases", { skip: !fs.existsSync(FILE) && 'no ../shared/peers' }, () => {
  const lines = fs.readFileSync(FILE, 'utf8').split('\n');
  const ref = /reference_time=(\d{4})-(\d{2})-(\d{2})/.exec(lines[0])!;
  const anchor = { y: +ref[1], m: +ref[2], d: +ref[3] };
  let total = 0;
  let pass = 0;
  const failures: string[] = [];
  for (const line of lines.slice(2)) {
    const [text, , start, end, grain] = line.split('\t');
    if (!text || !DATE_GRAINS.has(grain)) continue;
    total++;
    const found = recognizeDates(text, anchor);
    const whole = found.find((d) => d.start === 0 && d.end === text.length) ?? found[0];
    const got = whole ? valueStart(whole.value) : undefined;
    const gotEnd = whole?.endValue ? valueStart(whole.endValue) : whole ? seasonEnd(whole.value) : undefined;
    if (NEWS_WEEKDAY.has(text)) {
      assert.equal(got, NEWS_WEEKDAY.get(text), `${text}: the news weekday rule`);
      continue;
    }
    const ok = got === start.slice(0, 10) && (!end || gotEnd === end.slice(0, 10));
    if (ok) pass++;
    else failures.push(`${text}: expected ${start.slice(0, 10)}${end ? '..' + end.slice(0, 10) : ''}, got ${got ?? 'nothing'}${gotEnd ? '..' + gotEnd : ''}`);
  }
  const compared = total - NEWS_WEEKDAY.size;
  const rate = pass / compared;
  console.log(`duckling-vi date rows: ${pass}/${compared} pass (${(100 * rate).toFixed(1)}%), ${NEWS_WEEKDAY.size} documented differences`);
  for (const f of failures) console.log(`  differs: ${f}`);
  assert.ok(rate >= 0.9, `pass rate ${rate.toFixed(3)} is below 0.90`);
});
