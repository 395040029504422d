/**
 * The workspace index: every article's text, .ann and summary, the newslens.json files, and the
 * collection built from them. A change marks its article dirty; the next read re-summarises the
 * dirty articles and updates the collection with them alone (see core/resolve/collection.ts).
 */
import { makeLookup } from '../core/analyze';
import { metaFor, parseConfig, type NewsLensConfig } from '../core/meta/config';
import type { ArticleMeta, CollectionResult, DocumentResult, Entity, EntityMention, DateMention, RegistryEntity } from '../core/types';
import { readDecisions, type Decisions } from '../core/annotations/decisions';
import { summarize, type ArticleSummary, type PrepareInput } from '../core/summary';
import { Collection, type ArticleInput, type RestoredInput, type SettledArticle, type UpdateRound } from '../core/resolve/collection';
import type { SettledParts } from '../core/resolve/settleArticle';
import type { Fact } from '../core/facts/extract';
import { FactIndex, type Conflict } from '../core/facts/compare';
import { now, trace, traced } from './trace';
import { SavedEntities, type EntityTable } from './savedEntities';
import { ResultMap } from './resultMap';
import { tryUnpackBytes } from '../core/summaryCodec';

interface Entry {
  uri: string;
  /** File system path, used to find the article's newslens.json. */
  path: string;
  text: string;
  /** Path shown in results (relative to the workspace when known). */
  label: string;
  /** The article's .ann file as text, when it has one. */
  ann?: string;
  /** The text is an editor's, perhaps unsaved. */
  edited?: boolean;
  summary?: ArticleSummary;
  /** The summary as a worker or the warm cache packed it, so that the collection need not pack it again. */
  packed?: string | Uint8Array;
  decisions?: Decisions;
}

export interface Snapshot {
  result: CollectionResult;
  byUri: Map<string, DocumentResult>;
  entities: { get(id: string): Entity | undefined };
  /** Mentions of each entity and of each day, for navigation. */
  byEntity: { get(id: string): { uri: string; mention: EntityMention }[] | undefined };
  byDay: Map<string, { uri: string; mention: DateMention }[]>;
}

/** One article of a saved collection: as it was settled, and perhaps its result. */
export interface SavedArticle {
  settled: SettledArticle;
  result?: DocumentResult;
}

/** Settles a round of an update elsewhere (worker threads); articles missing from the answer are settled here. */
export type RoundSettler = (round: UpdateRound) => Promise<Map<string, SettledParts>>;

/** Rounds smaller than this are settled in this thread: sending them would cost more. */
const ROUND_FOR_WORKERS = 256;

export class WorkspaceIndex {
  private entries = new Map<string, Entry>();
  private configs = new Map<string, NewsLensConfig>();
  private configTexts = new Map<string, string>();
  private registry: RegistryEntity[] = [];
  private lookup = makeLookup();
  private collection = new Collection();
  /** Articles changed since the collection last saw them (an absent entry is a removal). */
  private dirty = new Set<string>();
  /** Dirty articles that can go to the collection without being summarised here (summarised, or removed). */
  private ready = new Set<string>();
  /** Facts of every article (from its summary), compared across articles when asked. */
  private facts = new FactIndex();
  /** Settles while an update runs on worker threads: until then the index answers from what it had. */
  private busy?: Promise<void>;
  /** The saved entities, while the collection is rebuilt after a warm start. */
  private interim?: EntityTable;
  private byUri = new ResultMap();
  /**
   * Articles whose result changed in a flush that a read made on its way (a request, a diagnostic
   * looking at the collection), which nobody published: the next flushWith returns them too.
   */
  private unreported = new Set<string>();
  private claimCounts = new Map<string, [number, number]>();
  private snapshot?: Snapshot;
  private sortedUris?: string[];
  /** While set, articles without a summary wait for one (from workers) instead of being summarised here. */
  private deferred = false;
  /** How many times documents were prepared: lets tests see that caching works. */
  preparedCount = 0;

  /** Makes reads leave unsummarised articles for later (while workers summarise them), or not. */
  defer(on: boolean): void {
    this.deferred = on;
  }

  /** Summarises one article now, in this thread (an article open in the editor should not wait). */
  prepare(uri: string): void {
    const e = this.entries.get(uri);
    if (!e || e.summary || !this.dirty.has(uri)) return;
    e.summary = summarize(this.inputOf(e), this.lookup);
    this.preparedCount++;
    this.ready.add(uri);
  }

  /**
   * Analyses one article and throws the result away. Workers index the workspace, so this thread
   * has never run the analysis; a rehearsal while idle spares the first edit its compilation.
   */
  rehearse(uri: string): void {
    const e = this.entries.get(uri);
    if (!e || this.busy || this.deferred) return;
    summarize(this.inputOf(e), this.lookup);
    this.collection.rehearse(uri);
  }

  /** Articles in the collection, and articles known. */
  progress(): { ready: number; total: number } {
    // Dirty articles are either ready (summarised, or removed) or waiting for a summary.
    const waiting = this.deferred ? this.dirty.size - this.ready.size : 0;
    return { ready: this.entries.size - waiting, total: this.entries.size };
  }

  uris(): string[] {
    return (this.sortedUris ??= [...this.entries.keys()].sort());
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  text(uri: string): string | undefined {
    return this.entries.get(uri)?.text;
  }

  setDocument(uri: string, path: string, text: string, label = path, edited = false): void {
    const old = this.entries.get(uri);
    if (old && old.text === text && old.path === path && old.label === label) return;
    if (!old) this.sortedUris = undefined;
    this.entries.set(uri, { uri, path, text, label, ann: old?.ann, ...(edited ? { edited } : {}) });
    this.dirty.add(uri);
    this.ready.delete(uri);
  }

  /** The editor saved the article: its text is the file's now, and its .ann is checked against it as a file's. */
  markSaved(uri: string): boolean {
    const e = this.entries.get(uri);
    if (!e?.edited) return false;
    e.edited = undefined;
    e.summary = e.packed = undefined;
    this.dirty.add(uri);
    this.ready.delete(uri);
    return true;
  }

  /** Sets (or, with undefined, removes) an article's .ann text. */
  setAnnotations(uri: string, ann: string | undefined): void {
    const e = this.entries.get(uri);
    if (!e || e.ann === ann) return;
    e.ann = ann;
    e.summary = e.packed = undefined;
    this.dirty.add(uri);
    this.ready.delete(uri);
  }

  /** The user's decisions read from an article's .ann (also when the file has errors). */
  decisions(uri: string): Decisions | undefined {
    this.flush();
    return this.entries.get(uri)?.decisions;
  }

  removeDocument(uri: string): boolean {
    const had = this.entries.delete(uri);
    if (had) {
      this.dirty.add(uri);
      this.ready.add(uri);
      this.sortedUris = undefined;
    }
    return had;
  }

  /** Adds, replaces or (with text undefined) removes a newslens.json. Returns its problems. */
  setConfig(path: string, text: string | undefined): NewsLensConfig | undefined {
    // The same file read again changes nothing (a reindex reads every newslens.json again).
    if (text !== undefined && this.configTexts.get(path) === text) return this.configs.get(path);
    if (text === undefined) this.configTexts.delete(path);
    else this.configTexts.set(path, text);
    if (text === undefined) this.configs.delete(path);
    else this.configs.set(path, parseConfig(path, text));
    const registry = [...this.configs.values()].flatMap((c) => c.entities);
    const registryChanged = JSON.stringify(registry) !== JSON.stringify(this.registry);
    this.registry = registry;
    if (registryChanged) {
      this.lookup = makeLookup(registry);
      // The registry changes what every article finds: the collection starts again.
      this.collection = new Collection(registry);
      this.facts = new FactIndex();
      this.interim = undefined;
      this.byUri.clear();
      this.claimCounts.clear();
    }
    const dir = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
    for (const e of this.entries.values()) {
      if (registryChanged || e.path.replace(/\\/g, '/').startsWith(dir + '/')) {
        e.summary = e.packed = undefined;
        this.dirty.add(e.uri);
        this.ready.delete(e.uri);
      }
    }
    return this.configs.get(path);
  }

  configList(): NewsLensConfig[] {
    return [...this.configs.values()];
  }

  /** What a worker needs to summarise each article that has no summary yet. */
  pendingInputs(): { uri: string; input: PrepareInput }[] {
    const out: { uri: string; input: PrepareInput }[] = [];
    for (const uri of this.dirty) {
      const e = this.entries.get(uri);
      if (e && !e.summary) out.push({ uri, input: this.inputOf(e) });
    }
    return out;
  }

  /** A summary computed elsewhere (a worker, the warm cache) for the article's current text. */
  setSummary(uri: string, text: string, summary: ArticleSummary, packed?: string | Uint8Array): void {
    const e = this.entries.get(uri);
    if (!e || e.text !== text || e.summary || !this.dirty.has(uri)) return;
    e.summary = summary;
    e.packed = packed;
    this.ready.add(uri);
  }

  /**
   * Starts from a state saved from exactly these articles (the caller checks the fingerprint and
   * that the state has every article) instead of analysing them. The collection is rebuilt from
   * the summaries (`packedOf`, the warm cache's bytes) and the settled articles (`saved.article`)
   * in the background, a slice at a time; updates wait for it. With saved results (`saved.counts`
   * and entities given) the index answers from them meanwhile, each read when first asked for;
   * without, it has nothing to answer with until the rebuild is done. Returns undefined, changing
   * nothing, if the index is not empty; otherwise a promise of the articles whose diagnostics are
   * to be sent again once the collection is rebuilt (their conflicts come from the rebuilt facts).
   */
  restoreSaved(
    saved: { article: (uri: string) => SavedArticle | undefined; entities: Entity[]; counts?: Map<string, [number, number]> },
    packedOf: (uri: string) => Uint8Array | undefined,
  ): Promise<Set<string>> | undefined {
    if (this.byUri.size || this.busy) return undefined;
    const inputs = new Map<string, { text: string; input: PrepareInput }>();
    for (const [uri, e] of this.entries) inputs.set(uri, { text: e.text, input: this.inputOf(e) });
    this.dirty.clear();
    this.ready.clear();
    const { counts } = saved;
    if (counts) {
      for (const [uri, e] of this.entries) {
        // A line that cannot be read gives an empty result until the rebuild (which then fails, and starts again) replaces it.
        this.byUri.setLater(uri, () => saved.article(uri)?.result ?? { path: e.label, mentions: [], claims: [], sentences: [] });
        this.claimCounts.set(uri, counts.get(uri) ?? [0, 0]);
      }
      this.interim = new SavedEntities(saved.entities, this.byUri);
    }
    this.snapshot = undefined;
    let done = () => {};
    this.busy = new Promise((r) => (done = r));
    return this.rebuild(inputs, saved.article, packedOf, !!counts).finally(() => {
      this.busy = undefined;
      done();
    });
  }

  private async rebuild(
    inputs: Map<string, { text: string; input: PrepareInput }>,
    article: (uri: string) => SavedArticle | undefined,
    packedOf: (uri: string) => Uint8Array | undefined,
    withResults: boolean,
  ): Promise<Set<string>> {
    const collection = this.collection;
    // Slices of about 10 ms, then a timer's wait: the LSP connection writes one message a turn of the
    // event loop, so a pause of one turn would let a single message out; during a timer's wait the
    // messages written meanwhile (thousands of diagnostics) and the requests go through.
    let sliceStarted = now();
    const pause = async () => {
      if (now() - sliceStarted < 10) return;
      await new Promise((r) => setTimeout(r, 1));
      sliceStarted = now();
    };
    const t = now();
    try {
      // The index answers first: the rebuild starts once the caller has sent what it had to.
      await new Promise((r) => setImmediate(r));
      const entries = new Map<string, RestoredInput>();
      let n = 0;
      for (const [uri, { text, input }] of inputs) {
        if (++n % 16 === 0) await pause();
        let packed = packedOf(uri);
        let summary = tryUnpackBytes(packed);
        // A summary the cache lost since it was checked is made again here.
        if (!summary) {
          summary = summarize(input, this.lookup);
          packed = undefined;
          this.preparedCount++;
        }
        const saved = article(uri);
        if (!saved) throw new Error(`the saved state of ${input.path} cannot be read`);
        // The saved result, taken over by the collection where it is the one it would build, is kept once.
        const result = withResults ? saved.result : undefined;
        entries.set(uri, { summary, text, ...(packed ? { packed } : {}), settled: saved.settled, ...(result ? { result } : {}) });
      }
      trace('restore: read the summaries', t);
      for (const _ of collection.restoreSteps(entries, 16)) {
        // A new registry started the collection again meanwhile, and marked every article to be read again.
        if (collection !== this.collection) return new Set();
        await pause();
      }
      if (collection !== this.collection) return new Set();
      for (const [uri, { summary }] of entries) {
        const r = collection.result(uri)!;
        this.byUri.set(uri, r);
        this.countClaims(uri, r);
        this.putFacts(uri, summary.facts);
      }
      this.interim = undefined;
      this.snapshot = undefined;
      trace('restore: the collection, in the background', t);
      return new Set(entries.keys());
    } catch (e) {
      // The collection is half built: it starts again from nothing, every article to be read again.
      if (collection === this.collection) this.startAgain();
      throw e;
    }
  }

  /** An empty collection, every article to be summarised and settled again. */
  private startAgain(): void {
    this.collection = new Collection(this.registry);
    this.facts = new FactIndex();
    this.interim = undefined;
    this.byUri.clear();
    this.claimCounts.clear();
    for (const e of this.entries.values()) {
      e.summary = e.packed = undefined;
      this.dirty.add(e.uri);
      this.ready.delete(e.uri);
    }
    this.snapshot = undefined;
  }

  /** Resolves once no update or rebuild is running. */
  async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  /** The collection's settled state, its results and entities, to save beside the summaries (after `idle()`). */
  exportState(): {
    settled: Map<string, SettledArticle>;
    results: Map<string, DocumentResult>;
    entities: Entity[];
    counts: ReadonlyMap<string, [number, number]>;
  } {
    if (this.busy) throw new Error('the collection is being updated; wait for idle() first');
    this.flush();
    return { settled: this.collection.exportState(), results: this.byUri, entities: this.collection.entities(), counts: this.claimCounts };
  }

  /** What an article's summary is computed from (its text, metadata, decisions and registry). */
  input(uri: string): PrepareInput | undefined {
    const e = this.entries.get(uri);
    return e && this.inputOf(e);
  }

  /** What each article's summary is computed from, for cache keys. */
  inputs(): { uri: string; input: PrepareInput }[] {
    return [...this.entries.values()].map((e) => ({ uri: e.uri, input: this.inputOf(e) }));
  }

  /**
   * Brings the collection up to date; returns the articles whose result changed. While deferred
   * (workers are indexing) reads answer from the last results, and only flushWith updates them.
   */
  flush(): Set<string> {
    if (this.busy || this.deferred || !this.dirty.size) return new Set();
    const changes = this.takeChanges();
    const touched = changes.size ? this.applied(changes, this.collection.update(changes)) : new Set<string>();
    for (const uri of touched) this.unreported.add(uri);
    return touched;
  }

  /**
   * Brings the collection up to date as flush does, settling large rounds with `settle` (worker
   * threads). Meanwhile reads answer from the results the index had, and flush does nothing.
   */
  async flushWith(settle: RoundSettler): Promise<Set<string>> {
    while (this.busy) await this.busy;
    const changes = this.dirty.size ? this.takeChanges() : new Map<string, ArticleInput | undefined>();
    const unreported = this.unreported;
    this.unreported = new Set();
    if (!changes.size) return unreported;
    const collection = this.collection;
    let done = () => {};
    this.busy = new Promise((r) => (done = r));
    try {
      let t = now();
      let round = collection.beginUpdate(changes);
      trace('collection: begin update', t, `${changes.size} articles`);
      while (round) {
        let results = new Map<string, SettledParts>();
        t = now();
        const jobs = round.jobs.size;
        if (jobs >= ROUND_FOR_WORKERS) {
          // Whatever the workers could not settle (a crash, a cancelled run) is settled here.
          results = await settle(round).catch(() => results);
          trace('collection: settle on workers', t, `${results.size} articles`);
          t = now();
        }
        round = collection.acceptRound(results);
        trace('collection: accept round', t, `${jobs} articles, ${jobs - results.size} settled here`);
      }
      t = now();
      const touched = collection.finishUpdate();
      trace('collection: finish update', t, `${touched.size} results changed`);
      // A new registry replaced the collection meanwhile and marked every article dirty again.
      if (collection !== this.collection) return unreported;
      const changed = this.applied(changes, touched);
      for (const uri of unreported) changed.add(uri);
      return changed;
    } finally {
      this.busy = undefined;
      done();
    }
  }

  /** The dirty articles ready for the collection (all of them unless deferred), summarised if need be. */
  private takeChanges(): Map<string, ArticleInput | undefined> {
    const changes = new Map<string, ArticleInput | undefined>();
    const t = now();
    let summarised = 0;
    for (const uri of this.deferred ? this.ready : this.dirty) {
      const e = this.entries.get(uri);
      if (!e) {
        changes.set(uri, undefined);
        continue;
      }
      if (!e.summary) {
        e.summary = summarize(this.inputOf(e), this.lookup);
        this.preparedCount++;
        summarised++;
      }
      changes.set(uri, { summary: e.summary, text: e.text, ...(e.packed ? { packed: e.packed } : {}) });
    }
    for (const uri of changes.keys()) {
      this.dirty.delete(uri);
      this.ready.delete(uri);
    }
    if (summarised) trace('index: summarise here', t, `${summarised} articles`);
    return changes;
  }

  /** Takes the collection's new results; returns the articles whose result changed. */
  private applied(changes: Map<string, ArticleInput | undefined>, touched: Set<string>): Set<string> {
    // The articles an edited article disagreed with, or now disagrees with, get their diagnostics anew.
    const partners = (uri: string) => this.facts.conflictsOf(uri).map((c) => c.b.uri);
    const few = changes.size < 256;
    const before = few ? [...changes.keys()].flatMap(partners) : [];
    for (const uri of changes.keys())
      if (!this.entries.has(uri)) {
        this.byUri.delete(uri);
        this.countClaims(uri, undefined);
      }
    for (const uri of touched) {
      const r = this.collection.result(uri);
      if (r) this.byUri.set(uri, r);
      this.countClaims(uri, r);
    }
    for (const uri of changes.keys()) {
      touched.add(uri);
      // The collection owns the summary now; a change of the article makes a new one.
      const e = this.entries.get(uri);
      if (e) e.summary = e.packed = undefined;
    }
    // An article's facts come from its own summary; others touched changed only their entity ids.
    for (const uri of touched) this.putFacts(uri, changes.get(uri)?.summary.facts);
    if (few) for (const u of [...before, ...[...changes.keys()].flatMap(partners)]) if (this.byUri.has(u)) touched.add(u);
    this.snapshot = undefined;
    return touched;
  }

  /** Files an article's facts (or, without new ones, the facts it had) under its entities and date. */
  private putFacts(uri: string, facts?: Fact[]): void {
    const d = this.byUri.get(uri);
    if (!d) return this.facts.delete(uri);
    const entities = d.mentions.flatMap((m) => (m.kind !== 'date' && m.entity ? [m.entity] : []));
    this.facts.set(uri, facts ?? this.facts.factsOf(uri) ?? [], entities, d.date);
  }

  private factIndex(): FactIndex {
    this.flush();
    return this.facts;
  }

  /** Where an article disagrees with others (its own fact first). */
  conflictsOf(uri: string): Conflict[] {
    return this.factIndex().conflictsOf(uri);
  }

  /** Every disagreement between articles, once. */
  conflicts(): Conflict[] {
    const facts = this.factIndex();
    return traced('facts: compare', () => facts.all());
  }

  /** An article's metadata from the newslens.json files above it (its outlet, date, title). */
  meta(uri: string): ArticleMeta | undefined {
    const e = this.entries.get(uri);
    return e && metaFor(e.path, [...this.configs.values()]);
  }

  private inputOf(e: Entry): PrepareInput {
    e.decisions = e.ann !== undefined ? readDecisions(e.ann, e.text, e.edited) : undefined;
    // A .ann that does not parse is shown as errors and otherwise left alone.
    const usable = e.decisions && !e.decisions.file.errors.length ? e.decisions : undefined;
    return {
      path: e.label,
      file: e.path,
      text: e.text,
      meta: metaFor(e.path, [...this.configs.values()]),
      ...(usable ? { decisions: usable } : {}),
      registry: this.registry,
    };
  }

  /** The collection result; the same object until something changes. */
  get(): Snapshot {
    this.flush();
    if (this.snapshot) return this.snapshot;
    const collection = this.table();
    const byUri = this.byUri;
    const uris = this.uris();
    let result: CollectionResult | undefined;
    let byDay: Map<string, { uri: string; mention: DateMention }[]> | undefined;
    const byEntity = new Map<string, { uri: string; mention: EntityMention }[]>();
    this.snapshot = {
      get result() {
        return (result ??= { documents: uris.map((u) => byUri.get(u)!), entities: collection.entities() });
      },
      byUri,
      entities: { get: (id) => collection.entity(id) },
      byEntity: {
        get: (id) => {
          let list = byEntity.get(id);
          if (!list) {
            list = [];
            for (const uri of collection.articlesOf(id).sort()) {
              for (const m of byUri.get(uri)?.mentions ?? []) if (m.kind !== 'date' && m.entity === id) list.push({ uri, mention: m });
            }
            byEntity.set(id, list);
          }
          return list;
        },
      },
      get byDay() {
        if (!byDay) {
          byDay = new Map();
          for (const uri of uris) {
            for (const m of byUri.get(uri)?.mentions ?? []) {
              if (m.kind !== 'date') continue;
              const key = m.value.split('T')[0];
              const list = byDay.get(key);
              if (list) list.push({ uri, mention: m });
              else byDay.set(key, [{ uri, mention: m }]);
            }
          }
        }
        return byDay;
      },
    };
    return this.snapshot;
  }

  private table(): EntityTable {
    return this.interim ?? this.collection;
  }

  /** The figures of the status bar, without building the collection's lists. */
  figures(): { articles: number; entities: number; unsourced: number; vague: number } {
    this.flush();
    let unsourced = 0;
    let vague = 0;
    for (const [u, v] of this.claimCounts.values()) {
      unsourced += u;
      vague += v;
    }
    return { articles: this.byUri.size, entities: this.table().entityCount(), unsourced, vague };
  }

  /** Unsourced and vague claims of an article, counted when its result changes. */
  private countClaims(uri: string, d: DocumentResult | undefined): void {
    if (!d) {
      this.claimCounts.delete(uri);
      return;
    }
    let u = 0;
    let v = 0;
    for (const c of d.claims) {
      if (c.dismissed) continue;
      if (c.status === 'unsourced') u++;
      else if (c.status === 'vague') v++;
    }
    this.claimCounts.set(uri, [u, v]);
  }

  document(uri: string): DocumentResult | undefined {
    if (!this.entries.has(uri)) return undefined;
    this.flush();
    return this.byUri.get(uri);
  }

  /** The entity or date mention covering an offset. */
  mentionAt(uri: string, offset: number): EntityMention | DateMention | undefined {
    return this.document(uri)?.mentions.find((m) => m.start <= offset && offset <= m.end && (offset < m.end || m.end > m.start));
  }

  /** Every mention of an entity, in every article, in order. */
  mentionsOf(entityId: string): { uri: string; mention: EntityMention }[] {
    return this.get().byEntity.get(entityId) ?? [];
  }

  /** Date mentions with a value, in every article. */
  datesWithValue(value: string): { uri: string; mention: DateMention }[] {
    return this.get().byDay.get(value.split('T')[0]) ?? [];
  }
}
