/**
 * The collection: what one article cannot decide alone, kept up to date as articles come and go.
 * Each article contributes to aggregates (kind votes, known names, person words, entity clusters)
 * and is re-read only when an aggregate it depends on changed; its fingerprints (phrases a known
 * name could be found as, the vote keys and lone words it asks about) say when that is.
 * Building it article by article, in any order, gives the same state as building it at once.
 */
import type { Claim, DocumentResult, Entity, EntityKind, EntityMention, RegistryEntity, Span } from '../types';
import type { Candidate } from '../entities/recognize';
import type { ArticleSummary } from '../summary';
import { normalize, type NormalizedText } from '../text/normalize';
import { tokenize, type Token } from '../text/tokens';
import { lang, phraseKey } from '../lang/knowledge';
import { classifyClaims } from '../claims/classify';
import { articleResult, fillEntities, type ArticleResult } from '../documentResult';
import { KindVotes, voteKey } from './kindVotes';
import { KnownNames, knownContributions } from './knownNames';
import { Clusters, type ClusterDoc } from './clusters';
import { editDistance } from './distance';
import {
  decideKind, finalMentions, hasHash, hash32, loneWords, nameWords, personWords, refind, sortedHashes,
  type CollectionView,
} from './articlePass';

export interface ArticleInput {
  summary: ArticleSummary;
  text: string;
}

interface Article {
  id: number;
  summary: ArticleSummary;
  norm: NormalizedText;
  blocked: Span[];
  phrases: Int32Array;
  misspellable: string[];
  voteKeys: Int32Array;
  lone: Int32Array;
  /** Candidates with the names found again, and their settled kinds (recomputed when missing). */
  found?: Candidate[];
  decided?: (EntityKind | undefined)[];
  personWords: string[];
  /** Final mentions, normalised-text offsets. */
  ms: EntityMention[];
  /** Claims with a hash of the mentions they were classified with. */
  claims?: { signature: number; claims: Claim[] };
  out?: ArticleResult;
  keys: string[];
}

/** An article's settled state as the warm cache keeps it, valid for the very collection it was saved from. */
export interface SettledArticle {
  /** [start, end, kind, title, origin, ref] per final mention. */
  mentions: [number, number, number, string | null, string, string | null][];
  claims: Claim[];
  voteKeys: number[];
  lone: number[];
  personWords: string[];
}

const KIND_CODES: EntityKind[] = ['person', 'organization', 'location'];

export class Collection {
  private articles = new Map<string, Article>();
  private byId = new Map<number, string>();
  private nextId = 1;
  private votes = new KindVotes();
  private known = new KnownNames();
  private personCounts = new Map<string, number>();
  private clusters: Clusters;
  private view: CollectionView;

  constructor(registry: RegistryEntity[] = []) {
    const reg = new Map(registry.map((e) => [`registry:${e.id}`, e]));
    this.splits = new Map();
    for (const e of registry) for (const x of e.exclude ?? []) {
      const f = x.file.replace(/\\/g, '/');
      this.splits.set(f, [...(this.splits.get(f) ?? []), x]);
    }
    this.clusters = new Clusters((ref) => reg.get(ref) ?? gazetteerEntry(ref), (id) => {
      const uri = this.byId.get(id);
      const a = uri === undefined ? undefined : this.articles.get(uri);
      return a?.out ? this.clusterDocOf(a) : undefined;
    });
    this.view = {
      known: (k) => this.known.get(k),
      foreignSingles: (f) => this.known.foreignSingles(f),
      verdict: (k) => this.votes.verdict(k),
      personWord: (w) => (this.personCounts.get(w) ?? 0) > 0,
    };
  }

  private splits: Map<string, { file: string; start: number; text: string }[]>;

  /** Adds, replaces (same uri) or removes (undefined) articles; returns the uris whose result changed. */
  update(changes: Map<string, ArticleInput | undefined>): Set<string> {
    const fresh = new Set<Article>();
    const changedWords = new Set<string>();
    // What the clusters last received of each article changed here, to take it away from them.
    const clusterChanges = new Map<number, { before?: ClusterDoc; after?: ClusterDoc }>();
    const takeAway = (a: Article) => {
      if (!clusterChanges.has(a.id)) clusterChanges.set(a.id, { before: a.out ? this.clusterDocOf(a) : undefined });
    };
    for (const [uri, input] of changes) {
      const old = this.articles.get(uri);
      if (old) {
        this.withdraw(old, changedWords);
        takeAway(old);
      }
      if (!input) {
        if (old) {
          this.articles.delete(uri);
          this.byId.delete(old.id);
        }
        continue;
      }
      const a = this.admit(input, old?.id ?? this.nextId++);
      this.articles.set(uri, a);
      this.byId.set(a.id, uri);
      fresh.add(a);
    }
    const changedVerdicts = this.votes.takeChanged();
    const changedNames = this.known.takeChanged();
    const first = new Set<Article>(fresh);
    this.dependents(first, changedVerdicts.map(hash32), (a) => a.voteKeys);
    this.dependents(first, changedNames.map(hash32), (a) => a.phrases);
    this.misspelt(first, changedNames);

    // Each article is read again and settled at once, with the person words known so far; an
    // article whose lone words became or stopped being person words after it was settled is
    // settled again at the end, as is any other article with such a word.
    const before = new Map<Article, string | undefined>();
    const flippedAt = new Map<string, number>();
    const settledAt = new Map<Article, { at: number; lone: string[] }>();
    let step = 0;
    for (const a of first) {
      before.set(a, a.out && !fresh.has(a) ? JSON.stringify(a.out.result) : undefined);
      takeAway(a);
      const t = tokenize(a.norm.text);
      const flips = new Set<string>();
      if (!fresh.has(a)) this.countPersonWords(a.personWords, -1, flips);
      this.reread(a, t);
      a.personWords = personWords(a.found!, a.decided!);
      a.voteKeys = sortedHashes(a.found!.map(voteKey));
      const lone = loneWords(a.found!);
      a.lone = sortedHashes(lone);
      this.countPersonWords(a.personWords, 1, flips);
      for (const w of flips) {
        flippedAt.set(w, step);
        changedWords.add(w);
      }
      clusterChanges.get(a.id)!.after = this.settle(a, t);
      settledAt.set(a, { at: step++, lone });
    }
    const again = new Set<Article>();
    for (const [a, { at, lone }] of settledAt) if (lone.some((w) => (flippedAt.get(w) ?? -1) > at)) again.add(a);
    const others = new Set<Article>(first);
    this.dependents(others, [...changedWords].map(hash32), (a) => a.lone);
    for (const a of others) if (!first.has(a)) {
      before.set(a, a.out ? JSON.stringify(a.out.result) : undefined);
      takeAway(a);
      again.add(a);
    }
    for (const a of again) clusterChanges.get(a.id)!.after = this.settle(a);
    // Found names are kept only while an update needs them: an article read again finds them anew.
    for (const a of first) a.found = a.decided = undefined;
    for (const a of again) a.found = a.decided = undefined;
    const { docs } = this.clusters.update(clusterChanges);
    const touched = new Set<string>();
    for (const id of docs) {
      const uri = this.byId.get(id);
      const a = uri !== undefined ? this.articles.get(uri) : undefined;
      if (a?.out && fillEntities(a.out, (i) => this.clusters.entityOf(a.id, i, a.keys[i]))) touched.add(uri!);
    }
    for (const [a, json] of before) if (json === undefined || JSON.stringify(a.out!.result) !== json) touched.add(this.byId.get(a.id)!);
    return touched;
  }

  /** The settled state of every article, for the warm cache. */
  exportState(): Map<string, SettledArticle> {
    const out = new Map<string, SettledArticle>();
    for (const [uri, a] of this.articles) {
      out.set(uri, {
        mentions: a.ms.map((m) => [m.start, m.end, KIND_CODES.indexOf(m.kind), m.title ?? null, m.origin, m.ref ?? null]),
        claims: a.claims?.claims ?? [],
        voteKeys: [...a.voteKeys],
        lone: [...a.lone],
        personWords: a.personWords,
      });
    }
    return out;
  }

  /**
   * Rebuilds an empty collection from articles settled in a collection of exactly these articles:
   * the aggregates are counted again, nothing is found again or classified again.
   */
  restore(entries: Map<string, ArticleInput & { settled: SettledArticle }>): void {
    const changes = new Map<number, { after: ClusterDoc }>();
    for (const [uri, input] of entries) {
      const a = this.admit(input, this.nextId++);
      const st = input.settled;
      a.voteKeys = Int32Array.from(st.voteKeys);
      a.lone = Int32Array.from(st.lone);
      a.personWords = st.personWords;
      this.countPersonWords(a.personWords, 1, new Set());
      a.ms = st.mentions.map(([start, end, kind, title, origin, ref]) => ({
        start, end, text: a.norm.text.slice(start, end), kind: KIND_CODES[kind], ...(title !== null ? { title } : {}), origin, ...(ref !== null ? { ref } : {}),
      }));
      a.claims = { signature: signatureOf(a.ms), claims: st.claims };
      this.articles.set(uri, a);
      this.byId.set(a.id, uri);
      changes.set(a.id, { after: this.build(a) });
    }
    this.votes.takeChanged();
    this.known.takeChanged();
    this.clusters.update(changes);
    for (const a of this.articles.values()) fillEntities(a.out!, (i) => this.clusters.entityOf(a.id, i, a.keys[i]));
  }

  result(uri: string): DocumentResult | undefined {
    return this.articles.get(uri)?.out?.result;
  }

  entity(id: string): Entity | undefined {
    return this.clusters.entity(id);
  }

  entities(): Entity[] {
    return this.clusters.entities();
  }

  entityCount(): number {
    return this.clusters.count();
  }

  /** The uris of the articles that mention an entity. */
  articlesOf(id: string): string[] {
    return [...this.clusters.docsOf(id)].map((d) => this.byId.get(d)!).filter(Boolean);
  }

  private admit(input: ArticleInput, id: number): Article {
    // The collection keeps the phrases in their compact form only, and never changes the caller's summary.
    const summary = { ...input.summary, phrases: [] };
    const norm = normalize(input.text);
    const rejected = (summary.decisions?.rejected ?? []).map((r) => ({ start: norm.fromOriginal(r.start), end: norm.fromOriginal(r.end) }));
    const a: Article = {
      id, summary, norm,
      // Rejected suggestions are not found again by the collection pass.
      blocked: [...summary.dates, ...summary.suppressed, ...rejected],
      phrases: Int32Array.from(input.summary.phrases),
      misspellable: summary.misspellable,
      voteKeys: new Int32Array(), lone: new Int32Array(), personWords: [], ms: [], keys: [],
    };
    this.votes.add(summary.candidates, 1);
    this.known.add(knownContributions(summary.candidates), 1);
    return a;
  }

  private withdraw(a: Article, changedWords: Set<string>): void {
    this.votes.add(a.summary.candidates, -1);
    this.known.add(knownContributions(a.summary.candidates), -1);
    this.countPersonWords(a.personWords, -1, changedWords);
  }

  private countPersonWords(words: string[], sign: 1 | -1, changed: Set<string>): void {
    for (const w of words) {
      const n = (this.personCounts.get(w) ?? 0) + sign;
      if ((n > 0) !== ((n - sign) > 0)) changed.add(w);
      if (n > 0) this.personCounts.set(w, n);
      else this.personCounts.delete(w);
    }
  }

  /** Adds to `into` the articles whose fingerprint holds one of the hashes. */
  private dependents(into: Set<Article>, hashes: number[], print: (a: Article) => Int32Array): void {
    if (!hashes.length) return;
    // A few hashes are looked up in each fingerprint; many (a batch of new articles) are a set each fingerprint is read against.
    const many = hashes.length > 16 ? new Set(hashes) : undefined;
    for (const a of this.articles.values()) {
      if (into.has(a)) continue;
      const p = print(a);
      if (many ? p.some((h) => many.has(h)) : hashes.some((h) => hasHash(p, h))) into.add(a);
    }
  }

  /** Articles with a lower-case word that a changed one-word foreign name may be a misspelling of. */
  private misspelt(into: Set<Article>, names: string[]): void {
    const singles = names.filter((k) => !k.includes(' ') && k.length >= 5);
    if (!singles.length) return;
    const byFirst = new Map<string, string[]>();
    for (const k of singles) {
      const list = byFirst.get(k[0]);
      if (list) list.push(k);
      else byFirst.set(k[0], [k]);
    }
    for (const a of this.articles.values()) {
      if (into.has(a) || !a.misspellable.length) continue;
      if (a.misspellable.some((w) => (byFirst.get(w[0]) ?? []).some((k) => Math.abs(k.length - w.length) <= 1 && editDistance(k, w) === 1))) into.add(a);
    }
  }

  /** Finds known names again in the article and settles the kinds of its candidates. */
  private reread(a: Article, t: Token[]): void {
    a.found = refind({ candidates: a.summary.candidates, tokens: t, text: a.norm.text, blocked: a.blocked }, this.view);
    a.decided = a.found.map((c) => decideKind(c, this.view));
  }

  /** The article's final mentions, claims and result, from its settled kinds. */
  private settle(a: Article, given?: Token[]): ClusterDoc {
    let t = given;
    if (!a.found) this.reread(a, (t ??= tokenize(a.norm.text)));
    a.ms = finalMentions(a.found!, a.decided!, new Set(a.personWords), this.view);
    const signature = signatureOf(a.ms);
    if (a.claims?.signature !== signature) {
      t ??= tokenize(a.norm.text);
      const local = a.ms.map((m) => ({ ...m, entity: `@${m.start}` }));
      a.claims = { signature, claims: classifyClaims(a.norm.text, t, a.summary.sentences, local) };
    }
    return this.build(a);
  }

  /** The reported result and the cluster mentions, from the final mentions and claims. */
  private build(a: Article): ClusterDoc {
    a.out = articleResult({ ...a.summary, norm: a.norm }, a.ms, a.claims!.claims);
    a.keys = a.ms.map((m) => mentionKey(m));
    this.applySplits(a);
    return this.clusterDocOf(a);
  }

  private clusterDocOf(a: Article): ClusterDoc {
    return clusterDoc(a.ms, a.keys, a.summary.acronyms);
  }

  /** Mentions the user split off an entity are entities of their own: the user's decision wins. */
  private applySplits(a: Article): void {
    const file = a.summary.file?.replace(/\\/g, '/');
    const splits = file ? this.splits.get(file) : undefined;
    if (!splits) return;
    const ems = a.out!.entityMentions;
    for (const x of splits) {
      let best = -1;
      ems.forEach((m, i) => {
        if (m.text.normalize('NFC') !== x.text.normalize('NFC')) return;
        if (best < 0 || Math.abs(m.start - x.start) < Math.abs(ems[best].start - x.start)) best = i;
      });
      if (best >= 0 && Math.abs(ems[best].start - x.start) <= 40) a.keys[best] = `split:${encodeURI(file!)}:${ems[best].start}`;
    }
  }
}

/** What an article tells the clusters: its mentions by key and the keys it joins. */
function clusterDoc(ms: EntityMention[], keys: string[], acronyms: [string, string][]): ClusterDoc {
  const mentions = ms.map((m, i) => ({ key: keys[i], kind: m.kind, text: m.text, start: m.start, title: m.title, ref: m.ref }));
  const links: [string, string][] = [];
  // Gazetteer and registry names also carry a plain key, so a rule-found spelling joins them.
  for (const m of mentions) if (m.ref && !m.key.startsWith('split:')) links.push([m.key, plainKey(m.kind, m.text)]);
  // Acronym and long form paired in the article.
  for (const [long, acro] of acronyms) {
    const lm = mentions.findIndex((m) => m.text === long);
    const am = mentions.findIndex((m) => m.text === acro);
    if (lm >= 0 && am >= 0 && mentions[lm].kind === mentions[am].kind) links.push([mentions[lm].key, mentions[am].key]);
  }
  return { mentions, links };
}

const signatureOf = (ms: EntityMention[]) => hash32(ms.map((m) => `${m.start},${m.end},${m.kind}`).join(';'));

/**
 * A name's key, which is also its entity's id: kind and words joined by "_", so that an id is one
 * token wherever it is written (a brat reference, a command link).
 */
function plainKey(kind: string, text: string): string {
  return `${kind}:${nameWords(text).join('_')}`;
}

function mentionKey(m: EntityMention): string {
  if (m.ref) return `id:${m.ref}`;
  const pair = lang.pairs.get(phraseKey(m.text));
  return plainKey(m.kind, pair ?? m.text);
}

let gazetteerNames: Map<string, { name: string }> | undefined;
function gazetteerEntry(id: string): { name: string } | undefined {
  gazetteerNames ??= new Map([...lang.gazetteer.values()].map((e) => [e.id, { name: e.name }]));
  return gazetteerNames.get(id);
}
