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
import { recognizeEntities, type Recognized, type Lookup } from './entities/recognize';
import { Collection } from './resolve/collection';
import { findablePhrases, misspellable, sortedHashes } from './resolve/articlePass';
import type { ArticleSummary } from './summary';
import { lang, phraseKey, type GazetteerEntry } from './lang/knowledge';
import type { Decisions } from './annotations/decisions';

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
  return (k) => own.get(k) ?? lang.gazetteer.get(k);
}

export function prepareDocument(path: string, text: string, meta: ArticleMeta, lookup: Lookup = makeLookup(), file?: string, decisions?: Decisions): PreparedDocument {
  const norm = normalize(text);
  const tokens = tokenize(norm.text);
  const sentences = splitSentences(norm.text);
  const dates = recognizeDates(norm.text, parseYmd(meta.date));
  const outlet = meta.outlet ? phraseKey(meta.outlet) : undefined;
  const docLookup: Lookup = outlet
    ? (k) => (k === outlet ? { id: `outlet:${outlet}`, kind: 'organization', name: meta.outlet!, origin: 'registry' } : lookup(k))
    : lookup;
  const recognized = recognizeEntities(norm.text, tokens, sentences, dates, docLookup);
  if (decisions) applyDecisions(norm, tokens, dates, recognized, decisions);
  return { path, file, norm, tokens, sentences, dates, recognized, meta, decisions };
}

/** The user's decisions win: rejected suggestions go, added mentions replace what they overlap. */
function applyDecisions(norm: NormalizedText, tokens: Token[], dates: DateMatch[], recognized: Recognized, d: Decisions): void {
  const span = (x: { start: number; end: number }) => ({ start: norm.fromOriginal(x.start), end: norm.fromOriginal(x.end) });
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const same = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
  const remove = <T extends { start: number; end: number }>(list: T[], keep: (x: T) => boolean) => {
    for (let i = list.length - 1; i >= 0; i--) if (!keep(list[i])) list.splice(i, 1);
  };
  for (const r of d.rejected.map(span)) {
    remove(recognized.candidates, (c) => !same(c, r));
    remove(dates, (x) => !same(x, r));
  }
  for (const u of d.added) {
    const s = span(u);
    if (u.kind === 'date') {
      const auto = dates.find((x) => overlaps(x, s));
      remove(dates, (x) => !overlaps(x, s));
      remove(recognized.candidates, (c) => !overlaps(c, s));
      dates.push({ ...s, value: u.value ?? auto?.value ?? 'XXXX-XX-XX', anchored: auto?.anchored ?? false, relative: auto?.relative ?? false });
      continue;
    }
    remove(recognized.candidates, (c) => !overlaps(c, s));
    remove(dates, (x) => !overlaps(x, s));
    const inside = tokens.filter((t) => t.start >= s.start && t.end <= s.end);
    recognized.candidates.push({
      ...s, text: norm.text.slice(s.start, s.end), kind: u.kind, strength: 3, origin: 'user',
      ...(u.ref ? { id: `registry:${u.ref}` } : {}), tokenCount: Math.max(1, inside.length), initial: false,
      foreign: inside.length > 0 && inside.every((t) => t.foreign || t.upper),
    });
  }
  recognized.candidates.sort((a, b) => a.start - b.start);
  dates.sort((a, b) => a.start - b.start);
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
    phrases: [...sortedHashes(findablePhrases(p.tokens, p.norm.text))],
    misspellable: misspellable(p.tokens),
  };
}

/** The collection's analysis of prepared articles, all at once (the index builds the same incrementally). */
export function analyzeCollection(docs: PreparedDocument[], registry: RegistryEntity[] = []): CollectionResult {
  const c = new Collection(registry);
  c.update(new Map(docs.map((d, i) => [String(i), { summary: summaryOf(d), text: d.norm.original }])));
  return { documents: docs.map((_, i) => c.result(String(i))!), entities: c.entities() };
}

/** Convenience for tests and the CLI: analyse texts with their metadata in one call. */
export function analyzeTexts(inputs: { path: string; text: string; meta?: ArticleMeta; decisions?: Decisions }[], registry: RegistryEntity[] = []): CollectionResult {
  const lookup = makeLookup(registry);
  return analyzeCollection(inputs.map((i) => prepareDocument(i.path, i.text, i.meta ?? {}, lookup, undefined, i.decisions)), registry);
}
