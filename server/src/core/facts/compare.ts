/**
 * Where articles disagree: facts of two articles about the same thing (the same kind of count, the
 * same words around it, articles that share entities) whose values the wording cannot reconcile.
 * Kept per article, so that an edit takes an article's facts out and puts the new ones in; the
 * comparison looks only at facts that share what they count and a context word.
 */
import type { Fact } from './extract';
import { sameSpeaker } from './quotes';
import { lowerBound } from '../sorted';

export interface FactSide {
  uri: string;
  fact: Fact;
}

export interface Conflict {
  kind: 'figure' | 'date' | 'attribution';
  /** What is counted ("người chết"), "day", or for an attribution the quote's first words. */
  about: string;
  a: FactSide;
  b: FactSide;
  /** The later article's wording (or its date) says the value changed. */
  update: boolean;
}

interface ArticleFacts {
  /** A number for the article, so that counting the articles it shares blocks with needs no strings. */
  id: number;
  facts: Fact[];
  /** The blocks the article is filed under (blockKeys). */
  keys: Int32Array;
  /** The facts by what they count: only facts of one kind of count are compared. */
  byAbout: Map<string, Fact[]>;
  /** Its entities' numbers, sorted. */
  entities: Int32Array;
  date?: string;
}

/** Context words two facts must share (a name counts twice), and the share of the shorter context they must be. */
const SAME_THING = 3;
const SAME_THING_SHARE = 0.6;
const GENERIC_SHARE = 0.8;
/** Two quotes are one when they share this many words and this share of the shorter quote's words. */
const SAME_QUOTE = 6;
const SAME_QUOTE_SHARE = 0.7;
/** Entities two articles must share to be about one event, and the share of all their entities (Jaccard) that is. */
const SAME_EVENT = 3;
const SAME_EVENT_SHARE = 0.2;
/** Blocks larger than this (a word every article has) say nothing about sameness and are skipped. */
const MAX_BLOCK = 40;
/** A number written with decimals ("837,9", "1.5"), which another article may round differently. */
const DECIMAL = /,\d|\.\d{1,2}$/;
/** "khoảng 30.000" allows this much either way. */
const APPROX = 0.1;

export class FactIndex {
  private articles = new Map<string, ArticleFacts>();
  /** Each article's conflicts as last computed; any change of facts empties it. */
  private cache = new Map<string, Conflict[]>();
  /** Facts by what they count and one context word: the only pairs compared. */
  private blocks = new Map<number, Set<number>>();
  private ids = new Map<string, number>();
  private uris: string[] = [];
  /** Blocks shared with the article being compared, by article id (zero again after each use). */
  private counts = new Int32Array(64);

  /**
   * Files an article's facts, which the index keeps (their context words are replaced by copies
   * shared with every other fact: the same words recur in thousands of articles).
   */
  set(uri: string, facts: Fact[], entities: Iterable<string>, date?: string): void {
    this.delete(uri);
    this.cache.clear();
    const byAbout = new Map<string, Fact[]>();
    for (const f of facts) {
      f.context = f.context.map(shared);
      const same = byAbout.get(f.about);
      if (same) same.push(f);
      else byAbout.set(f.about, [f]);
    }
    const keys = blockKeys(facts);
    let id = this.ids.get(uri);
    if (id === undefined) {
      this.ids.set(uri, (id = this.uris.length));
      this.uris.push(uri);
    }
    this.articles.set(uri, { id, facts, keys, byAbout, entities: numbersOf(entities), date });
    for (const k of keys) {
      let b = this.blocks.get(k);
      if (!b) this.blocks.set(k, (b = new Set()));
      b.add(id);
    }
  }

  /** An article's facts as last set. */
  factsOf(uri: string): Fact[] | undefined {
    return this.articles.get(uri)?.facts;
  }

  delete(uri: string): void {
    const a = this.articles.get(uri);
    if (!a) return;
    this.cache.clear();
    this.articles.delete(uri);
    for (const k of a.keys) {
      const b = this.blocks.get(k);
      b?.delete(a.id);
      if (b && !b.size) this.blocks.delete(k);
    }
  }

  /** The conflicts an article has with the others, its own fact first in each. */
  conflictsOf(uri: string): Conflict[] {
    let cached = this.cache.get(uri);
    if (!cached) this.cache.set(uri, (cached = this.compute(uri)));
    return cached;
  }

  private compute(uri: string): Conflict[] {
    const a = this.articles.get(uri);
    if (!a) return [];
    // Two facts about one thing share two context words at least (a name and a word, or two words).
    if (this.counts.length < this.uris.length) this.counts = new Int32Array(this.uris.length * 2);
    const counts = this.counts;
    const met: number[] = [];
    for (const k of a.keys) {
      const b = this.blocks.get(k);
      if (b && b.size <= MAX_BLOCK) for (const id of b) if (id !== a.id && counts[id]++ === 0) met.push(id);
    }
    const others: string[] = [];
    for (const id of met) {
      if (counts[id] >= 2) others.push(this.uris[id]);
      counts[id] = 0;
    }
    const out: Conflict[] = [];
    for (const u of others.sort()) {
      const b = this.articles.get(u)!;
      const both = common(a.entities, b.entities);
      if (both < SAME_EVENT || both < SAME_EVENT_SHARE * (a.entities.length + b.entities.length - both)) continue;
      out.push(...between(uri, a, u, b));
    }
    return out;
  }

  /** Every conflict once, the article that sorts first as `a`. */
  all(): Conflict[] {
    const out: Conflict[] = [];
    for (const uri of [...this.articles.keys()].sort()) for (const c of this.conflictsOf(uri)) if (c.a.uri < c.b.uri) out.push(c);
    return out;
  }
}

/** The blocks of an article's facts: what a fact counts with each of its context words, as numbers. */
function blockKeys(facts: readonly Fact[]): Int32Array {
  const keys = new Set<number>();
  for (const f of facts) for (const w of f.context) keys.add(numberOf(`${f.about}\u0000${w.replace(/^\^/, '')}`));
  return Int32Array.from(keys);
}

/** Strings (words, block keys, entity ids) numbered once for every fact and article, so that they compare as numbers. */
const numbers = new Map<string, number>();
function numberOf(s: string): number {
  let n = numbers.get(s);
  if (n === undefined) numbers.set(s, (n = numbers.size));
  return n;
}

/** One copy of each context word for all facts. */
const copies = new Map<string, string>();
function shared(w: string): string {
  const c = copies.get(w);
  if (c !== undefined) return c;
  copies.set(w, w);
  return w;
}

/** Distinct numbers of the strings, sorted. */
function numbersOf(strings: Iterable<string>): Int32Array {
  const out = new Set<number>();
  for (const s of strings) out.add(numberOf(s));
  return Int32Array.from(out).sort();
}

/** How many numbers two sorted lists of distinct numbers have in common (compared without their lowest `bits`). */
function common(a: Int32Array, b: Int32Array, bits = 0): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i] >> bits;
    const y = b[j] >> bits;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Amounts, shares and measures that an article states many of (prices, rates, areas, scores), and
 * days: the same words around them are needed before two count as the same thing.
 */
const GENERIC = new Set([
  '%',
  'phần trăm',
  'đồng',
  'usd',
  'đô la',
  'euro',
  'yên',
  'nhân dân tệ',
  'won',
  'rúp',
  'bảng',
  'ha',
  'héc-ta',
  'tấn',
  'km',
  'ki-lô-mét',
  'mét',
  'lít',
  'thùng',
  'điểm',
  'năm',
  'day',
]);

/**
 * A fact's context words without the name mark, as numbers (each word numbered once, for all
 * facts), each times two plus one for a name: in order, and sorted without repeats (with whether
 * the word is a name where it occurs last). Facts are compared with many others; numbers compare fast.
 */
interface Context {
  words: Int32Array;
  sorted: Int32Array;
}

const contexts = new WeakMap<Fact, Context>();
function contextOf(f: Fact): Context {
  let c = contexts.get(f);
  if (c) return c;
  const words = Int32Array.from(f.context, (w) => numberOf(w.replace(/^\^/, '')) * 2 + (w.startsWith('^') ? 1 : 0));
  const last = new Map<number, number>();
  for (const w of words) last.set(w >> 1, w & 1);
  const sorted = Int32Array.from(last.keys())
    .sort()
    .map((n) => n * 2 + last.get(n)!);
  contexts.set(f, (c = { words, sorted }));
  return c;
}

/** Where a word (its number, without the name bit) is in a sorted context, or -1. */
function indexIn(sorted: Int32Array, n: number): number {
  const i = lowerBound(sorted, n * 2);
  return i < sorted.length && sorted[i] >> 1 === n ? i : -1;
}

export function sameThing(x: Fact, y: Fact): boolean {
  if (x.kind !== y.kind || x.about !== y.about) return false;
  if (x.listed || y.listed) return false;
  if (!x.earlier !== !y.earlier) return false;
  // An age belongs to a person: the same name right before both.
  if (x.about === 'tuổi' && (!x.owner || x.owner !== y.owner)) return false;
  const cx = contextOf(x);
  const cy = contextOf(y);
  // A shared word counts twice when it is a name in both.
  let score = 0;
  for (const w of cx.words) {
    const j = indexIn(cy.sorted, w >> 1);
    if (j >= 0) score += w & 1 & cy.sorted[j] ? 2 : 1;
  }
  const both = common(cx.sorted, cy.sorted, 1);
  const shorter = Math.min(cx.sorted.length, cy.sorted.length);
  if (x.kind === 'attribution') return both >= SAME_QUOTE && both >= SAME_QUOTE_SHARE * shorter;
  if (GENERIC.has(x.about)) return score >= SAME_THING + 1 && both >= GENERIC_SHARE * shorter;
  return score >= SAME_THING && both >= SAME_THING_SHARE * shorter;
}

/** Whether the wording of two values allows them to be the same figure or day. */
export function compatible(x: Fact, y: Fact): boolean {
  if (x.kind === 'attribution') return sameSpeaker(x.value as string, y.value as string);
  if (x.kind === 'date' || y.kind === 'date') return x.value === y.value;
  const a = x.value as number;
  const b = y.value as number;
  if (a === b) return true;
  // The same figure rounded ("837,9" and "837,93 tỷ đồng").
  if (Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b)) && (DECIMAL.test(x.text) || DECIMAL.test(y.text))) return true;
  const near = (p: number, q: number) => Math.abs(p - q) <= APPROX * Math.max(Math.abs(p), Math.abs(q));
  const fits = (bound: Fact['bound'], v: number, w: number) =>
    bound === 'exact' ? v === w : bound === 'approx' ? near(v, w) : bound === 'min' ? w >= v : w <= v;
  if (x.bound === 'exact' && y.bound === 'exact') return false;
  if (x.bound !== 'exact' && y.bound !== 'exact') return x.bound === y.bound ? near(a, b) || x.bound !== 'approx' : true;
  return x.bound === 'exact' ? fits(y.bound, b, a) : fits(x.bound, a, b);
}

/** Whether an article gives a fact's value for what it counts anywhere, of whatever thing. */
const states = (article: ArticleFacts, f: Fact): boolean => (article.byAbout.get(f.about) ?? []).some((z) => z.value === f.value);

/** How far apart two figures may be and still be one misreported. */
const SCALE = 3;
const inScale = (a: number, b: number) => Math.max(a, b) <= SCALE * Math.min(a, b);

function between(ua: string, a: ArticleFacts, ub: string, b: ArticleFacts): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Set<string>();
  for (const x of a.facts) {
    // A value the other article also states about the same thing is no disagreement, whatever else
    // it lists there ("từ 1/6/2016 đến 1/6/2017", "75%, hướng tới 65%"); nor is one it states too.
    const same = (b.byAbout.get(x.about) ?? []).filter((y) => sameThing(x, y));
    if (!same.length || same.some((y) => compatible(x, y))) continue;
    // A figure misreported stays in scale: values more than three times apart are of different things
    // ("2,7 tỷ đồng" for one fish and "36 tỉ" for another, a quake's 117 dead and an older one's 2.300).
    const y = same.find((z) => x.kind !== 'figure' || inScale(x.value as number, z.value as number));
    if (!y) continue;
    if ((a.byAbout.get(x.about) ?? []).some((z) => z !== x && sameThing(z, y) && compatible(z, y))) continue;
    // Both articles give both values somewhere (a case's timeline, a toll and its part): they agree on
    // the values, and the two facts paired here are of different things.
    if (x.kind !== 'attribution' && states(b, x) && states(a, y)) continue;
    // One conflict per pair of articles and thing counted (the first pair of values in the text), and per quote.
    const key = x.kind === 'attribution' ? `${x.kind}\u0000${x.start}` : `${x.kind}\u0000${x.about}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (x.kind === 'attribution') {
      out.push({ kind: x.kind, about: x.quote ?? x.about, a: { uri: ua, fact: x }, b: { uri: ub, fact: y }, update: false });
      continue;
    }
    const update = x.update || y.update || (!!a.date && !!b.date && a.date !== b.date);
    out.push({ kind: x.kind, about: x.about, a: { uri: ua, fact: x }, b: { uri: ub, fact: y }, update });
  }
  return out;
}
