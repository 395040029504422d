/**
 * Direct quotes with their speakers, as facts: two articles that give the same words to different
 * persons disagree on who said them. Offsets are UTF-16 units of the original text.
 */
import type { Span } from '../types';
import facts from '../lang/vi/facts.json';
import cues from '../lang/vi/cues.json';
import type { Fact } from './extract';
import { endsSentence } from './sentenceEnd';

/** A person the article names, where it names them (the recogniser's candidates of kind person). */
export interface Person extends Span {
  text: string;
}

/** Content words a quote must have to be compared (a short quote, "“rất tốt”", is said by many), and how many are kept. */
const MIN_WORDS = 6;
const MAX_WORDS = 30;
/** How far from the quote its speaker may be named, within the sentence ("”, ông X nói" or "Ông X nói: “"). */
const AFTER = 80;
const BEFORE = 120;
/** Words of the quote kept as written, to say which quote it is. */
const EXCERPT_WORDS = 8;

const QUOTE = /“([^”\n]{20,1500})”|"([^"\n]{20,1500})"|«([^»\n]{20,1500})»/g;
const WORD = /[\p{L}\p{M}]+/gu;
const stop = new Set(facts.stopWords);
/** The verbs that say who spoke, longest first. */
const verbs = [...new Set([...cues.attribution, ...cues.attributionMore, ...cues.contentCues.cues, ...facts.quoteVerbs])].sort((a, b) => b.length - a.length);
const auxiliaries = new Set(facts.quoteAuxiliaries);
/** An apposition after the name ("ông X, Bộ trưởng Y, cho biết", "ông X (45 tuổi) nói"). */
const APPOSITION = /^\s*(?:,[^,“”"«»\n]{1,80},|\([^()“”"«»\n]{1,60}\))/u;
/** Between a closing mark and the speaker's name: a comma or dash and the speaker's titles ("”, Bộ trưởng Ngoại giao Nga "). */
const BEFORE_NAME = /^[\s,.–—-]*(?:[\p{L}\p{M}.-]+\s+){0,5}$/u;
/** Between the verb and the opening mark: a few words ("nói với phóng viên", "cho biết thêm") and a colon or "rằng". */
const BEFORE_QUOTE = /^[^“”"«»\n.!?]{0,60}$/u;

/** Where a speech verb right after a name ends ("ông X cũng nói", "ông X, Bộ trưởng Y, cho biết"), or -1. */
function verbAfter(lower: string, at: number): number {
  const app = APPOSITION.exec(lower.slice(at, at + 90));
  let i = at + (app ? app[0].length : 0);
  for (let n = 0; n < 3; n++) {
    while (lower[i] === ' ') i++;
    const verb = verbs.find((v) => lower.startsWith(v, i) && !/[\p{L}\p{M}]/u.test(lower.charAt(i + v.length)));
    if (verb) return i + verb.length;
    const word = /^[\p{L}\p{M}]+/u.exec(lower.slice(i, i + 12))?.[0];
    if (!word || !auxiliaries.has(word)) return -1;
    i += word.length;
  }
  return -1;
}

/** The end of the sentence a quote is in, or the start of it: a full stop, "!", "?" or a line break outside the quote. */
function sentenceEnd(text: string, from: number, limit: number): number {
  let e = from;
  while (e < text.length && e - from < limit && !endsSentence(text, e)) e++;
  return e;
}

function sentenceStart(text: string, to: number, limit: number): number {
  let s = to;
  while (s > 0 && to - s < limit && !endsSentence(text, s - 1)) s--;
  return s;
}

/**
 * The quotes of ≥ 6 content words whose speaker the sentence names with a speech verb: the first
 * person after the closing mark ("“…”, ông X nói"), else the last one before the opening mark ("Ông
 * X nói: “…”"). The fact's span is the speaker's name, its value the fullest of `names` that
 * contains it (in lower case), its context the quote's content words.
 */
export function quoteFacts(text: string, persons: readonly Person[], names: readonly Person[] = persons): Fact[] {
  if (!persons.length) return [];
  const lower = text.toLowerCase();
  const out: Fact[] = [];
  const sorted = [...persons].sort((a, b) => a.start - b.start);
  for (const m of text.matchAll(QUOTE)) {
    const qs = m.index!;
    const qe = qs + m[0].length;
    const body = m[1] ?? m[2] ?? m[3];
    const words = [...body.matchAll(WORD)].map((w) => w[0]);
    const content = words.map((w) => w.toLowerCase()).filter((w) => w.length >= 2 && !stop.has(w));
    if (content.length < MIN_WORDS) continue;
    const after = sentenceEnd(text, qe, AFTER);
    const before = sentenceStart(text, qs, BEFORE);
    // "“…”, ông X nói": the first person after the quote, with only titles between, and a verb after the name.
    const next = sorted.find((p) => p.start >= qe && p.end <= after);
    const afterSpeaker = next && BEFORE_NAME.test(text.slice(qe, next.start)) && verbAfter(lower, next.end) >= 0 ? next : undefined;
    // "Ông X nói: “…”": the last person before it, a verb after the name, and only a few words to the quote.
    let last: Person | undefined;
    if (!afterSpeaker) for (let i = sorted.length - 1; i >= 0 && !last; i--) if (sorted[i].end <= qs && sorted[i].start >= before) last = sorted[i];
    const verbEnd = last ? verbAfter(lower, last.end) : -1;
    const speaker = afterSpeaker ?? (last && verbEnd >= 0 && verbEnd <= qs && BEFORE_QUOTE.test(text.slice(verbEnd, qs)) ? last : undefined);
    if (!speaker) continue;
    out.push({
      kind: 'attribution',
      start: speaker.start,
      end: speaker.end,
      text: speaker.text,
      about: 'quote',
      value: fullName(speaker.text, names),
      bound: 'exact',
      update: false,
      context: [...new Set(content)].slice(0, MAX_WORDS),
      quote: words.length > EXCERPT_WORDS ? `${words.slice(0, EXCERPT_WORDS).join(' ')}…` : words.join(' '),
    });
  }
  return out;
}

/** A name's words in lower case, hyphens as spaces ("Ko Yong-suk" → ko, yong, suk). */
const nameWords = (name: string): string[] =>
  name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);

/**
 * The speaker by the fullest name the article gives them: "bà Suk" is "ko yong suk" where the article
 * names Ko Yong Suk, so that a report calling her "bà Ko" agrees with it. A short name that is part of
 * two different full names ("An" of Nguyễn Văn An and Trần Văn An) stays as written.
 */
export function fullName(speaker: string, persons: readonly Person[]): string {
  const words = nameWords(speaker);
  const contains = (long: string[]) => long.some((_, i) => words.every((w, k) => long[i + k] === w));
  const fuller = [...new Set(persons.map((p) => nameWords(p.text).join(' ')))].map((n) => n.split(' ')).filter((n) => n.length > words.length && contains(n));
  const longest = fuller.sort((a, b) => b.length - a.length)[0];
  const one = longest && fuller.every((n) => n.every((w) => longest.includes(w)));
  return (one ? longest : words).join(' ');
}

/**
 * Whether two speakers' names may be one person: the same last word ("Putin" and "Vladimir Putin",
 * "Phúc" and "Nguyễn Xuân Phúc", "Thu Thủy" and "Nguyễn Thị Thủy"), or one the first words of the
 * other ("Kim" and "Kim Jong-un"); "Kim Jong-un" and "Kim Yo-jong" are two.
 */
export function sameSpeaker(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  // A Vietnamese name is said by its last word, with or without the middle ones ("Thu Thủy", "Nguyễn Thị Thủy").
  if (x[x.length - 1] === y[y.length - 1]) return true;
  return short.every((w, i) => w === long[i]);
}
