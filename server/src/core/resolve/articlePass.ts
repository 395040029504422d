/**
 * The collection pass for one article, given what the collection knows: names found again in
 * lower case or misspelt, kinds settled by the collection's votes, and the article's final
 * mentions. Pure functions of the article and a read-only view of the collection's aggregates.
 */
import type { EntityKind, EntityMention } from '../types';
import type { Candidate } from '../entities/recognize';
import type { Token } from '../text/tokens';
import { foldKey, nameKey } from '../text/normalize';
import { lang, phraseKey } from '../lang/knowledge';
import { editDistance } from './distance';
import { memoize } from '../text/memo';
import { isVietnameseSyllable } from '../text/syllable';
import type { KnownName } from './knownNames';
import { voteKey, type Verdict } from './kindVotes';

export interface CollectionView {
  known(key: string): KnownName | undefined;
  /**
   * False for a key's hash (hash32) that no known name has, when the view can say so: the key's
   * string is then never built nor looked up (most phrases of an article name nothing known).
   */
  mayBeKnown?(hash: number): boolean;
  foreignSingles(first: string): Iterable<[string, KnownName]>;
  verdict(voteKey: string): Verdict;
  /** A word of some foreign person's full name somewhere in the collection. */
  personWord(word: string): boolean;
}

export interface ArticleInput {
  candidates: Candidate[];
  tokens: Token[];
  text: string;
  blocked: { start: number; end: number }[];
}

const LOCATION_PREPOSITIONS = new Set(['tại', 'ở', 'đến', 'tới', 'từ', 'sang', 'về', 'khỏi', 'rời', 'thăm']);
const SPACES = /^[ \t\u00a0]+$/;

/** Words of a name as short forms are matched: without accents for foreign words, with them for Vietnamese ("Vân" is not "Văn"). */
export const nameWords = memoize((text: string): string[] => {
  const plain = nameKey(text).split(' ');
  return foldKey(text)
    .split(' ')
    .map((w, i) => (isVietnameseSyllable(w) && plain[i] !== w ? plain[i] : w));
});

/** Some word is not Vietnamese, or syllables are joined by hyphens ("Son-hui"): a foreign name. */
export const looksForeign = memoize(
  (text: string): boolean =>
    /\p{L}-\p{L}/u.test(text) ||
    foldKey(text)
      .split(' ')
      .some((w) => !isVietnameseSyllable(w)),
);

/** Finds known names again in lower case ("reuters", "Kim jong-un") or misspelt ("reuter"). */
export function refind(d: ArticleInput, view: CollectionView): Candidate[] {
  const { tokens, text } = d;
  const originals = d.candidates;
  // Candidates a name found again replaces, and the names found again (which never overlap a later one).
  const removed = new Uint8Array(originals.length);
  const added: Candidate[] = [];
  const overlapping = overlapFinder(originals);
  // Which tokens a candidate or a date already covers (candidates and dates are few and sorted).
  const taken = new Uint8Array(tokens.length);
  const mark = (spans: readonly { start: number; end: number }[], value: number) => {
    let k = 0;
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    for (const sp of sorted) {
      while (k < tokens.length && tokens[k].end <= sp.start) k++;
      for (let j = k; j < tokens.length && tokens[j].start < sp.end; j++) taken[j] |= value;
    }
  };
  mark(d.blocked, 2);
  mark(d.candidates, 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.number || taken[i] & 2) continue;
    // Only a capitalised or foreign word can start a name found again.
    if (!t.cap && !t.foreign) continue;
    let match: { n: number; kind: EntityKind; id?: string } | undefined;
    let h = FNV_START;
    for (let n = 1; n <= 5 && i + n <= tokens.length; n++) {
      const u = tokens[i + n - 1];
      if (n > 1 && !SPACES.test(text.slice(tokens[i + n - 2].end, u.start))) break;
      h = hashOn(n === 1 ? h : hashOn(h, ' '), u.lower);
      if (view.mayBeKnown && !view.mayBeKnown(h | 0)) continue;
      const k = view.known(phraseOf(tokens, i, n));
      if (k && (n > 1 ? t.cap || t.foreign : t.foreign)) match = { n, kind: k.kind, id: k.id };
    }
    if (!match && t.foreign && !t.cap && t.lower.length >= 5 && !taken[i]) {
      const near: KnownName[] = [];
      for (const [k, v] of view.foreignSingles(t.lower[0])) if (Math.abs(k.length - t.lower.length) <= 1 && editDistance(k, t.lower) === 1) near.push(v);
      if (near.length === 1) match = { n: 1, kind: near[0].kind, id: near[0].id };
    }
    if (!match) continue;
    const start = t.start;
    const end = tokens[i + match.n - 1].end;
    let anyTaken = false;
    for (let j = i; j < i + match.n; j++) anyTaken ||= taken[j] === 1;
    // The candidates still there that overlap the name, in their order (a removed one lies before the name).
    const inside = anyTaken ? overlapping(start, end).filter((k) => !removed[k]) : [];
    // A longer name, or the same span already typed, stays; an untyped one of the same span is replaced.
    if (
      inside.some(
        (k) =>
          originals[k].start < start ||
          originals[k].end > end ||
          (originals[k].end - originals[k].start >= end - start && originals[k].kind && originals[k].strength >= 2),
      )
    )
      continue;
    for (const k of inside) removed[k] = 1;
    for (let j = i; j < i + match.n; j++) taken[j] |= 1;
    added.push({
      start,
      end,
      text: text.slice(start, end),
      kind: match.kind,
      strength: 2,
      origin: 'collection',
      id: match.id,
      tokenCount: match.n,
      initial: false,
      foreign: tokens.slice(i, i + match.n).every((x) => x.foreign),
      title: inside.length ? originals[inside[0]].title : undefined,
      before: i > 0 ? tokens[i - 1].lower : undefined,
    });
    i += match.n - 1;
  }
  // The same order as removing from and appending to a copy of the candidates, then sorting.
  const out = originals.filter((_, k) => !removed[k]);
  for (const c of added) out.push(c);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The indexes, in order, of the spans overlapping [start, end): by binary search when the spans
 * are in text order, looking back no further than the longest span; by a scan otherwise.
 */
function overlapFinder(spans: readonly { start: number; end: number }[]): (start: number, end: number) => number[] {
  let sorted = true;
  let longest = 0;
  for (let k = 0; k < spans.length; k++) {
    if (k > 0 && spans[k].start < spans[k - 1].start) sorted = false;
    longest = Math.max(longest, spans[k].end - spans[k].start);
  }
  return (start, end) => {
    const out: number[] = [];
    if (!sorted) {
      spans.forEach((c, k) => {
        if (start < c.end && c.start < end) out.push(k);
      });
      return out;
    }
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && spans[k].start + longest > start; k--) if (start < spans[k].end) out.push(k);
    return out.reverse();
  };
}

/** One sense per collection: a name not in the gazetteer takes the kind most evidence gives it. */
export function decideKind(c: Candidate, view: CollectionView): EntityKind | undefined {
  if (c.strength >= 3 && c.kind) return c.kind;
  // A lone Vietnamese syllable ("Công") may be a name in one article and a word in the next: only local evidence counts.
  if (c.tokenCount === 1 && !c.foreign && c.strength < 2) return c.kind;
  const v = view.verdict(voteKey(c));
  if (v.best && (!c.kind || v.beats[c.kind])) return v.best;
  return c.kind;
}

/** Words of the article's foreign persons' full names: "Kim" alone there is Kim Jong-un's short form. */
export function personWords(found: readonly Candidate[], decided: readonly (EntityKind | undefined)[]): string[] {
  const words = new Set<string>();
  found.forEach((c, k) => {
    if (decided[k] !== 'person' || c.tokenCount < 2 || !looksForeign(c.text)) return;
    for (const w of nameWords(c.text)) words.add(w);
  });
  return [...words];
}

/** The article's mentions once every kind is settled; candidates that are no names are dropped. */
export function finalMentions(
  found: readonly Candidate[],
  decided: readonly (EntityKind | undefined)[],
  local: ReadonlySet<string>,
  view: CollectionView,
): EntityMention[] {
  const out: EntityMention[] = [];
  found.forEach((c, k) => {
    let kind = decided[k];
    // A word of a foreign person's name met alone ("Choe"); not a Vietnamese family name or word ("Hoàng gia", "Ban lãnh đạo").
    if (!kind && c.tokenCount === 1 && !c.initial) {
      const lone = nameWords(c.text)[0];
      const plainWord = lang.vietnameseSurnames.has(phraseKey(c.text)) || lang.commonWords.has(phraseKey(c.text));
      if (local.has(lone) || (view.personWord(lone) && (c.foreign || !plainWord))) kind = 'person';
    }
    // A sentence's first word alone, Vietnamese and unknown to the gazetteer, is a capitalised word.
    if (c.initial && c.tokenCount === 1 && !c.foreign && c.strength < 3 && !c.title) return;
    if (!kind) kind = fallbackKind(c, view);
    if (!kind) return;
    out.push({ start: c.start, end: c.end, text: c.text, kind, ...(c.title ? { title: c.title } : {}), origin: c.origin, ...(c.id ? { ref: c.id } : {}) });
  });
  return out;
}

function fallbackKind(c: Candidate, view: CollectionView): EntityKind | undefined {
  if (c.initial && c.tokenCount === 1 && !view.verdict(voteKey(c)).nonInitial) return undefined;
  // A lone capitalised Vietnamese word with no title, cue or echo elsewhere ("phương Tây") is no name.
  if (c.tokenCount === 1 && !c.foreign && !c.title) return undefined;
  if (c.tokenCount === 1 && c.before && LOCATION_PREPOSITIONS.has(c.before)) return 'location';
  if (c.before === 'tại' || c.before === 'ở') return 'location';
  // A lone foreign word needs some sign of what it is: a speech verb after it makes a speaker.
  if (c.tokenCount === 1 && !c.speaker) return undefined;
  // Vietnamese words in capitals with no title and no family name first ("Phòng Cảnh") are not a person.
  if (c.tokenCount >= 2 && !looksForeign(c.text) && !c.title && !lang.vietnameseSurnames.has(phraseKey(c.text).split(' ')[0])) return undefined;
  return 'person';
}

/** The lone words whose membership in the collection's person words decides this article's mentions. */
export function loneWords(found: readonly Candidate[]): string[] {
  const out = new Set<string>();
  for (const c of found) if (c.tokenCount === 1 && !c.initial) out.add(nameWords(c.text)[0]);
  return [...out];
}

/** 32-bit FNV-1a: the article fingerprints below only need to say "maybe" or "surely not". */
export function hash32(s: string): number {
  return hashOn(FNV_START, s) | 0;
}

const FNV_START = 0x811c9dc5;

/** FNV-1a carried on over more characters: hashOn(hashOn(FNV_START, a), b) is the hash of a + b. */
function hashOn(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export function sortedHashes(keys: Iterable<string>): Int32Array {
  const a = Int32Array.from(new Set([...keys].map(hash32)));
  return a.sort();
}

export function hasHash(a: Int32Array, h: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === h) return true;
    if (a[mid] < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Every phrase a known name could be found again as: one to five tokens from a capitalised or
 * foreign word, joined by spaces only. A newly known name is looked for again only where it may be.
 */
export function findablePhrases(tokens: readonly Token[], text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.number || (!t.cap && !t.foreign)) continue;
    let key = '';
    for (let n = 1; n <= 5 && i + n <= tokens.length; n++) {
      const u = tokens[i + n - 1];
      if (n > 1 && !SPACES.test(text.slice(tokens[i + n - 2].end, u.start))) break;
      key = n === 1 ? u.lower : `${key} ${u.lower}`;
      out.push(key);
    }
  }
  return out;
}

/** The lower-case words of n tokens from i, joined by spaces. */
function phraseOf(tokens: readonly Token[], i: number, n: number): string {
  let key = tokens[i].lower;
  for (let j = i + 1; j < i + n; j++) key += ` ${tokens[j].lower}`;
  return key;
}

/** sortedHashes(findablePhrases(tokens, text)), each phrase's hash carried on from the one before instead of its string built. */
export function findableHashes(tokens: readonly Token[], text: string): Int32Array {
  const out = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.number || (!t.cap && !t.foreign)) continue;
    let h = FNV_START;
    for (let n = 1; n <= 5 && i + n <= tokens.length; n++) {
      const u = tokens[i + n - 1];
      if (n > 1 && !SPACES.test(text.slice(tokens[i + n - 2].end, u.start))) break;
      h = hashOn(n === 1 ? h : hashOn(h, ' '), u.lower);
      out.add(h | 0);
    }
  }
  return Int32Array.from(out).sort();
}

/** Lower-case foreign words that a misspelt known name could be ("reuter"). */
export function misspellable(tokens: readonly Token[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) if (t.foreign && !t.cap && !t.number && t.lower.length >= 5) out.add(t.lower);
  return [...out];
}
