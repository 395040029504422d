/**
 * The analysis of a collection of articles, in two steps: prepareDocument looks at one article
 * alone (cacheable per document), analyzeCollection combines all of them (kinds voted across
 * articles, entities resolved, claims judged) and reports offsets into the original texts.
 */
import type { ArticleMeta, Claim, CollectionResult, DateMention, DocumentResult, EntityMention, RegistryEntity, Sentence } from './types';
import { normalize, type NormalizedText } from './text/normalize';
import { tokenize, type Token } from './text/tokens';
import { splitSentences } from './text/sentences';
import { recognizeDates, type DateMatch } from './dates/recognize';
import { parseYmd } from './dates/calendar';
import { recognizeEntities, type Recognized, type Lookup } from './entities/recognize';
import { resolveCollection } from './resolve/collection';
import { classifyClaims } from './claims/classify';
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

export function analyzeCollection(docs: PreparedDocument[], registry: RegistryEntity[] = []): CollectionResult {
  const regIds = new Map(registry.map((e) => [`registry:${e.id}`, { name: e.name, kind: e.kind, wikidata: e.wikidata }]));
  const resolved = resolveCollection(
    docs.map((d) => ({
      candidates: d.recognized.candidates, acronyms: d.recognized.acronyms, tokens: d.tokens, text: d.norm.text,
      // Rejected suggestions are not found again by the collection pass.
      blocked: [...d.dates, ...d.recognized.suppressed, ...(d.decisions?.rejected ?? []).map((r) => ({ start: d.norm.fromOriginal(r.start), end: d.norm.fromOriginal(r.end) }))],
    })),
    regIds,
  );
  const documents: DocumentResult[] = docs.map((d, i) => {
    const ms = resolved.mentions[i];
    const claims = claimsFor(d, ms);
    const result = toOriginal(d, ms, claims);
    if (d.decisions) applyClaimDecisions(result, d.decisions);
    return result;
  });
  for (const e of resolved.entities) if (e.key?.startsWith('registry:')) e.key = e.key.slice('registry:'.length);
  const result = { documents, entities: resolved.entities };
  applySplits(result, docs, registry);
  return result;
}

const claimCache = new WeakMap<PreparedDocument, { signature: string; claims: Claim[] }>();

/**
 * Claims depend on the article and on where its mentions are and of what kind, not on entity ids
 * (numbered anew on every pass): they are cached per article with sources as mention positions.
 */
function claimsFor(d: PreparedDocument, ms: EntityMention[]): Claim[] {
  const signature = ms.map((m) => `${m.start},${m.end},${m.kind}`).join(';');
  let hit = claimCache.get(d);
  if (!hit || hit.signature !== signature) {
    const local = ms.map((m) => ({ ...m, entity: `@${m.start}` }));
    hit = { signature, claims: classifyClaims(d.norm.text, d.tokens, d.sentences, local) };
    claimCache.set(d, hit);
  }
  const idAt = new Map(ms.map((m) => [`@${m.start}`, m.entity]));
  return hit.claims.map((c) => (c.source ? { ...c, source: idAt.get(c.source) } : { ...c }));
}

/** Claim decisions from the .ann file: a status or source set by hand, or a dismissal. */
function applyClaimDecisions(result: DocumentResult, d: Decisions): void {
  for (const c of d.claims) {
    const target = result.claims.find((x) => x.start < c.end && c.start < x.end);
    if (!target) {
      if (c.status) result.claims.push({ start: c.start, end: c.end, status: c.status, user: true, ...(c.source ? { sourceText: c.source } : {}) });
      continue;
    }
    if (c.status) target.status = c.status;
    if (c.source) target.sourceText = c.source;
    if (c.dismissed) target.dismissed = c.dismissed;
    target.user = true;
  }
  result.claims.sort((a, b) => a.start - b.start);
  result.annotations = { other: d.other, problems: d.problems };
}

/** Mentions the user split off an entity become entities of their own: the user's decision wins. */
function applySplits(result: CollectionResult, docs: PreparedDocument[], registry: RegistryEntity[]): void {
  const splits = registry.flatMap((e) => e.exclude ?? []);
  if (!splits.length) return;
  const norm = (p: string) => p.replace(/\\/g, '/');
  result.documents.forEach((d, i) => {
    const file = docs[i].file;
    if (!file) return;
    for (const x of splits.filter((s) => norm(s.file) === norm(file))) {
      const m = d.mentions
        .filter((k): k is EntityMention => k.kind !== 'date' && k.text.normalize('NFC') === x.text.normalize('NFC'))
        .sort((a, b) => Math.abs(a.start - x.start) - Math.abs(b.start - x.start))[0];
      if (!m || Math.abs(m.start - x.start) > 40) continue;
      const old = result.entities.find((e) => e.id === m.entity);
      if (old) {
        old.mentions--;
        old.documents = new Set(result.documents.filter((dd) => dd.mentions.some((k) => k !== m && k.kind !== 'date' && k.entity === old.id)).map((dd) => dd.path)).size;
      }
      const id = `e${result.entities.length + 1}`;
      result.entities.push({ id, kind: m.kind, name: m.text, aliases: [], mentions: 1, documents: 1 });
      m.entity = id;
    }
  });
}

function toOriginal(d: PreparedDocument, ms: EntityMention[], claims: Claim[]): DocumentResult {
  const { norm } = d;
  const s = (o: number) => norm.toOriginal(o);
  const e = (o: number) => norm.toOriginalEnd(o);
  const text = norm.original;
  const entityMentions: EntityMention[] = ms.map((m) => ({ ...m, start: s(m.start), end: e(m.end), text: text.slice(s(m.start), e(m.end)) }));
  if (d.decisions) for (const u of d.decisions.added) {
    const m = entityMentions.find((x) => x.start === u.start && x.end === u.end);
    if (m && u.wikidata) m.wikidata = u.wikidata;
  }
  const dateMentions: DateMention[] = d.dates.map((x) => ({
    start: s(x.start), end: e(x.end), text: text.slice(s(x.start), e(x.end)), kind: 'date', value: x.value, anchored: x.anchored, relative: x.relative,
    ...(x.mod ? { mod: x.mod } : {}), ...(x.endValue ? { endValue: x.endValue } : {}),
  }));
  const mentions = [...entityMentions, ...dateMentions].sort((a, b) => a.start - b.start);
  const result: DocumentResult = {
    path: d.path,
    ...(d.meta.date ? { date: d.meta.date, dateSource: d.meta.dateSource } : {}),
    mentions,
    claims: claims.map((c) => ({ ...c, start: s(c.start), end: e(c.end), ...(c.cueSpan ? { cueSpan: { start: s(c.cueSpan.start), end: e(c.cueSpan.end) } } : {}) })),
    sentences: d.sentences.map((x) => ({ ...x, start: s(x.start), end: e(x.end) })),
  };
  const credit = /\((?:Theo|Nguồn)\s+([^()]{2,120})\)\s*\.?\s*$/iu.exec(norm.text.trimEnd());
  if (credit) {
    const start = credit.index;
    result.credit = { span: { start: s(start), end: e(start + credit[0].trimEnd().length) }, sources: credit[1].split(/\s*[,;]\s*/).filter(Boolean) };
  }
  return result;
}

/** Convenience for tests and the CLI: analyse texts with their metadata in one call. */
export function analyzeTexts(inputs: { path: string; text: string; meta?: ArticleMeta; decisions?: Decisions }[], registry: RegistryEntity[] = []): CollectionResult {
  const lookup = makeLookup(registry);
  return analyzeCollection(inputs.map((i) => prepareDocument(i.path, i.text, i.meta ?? {}, lookup, undefined, i.decisions)), registry);
}
