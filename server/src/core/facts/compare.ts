/**
 * Where articles disagree: facts of two articles about the same thing (the same kind of count, the
 * same words around it, articles that share entities) whose values the wording cannot reconcile.
 * Kept per article, so that an edit takes an article's facts out and puts the new ones in; the
 * comparison looks only at facts that share what they count and a context word.
 */
import type { Fact } from './extract';

export interface FactSide {
  uri: string;
  fact: Fact;
}

export interface Conflict {
  kind: 'figure' | 'date';
  about: string;
  a: FactSide;
  b: FactSide;
  /** The later article's wording (or its date) says the value changed. */
  update: boolean;
}

interface ArticleFacts {
  facts: Fact[];
  /** The facts by what they count: only facts of one kind of count are compared. */
  byAbout: Map<string, Fact[]>;
  entities: Set<string>;
  date?: string;
}

/** Context words two facts must share (a name counts twice), and the share of the shorter context they must be. */
const SAME_THING = 3;
const SAME_THING_SHARE = 0.6;
const GENERIC_SHARE = 0.8;
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
  private blocks = new Map<string, Set<string>>();

  set(uri: string, facts: Fact[], entities: Iterable<string>, date?: string): void {
    this.delete(uri);
    this.cache.clear();
    const byAbout = new Map<string, Fact[]>();
    for (const f of facts) byAbout.set(f.about, [...(byAbout.get(f.about) ?? []), f]);
    this.articles.set(uri, { facts, byAbout, entities: new Set(entities), date });
    for (const k of blockKeys(facts)) {
      let b = this.blocks.get(k);
      if (!b) this.blocks.set(k, (b = new Set()));
      b.add(uri);
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
    for (const k of blockKeys(a.facts)) {
      const b = this.blocks.get(k);
      b?.delete(uri);
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
    const hits = new Map<string, number>();
    for (const k of blockKeys(a.facts)) {
      const b = this.blocks.get(k);
      if (b && b.size <= MAX_BLOCK) for (const u of b) if (u !== uri) hits.set(u, (hits.get(u) ?? 0) + 1);
    }
    const others = [...hits].filter(([, n]) => n >= 2).map(([u]) => u);
    const out: Conflict[] = [];
    for (const u of others.sort()) {
      const b = this.articles.get(u)!;
      const both = shared(a.entities, b.entities);
      if (both < SAME_EVENT || both < SAME_EVENT_SHARE * (a.entities.size + b.entities.size - both)) continue;
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

function blockKeys(facts: readonly Fact[]): Set<string> {
  const keys = new Set<string>();
  for (const f of facts) for (const w of f.context) keys.add(`${f.about}\u0000${w.replace(/^\^/, '')}`);
  return keys;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
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

/** A fact's context words (without the name mark) and whether each is a name, made once per fact. */
const contexts = new WeakMap<Fact, Map<string, boolean>>();
function contextMap(f: Fact): Map<string, boolean> {
  let m = contexts.get(f);
  if (!m) contexts.set(f, (m = new Map(f.context.map((w) => [w.replace(/^\^/, ''), w.startsWith('^')]))));
  return m;
}

export function sameThing(x: Fact, y: Fact): boolean {
  if (x.kind !== y.kind || x.about !== y.about) return false;
  if (x.listed || y.listed) return false;
  const ys = contextMap(y);
  let score = 0;
  for (const w of x.context) {
    const plain = w.replace(/^\^/, '');
    if (!ys.has(plain)) continue;
    score += w.startsWith('^') && ys.get(plain) ? 2 : 1;
  }
  let common = 0;
  for (const w of contextMap(x).keys()) if (ys.has(w)) common++;
  const shorter = Math.min(contextMap(x).size, ys.size);
  // An age belongs to a person: the same name right before both.
  if (x.about === 'tuổi' && (!x.owner || x.owner !== y.owner)) return false;
  if (GENERIC.has(x.about)) return score >= SAME_THING + 1 && common >= GENERIC_SHARE * shorter;
  return score >= SAME_THING && common >= SAME_THING_SHARE * shorter;
}

/** Whether the wording of two values allows them to be the same figure or day. */
export function compatible(x: Fact, y: Fact): boolean {
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

function between(ua: string, a: ArticleFacts, ub: string, b: ArticleFacts): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Set<string>();
  for (const x of a.facts) {
    // A value the other article also states about the same thing is no disagreement, whatever else
    // it lists there ("từ 1/6/2016 đến 1/6/2017", "75%, hướng tới 65%"); nor is one it states too.
    const same = (b.byAbout.get(x.about) ?? []).filter((y) => sameThing(x, y));
    if (!same.length || same.some((y) => compatible(x, y))) continue;
    const y = same[0];
    if ((a.byAbout.get(x.about) ?? []).some((z) => z !== x && sameThing(z, y) && compatible(z, y))) continue;
    // One conflict per pair of articles and thing counted: the first pair of values in the text.
    const key = `${x.kind}\u0000${x.about}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const update = x.update || y.update || (!!a.date && !!b.date && a.date !== b.date);
    out.push({ kind: x.kind, about: x.about, a: { uri: ua, fact: x }, b: { uri: ub, fact: y }, update });
  }
  return out;
}
