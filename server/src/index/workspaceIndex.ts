/**
 * The workspace index: every article's text and per-document analysis, the newslens.json files,
 * and the collection result computed from them. Updates are incremental: a changed article drops
 * only its own cached preparation; the collection pass (cheap, linear) runs again lazily on demand.
 */
import { analyzeCollection, makeLookup, prepareDocument, type PreparedDocument } from '../core/analyze';
import { metaFor, parseConfig, type NewsLensConfig } from '../core/meta/config';
import type { CollectionResult, DocumentResult, Entity, EntityMention, DateMention, RegistryEntity } from '../core/types';
import { readDecisions, type Decisions } from '../core/annotations/decisions';

interface Entry {
  uri: string;
  /** File system path, used to find the article's newslens.json. */
  path: string;
  text: string;
  /** Path shown in results (relative to the workspace when known). */
  label: string;
  /** The article's .ann file as text, when it has one. */
  ann?: string;
  prepared?: PreparedDocument;
  decisions?: Decisions;
}

export interface Snapshot {
  result: CollectionResult;
  byUri: Map<string, DocumentResult>;
  entities: Map<string, Entity>;
  /** Mentions of each entity and of each day, built once per snapshot for navigation. */
  byEntity: Map<string, { uri: string; mention: EntityMention }[]>;
  byDay: Map<string, { uri: string; mention: DateMention }[]>;
}

export class WorkspaceIndex {
  private entries = new Map<string, Entry>();
  private configs = new Map<string, NewsLensConfig>();
  private snapshot?: Snapshot;
  private registry: RegistryEntity[] = [];
  private lookup = makeLookup();
  /** How many times documents were prepared: lets tests see that caching works. */
  preparedCount = 0;

  uris(): string[] {
    return [...this.entries.keys()].sort();
  }

  text(uri: string): string | undefined {
    return this.entries.get(uri)?.text;
  }

  setDocument(uri: string, path: string, text: string, label = path): void {
    const old = this.entries.get(uri);
    if (old && old.text === text && old.path === path) return;
    this.entries.set(uri, { uri, path, text, label, ann: old?.ann });
    this.snapshot = undefined;
  }

  /** Sets (or, with undefined, removes) an article's .ann text. */
  setAnnotations(uri: string, ann: string | undefined): void {
    const e = this.entries.get(uri);
    if (!e || e.ann === ann) return;
    e.ann = ann;
    e.prepared = undefined;
    this.snapshot = undefined;
  }

  /** The user's decisions read from an article's .ann (also when the file has errors). */
  decisions(uri: string): Decisions | undefined {
    this.get();
    return this.entries.get(uri)?.decisions;
  }

  removeDocument(uri: string): boolean {
    const had = this.entries.delete(uri);
    if (had) this.snapshot = undefined;
    return had;
  }

  /** Adds, replaces or (with text undefined) removes a newslens.json. Returns its problems. */
  setConfig(path: string, text: string | undefined): NewsLensConfig | undefined {
    if (text === undefined) this.configs.delete(path);
    else this.configs.set(path, parseConfig(path, text));
    const registry = [...this.configs.values()].flatMap((c) => c.entities);
    const registryChanged = JSON.stringify(registry) !== JSON.stringify(this.registry);
    this.registry = registry;
    if (registryChanged) this.lookup = makeLookup(registry);
    const dir = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
    for (const e of this.entries.values()) {
      if (registryChanged || e.path.replace(/\\/g, '/').startsWith(dir + '/')) e.prepared = undefined;
    }
    this.snapshot = undefined;
    return this.configs.get(path);
  }

  configList(): NewsLensConfig[] {
    return [...this.configs.values()];
  }

  /** The collection result, computed on demand. */
  get(): Snapshot {
    if (this.snapshot) return this.snapshot;
    const configs = [...this.configs.values()];
    const prepared: PreparedDocument[] = [];
    for (const uri of this.uris()) {
      const e = this.entries.get(uri)!;
      if (!e.prepared) {
        e.decisions = e.ann !== undefined ? readDecisions(e.ann, e.text) : undefined;
        // A .ann that does not parse is shown as errors and otherwise left alone.
        const usable = e.decisions && !e.decisions.file.errors.length ? e.decisions : undefined;
        e.prepared = prepareDocument(e.label, e.text, metaFor(e.path, configs), this.lookup, e.path, usable);
        this.preparedCount++;
      }
      prepared.push(e.prepared);
    }
    const result = analyzeCollection(prepared, this.registry);
    const byUri = new Map<string, DocumentResult>();
    const byEntity = new Map<string, { uri: string; mention: EntityMention }[]>();
    const byDay = new Map<string, { uri: string; mention: DateMention }[]>();
    this.uris().forEach((uri, i) => {
      const d = result.documents[i];
      byUri.set(uri, d);
      for (const m of d.mentions) {
        const [key, map] = m.kind === 'date' ? [m.value.split('T')[0], byDay as Map<string, unknown[]>] : [m.entity ?? '', byEntity as Map<string, unknown[]>];
        const list = map.get(key);
        if (list) list.push({ uri, mention: m });
        else map.set(key, [{ uri, mention: m }]);
      }
    });
    this.snapshot = { result, byUri, entities: new Map(result.entities.map((e) => [e.id, e])), byEntity, byDay };
    return this.snapshot;
  }

  document(uri: string): DocumentResult | undefined {
    return this.entries.has(uri) ? this.get().byUri.get(uri) : undefined;
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
