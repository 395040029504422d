/**
 * Facts an article states that another article may state differently: figures (a number with what
 * it counts: "66 người thiệt mạng", "500 triệu USD", "59 tuổi") and days ("ngày 25/4"), each with
 * the words around it, which say what it is about. Offsets are UTF-16 units of the original text.
 */
import type { DateMention } from '../types';
import facts from '../lang/vi/facts.json';
import { quoteFacts, type Person } from './quotes';
import { endsSentence } from './sentenceEnd';

export type Bound = 'exact' | 'approx' | 'min' | 'max';

export interface Fact {
  kind: 'figure' | 'date' | 'attribution';
  start: number;
  end: number;
  /** The value as written ("85", "30.000", "26/4"). */
  text: string;
  /** What is counted ("người chết", "usd", "tuổi"), or "day" for a date. */
  about: string;
  /** A number (figures) or a day as YYYY-MM-DD (dates). */
  value: number | string;
  bound: Bound;
  /** The text says the value changed ("tăng lên 85 người"). */
  update: boolean;
  /** Content words around the value, lower case; a capitalised one (a name) is marked with "^". */
  context: string[];
  /** For an age, the name right before it ("Lê Văn Tưởng, 41 tuổi"): whose age it is. */
  owner?: string;
  /** Values of the same kind in the same sentence: a list ("Indonesia (75%), Philippines (69%)…"). */
  listed?: boolean;
  /** For an attribution, the quote's first words as written. */
  quote?: string;
  /** The sentence tells of an earlier time ("Trước đó, …", "đợt trước"): compared only with facts of earlier times. */
  earlier?: boolean;
}

const WINDOW_BEFORE = 8;
const WINDOW_AFTER = 5;

const nouns = [...facts.countedNouns].sort((a, b) => b.length - a.length);
/** The counted nouns by their first character, longest first as in `nouns`. */
const nounsByFirst = new Map<string, string[]>();
for (const n of nouns) nounsByFirst.set(n[0], [...(nounsByFirst.get(n[0]) ?? []), n]);
const NONE: string[] = [];
const participles = Object.entries(facts.participles).sort((a, b) => b[0].length - a[0].length);
const multipliers = new Map(Object.entries(facts.multipliers));
const multiplierWords = [...multipliers.keys()];
const stop = new Set(facts.stopWords);
const stateNouns = new Set(facts.stateNouns);
const notCountedAfter = [...facts.notCountedAfter].sort((a, b) => b.length - a.length);
const updateWords = facts.updateWords;
const earlierWords = facts.earlierWords;
/** The flags a fact's sentence gives it. */
const told = (sentence: string): Pick<Fact, 'update' | 'earlier'> => ({
  update: updateWords.some((w) => sentence.includes(w)),
  ...(earlierWords.some((w) => sentence.includes(w)) ? { earlier: true } : {}),
});
const hedges: [Bound, string[]][] = [
  ['min', [...facts.hedges.min].sort((a, b) => b.length - a.length)],
  ['max', [...facts.hedges.max].sort((a, b) => b.length - a.length)],
  ['approx', [...facts.hedges.approx].sort((a, b) => b.length - a.length)],
];

/** A number as Vietnamese news writes it: "30.000" (thousands), "1,5" (decimal), "66", "2/3" left out. */
const NUMBER = /(?<![\p{L}\p{N}.,/:-])(\d{1,3}(?:\.\d{3})+|\d+,\d+|\d+(?:\.\d{1,2})?)(?![\p{L}\p{N}]|[.,/:]\d)/gu;
const WORD = /[\p{L}\p{M}]+/gu;
/** A number and a dash right before another number: it is a range's upper end. */
const RANGE_BEFORE = /(?<![\p{L}\p{N}.,/])\d+(?:[.,]\d+)*\s*[–—-]\s*$/u;

function parseNumber(s: string): number {
  if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  return Number(s.replace(',', '.'));
}

/** The longest of `words` that `text` starts with at `at`, as a whole word. */
function startsWith(text: string, at: number, words: readonly string[]): string | undefined {
  for (const w of words) {
    if (!text.startsWith(w, at)) continue;
    const next = text.charAt(at + w.length);
    if (!next || !/[\p{L}\p{M}\p{N}]/u.test(next) || w === '%') return w;
  }
  return undefined;
}

/** The last of `words` that `text` ends with before `at` (white space between), as a whole word. */
function endsWith(text: string, at: number, words: readonly string[]): string | undefined {
  const before = text.slice(Math.max(0, at - 40), at).trimEnd();
  for (const w of words) {
    if (!before.endsWith(w)) continue;
    const prev = before.charAt(before.length - w.length - 1);
    if (!prev || !/[\p{L}\p{M}\p{N}]/u.test(prev)) return w;
  }
  return undefined;
}

function contextOf(text: string, lower: string, from: number, to: number, lineStart: number, lineEnd: number): string[] {
  const before: string[] = [];
  const after: string[] = [];
  const take = (s: number, e: number, out: string[], max: number, fromEnd: boolean) => {
    const words = [...text.slice(s, e).matchAll(WORD)].map((m) => ({ raw: m[0], lower: lower.substr(s + m.index!, m[0].length) }));
    const list = fromEnd ? words.reverse() : words;
    for (const w of list) {
      if (out.length >= max) break;
      if (stop.has(w.lower) || w.lower.length < 2) continue;
      out.push(/^\p{Lu}/u.test(w.raw) ? `^${w.lower}` : w.lower);
    }
  };
  take(lineStart, from, before, WINDOW_BEFORE, true);
  take(to, lineEnd, after, WINDOW_AFTER, false);
  return [...new Set([...before, ...after])];
}

/** The span of the sentence-like stretch around an offset: up to a full stop or a line break (400 units either way at most). */
export function sentenceAround(text: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && !endsSentence(text, s - 1) && at - s < 400) s--;
  let e = at;
  while (e < text.length && !endsSentence(text, e) && e - at < 400) e++;
  return [s, e];
}

/** The sentence (or sentences) from `start` to `end`, on one line: how a fact is quoted in a report or a view. */
export function sentenceText(text: string, start: number, end = start): string {
  const [s] = sentenceAround(text, start);
  const [, e] = sentenceAround(text, end);
  return text
    .slice(s, e + 1)
    .replace(/\s+/g, ' ')
    .trim();
}

/** `persons` are who may speak; `names` every name that may be a person's, for a speaker's full name (the recogniser's persons and names of no kind yet). */
export function extractFacts(text: string, dates: readonly DateMention[] = [], persons: readonly Person[] = [], names: readonly Person[] = persons): Fact[] {
  const lower = text.toLowerCase();
  // Lower-casing that changes lengths would shift every offset: such a text has no facts here.
  if (lower.length !== text.length) return [];
  const out: Fact[] = [];
  const inDate = (s: number, e: number) => dates.some((d) => s < d.end && d.start < e);
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (inDate(start, end) || endsWith(lower, start, notCountedAfter)) continue;
    let value = parseNumber(m[0]);
    if (!Number.isFinite(value)) continue;
    let at = end;
    const gap = () => {
      while (lower[at] === ' ') at++;
    };
    gap();
    const mult = startsWith(lower, at, multiplierWords);
    if (mult) {
      value *= multipliers.get(mult)!;
      at += mult.length;
      gap();
    }
    let noun = startsWith(lower, at, nounsByFirst.get(lower[at]) ?? NONE);
    if (!noun) continue;
    at += noun.length;
    const nounEnd = at;
    gap();
    const part = participles.find(([w]) => startsWith(lower, at, [w]));
    if (part && stateNouns.has(noun)) {
      noun = `${noun === 'ca' || noun === 'trường hợp' ? 'ca' : 'người'} ${part[1]}`;
      at += part[0].length;
    } else at = nounEnd;
    let bound: Bound = 'exact';
    // The upper end of a range ("3 – 5 năm", "8-10 triệu"): at most that.
    if (RANGE_BEFORE.test(text.slice(Math.max(0, start - 16), start))) bound = 'max';
    else
      for (const [b, words] of hedges)
        if (endsWith(lower, start, words)) {
          bound = b;
          break;
        }
    const [ls, le] = sentenceAround(text, start);
    const sentence = lower.slice(ls, le);
    const context = contextOf(text, lower, start, at, ls, le);
    const owner =
      noun === 'tuổi' ? /(\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*)[\s,(]*$/u.exec(text.slice(Math.max(ls, start - 60), start))?.[1] : undefined;
    out.push({
      kind: 'figure',
      start,
      end,
      text: m[0],
      about: noun,
      value,
      bound,
      ...told(sentence),
      context,
      ...(owner ? { owner: owner.toLowerCase() } : {}),
    });
  }
  for (const d of dates) {
    if (d.relative || !/^\d{4}-\d{2}-\d{2}/.test(d.value)) continue;
    const [ls, le] = sentenceAround(text, d.start);
    const sentence = lower.slice(ls, le);
    out.push({
      kind: 'date',
      start: d.start,
      end: d.end,
      text: d.text,
      about: 'day',
      value: d.value.slice(0, 10),
      bound: 'exact',
      ...told(sentence),
      context: contextOf(text, lower, d.start, d.end, ls, le),
    });
  }
  // Three values or more of one kind in one sentence make a list, whose items pair up by position, not by words.
  const keys = out.map((f) => `${sentenceAround(text, f.start)[0]}\u0000${f.about}`);
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  out.forEach((f, i) => {
    if (counts.get(keys[i])! >= 3) f.listed = true;
  });
  out.push(...quoteFacts(text, persons, names));
  return out.sort((a, b) => a.start - b.start);
}
