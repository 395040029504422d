/**
 * Vietnamese date expressions in normalised text, with TIMEX3 values resolved against the
 * article date. Patterns are assembled from the word lists in lang/vi/dates.json; what makes an
 * expression a date and not a fraction, a score or a quantity is decided from its context.
 */
import { lang } from '../lang/knowledge';
import { addDays, addMonths, dayValue, diffDays, isValid, monthValue, weekValue, weekday, type Ymd } from './calendar';
import { matchesAt, startFinder, type Starts } from './starts';

export interface DateMatch {
  start: number;
  end: number;
  value: string;
  /** Exclusive end of an interval ("3 ngày tới"), same form as value. */
  endValue?: string;
  /** Some part of the value came from the article date. */
  anchored: boolean;
  relative: boolean;
  mod?: 'START' | 'MID' | 'END';
  /** A duration ("2 tháng") rather than a point in time. */
  duration?: boolean;
}

const D = lang.dates;
const alt = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
const PART = `(?:(${alt(D.partsOfDay.keys())})\\s+)?`;
const MONTH_WORD = alt(D.months.keys());
const NUMBER_WORD = alt(D.numbers.keys());
const REL = alt(D.unitRelative.keys());
const MOD = alt(D.periodMods.keys());
const WEEKDAY = `(?:thứ\\s+(${alt(D.weekdays.keys())})|(${alt(D.sunday)}))`;
const NUM_DATE = '(?<![\\d/.,-])(\\d{1,2})(?<sep>[/.-])(\\d{1,2})(?:\\k<sep>(\\d{4}|\\d{2}))?(?![\\d]|[/.,-]\\d)';
const WORD_DATE = `(?:(?:mồng|mùng)\\s+)?(\\d{1,2}|${NUMBER_WORD})\\s+tháng\\s+(\\d{1,2}|${MONTH_WORD})(?:\\s*(?:,\\s*)?năm\\s+(\\d{4})|\\s*[/-]\\s*(\\d{4}))?`;

/** Sticky: each pattern is tried only where its matches can begin (see starts.ts). */
const re = (s: string) => new RegExp(s, 'iuy');
/** The first words of WEEKDAY, PART and MOD. */
const WEEKDAY_WORDS = ['thứ', ...D.sunday];
const PART_WORDS = [...D.partsOfDay.keys()];
const MOD_WORDS = [...D.periodMods.keys()];

export interface Pattern {
  re: RegExp;
  /** Every way a match of `re` can begin. */
  starts: Starts;
  make(m: RegExpExecArray, ctx: Context): DateMatch | undefined;
}

interface Context {
  text: string;
  anchor?: Ymd;
  /** The last fully resolved day before this point ("cùng ngày" refers to it). */
  lastDay?: Ymd;
}

export function recognizeDates(text: string, anchorDate?: Ymd): DateMatch[] {
  const ctx: Context = { text, anchor: anchorDate };
  const found: DateMatch[] = [];
  const starts = findStarts(text);
  for (const [i, p] of PATTERNS.entries()) {
    for (const m of matchesAt(p.re, text, starts[i])) {
      const d = p.make(m, ctx);
      if (d) found.push(d);
    }
  }
  // Longest first; drop what overlaps an already kept match.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept = keepLongest(found, text.length);
  kept.sort((a, b) => a.start - b.start);
  // "hôm sau" follows the day last named; so does "cùng ngày" when the article date is unknown.
  let last: { y?: number; m: number; d: number } | undefined;
  const added: DateMatch[] = [];
  for (const [n, k] of kept.entries()) {
    // "Sáng nay (23/5)", "hôm nay (23.5)": with no article date, the day in brackets says which day it is.
    if (k.relative && k.value.startsWith('XXXX-XX-XX')) {
      const b = BRACKETED_DAY.exec(text.slice(k.end, k.end + 20));
      const mo = b ? +b[3] : 0;
      const d = b ? +b[2] : 0;
      if (b && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
        const y = b[4] ? +b[4] : undefined;
        k.value = dayValue({ y, m: mo, d }) + k.value.slice('XXXX-XX-XX'.length);
        const start = k.end + b.index + b[0].indexOf(b[1]);
        const next = kept[n + 1];
        if (!next || next.start >= start + b[1].length)
          added.push({ start, end: start + b[1].length, value: dayValue({ y, m: mo, d }), anchored: !y, relative: false });
      }
    }
    const phrase = text.slice(k.start, k.end).toLowerCase();
    const sameDay = /cùng ngày/u.test(phrase) && !anchorDate;
    if ((/ngày hôm sau|hôm sau/u.test(phrase) || sameDay) && last) {
      // A year is needed for the arithmetic only; an unknown one stays unknown.
      const next = sameDay ? last : { ...addDays({ y: last.y ?? 2001, m: last.m, d: last.d }, 1), ...(last.y === undefined ? { y: undefined } : {}) };
      k.value = dayValue(next) + (k.value.includes('T') ? k.value.slice(k.value.indexOf('T')) : '');
    }
    const m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})/.exec(k.value);
    if (m) last = { y: m[1] === 'XXXX' ? undefined : +m[1], m: +m[2], d: +m[3] };
  }
  if (added.length) {
    kept.push(...added);
    kept.sort((a, b) => a.start - b.start);
  }
  return kept.filter((k) => !k.duration);
}

/** A day and month in brackets right after a word for a day: "(23/5)", "(23.5)", "(23-5-2016)". */
const BRACKETED_DAY = /^\s*\(\s*((\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?)\s*\)/u;

/**
 * The matches, longest first, that overlap no match kept before them. Kept characters are marked
 * in a table, so that each match is checked against its own characters instead of every kept match.
 */
function keepLongest(found: DateMatch[], length: number): DateMatch[] {
  const kept: DateMatch[] = [];
  const covered = new Uint8Array(length + 1);
  // An empty match (none of the patterns gives one) is checked against the kept ones one by one.
  const empty: DateMatch[] = [];
  const overlaps = (d: DateMatch, k: DateMatch) => d.start < k.end && k.start < d.end;
  for (const d of found) {
    if (d.end <= d.start) {
      if (!kept.some((k) => overlaps(d, k))) {
        kept.push(d);
        empty.push(d);
      }
      continue;
    }
    let free = !empty.some((k) => overlaps(d, k));
    for (let x = d.start; free && x < d.end; x++) if (covered[x]) free = false;
    if (!free) continue;
    kept.push(d);
    covered.fill(1, d.start, d.end);
  }
  return kept;
}

function partSuffix(part: string | undefined): string {
  if (!part) return '';
  const p = D.partsOfDay.get(part.toLowerCase().replace(/\s+/g, ' '));
  return p ? `T${p}` : '';
}

function num(s: string): number {
  return /^\d+$/.test(s) ? +s : (D.numbers.get(s.toLowerCase().replace(/\s+/g, ' ')) ?? NaN);
}

function monthNum(s: string): number {
  return /^\d+$/.test(s) ? +s : (D.months.get(s.toLowerCase().replace(/\s+/g, ' ')) ?? NaN);
}

function fullYear(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const n = +s;
  return s.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

/** Year for a day and month without one: the nearest to the article date, past rather than future. */
function inferYear(anchor: Ymd | undefined, m: number, d: number, direction = 0): number | undefined {
  if (!anchor) return undefined;
  const options = [anchor.y - 1, anchor.y, anchor.y + 1].filter((y) => isValid({ y, m, d }));
  let best: number | undefined;
  let bestCost = Infinity;
  // A tense says which way to look, within about half a year; beyond that the nearest date wins.
  const inDirection = options.filter((y) => {
    const diff = diffDays(anchor, { y, m, d });
    return direction === 0 || (direction > 0 ? diff >= 0 && diff <= 200 : diff <= 0 && diff >= -200);
  });
  for (const y of inDirection.length ? inDirection : options) {
    const diff = diffDays(anchor, { y, m, d });
    const cost = diff > 0 ? diff * 3 : -diff;
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

function inferMonthYear(anchor: Ymd | undefined, m: number, direction: number): number | undefined {
  if (!anchor) return undefined;
  if (direction < 0) return m <= anchor.m ? anchor.y : anchor.y - 1;
  if (direction > 0) return m >= anchor.m ? anchor.y : anchor.y + 1;
  const ahead = m - anchor.m;
  return ahead > 6 ? anchor.y - 1 : ahead < -8 ? anchor.y + 1 : anchor.y;
}

function relDirection(word: string | undefined): number {
  if (!word) return 0;
  return D.unitRelative.get(word.toLowerCase().replace(/\s+/g, ' ')) ?? 0;
}

function wordBefore(text: string, at: number, n = 2): string {
  return wordsBefore(text, at).slice(-n).join(' ');
}

/** The words (letters, digits, %) of the 40 characters before `at`, lower-cased. */
function wordsBefore(text: string, at: number): string[] {
  return (
    text
      .slice(Math.max(0, at - 40), at)
      .toLowerCase()
      .match(WORD) ?? []
  );
}

/** The words of the 40 characters from `at`, lower-cased. */
function wordsAfter(text: string, at: number): string[] {
  return (
    text
      .slice(at, at + 40)
      .toLowerCase()
      .match(WORD) ?? []
  );
}

const WORD = /[\p{L}\p{N}%]+/gu;

function isQuantityContext(text: string, start: number, end: number): boolean {
  const before = wordsBefore(text, start);
  const after = wordsAfter(text, end);
  const b1 = before.slice(-1).join(' ');
  const b2 = before.slice(-2).join(' ');
  const a1 = after.slice(0, 1).join(' ');
  const a2 = after.slice(0, 2).join(' ');
  if (/[%‰]|^\s*(?:đ|\$|usd)/iu.test(text.slice(end, end + 4))) return true;
  return D.quantityBefore.has(b1) || D.quantityBefore.has(b2) || D.quantityAfter.has(a1) || D.quantityAfter.has(a2);
}

/** Future context: "sẽ" earlier in the clause. */
function futureBefore(text: string, at: number): boolean {
  const clause =
    text
      .slice(Math.max(0, at - 60), at)
      .split(/[.!?;\n]/)
      .pop() ?? '';
  return /(?<![\p{L}])(sẽ|dự kiến|sắp)(?![\p{L}])/iu.test(clause);
}

function span(m: RegExpExecArray): { start: number; end: number } {
  const lead = m[0].length - m[0].trimStart().length;
  const trail = m[0].length - m[0].trimEnd().length;
  return { start: m.index + lead, end: m.index + m[0].length - trail };
}

function dayMatch(
  m: RegExpExecArray,
  v: { y?: number; m: number; d: number },
  part: string | undefined,
  anchored: boolean,
  relative = false,
): DateMatch | undefined {
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > 31) return undefined;
  if (v.y !== undefined && !isValid({ y: v.y, m: v.m, d: v.d })) return undefined;
  return { ...span(m), value: dayValue(v) + partSuffix(part), anchored, relative };
}

/** Exported for the test that every match a global scan finds begins where its `starts` says. */
export const PATTERNS: Pattern[] = [
  // ngày 24/4, sáng 24/4, hôm 24/4/2019, (thứ Tư) 24-4, 03/03/2017
  {
    re: re(
      `${L}(?:${WEEKDAY}\\s*,?\\s*\\(?\\s*)?${PART}(?:(ngày|hôm|mồng|mùng|từ|đến|tới|vào|hồi|trước|sau|cho đến|tính đến|tới ngày)\\s+)?(?:(?:mồng|mùng)\\s+)?${NUM_DATE}\\)?`,
    ),
    starts: {
      words: [...WEEKDAY_WORDS, ...PART_WORDS, 'ngày', 'hôm', 'mồng', 'mùng', 'từ', 'đến', 'tới', 'vào', 'hồi', 'trước', 'sau', 'cho', 'tính'],
      digit: true,
    },
    make(m, ctx) {
      const [, , , part, prefix, dd, sep, mm, yy] = m;
      const d = +dd;
      const mo = +mm;
      const hasYear = !!yy;
      const explicit = !!(part || prefix || m[1] || m[2]);
      const leadingZero = /^0/.test(dd) || /^0/.test(mm);
      if (sep === '.' && !hasYear && !part && !prefix) return undefined;
      if (!explicit && !hasYear && !leadingZero) {
        // A bare "24/4" is a date only where nothing counts: a dateline or a parenthesis.
        const before = ctx.text.slice(Math.max(0, m.index - 2), m.index);
        const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 2);
        const alone = /(^|[\n(,]\s*|^\s*)$/.test(before) && /^(\s*[),\n]|\s*$|$)/.test(after);
        if (!alone || sep === '-') return undefined;
      }
      if (isQuantityContext(ctx.text, m.index, m.index + m[0].length) && !part && !prefix) return undefined;
      const y = hasYear ? fullYear(yy) : inferYear(ctx.anchor, mo, d, futureBefore(ctx.text, m.index) ? 1 : 0);
      const found = dayMatch(m, { y, m: mo, d }, part, !hasYear);
      // A closing bracket belongs to the date only with its opening one.
      if (found && m[0].endsWith(')') && !m[0].includes('(')) found.end--;
      return found;
    },
  },
  // ngày 24-25/4, từ 23 - 25.5: a range of days in one month (valued by its first day)
  {
    re: re(`${L}${PART}(?:(ngày|hôm|từ)\\s+)?(\\d{1,2})\\s*[-–]\\s*(\\d{1,2})([/.])(\\d{1,2})(?:\\4(\\d{4}))?(?![\\d]|[/.,-]\\d)`),
    starts: { words: [...PART_WORDS, 'ngày', 'hôm', 'từ'], digit: true },
    make(m, ctx) {
      const [, part, prefix, d1, d2, sep, mm, yy] = m;
      const mo = +mm;
      if (+d2 <= +d1 || (sep === '.' && !prefix && !yy)) return undefined;
      if (!prefix && !part && !yy && isQuantityContext(ctx.text, m.index, m.index + m[0].length)) return undefined;
      const y = yy ? +yy : inferYear(ctx.anchor, mo, +d1, futureBefore(ctx.text, m.index) ? 1 : 0);
      const found = dayMatch(m, { y, m: mo, d: +d1 }, part, !yy);
      if (found && isValid({ y: y ?? 2001, m: mo, d: +d2 }))
        found.endValue = y !== undefined ? dayValue(addDays({ y, m: mo, d: +d2 }, 1)) : dayValue({ y, m: mo, d: +d2 });
      return found;
    },
  },
  // ngày 24 tháng 4 năm 2019, mồng 3 tháng ba, 12 tháng 10 năm 2017
  {
    re: re(`${L}(?:${WEEKDAY}\\s*,?\\s*)?${PART}(?:(ngày|hôm)\\s+)?${WORD_DATE}${R}`),
    starts: { words: [...WEEKDAY_WORDS, ...PART_WORDS, 'ngày', 'hôm', 'mồng', 'mùng', ...D.numbers.keys()], digit: true },
    make(m, ctx) {
      const [whole, , , part, prefix, dd, mm, y1, y2] = m;
      const d = num(dd);
      const mo = monthNum(mm);
      const mong = /m[ồù]ng/iu.test(whole);
      if (!prefix && !part && !mong && !y1 && !y2 && !m[1] && !m[2]) return undefined;
      if (/^năm$/iu.test(mm) && !/Năm/u.test(mm)) return undefined;
      const hasYear = !!(y1 || y2);
      const y = hasYear ? +(y1 || y2) : inferYear(ctx.anchor, mo, d, futureBefore(ctx.text, m.index) ? 1 : 0);
      return dayMatch(m, { y, m: mo, d }, part, !hasYear);
    },
  },
  // thứ Hai, thứ 2 tuần trước, chủ nhật, thứ ba vừa rồi, thứ 5 của tuần này
  {
    re: re(`${L}${PART}(?:(hôm|ngày|vào|từ|đến|tới|hồi)\\s+)?${WEEKDAY}(?:\\s+(?:của\\s+)?tuần\\s+(${REL}))?(?:\\s+(vừa rồi|vừa qua|tới|này|trước|sau))?${R}`),
    starts: { words: [...PART_WORDS, 'hôm', 'ngày', 'vào', 'từ', 'đến', 'tới', 'hồi', ...WEEKDAY_WORDS] },
    make(m, ctx) {
      const [whole, part, prefix, wd, sunday, weekRel, rel] = m;
      const wdWord = wd ?? '';
      const isDigit = /^\d$/.test(wdWord);
      const capitalised = sunday ? /^[CcTt]/u.test(whole) : /thứ\s+\p{Lu}/u.test(whole);
      const before = wordBefore(ctx.text, m.index, 1);
      const atStart = /(^|\n)\s*$/.test(ctx.text.slice(Math.max(0, m.index - 3), m.index));
      const afterChar = ctx.text.slice(m.index + whole.length, m.index + whole.length + 2);
      if (rel && !weekRel && !part && !prefix && !capitalised && !isDigit && !/^(tới|vừa rồi|vừa qua|này)$/iu.test(rel)) return undefined;
      const ordinalish = [
        'nhiều',
        'thứ',
        'lần',
        'người',
        'vị',
        'hạng',
        'giải',
        'điểm',
        'nước',
        'quốc',
        'ngôi',
        'lớn',
        'vòng',
        'trận',
        'phần',
        'bậc',
        'cấp',
        'mục',
        'điều',
        'khoản',
        'chương',
        'số',
        'là',
      ].includes(before);
      if (ordinalish) return undefined;
      if (!(part || prefix || weekRel || rel || sunday || (capitalised && !isDigit) || (atStart && !/^\s*,/.test(afterChar)))) return undefined;
      if (!sunday && !capitalised && !part && !prefix && !weekRel && !rel && !atStart) return undefined;
      const target = sunday ? 7 : D.weekdays.get(wdWord.toLowerCase())!;
      if (!ctx.anchor) return { ...span(m), value: 'XXXX-XX-XX' + partSuffix(part), anchored: true, relative: true };
      const a = ctx.anchor;
      let v: Ymd;
      if (weekRel) {
        const mon = addDays(a, 1 - weekday(a));
        v = addDays(mon, 7 * relDirection(weekRel) + target - 1);
      } else {
        const r = rel ? relDirection(rel) : futureBefore(ctx.text, m.index) ? 1 : -1;
        const delta = target - weekday(a);
        if (rel === 'này' || rel === 'nay') v = addDays(a, delta);
        else if (r > 0) v = addDays(a, delta > 0 ? delta : delta + 7);
        else v = addDays(a, delta <= 0 ? delta : delta - 7);
      }
      return { ...span(m), value: dayValue(v) + partSuffix(part), anchored: true, relative: true };
    },
  },
  // hôm nay, hôm qua, ngày mai, cùng ngày, tối qua, sáng nay, trưa ngày mai
  {
    re: re(`${L}${PART}(${alt(D.dayWords.keys())})${R}|${L}(${alt(D.partsOfDay.keys())})\\s+(nay|qua|mai|hôm qua|hôm nay)${R}`),
    starts: { words: [...PART_WORDS, ...D.dayWords.keys()] },
    make(m, ctx) {
      const [whole, part, word, part2, rel2] = m;
      if (word && /^mai$/iu.test(word) && !part) return undefined;
      if (word && /^(cùng ngày|trong ngày)$/iu.test(word) && !/^cùng/iu.test(whole.trim())) return undefined;
      const offset = word ? D.dayWords.get(word.toLowerCase().replace(/\s+/g, ' '))! : D.partWithDay.get(rel2.toLowerCase().replace(/\s+/g, ' '))!;
      const p = part ?? part2;
      if (!ctx.anchor) return { ...span(m), value: 'XXXX-XX-XX' + partSuffix(p), anchored: true, relative: true };
      return { ...span(m), value: dayValue(addDays(ctx.anchor, offset)) + partSuffix(p), anchored: true, relative: true };
    },
  },
  // tháng 4, tháng 4/2019, tháng Ba, hồi tháng 1 vừa qua, đầu tháng 4 năm 2019
  {
    re: re(
      `${L}(?:(hồi|vào)\\s+)?(?:(${MOD})\\s+)?tháng\\s+(\\d{1,2}|${MONTH_WORD})(?:\\s*(?:/|-|\\.|năm|,\\s*năm)\\s*(\\d{4}))?(?:\\s+(vừa qua|vừa rồi|qua|trước|tới|sau|này))?(?:\\s*,?\\s*năm\\s+(nay|ngoái|trước|tới|sau))?${R}`,
    ),
    starts: { words: ['hồi', 'vào', ...MOD_WORDS, 'tháng'] },
    make(m, ctx) {
      const [, , mod, mm, yy0, rel, yearRel] = m;
      const yy = yy0 ?? (yearRel && ctx.anchor ? String(ctx.anchor.y + relDirection(yearRel)) : undefined);
      const mo = monthNum(mm);
      if (!(mo >= 1 && mo <= 12)) return undefined;
      if (/^năm$/iu.test(mm) && mm !== 'Năm') return undefined;
      if (/^\d+$/.test(mm) && /\d\s*$/.test(ctx.text.slice(Math.max(0, m.index - 3), m.index)) && !mod) return undefined;
      // "2 tháng 4" is a day and a month, handled above; "2 tháng" alone is a duration.
      if (
        !/^\d+$/.test(mm) &&
        /^(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một)$/iu.test(mm) &&
        /\s(qua|tới|nữa|sau|trước)/u.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 6))
      )
        return undefined;
      const y = yy ? +yy : inferMonthYear(ctx.anchor, mo, rel ? relDirection(rel) : futureBefore(ctx.text, m.index) ? 1 : 0);
      const modv = mod ? D.periodMods.get(mod.toLowerCase()) : undefined;
      return { ...span(m), value: monthValue(y, mo), anchored: !yy, relative: false, mod: modv };
    },
  },
  // tuần trước, tháng này, năm ngoái, quý tới, đầu tuần này, cuối năm ngoái
  {
    re: re(`${L}(?:(hồi|vào|từ|trong)\\s+)?(?:(${MOD})\\s+)?(tuần|tháng|năm|quý)\\s+(${REL})${R}`),
    starts: { words: ['hồi', 'vào', 'từ', 'trong', ...MOD_WORDS, 'tuần', 'tháng', 'năm', 'quý'] },
    make(m, ctx) {
      const [whole, , mod, unit, rel] = m;
      const r = relDirection(rel);
      const u = unit.toLowerCase();
      const before = wordBefore(ctx.text, m.index, 1);
      // "2 năm trước" is "two years ago": handled by the counted pattern.
      if (/^\d+$/.test(before) || D.numbers.has(before) || before === 'vài' || before === 'mấy' || before === 'nhiều') return undefined;
      // "những ngày tháng sắp tới": time in general, not a month.
      if (before === 'ngày' && u === 'tháng') return undefined;
      if (u === 'năm' && /^(qua|vừa qua|vừa rồi)$/iu.test(rel) && !mod) return undefined;
      if (/^(sau|trước)$/iu.test(rel) && /^\s+(khi|đó|này|nữa)/u.test(ctx.text.slice(m.index + whole.length, m.index + whole.length + 6))) return undefined;
      const modv = mod ? D.periodMods.get(mod.toLowerCase()) : undefined;
      const a = ctx.anchor;
      if (!a) return { ...span(m), value: u === 'tuần' ? 'XXXX-WXX' : u === 'tháng' ? 'XXXX-XX' : 'XXXX', anchored: true, relative: true, mod: modv };
      let value: string;
      if (u === 'tuần') value = weekValue(addDays(a, 7 * r));
      else if (u === 'tháng') {
        const t = addMonths(a.y, a.m, r);
        value = monthValue(t.y, t.m);
      } else if (u === 'quý') {
        const q = Math.floor((a.m - 1) / 3) + r;
        const y = a.y + Math.floor(q / 4);
        value = `${y}-Q${(((q % 4) + 4) % 4) + 1}`;
      } else value = String(a.y + r);
      return { ...span(m), value, anchored: true, relative: true, mod: modv };
    },
  },
  // năm 2019, đầu năm 2019, quý 3 năm 2018, thập niên 1990, cuộc bầu cử 2016
  {
    re: re(
      `${L}(?:(hồi|vào|từ|đến|trong)\\s+)?(?:(${MOD})\\s+)?(năm|quý\\s+(\\d|I{1,3}|IV|${NUMBER_WORD})(?:\\s*(?:/|năm|của năm|-)\\s*)|thập\\s+(?:niên|kỷ|kỉ)|)\\s*(\\d{4}|\\d{2}(?=\\s*(?:$|[^\\d])))${R}`,
    ),
    // Without any of the words a bare year begins where the white space before it does (", 2019").
    starts: { words: ['hồi', 'vào', 'từ', 'đến', 'trong', ...MOD_WORDS, 'năm', 'quý', 'thập'], digit: true, spaceBeforeDigit: true },
    make(m, ctx) {
      const [whole, , mod, kind, q, yy] = m;
      const k = (kind ?? '').toLowerCase();
      const modv = mod ? D.periodMods.get(mod.toLowerCase()) : undefined;
      if (k.startsWith('thập')) {
        const y = yy.length === 2 ? 1900 + +yy : +yy;
        return { ...span(m), value: String(Math.floor(y / 10)), anchored: false, relative: false, mod: modv };
      }
      if (yy.length !== 4) return undefined;
      const y = +yy;
      if (y < 1000 || y > 2200) return undefined;
      if (k.startsWith('quý')) {
        const qn = /^\d$/.test(q) ? +q : (({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[q.toLowerCase()] ?? num(q));
        if (!(qn >= 1 && qn <= 4)) return undefined;
        return { ...span(m), value: `${y}-Q${qn}`, anchored: false, relative: false };
      }
      if (!k) {
        // A bare year: not a count, an amount or a code.
        if (y < 1900 || y > 2100) return undefined;
        if (isQuantityContext(ctx.text, m.index, m.index + whole.length)) return undefined;
        // Part of a number or a code ("A-3102/4-2016", "1.2016"), unless a year range ("2016-2021").
        const before2 = ctx.text.slice(Math.max(0, m.index - 6), m.index);
        if (/[\d.,]\s*$/.test(before2) && !/(?:19|20)\d\d\s*[-–]\s*$/.test(before2)) return undefined;
        if (/[/\-–]$/.test(before2) && !/(?:19|20)\d\d\s*[-–]$/.test(before2)) return undefined;
        const after4 = ctx.text.slice(m.index + whole.length, m.index + whole.length + 6);
        if (/^\s*[-–]\s*\d/.test(after4) && !/^\s*[-–]\s*(?:19|20)\d\d(?!\d)/.test(after4)) return undefined;
      }
      return { ...span(m), value: String(y), anchored: false, relative: false, mod: modv };
    },
  },
  // quý này, quý ba, quý 4 (năm nay)
  {
    re: re(`${L}quý\\s+(\\d|I{1,3}|IV|${NUMBER_WORD})${R}`),
    starts: { words: ['quý'] },
    make(m, ctx) {
      const q = m[1];
      const qn = /^\d$/.test(q) ? +q : (({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[q.toLowerCase()] ?? num(q));
      if (!(qn >= 1 && qn <= 4)) return undefined;
      return { ...span(m), value: `${ctx.anchor ? ctx.anchor.y : 'XXXX'}-Q${qn}`, anchored: true, relative: false };
    },
  },
  // 2 năm trước (ago), 3 ngày tới, 2 tháng vừa rồi (intervals), 2 tháng (a duration)
  {
    re: re(`${L}(\\d+|${NUMBER_WORD}|vài|mấy)\\s+(ngày|tuần|tháng|năm)(?:\\s+(trước|vừa qua|vừa rồi|qua|tới|tiếp theo|sau|nữa))?${R}`),
    starts: { words: [...D.numbers.keys(), 'vài', 'mấy'], digit: true },
    make(m, ctx) {
      const [whole, n, unit, rel] = m;
      const count = num(n);
      const after = ctx.text.slice(m.index + whole.length, m.index + whole.length + 6);
      const duration = { ...span(m), value: '', anchored: false, relative: false, duration: true };
      if (!rel || Number.isNaN(count) || /^\s+(khi|đó|này)/u.test(after) || !ctx.anchor) return duration;
      const a = ctx.anchor;
      const u = unit.toLowerCase();
      const r = rel.toLowerCase();
      if (r === 'trước') {
        if (u === 'năm') return { ...span(m), value: String(a.y - count), anchored: true, relative: true };
        if (u === 'tháng') {
          const t = addMonths(a.y, a.m, -count);
          return { ...span(m), value: monthValue(t.y, t.m), anchored: true, relative: true };
        }
        if (u === 'tuần') return { ...span(m), value: weekValue(addDays(a, -7 * count)), anchored: true, relative: true };
        return { ...span(m), value: dayValue(addDays(a, -count)), anchored: true, relative: true };
      }
      if (r === 'sau' || r === 'nữa') return duration;
      const past = /qua|rồi/.test(r);
      if (u === 'ngày') {
        const s = past ? addDays(a, -count) : addDays(a, 1);
        return { ...span(m), value: dayValue(s), endValue: dayValue(addDays(s, count)), anchored: true, relative: true };
      }
      if (u === 'tuần') {
        const s = past ? addDays(a, -7 * count) : addDays(a, 7);
        return { ...span(m), value: weekValue(s), endValue: weekValue(addDays(s, 7 * count)), anchored: true, relative: true };
      }
      if (u === 'tháng') {
        const s = addMonths(a.y, a.m, past ? -count : 1);
        const e = addMonths(s.y, s.m, count);
        return { ...span(m), value: monthValue(s.y, s.m), endValue: monthValue(e.y, e.m), anchored: true, relative: true };
      }
      const s = past ? a.y - count : a.y + 1;
      return { ...span(m), value: String(s), endValue: String(s + count), anchored: true, relative: true };
    },
  },
  // ngày đầu tiên của tháng ba; tuần đầu tiên của tháng 9 năm 2017
  {
    re: re(`${L}(ngày|tuần)\\s+đầu\\s+tiên\\s+của\\s+tháng\\s+(\\d{1,2}|${MONTH_WORD})(?:\\s+năm\\s+(\\d{4}))?${R}`),
    starts: { words: ['ngày', 'tuần'] },
    make(m, ctx) {
      const [, unit, mm, yy] = m;
      const mo = monthNum(mm);
      const y = yy ? +yy : inferMonthYear(ctx.anchor, mo, 0);
      if (!(mo >= 1 && mo <= 12)) return undefined;
      if (unit.toLowerCase() === 'ngày') return { ...span(m), value: dayValue({ y, m: mo, d: 1 }), anchored: !yy, relative: false };
      if (y === undefined) return { ...span(m), value: monthValue(y, mo), anchored: true, relative: false };
      const first = { y, m: mo, d: 1 };
      const monday = addDays(first, (8 - weekday(first)) % 7);
      return { ...span(m), value: weekValue(monday), anchored: !yy, relative: false };
    },
  },
  // mùa hè này, mùa đông năm ngoái, mùa xuân 2019 (TIMEX3 2019-SU; winter belongs to the year it starts in)
  {
    re: re(`${L}mùa\\s+(${alt(D.seasons.keys())})(?:\\s+(?:(năm)\\s+)?(này|nay|ngoái|trước|tới|sau|\\d{4}))?${R}`),
    starts: { words: ['mùa'] },
    make(m, ctx) {
      const [, name, , which] = m;
      const [code] = D.seasons.get(name.toLowerCase())!;
      let y: number | undefined;
      if (which && /^\d{4}$/.test(which)) y = +which;
      else if (ctx.anchor) {
        y = ctx.anchor.y + (which ? relDirection(which) : 0);
        if (code === 'WI' && ctx.anchor.m <= 3 && (!which || relDirection(which) === 0)) y -= 1;
      }
      return { ...span(m), value: `${y ?? 'XXXX'}-${code}`, anchored: !(which && /^\d{4}$/.test(which)), relative: !!which && !/^\d{4}$/.test(which) };
    },
  },
  // giáng sinh, quốc khánh
  {
    re: re(`${L}(${alt(D.holidays.keys())})${R}`),
    starts: { words: [...D.holidays.keys()] },
    make(m, ctx) {
      const [md1, md2] = D.holidays.get(m[1].toLowerCase().replace(/\s+/g, ' '))!;
      const y = ctx.anchor?.y;
      return { ...span(m), value: dayValue({ y, m: md1, d: md2 }), anchored: true, relative: false };
    },
  },
];

const findStarts = startFinder(PATTERNS.map((p) => p.starts));
