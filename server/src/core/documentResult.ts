/**
 * An article's result as reported: mentions, claims and sentences with offsets into the original
 * text, the user's claim decisions applied, the article-level credit found. Entity ids are filled
 * in separately (they are the collection's), through `fillEntities`.
 */
import type { Claim, DateMention, DocumentResult, EntityMention, Sentence, Span } from './types';
import type { NormalizedText } from './text/normalize';
import type { DateMatch } from './dates/recognize';
import type { Decisions } from './annotations/decisions';

export interface ArticleResult {
  result: DocumentResult;
  /** The result's entity mentions in the order of the collection's mention list. */
  entityMentions: EntityMention[];
  /** For each claim of the result, the index of its source in entityMentions (or -1). */
  claimSources: Map<Claim, number>;
}

interface Parts {
  path: string;
  meta: { date?: string; dateSource?: string };
  norm: NormalizedText;
  sentences: Sentence[];
  dates: DateMatch[];
  decisions?: Decisions;
}

/** An article's dates as mentions, in offsets of its original text. */
export function dateMentionsOf(norm: NormalizedText, dates: readonly DateMatch[]): DateMention[] {
  const text = norm.original;
  return dates.map((x) => {
    const start = norm.toOriginal(x.start);
    const end = norm.toOriginalEnd(x.end);
    return {
      start,
      end,
      text: text.slice(start, end),
      kind: 'date',
      value: x.value,
      anchored: x.anchored,
      relative: x.relative,
      ...(x.mod ? { mod: x.mod } : {}),
      ...(x.endValue ? { endValue: x.endValue } : {}),
    };
  });
}

export function articleResult(d: Parts, ms: EntityMention[], claims: Claim[]): ArticleResult {
  const { norm } = d;
  const s = (o: number) => norm.toOriginal(o);
  const e = (o: number) => norm.toOriginalEnd(o);
  const text = norm.original;
  // Most articles are NFC already: their offsets need no mapping, and the objects no copy.
  const same = norm.text === text;
  const entityMentions: EntityMention[] = same ? ms : ms.map((m) => ({ ...m, start: s(m.start), end: e(m.end), text: text.slice(s(m.start), e(m.end)) }));
  if (d.decisions?.added.some((u) => u.wikidata)) {
    // The first mention of each span, as find() would give it, looked up instead of searched for each decision.
    const bySpan = new Map<string, EntityMention>();
    for (const x of entityMentions) if (!bySpan.has(`${x.start},${x.end}`)) bySpan.set(`${x.start},${x.end}`, x);
    for (const u of d.decisions.added) {
      const m = bySpan.get(`${u.start},${u.end}`);
      if (m && u.wikidata) m.wikidata = u.wikidata;
    }
  }
  const dateMentions = dateMentionsOf(norm, d.dates);
  const mentions = [...entityMentions, ...dateMentions].sort((a, b) => a.start - b.start);
  const at = new Map(ms.map((m, i) => [`@${m.start}`, i]));
  const claimSources = new Map<Claim, number>();
  const outClaims = claims.map((c) => {
    const { source, ...rest } = c;
    const out: Claim = { ...rest, start: s(c.start), end: e(c.end), ...(c.cueSpan ? { cueSpan: { start: s(c.cueSpan.start), end: e(c.cueSpan.end) } } : {}) };
    if (source !== undefined) claimSources.set(out, at.get(source) ?? -1);
    return out;
  });
  const result: DocumentResult = {
    path: d.path,
    ...(d.meta.date ? { date: d.meta.date, dateSource: d.meta.dateSource } : {}),
    mentions,
    claims: outClaims,
    sentences: same ? d.sentences : d.sentences.map((x) => ({ ...x, start: s(x.start), end: e(x.end) })),
  };
  const credit = /\((?:Theo|Nguồn)\s+([^()]{2,120})\)\s*\.?\s*$/iu.exec(norm.text.trimEnd());
  if (credit) {
    const start = credit.index;
    result.credit = { span: { start: s(start), end: e(start + credit[0].trimEnd().length) }, sources: credit[1].split(/\s*[,;]\s*/).filter(Boolean) };
  }
  if (d.decisions) applyClaimDecisions(result, d.decisions);
  return { result, entityMentions, claimSources };
}

/** Claim decisions from the .ann file: a status or source set by hand, or a dismissal. */
function applyClaimDecisions(result: DocumentResult, d: Decisions): void {
  const firstOverlapping = overlapFinder(result.claims);
  for (const c of d.claims) {
    const target = firstOverlapping(c);
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

/**
 * The first claim of a list, in its order, that overlaps a span, as find() gives it, for a list that
 * claims may be appended to. The claims there at first are one per sentence, in order and apart, so
 * the first of them that overlaps is found by binary search; those appended are searched one by one.
 */
function overlapFinder(claims: Claim[]): (c: Span) => Claim | undefined {
  const initial = claims.length;
  let apart = true;
  for (let k = 0; k < initial; k++) if (claims[k].end < claims[k].start || (k > 0 && claims[k].start < claims[k - 1].end)) apart = false;
  const overlaps = (x: Span, c: Span) => x.start < c.end && c.start < x.end;
  return (c) => {
    if (!apart) return claims.find((x) => overlaps(x, c));
    // The first claim that ends after the span starts; the claims before it cannot overlap it, nor can those after it if it does not.
    let lo = 0;
    let hi = initial;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (claims[mid].end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < initial && overlaps(claims[lo], c)) return claims[lo];
    for (let k = initial; k < claims.length; k++) if (overlaps(claims[k], c)) return claims[k];
    return undefined;
  };
}

/** Writes the collection's entity ids into an article's result; says whether any changed. */
export function fillEntities(a: ArticleResult, entityOf: (index: number) => string | undefined): boolean {
  let changed = false;
  const ids = a.entityMentions.map((m, i) => {
    const id = entityOf(i);
    if (m.entity !== id) {
      changed = true;
      if (id === undefined) delete m.entity;
      else m.entity = id;
    }
    return id;
  });
  for (const [c, i] of a.claimSources) {
    const id = i >= 0 ? ids[i] : undefined;
    if (c.source !== id || !('source' in c)) {
      changed ||= c.source !== id;
      c.source = id;
    }
  }
  return changed;
}
