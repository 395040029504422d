/**
 * The collection: what one article cannot decide alone, kept up to date as articles come and go.
 * Each article contributes to aggregates (kind votes, known names, person words, entity clusters)
 * and is re-read only when an aggregate it depends on changed; its fingerprints (phrases a known
 * name could be found as, the vote keys and lone words it asks about) say when that is.
 * Building it article by article, in any order, gives the same state as building it at once.
 */
import type { Claim, DocumentResult, Entity, EntityKind, EntityMention, RegistryEntity } from '../types';
import type { ArticleSummary } from '../summary';
import { packSummary, unpackSummary } from '../summaryCodec';
import { normalize, type NormalizedText } from '../text/normalize';
import { lang, phraseKey } from '../lang/knowledge';
import { articleResult, fillEntities, type ArticleResult } from '../documentResult';
import { KindVotes } from './kindVotes';
import { KnownNames, knownContributions } from './knownNames';
import { Clusters, type ClusterDoc } from './clusters';
import { editDistance } from './distance';
import { sharedString, shareStrings } from './stringPool';
import { hash32, hasHash, nameWords, personWords, sortedHashes, type CollectionView } from './articlePass';
import { settleArticle, type SettledParts, type SettleJob, type ViewData } from './settleArticle';

export interface ArticleInput {
  summary: ArticleSummary;
  text: string;
  /** The summary packed already (packSummary), as the warm cache has it, or as UTF-8 from a worker. */
  packed?: string | Uint8Array;
}

interface Article {
  id: number;
  text: string;
  /** The summary as UTF-8 JSON (packSummary): read again only when the article is settled or withdrawn. */
  packed: Buffer;
  file?: string;
  acronyms: [string, string][];
  phrases: Int32Array;
  misspellable: string[];
  voteKeys: Int32Array;
  lone: Int32Array;
  personWords: string[];
  /** Final mentions, normalised-text offsets. */
  ms: EntityMention[];
  claims: Claim[];
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

/** An article to restore: its input, as it was settled, and perhaps its result as saved then. */
export type RestoredInput = ArticleInput & { settled: SettledArticle; result?: DocumentResult };

/**
 * A saved result taken as the article's result instead of building it again, when it is plainly
 * the one articleResult would build: the text is NFC (offsets need no mapping), no user decisions
 * (they add and change claims), and its entity mentions and claims line up with the settled ones.
 * Its entity mentions become the article's final mentions, as articleResult shares them then.
 */
function adoptResult(result: DocumentResult, st: SettledArticle, claims: Claim[], plain: boolean): ArticleResult | undefined {
  if (!plain || result.annotations || result.claims.length !== claims.length) return undefined;
  const entityMentions = result.mentions.filter((m): m is EntityMention => m.kind !== 'date');
  if (entityMentions.length !== st.mentions.length) return undefined;
  for (let i = 0; i < entityMentions.length; i++) {
    const m = entityMentions[i];
    const [start, end, kind] = st.mentions[i];
    if (m.start !== start || m.end !== end || m.kind !== KIND_CODES[kind]) return undefined;
  }
  const at = new Map(entityMentions.map((m, i) => [`@${m.start}`, i]));
  const claimSources = new Map<Claim, number>();
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i];
    const out = result.claims[i];
    if (out.start !== c.start || out.end !== c.end || out.status !== c.status) return undefined;
    if (c.source !== undefined) claimSources.set(out, at.get(c.source) ?? -1);
  }
  return { result, entityMentions, claimSources };
}

/** Articles to settle, with what to settle them against (here, or as data for worker threads). */
export interface UpdateRound {
  jobs: Map<string, SettleJob>;
  view: CollectionView;
  viewData(): ViewData;
}

/** An update between `beginUpdate` and `finishUpdate`. */
interface Run {
  /** The articles added by this update, with the summaries they came with (not unpacked again to build them). */
  fresh: Map<Article, ArticleSummary>;
  /** What the clusters last received of each article changed here, to take it away from them. */
  clusterChanges: Map<number, { before?: ClusterDoc; after?: ClusterDoc }>;
  /** Each settled article's result before the update (undefined: report it changed). */
  before: Map<Article, string | undefined>;
  /** Whether each word counted in or out was a person word before the update. */
  wasPerson: Map<string, boolean>;
  settled: Set<Article>;
  round?: { articles: Set<Article>; guess: Set<string>; touched: Map<string, boolean>; view: CollectionView };
}

export class Collection {
  private articles = new Map<string, Article>();
  private byId = new Map<number, string>();
  private nextId = 1;
  private votes = new KindVotes();
  private known = new KnownNames();
  private personCounts = new Map<string, number>();
  private clusters: Clusters;
  private view: CollectionView;
  private run?: Run;

  constructor(registry: RegistryEntity[] = []) {
    const reg = new Map(registry.map((e) => [`registry:${e.id}`, e]));
    this.splits = new Map();
    for (const e of registry)
      for (const x of e.exclude ?? []) {
        const f = x.file.replace(/\\/g, '/');
        this.splits.set(f, [...(this.splits.get(f) ?? []), x]);
      }
    this.clusters = new Clusters(
      (ref) => reg.get(ref) ?? gazetteerEntry(ref),
      (id) => {
        const uri = this.byId.get(id);
        const a = uri === undefined ? undefined : this.articles.get(uri);
        return a?.out ? this.clusterDocOf(a) : undefined;
      },
    );
    this.view = {
      known: (k) => this.known.get(k),
      foreignSingles: (f) => this.known.foreignSingles(f),
      verdict: (k) => this.votes.verdict(k),
      personWord: (w) => (this.personCounts.get(w) ?? 0) > 0,
    };
  }

  private splits: Map<string, { file: string; start: number; text: string }[]>;

  /**
   * Adds, replaces (same uri) or removes (undefined) articles; returns the uris whose result
   * changed. The articles to settle are settled here; `beginUpdate` lets a caller settle them elsewhere.
   */
  update(changes: Map<string, ArticleInput | undefined>): Set<string> {
    for (let round = this.beginUpdate(changes); round;) {
      const results = new Map<string, SettledParts>();
      for (const [uri, job] of round.jobs) results.set(uri, settleArticle(job, round.view));
      round = this.acceptRound(results);
    }
    return this.finishUpdate();
  }

  /**
   * The first step of an update: articles are added and withdrawn, the aggregates counted, and the
   * articles whose reading may change are returned as a round of jobs. Each round's results go to
   * `acceptRound`, which returns the next round (articles whose person words changed under them),
   * until there is none; then `finishUpdate`. Nothing else may change the collection meanwhile.
   */
  beginUpdate(changes: Map<string, ArticleInput | undefined>): UpdateRound | undefined {
    if (this.run) throw new Error('an update of the collection is already running');
    const run: Run = (this.run = { fresh: new Map(), clusterChanges: new Map(), before: new Map(), wasPerson: new Map(), settled: new Set() });
    for (const [uri, input] of changes) {
      const old = this.articles.get(uri);
      if (old) {
        this.withdraw(old);
        this.takeAway(old);
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
      run.fresh.set(a, input.summary);
    }
    const first = new Set<Article>(run.fresh.keys());
    this.dependents(first, this.votes.takeChanged().map(hash32), (a) => a.voteKeys);
    const changedNames = this.known.takeChanged();
    this.dependents(first, changedNames.map(hash32), (a) => a.phrases);
    this.misspelt(first, changedNames);
    // Articles with a word that stopped being a person's with a withdrawn article.
    this.dependents(first, this.flippedSince(run.wasPerson).map(hash32), (a) => a.lone);
    // New articles' person words are guessed from their own candidates; most guesses hold.
    const guess = new Set<string>();
    for (const c of changes.values())
      if (c)
        for (const w of personWords(
          c.summary.candidates,
          c.summary.candidates.map((x) => x.kind),
        ))
          guess.add(w);
    return this.startRound(first, guess);
  }

  acceptRound(results: Map<string, SettledParts>): UpdateRound | undefined {
    const run = this.run;
    const round = run?.round;
    if (!run || !round) throw new Error('no round of an update is running');
    // An article a worker could not settle is settled here, with the same view (before any count moves).
    const settled = new Map<Article, SettledParts>();
    for (const a of round.articles) settled.set(a, results.get(this.byId.get(a.id)!) ?? settleArticle(this.jobOf(a), round.view));
    const lone = new Map<Article, string[]>();
    for (const [a, r] of settled) {
      this.countPersonWords(a.personWords, -1);
      a.personWords = r.personWords;
      this.countPersonWords(a.personWords, 1);
      a.voteKeys = r.voteKeys;
      a.lone = sortedHashes(r.lone);
      a.ms = r.mentions.map(shareStrings);
      a.claims = r.claims.map(shareStrings);
      run.clusterChanges.get(a.id)!.after = this.build(a, run.fresh.get(a) ?? summaryOf(a));
      run.settled.add(a);
      lone.set(a, r.lone);
    }
    run.round = undefined;
    // Settled with person words that are not the collection's any more: this round's articles, those
    // of earlier rounds, and articles not settled yet whose words flipped since the update began.
    const isPerson = (w: string) => this.personCounts.has(w);
    const given = (w: string) => (round.touched.has(w) ? round.touched.get(w)! : isPerson(w)) || round.guess.has(w);
    const wrong = new Set([...round.touched.keys(), ...round.guess].filter((w) => given(w) !== isPerson(w)));
    const flipped = this.flippedSince(round.touched);
    const sinceStart = this.flippedSince(run.wasPerson);
    const next = new Set<Article>();
    for (const [a, words] of lone) if (words.some((w) => wrong.has(w))) next.add(a);
    const earlier = new Set<Article>();
    this.dependents(earlier, flipped.map(hash32), (a) => a.lone);
    for (const a of earlier) if (run.settled.has(a) && !round.articles.has(a)) next.add(a);
    const others = new Set<Article>();
    this.dependents(others, sinceStart.map(hash32), (a) => a.lone);
    for (const a of others) if (!run.settled.has(a)) next.add(a);
    return this.startRound(next, new Set());
  }

  finishUpdate(): Set<string> {
    const run = this.run;
    if (!run || run.round) throw new Error('no update of the collection to finish');
    this.run = undefined;
    const { docs } = this.clusters.update(run.clusterChanges);
    const touched = new Set<string>();
    for (const id of docs) {
      const uri = this.byId.get(id);
      const a = uri !== undefined ? this.articles.get(uri) : undefined;
      if (a?.out && fillEntities(a.out, (i) => this.clusters.entityOf(a.id, i, a.keys[i]))) touched.add(uri!);
    }
    for (const [a, json] of run.before) {
      const uri = this.byId.get(a.id);
      if (uri !== undefined && (json === undefined || JSON.stringify(a.out!.result) !== json)) touched.add(uri);
    }
    return touched;
  }

  private startRound(articles: Set<Article>, guess: Set<string>): UpdateRound | undefined {
    const run = this.run!;
    if (!articles.size) return undefined;
    for (const a of articles) {
      if (!run.before.has(a)) run.before.set(a, a.out && !run.fresh.has(a) ? JSON.stringify(a.out.result) : undefined);
      this.takeAway(a);
    }
    const personWord = (w: string) => this.personCounts.has(w) || guess.has(w);
    const view = { ...this.view, personWord };
    run.round = { articles, touched: new Map(), guess, view };
    const jobs = new Map<string, SettleJob>();
    for (const a of articles) jobs.set(this.byId.get(a.id)!, this.jobOf(a));
    return {
      jobs,
      view,
      viewData: () => ({
        known: this.known.chosenReadings(),
        verdicts: this.votes.verdictList(),
        personWords: [...new Set([...this.personCounts.keys(), ...guess])],
      }),
    };
  }

  /** The words whose membership in the person words differs from what `was` says it was. */
  private flippedSince(was: Map<string, boolean>): string[] {
    const out: string[] = [];
    for (const [w, p] of was) if (p !== this.personCounts.has(w)) out.push(w);
    return out;
  }

  private jobOf(a: Article): SettleJob {
    return { text: a.text, packed: a.packed };
  }

  /** Keeps what the clusters last received of an article, to take it away from them at the end. */
  private takeAway(a: Article): void {
    const changes = this.run!.clusterChanges;
    if (!changes.has(a.id)) changes.set(a.id, { before: a.out ? this.clusterDocOf(a) : undefined });
  }

  /** Settles an article against the collection and throws the result away: a rehearsal that compiles the settling code in this thread. */
  rehearse(uri: string): void {
    const a = this.articles.get(uri);
    if (a && !this.run) settleArticle(this.jobOf(a), { ...this.view, personWord: (w) => this.personCounts.has(w) });
  }

  /** The settled state of every article, for the warm cache. */
  exportState(): Map<string, SettledArticle> {
    const out = new Map<string, SettledArticle>();
    for (const [uri, a] of this.articles) {
      out.set(uri, {
        mentions: a.ms.map((m) => [m.start, m.end, KIND_CODES.indexOf(m.kind), m.title ?? null, m.origin, m.ref ?? null]),
        claims: a.claims,
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
  restore(entries: Map<string, RestoredInput>): void {
    const steps = this.restoreSteps(entries);
    while (!steps.next().done);
  }

  /** restore() in steps of `every` articles, so that a caller can do other work between two steps. */
  *restoreSteps(entries: Map<string, RestoredInput>, every = 250): Generator<void> {
    const changes = new Map<number, { after: ClusterDoc }>();
    let n = 0;
    for (const [uri, input] of entries) {
      if (++n % every === 0) yield;
      const a = this.admit(input, this.nextId++);
      const st = input.settled;
      a.voteKeys = Int32Array.from(st.voteKeys);
      a.lone = Int32Array.from(st.lone);
      a.personWords = st.personWords;
      this.countPersonWords(a.personWords, 1);
      const norm = normalize(a.text);
      a.claims = st.claims.map(shareStrings);
      this.articles.set(uri, a);
      this.byId.set(a.id, uri);
      const adopted = input.result && adoptResult(input.result, st, a.claims, norm.text === a.text && !input.summary.decisions);
      if (adopted) {
        a.ms = adopted.entityMentions;
        a.out = adopted;
        changes.set(a.id, { after: this.keyed(a) });
        continue;
      }
      a.ms = st.mentions.map(([start, end, kind, title, origin, ref]) => ({
        start,
        end,
        text: norm.text.slice(start, end),
        kind: KIND_CODES[kind],
        ...(title !== null ? { title } : {}),
        origin,
        ...(ref !== null ? { ref } : {}),
      }));
      changes.set(a.id, { after: this.build(a, input.summary, norm) });
    }
    this.votes.takeChanged();
    this.known.takeChanged();
    yield;
    this.clusters.update(changes);
    n = 0;
    for (const a of this.articles.values()) {
      if (++n % every === 0) yield;
      fillEntities(a.out!, (i) => this.clusters.entityOf(a.id, i, a.keys[i]));
    }
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
    const { summary } = input;
    const a: Article = {
      id,
      text: input.text,
      packed: packedBytes(input.packed ?? packSummary(summary)),
      file: summary.file,
      acronyms: summary.acronyms,
      phrases: Int32Array.from(summary.phrases),
      misspellable: summary.misspellable,
      voteKeys: new Int32Array(),
      lone: new Int32Array(),
      personWords: [],
      ms: [],
      claims: [],
      keys: [],
    };
    this.votes.add(summary.candidates, 1);
    this.known.add(knownContributions(summary.candidates), 1);
    return a;
  }

  private withdraw(a: Article): void {
    const { candidates } = summaryOf(a);
    this.votes.add(candidates, -1);
    this.known.add(knownContributions(candidates), -1);
    this.countPersonWords(a.personWords, -1);
    a.personWords = [];
  }

  /** Counts person words in or out, remembering what each word was before the update and the round. */
  private countPersonWords(words: string[], sign: 1 | -1): void {
    const run = this.run;
    for (const w of words) {
      const was = this.personCounts.get(w) ?? 0;
      if (run && !run.wasPerson.has(w)) run.wasPerson.set(w, was > 0);
      if (run?.round && !run.round.touched.has(w)) run.round.touched.set(w, was > 0);
      const n = was + sign;
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

  /** The reported result and the cluster mentions, from the final mentions and claims. */
  private build(a: Article, summary = summaryOf(a), norm: NormalizedText = normalize(a.text)): ClusterDoc {
    a.out = articleResult({ ...summary, norm }, a.ms, a.claims);
    return this.keyed(a);
  }

  /** The mention keys and the cluster mentions of an article whose result is built. */
  private keyed(a: Article): ClusterDoc {
    a.keys = a.ms.map((m) => sharedString(mentionKey(m)));
    this.applySplits(a);
    return this.clusterDocOf(a);
  }

  private clusterDocOf(a: Article): ClusterDoc {
    return clusterDoc(a.ms, a.keys, a.acronyms);
  }

  /** Mentions the user split off an entity are entities of their own: the user's decision wins. */
  private applySplits(a: Article): void {
    const file = a.file?.replace(/\\/g, '/');
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

/** A packed summary as a Buffer: a worker's bytes as they are, a string encoded. */
const packedBytes = (p: string | Uint8Array): Buffer => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.byteLength));

const summaryOf = (a: Article): ArticleSummary => unpackSummary(a.packed.toString('utf8'));

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
