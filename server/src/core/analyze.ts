/**
 * The analysis of a collection of articles, in two steps: prepareDocument looks at one article
 * alone (cacheable per document), analyzeCollection combines all of them (kinds voted across
 * articles, entities resolved, claims judged) and reports offsets into the original texts.
 */
import type { ArticleMeta, CollectionResult, RegistryEntity, Sentence } from './types';
import { normalize, type NormalizedText } from './text/normalize';
import { tokenize, type Token } from './text/tokens';
import { splitSentences } from './text/sentences';
import { recognizeDates, type DateMatch } from './dates/recognize';
import { parseYmd } from './dates/calendar';
import { recognizeEntities, type Recognized, type Lookup, type RecognizeOptions } from './entities/recognize';
import { Collection } from './resolve/collection';
import { findableHashes, misspellable } from './resolve/articlePass';
import type { ArticleSummary } from './summary';
import { keyPrefixes, lang, phraseKey, type GazetteerEntry } from './lang/knowledge';
import type { Decisions } from './annotations/decisions';
import { extractFacts } from './facts/extract';
import type { Person } from './facts/quotes';
import { dateMentionsOf } from './documentResult';

export interface PreparedDocument {
  path: string;
  /** Absolute file path, when the article is a file (for the user's split decisions). */
  file?: string;
  /** The user's decisions from the article's .ann file. */
  decisions?: Decisions;
  norm: NormalizedText;
  tokens: Token[];
  sentences: Sentence[];
  dates: DateMatch[];
  recognized: Recognized;
  meta: ArticleMeta;
}

/** A lookup over the user's registry first, then the built-in gazetteer. */
export function makeLookup(registry: RegistryEntity[] = []): Lookup {
  const own = new Map<string, GazetteerEntry>();
  for (const e of registry) {
    const entry: GazetteerEntry = { id: `registry:${e.id}`, kind: e.kind, name: e.name, origin: 'registry' };
    for (const n of [e.name, ...e.aliases]) own.set(phraseKey(n), /^\p{Ll}/u.test(n) ? { ...entry, lowerStart: true } : entry);
  }
  const lookup: Lookup = (k) => own.get(k) ?? lang.gazetteer.get(k);
  const ownStarts = keyPrefixes(own.keys());
  lookup.startsKey = (k) => lang.gazetteerKeys.has(k) || ownStarts.has(k);
  return lookup;
}

/** A lookup that also knows the article's outlet (from newslens.json) as an organisation. */
function withOutlet(lookup: Lookup, key: string, name: string): Lookup {
  const entry: GazetteerEntry = { id: `outlet:${key}`, kind: 'organization', name, origin: 'registry' };
  const out: Lookup = (k) => (k === key ? entry : lookup(k));
  const starts = lookup.startsKey;
  if (starts) {
    const outletStarts = keyPrefixes([key]);
    out.startsKey = (k) => outletStarts.has(k) || starts(k);
  }
  return out;
}

export function prepareDocument(
  path: string,
  text: string,
  meta: ArticleMeta,
  lookup: Lookup = makeLookup(),
  file?: string,
  decisions?: Decisions,
  recognize: RecognizeOptions = {},
): PreparedDocument {
  const norm = normalize(text);
  const tokens = tokenize(norm.text);
  const sentences = splitSentences(norm.text);
  const dates = recognizeDates(norm.text, parseYmd(meta.date));
  const outlet = meta.outlet ? phraseKey(meta.outlet) : undefined;
  const docLookup: Lookup = outlet ? withOutlet(lookup, outlet, meta.outlet!) : lookup;
  const recognized = recognizeEntities(norm.text, tokens, sentences, dates, docLookup, recognize);
  if (decisions) applyDecisions(norm, tokens, dates, recognized, decisions);
  return { path, file, norm, tokens, sentences, dates, recognized, meta, decisions };
}

/**
 * The user's decisions win: rejected suggestions go, added mentions replace what they overlap.
 * Each decision looks only at the spans near its own (see SpanList), not at every candidate, date
 * and token of the article: an article with thousands of annotations is not read thousands of times.
 */
function applyDecisions(norm: NormalizedText, tokens: Token[], dates: DateMatch[], recognized: Recognized, d: Decisions): void {
  const span = (x: { start: number; end: number }) => ({ start: norm.fromOriginal(x.start), end: norm.fromOriginal(x.end) });
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const same = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
  const candidates = new SpanList(recognized.candidates);
  const dateList = new SpanList(dates);
  for (const r of d.rejected.map(span)) {
    candidates.remove(r, (c) => same(c, r));
    dateList.remove(r, (x) => same(x, r));
  }
  for (const u of d.added) {
    const s = span(u);
    if (u.kind === 'date') {
      const auto = dateList.first(s, (x) => overlaps(x, s));
      dateList.remove(s, (x) => overlaps(x, s));
      candidates.remove(s, (c) => overlaps(c, s));
      dateList.push({ ...s, value: u.value ?? auto?.value ?? 'XXXX-XX-XX', anchored: auto?.anchored ?? false, relative: auto?.relative ?? false });
      continue;
    }
    candidates.remove(s, (c) => overlaps(c, s));
    dateList.remove(s, (x) => overlaps(x, s));
    const inside = tokensWithin(tokens, s);
    candidates.push({
      ...s,
      text: norm.text.slice(s.start, s.end),
      kind: u.kind,
      strength: 3,
      origin: 'user',
      ...(u.ref ? { id: `registry:${u.ref}` } : {}),
      tokenCount: Math.max(1, inside.length),
      initial: false,
      foreign: inside.length > 0 && inside.every((t) => t.foreign || t.upper),
    });
  }
  // In place, in the order removing from and appending to the lists gave, then sorted (stably) by start.
  candidates.writeBack(recognized.candidates);
  dateList.writeBack(dates);
  recognized.candidates.sort((a, b) => a.start - b.start);
  dates.sort((a, b) => a.start - b.start);
}

/** The tokens lying within a span, in order (tokens are in text order and do not overlap). */
function tokensWithin(tokens: Token[], s: { start: number; end: number }): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let k = lo; k < tokens.length && tokens[k].start <= s.end; k++) if (tokens[k].end <= s.end) out.push(tokens[k]);
  return out;
}

/**
 * A list of spans that items are removed from and appended to, keeping their order, with each span
 * filed under the blocks of BLOCK characters it covers: the items that can overlap a span, or have
 * the same one, are those filed under the span's blocks (an empty span under the block it is in).
 */
class SpanList<T extends { start: number; end: number }> {
  private static readonly BLOCK = 64;
  private readonly items: T[] = [];
  private readonly alive: boolean[] = [];
  private readonly blocks = new Map<number, number[]>();
  private readonly seen: number[] = [];
  private stamp = 0;

  constructor(initial: readonly T[]) {
    for (const x of initial) this.push(x);
  }

  push(x: T): void {
    const i = this.items.length;
    this.items.push(x);
    this.alive.push(true);
    this.seen.push(0);
    const [from, to] = this.range(x);
    for (let b = from; b <= to; b++) {
      const list = this.blocks.get(b);
      if (list) list.push(i);
      else this.blocks.set(b, [i]);
    }
  }

  /** Removes the items near `near` that `hit` says to remove. */
  remove(near: { start: number; end: number }, hit: (x: T) => boolean): void {
    for (const i of this.near(near)) if (hit(this.items[i])) this.alive[i] = false;
  }

  /** The first item, in the list's order, near `near` that `hit` accepts. */
  first(near: { start: number; end: number }, hit: (x: T) => boolean): T | undefined {
    let best = -1;
    for (const i of this.near(near)) if ((best < 0 || i < best) && hit(this.items[i])) best = i;
    return best < 0 ? undefined : this.items[best];
  }

  /** Replaces the contents of `out` by the items left, in order. */
  writeBack(out: T[]): void {
    out.length = 0;
    this.items.forEach((x, i) => {
      if (this.alive[i]) out.push(x);
    });
  }

  /** The blocks a span is filed under: those it covers, or the one an empty span is in. */
  private range(x: { start: number; end: number }): [number, number] {
    const from = Math.floor(x.start / SpanList.BLOCK);
    return [from, Math.max(from, Math.floor((x.end - 1) / SpanList.BLOCK))];
  }

  /** The items left that are filed under the blocks of a span, each once. */
  private near(x: { start: number; end: number }): number[] {
    const out: number[] = [];
    const stamp = ++this.stamp;
    const [from, to] = this.range(x);
    for (let b = from; b <= to; b++) {
      for (const i of this.blocks.get(b) ?? []) {
        if (!this.alive[i] || this.seen[i] === stamp) continue;
        this.seen[i] = stamp;
        out.push(i);
      }
    }
    return out;
  }
}

/** The persons the recogniser found in an article, at their offsets in the original text (the speakers of its quotes). */
/** The article's candidates of kind person, or with `unkinded` also those whose kind the collection decides later. */
function personsOf(p: PreparedDocument, unkinded = false): Person[] {
  const text = p.norm.original;
  return p.recognized.candidates
    .filter((c) => c.kind === 'person' || (unkinded && c.kind === undefined))
    .map((c) => {
      const start = p.norm.toOriginal(c.start);
      const end = p.norm.toOriginalEnd(c.end);
      return { start, end, text: text.slice(start, end) };
    });
}

/** What the collection needs of a prepared article, as plain data. */
export function summaryOf(p: PreparedDocument): ArticleSummary {
  return {
    path: p.path,
    ...(p.file !== undefined ? { file: p.file } : {}),
    meta: p.meta,
    ...(p.decisions ? { decisions: p.decisions } : {}),
    sentences: p.sentences,
    dates: p.dates,
    candidates: p.recognized.candidates,
    acronyms: p.recognized.acronyms,
    suppressed: p.recognized.suppressed,
    phrases: Array.from(findableHashes(p.tokens, p.norm.text)),
    misspellable: misspellable(p.tokens),
    facts: extractFacts(p.norm.original, dateMentionsOf(p.norm, p.dates), personsOf(p), personsOf(p, true)),
  };
}

/** The collection's analysis of prepared articles, all at once (the index builds the same incrementally). */
export function analyzeCollection(docs: PreparedDocument[], registry: RegistryEntity[] = []): CollectionResult {
  const c = new Collection(registry);
  c.update(new Map(docs.map((d, i) => [String(i), { summary: summaryOf(d), text: d.norm.original }])));
  return { documents: docs.map((_, i) => c.result(String(i))!), entities: c.entities() };
}

/** Convenience for tests and the CLI: analyse texts with their metadata in one call. */
export function analyzeTexts(
  inputs: { path: string; text: string; meta?: ArticleMeta; decisions?: Decisions }[],
  registry: RegistryEntity[] = [],
): CollectionResult {
  const lookup = makeLookup(registry);
  return analyzeCollection(
    inputs.map((i) => prepareDocument(i.path, i.text, i.meta ?? {}, lookup, undefined, i.decisions)),
    registry,
  );
}
