/** Calendar arithmetic on plain (year, month, day) triples in the proleptic Gregorian calendar, UTC. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseYmd(s: string | undefined): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!m) return undefined;
  const v = { y: +m[1], m: +m[2], d: +m[3] };
  return isValid(v) ? v : undefined;
}

export function isValid(v: Ymd): boolean {
  return v.m >= 1 && v.m <= 12 && v.d >= 1 && v.d <= daysInMonth(v.y, v.m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toDate(v: Ymd): Date {
  return new Date(Date.UTC(v.y, v.m - 1, v.d));
}

function fromDate(d: Date): Ymd {
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

export function addDays(v: Ymd, n: number): Ymd {
  const d = toDate(v);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** Days from a to b. */
export function diffDays(a: Ymd, b: Ymd): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86400000);
}

/** ISO weekday, Monday 1 … Sunday 7. */
export function weekday(v: Ymd): number {
  return ((toDate(v).getUTCDay() + 6) % 7) + 1;
}

export function isoWeek(v: Ymd): { y: number; w: number } {
  const thursday = addDays(v, 4 - weekday(v));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  return { y: thursday.y, w: Math.floor(diffDays(jan1, thursday) / 7) + 1 };
}

/** Monday of an ISO week. */
export function mondayOfWeek(y: number, w: number): Ymd {
  const jan4 = { y, m: 1, d: 4 };
  return addDays(jan4, (w - 1) * 7 - (weekday(jan4) - 1));
}

const pad = (n: number, k = 2) => String(n).padStart(k, '0');

export function dayValue(v: { y?: number; m: number; d: number }): string {
  return `${v.y === undefined ? 'XXXX' : pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}
export function monthValue(y: number | undefined, m: number): string {
  return `${y === undefined ? 'XXXX' : pad(y, 4)}-${pad(m)}`;
}
export function weekValue(v: Ymd): string {
  const w = isoWeek(v);
  return `${pad(w.y, 4)}-W${pad(w.w)}`;
}
export function ymdString(v: Ymd): string {
  return dayValue(v);
}

const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PARTS: Record<string, string> = { MO: 'morning', MD: 'midday', AF: 'afternoon', EV: 'evening', NI: 'night' };

/** "Wednesday 24 April 2019 (morning)", "April 2019", "week 16 of 2019" for a TIMEX3 value. */
export function describeValue(value: string): string {
  const [date, part] = value.split('T');
  let m: RegExpExecArray | null;
  let out = value;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date))) {
    const v = { y: +m[1], m: +m[2], d: +m[3] };
    out = `${WEEKDAYS_EN[weekday(v) - 1]} ${v.d} ${MONTHS_EN[v.m - 1]} ${v.y}`;
  } else if ((m = /^XXXX-(\d{2})-(\d{2})$/.exec(date))) out = `${+m[2]} ${MONTHS_EN[+m[1] - 1]}, year unknown`;
  else if ((m = /^(\d{4})-(\d{2})$/.exec(date))) out = `${MONTHS_EN[+m[2] - 1]} ${m[1]}`;
  else if ((m = /^XXXX-(\d{2})$/.exec(date))) out = `${MONTHS_EN[+m[1] - 1]}, year unknown`;
  else if ((m = /^(\d{4})-W(\d{2})$/.exec(date))) {
    const mon = mondayOfWeek(+m[1], +m[2]);
    out = `week ${+m[2]} of ${m[1]} (from Monday ${mon.d} ${MONTHS_EN[mon.m - 1]})`;
  } else if ((m = /^(\d{4})-Q(\d)$/.exec(date))) out = `quarter ${m[2]} of ${m[1]}`;
  else if ((m = /^(\d{4})$/.exec(date))) out = `the year ${m[1]}`;
  else if ((m = /^(\d{3})$/.exec(date))) out = `the ${m[1]}0s`;
  else if ((m = /^(\d{4}|XXXX)-(SP|SU|FA|WI)$/.exec(date)))
    out = `${({ SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' } as Record<string, string>)[m[2]]} ${m[1] === 'XXXX' ? '(year unknown)' : m[1]}`;
  return part ? `${out} (${PARTS[part] ?? part})` : out;
}

/** The first day a TIMEX3 value covers, as YYYY-MM-DD, when it is fully known. */
export function valueStart(value: string): string | undefined {
  const date = value.split('T')[0];
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  if ((m = /^(\d{4})-(\d{2})$/.exec(date))) return `${m[1]}-${m[2]}-01`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(date))) return ymdString(mondayOfWeek(+m[1], +m[2]));
  if ((m = /^(\d{4})-Q(\d)$/.exec(date))) return `${m[1]}-${pad((+m[2] - 1) * 3 + 1)}-01`;
  if ((m = /^(\d{4})$/.exec(date))) return `${m[1]}-01-01`;
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(date))) return `${m[1]}-${SEASON_START[m[2]]}`;
  return undefined;
}

/** Where the seasons begin (northern hemisphere, as Duckling counts them). */
const SEASON_START: Record<string, string> = { SP: '03-20', SU: '06-21', FA: '09-23', WI: '12-21' };
const SEASON_END: Record<string, string> = { SP: '06-21', SU: '09-24', FA: '12-21', WI: '03-21' };

/** The exclusive end of a season value, as YYYY-MM-DD. */
export function seasonEnd(value: string): string | undefined {
  const m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  return m ? `${m[2] === 'WI' ? +m[1] + 1 : m[1]}-${SEASON_END[m[2]]}` : undefined;
}
