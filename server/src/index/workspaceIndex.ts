/**
 * The workspace index: every article's text, .ann and summary, the newslens.json files, and the
 * collection built from them. A change marks its article dirty; the next read re-summarises the
 * dirty articles and updates the collection with them alone (see core/resolve/collection.ts).
 */
import { makeLookup } from '../core/analyze';
import { metaFor, parseConfig, type NewsLensConfig } from '../core/meta/config';
import type { CollectionResult, DocumentResult, Entity, EntityMention, DateMention, RegistryEntity } from '../core/types';
import { readDecisions, type Decisions } from '../core/annotations/decisions';
import { summarize, type ArticleSummary, type PrepareInput } from '../core/summary';
import { Collection, type ArticleInput, type SettledArticle } from '../core/resolve/collection';

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

export class WorkspaceIndex {
  private entries = new Map<string, Entry>();
  private configs = new Map<string, NewsLensConfig>();
  private configTexts = new Map<string, string>();
  private registry: RegistryEntity[] = [];
  private lookup = makeLookup();
  private collection = new Collection();
  /** Articles changed since the collection last saw them (an absent entry is a removal). */
  private dirty = new Set<string>();
  private byUri = new Map<string, DocumentResult>();
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
    this.dirty.add(uri);
  }

  /** Articles in the collection, and articles known. */
  progress(): { ready: number; total: number } {
    let waiting = 0;
    if (this.deferred) for (const uri of this.dirty) if (this.entries.get(uri) && !this.entries.get(uri)!.summary) waiting++;
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
  }

  /** Sets (or, with undefined, removes) an article's .ann text. */
  setAnnotations(uri: string, ann: string | undefined): void {
    const e = this.entries.get(uri);
    if (!e || e.ann === ann) return;
    e.ann = ann;
    e.summary = undefined;
    this.dirty.add(uri);
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
      this.byUri.clear();
      this.claimCounts.clear();
    }
    const dir = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
    for (const e of this.entries.values()) {
      if (registryChanged || e.path.replace(/\\/g, '/').startsWith(dir + '/')) {
        e.summary = undefined;
        this.dirty.add(e.uri);
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
  setSummary(uri: string, text: string, summary: ArticleSummary): void {
    const e = this.entries.get(uri);
    if (!e || e.text !== text || e.summary || !this.dirty.has(uri)) return;
    e.summary = summary;
    this.dirty.add(uri);
  }

  /**
   * Starts the collection from a saved state instead of analysing: only when it holds nothing
   * yet and the state was saved from exactly these articles (the caller checks that).
   */
  restore(summaries: Map<string, ArticleSummary>, settled: Map<string, SettledArticle>): boolean {
    if (this.byUri.size || summaries.size !== this.entries.size) return false;
    const entries = new Map<string, ArticleInput & { settled: SettledArticle }>();
    for (const [uri, e] of this.entries) {
      const summary = summaries.get(uri);
      const st = settled.get(uri);
      if (!summary || !st) return false;
      entries.set(uri, { summary, text: e.text, settled: st });
    }
    for (const [uri, { summary }] of entries) {
      const e = this.entries.get(uri)!;
      e.summary = summary;
      this.inputOf(e);
    }
    this.collection.restore(entries);
    this.dirty.clear();
    for (const e of this.entries.values()) e.summary = undefined;
    for (const uri of entries.keys()) {
      this.byUri.set(uri, this.collection.result(uri)!);
      this.countClaims(uri, this.byUri.get(uri));
    }
    this.snapshot = undefined;
    return true;
  }

  /** The collection's settled state, to save beside the summaries. */
  exportState(): Map<string, SettledArticle> {
    this.flush();
    return this.collection.exportState();
  }

  /** What each article's summary is computed from, for cache keys. */
  inputs(): { uri: string; input: PrepareInput }[] {
    return [...this.entries.values()].map((e) => ({ uri: e.uri, input: this.inputOf(e) }));
  }

  /** Brings the collection up to date; returns the articles whose result changed. */
  flush(): Set<string> {
    if (!this.dirty.size) return new Set();
    const changes = new Map<string, ArticleInput | undefined>();
    for (const uri of this.dirty) {
      const e = this.entries.get(uri);
      if (!e) {
        changes.set(uri, undefined);
        continue;
      }
      if (!e.summary && this.deferred) continue;
      if (!e.summary) {
        const input = this.inputOf(e);
        e.summary = summarize(input, this.lookup);
        this.preparedCount++;
      }
      changes.set(uri, { summary: e.summary, text: e.text });
    }
    for (const uri of changes.keys()) this.dirty.delete(uri);
    if (!changes.size) return new Set();
    const touched = this.collection.update(changes);
    for (const uri of changes.keys()) if (!this.entries.has(uri)) {
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
      if (e) e.summary = undefined;
    }
    this.snapshot = undefined;
    return touched;
  }

  private inputOf(e: Entry): PrepareInput {
    e.decisions = e.ann !== undefined ? readDecisions(e.ann, e.text, e.edited) : undefined;
    // A .ann that does not parse is shown as errors and otherwise left alone.
    const usable = e.decisions && !e.decisions.file.errors.length ? e.decisions : undefined;
    return { path: e.label, file: e.path, text: e.text, meta: metaFor(e.path, [...this.configs.values()]), ...(usable ? { decisions: usable } : {}), registry: this.registry };
  }

  /** The collection result; the same object until something changes. */
  get(): Snapshot {
    this.flush();
    if (this.snapshot) return this.snapshot;
    const collection = this.collection;
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

  /** The figures of the status bar, without building the collection's lists. */
  figures(): { articles: number; entities: number; unsourced: number; vague: number } {
    this.flush();
    let unsourced = 0;
    let vague = 0;
    for (const [u, v] of this.claimCounts.values()) {
      unsourced += u;
      vague += v;
    }
    return { articles: this.byUri.size, entities: this.collection.entityCount(), unsourced, vague };
  }

  /** Unsourced and vague claims of an article, counted when its result changes. */
  private countClaims(uri: string, d: DocumentResult | undefined): void {
    if (!d) {
      this.claimCounts.delete(uri);
      return;
    }
    let u = 0;
    let v = 0;
    for (const c of d.claims) if (!c.dismissed) c.status === 'unsourced' ? u++ : c.status === 'vague' ? v++ : 0;
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
