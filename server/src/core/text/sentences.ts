/**
 * Sentence splitting for news text as crawlers leave it: sentences wrapped over line breaks,
 * numbers and abbreviations with dots, quotes spanning sentences, captions glued to the text.
 * Works on normalised text; offsets are into that text.
 */
import type { Sentence, Span } from '../types';
import { lang } from '../lang/knowledge';

const ABBREVIATIONS = /(?:^|[\s(])(?:TP|Mr|Mrs|Ms|Dr|St|Th\.S|TS|PGS|GS|ThS|Tp|tp|Co|Inc|Ltd|Jr|Sr|No|U\.S|v\.v|vs|P|Q|ĐT|St)\.$/u;
const OPENERS = `"“‘'(«[`;
/** The start of a list's item: "Bước 1:", "1.", "a)", "ii)", "-", "+", "•". */
export const LIST_ITEM = /^(?:bước\s+\d+\s*[:.]|\d{1,2}[.)]\s|[a-z]\)\s|[ivx]{1,4}\)\s|[-+•*–]\s)/iu;
const CLOSERS = `"”’')»]`;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = skipSpace(text, 0);
  let i = start;
  const push = (end: number) => {
    let e = end;
    while (e > start && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > start) out.push({ start, end: e });
    start = skipSpace(text, end);
  };
  // What lineContinues has read of the current sentence, so that no line break rereads it.
  const read: Reading = { start: -1, scanned: 0, runs: 0, comma: false, lastNonSpace: -1, nextAt: -1 };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (lineContinues(text, start, i, read)) {
        i++;
        continue;
      }
      push(i);
      i = start;
      continue;
    }
    if (isStop(c)) {
      let j = i + 1;
      while (j < text.length && isStop(text.charCodeAt(j))) j++;
      while (j < text.length && CLOSERS.includes(text[j])) j++;
      // "1. Nguyễn Văn A": a list's number at the start of a sentence is no sentence of its own.
      if (c === 0x2e && j === i + 1 && (isAbbreviationOrNumber(text, i) || /^\d{1,2}$/.test(text.slice(start, i)))) {
        i++;
        continue;
      }
      // A boundary needs white space and then something that can start a sentence.
      let k = j;
      while (k < text.length && isBlank(text.charCodeAt(k))) k++;
      if (k === j && k < text.length && text.charCodeAt(k) !== 0x0a) {
        i = j;
        continue;
      }
      const next = text[k];
      if (k >= text.length || next === '\n' || /[\p{Lu}\d]/u.test(next) || OPENERS.includes(next) || next === '-' || next === '–') {
        push(j);
        i = start;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  if (start < text.length) push(text.length);
  const sentences: Sentence[] = [];
  for (const s of out) for (const part of splitCaptionCredit(text, s)) for (const p of splitLostStops(text, part)) sentences.push(p);
  return sentences;
}

/**
 * A crawler that lost a full stop leaves "…kéo dài ba giờ Theo đó, …": a word that only starts a
 * sentence, capitalised right after a lower-case word, starts a new one.
 */
const LOST_STOP = new RegExp(` (?:${lang.sentenceStarters.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`, 'gu');
function splitLostStops(text: string, s: Sentence): Sentence[] {
  if (s.nonClaim) return [s];
  const body = text.slice(s.start, s.end);
  const cuts: number[] = [];
  // The quotes before each match, counted on from the previous match instead of from the sentence start.
  let counted = 0;
  let quotes = 0;
  for (const m of body.matchAll(LOST_STOP)) {
    const at = m.index!;
    for (; counted < at; counted++) {
      const q = body.charCodeAt(counted);
      if (q === 0x22 || q === 0x201c || q === 0x201d) quotes++;
    }
    // The word before must be a lower-case one: "kéo dài ba giờ Theo đó", not "Hai Bà".
    if (!/(?:^|\s)\p{Ll}[\p{L}\p{M}]*$/u.test(body.slice(Math.max(0, at - 30), at))) continue;
    // Inside quotes a capital may be anything.
    if (quotes % 2 === 1) continue;
    if (at > 20 && body.length - at > 20) cuts.push(s.start + at + 1);
  }
  if (!cuts.length) return [s];
  const parts: Sentence[] = [];
  let from = s.start;
  for (const c of cuts) {
    parts.push({ start: from, end: c - 1 });
    from = c;
  }
  parts.push({ start: from, end: s.end });
  return parts;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** . ! ? … */
function isStop(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

/** Space, tab, no-break space. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

/** What /\s/ matches, for one UTF-16 code unit: tested on codes, so that no character is copied into a string. */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isAbbreviationOrNumber(text: string, dot: number): boolean {
  const before = text.slice(Math.max(0, dot - 8), dot + 1);
  if (ABBREVIATIONS.test(before)) return true;
  // A single capital letter before the dot is an initial ("D. Trump").
  if (/(?:^|\s)\p{Lu}\.$/u.test(before)) return true;
  return isDigitCode(text.charCodeAt(dot - 1)) && isDigitCode(text.charCodeAt(dot + 1));
}

/**
 * What lineContinues has read of a sentence (from `start`) up to `scanned`: the white-space runs
 * and whether a comma was seen (the sentence's word count and commas), the last character that is
 * not white space, and the first one after the last line break looked at.
 */
interface Reading {
  start: number;
  scanned: number;
  runs: number;
  comma: boolean;
  lastNonSpace: number;
  nextAt: number;
}

/**
 * A line that stops on a title, a preposition or a comma goes on in the next line. `line` is the
 * sentence so far, from `start` to the line break at `nl` without its trailing white space; what
 * was read of it for an earlier line break is not read again.
 */
function lineContinues(text: string, start: number, nl: number, read: Reading): boolean {
  if (read.start !== start || read.scanned > nl) Object.assign(read, { start, scanned: start, runs: 0, comma: false, lastNonSpace: start - 1, nextAt: -1 });
  for (let k = read.scanned; k < nl; k++) {
    const ch = text.charCodeAt(k);
    if (isSpaceCode(ch)) {
      if (k > start && !isSpaceCode(text.charCodeAt(k - 1))) read.runs++;
    } else {
      read.lastNonSpace = k;
      if (ch === 0x2c) read.comma = true;
    }
  }
  read.scanned = nl;
  // line = text.slice(start, nl).trimEnd()
  const end = read.lastNonSpace + 1;
  if (end <= start) return false;
  // Only the first character of the next line matters: no need to copy the rest of the text.
  const nextAt = read.nextAt > nl ? read.nextAt : (read.nextAt = skipSpace(text, nl + 1));
  if (nextAt >= text.length) return false;
  const last = text[end - 1];
  // "… gồm 4 bước:⏎Bước 1: …;⏎Bước 2: …", "…:⏎- …": the items of a list are sentences of their own.
  if (',;:'.includes(last) && !creditColon(text, start, end)) return !(last !== ',' && LIST_ITEM.test(text.slice(nextAt, nextAt + 12)));
  const wordStart = lettersBefore(text, end, start);
  const lastWord = text.slice(wordStart, end).toLowerCase();
  if (!lastWord) return false;
  if (/^\p{Ll}/u.test(text.slice(nextAt, nextAt + 2)) && !'.!?…"”'.includes(last)) return true;
  const lastTwo = lastTwoWords(text, start, end, wordStart).toLowerCase().replace(/\s+/g, ' ');
  // A line that ends on a title ("Chủ tịch") goes on with the name, unless it is a short heading.
  // line.split(/\s+/).length is one more than the white-space runs inside the trimmed line.
  const runs = read.runs - (end < nl ? 1 : 0);
  const long = runs + 1 > 12 || read.comma;
  return lang.notSentenceEnd.has(lastWord) || (long && (lang.titleWords.has(lastTwo) || lang.titleWords.has(lastWord)));
}

/** The line [start, end) ends in "Ảnh:" (/Ảnh\s*:$/iu), read back from its end only. */
function creditColon(text: string, start: number, end: number): boolean {
  if (text[end - 1] !== ':') return false;
  let k = end - 1;
  while (k > start && isSpaceCode(text.charCodeAt(k - 1))) k--;
  return k - 3 >= start && /^Ảnh$/iu.test(text.slice(k - 3, k));
}

/** Where the run of letters that ends at `end` begins, not before `min` (`end` itself when there is none). */
function lettersBefore(s: string, end: number, min = 0): number {
  let j = end;
  while (j > min) {
    const size = j > min + 1 && isTrail(s.charCodeAt(j - 1)) && isLead(s.charCodeAt(j - 2)) ? 2 : 1;
    if (!LETTER.test(s.slice(j - size, j))) break;
    j -= size;
  }
  return j;
}

/** The last two words of the line [start, end) ending in the word that begins at wordStart, with the white space between them, or ''. */
function lastTwoWords(text: string, start: number, end: number, wordStart: number): string {
  let gap = wordStart;
  while (gap > start && isSpaceCode(text.charCodeAt(gap - 1))) gap--;
  if (gap === wordStart) return '';
  const first = lettersBefore(text, gap, start);
  return first < gap ? text.slice(first, end) : '';
}

const LETTER = /^\p{L}$/u;
const isLead = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** "... Putin. Ảnh: KCNA" keeps the caption and its credit together; a credit glued before text is cut off. */
function splitCaptionCredit(text: string, s: Span): Sentence[] {
  const body = text.slice(s.start, s.end);
  const m = /^(Ảnh|Nguồn|Video|Clip)\s*:\s*[^\s]+(?:\s+[A-Z][\w.]*)*?\s+(?=\p{Lu}\p{Ll})/u.exec(body);
  if (m && m[0].length < body.length) {
    const cut = s.start + m[0].length;
    return [
      { start: s.start, end: cut - 1, nonClaim: 'credit' },
      { start: cut, end: s.end },
    ];
  }
  return [s];
}
