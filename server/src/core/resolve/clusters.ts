/**
 * Cross-article entities, kept up to date as articles come and go. Mention keys are the nodes of a
 * graph whose edges say two keys name one entity (a known name and its plain spelling, an acronym
 * and its long form, a unique near-spelling of a foreign name); an entity is a connected part of
 * it, named by its canonical key so that its id survives edits. Short forms ("ông Kim") are not
 * edges: each is assigned to the full name its article and the collection favour. An update
 * recomputes only the parts of the graph its keys touch.
 */
import type { Entity, EntityKind } from '../types';
import { foldKey } from '../text/normalize';
import { isVietnameseSyllable } from '../text/syllable';
import { editDistance } from './distance';
import { KINDS } from './kindVotes';
import { looksForeign, nameWords } from './articlePass';

export interface ClusterMention {
  key: string;
  kind: EntityKind;
  text: string;
  start: number;
  title?: string;
  ref?: string;
}

export interface ClusterDoc {
  mentions: ClusterMention[];
  /** Keys joined in the article (an acronym and its long form, a known name and its plain key). */
  links: [string, string][];
}

interface Node {
  count: number;
  kinds: Record<EntityKind, number>;
  surfaces: Map<string, number>;
  docs: Map<number, number>;
  refs?: Map<string, number>;
  /** Person mentions that are full names (short forms are matched against them). */
  full: number;
  /** First and last words of those full names, and the given names of Vietnamese ones. */
  fullWords?: Map<string, number>;
  givenNames?: Map<string, number>;
}

interface Assigned {
  doc: number;
  key: string;
  kind: EntityKind;
  text: string;
  to: string;
}

export interface ClusterUpdate {
  /** Articles whose mentions may now belong to other entities. */
  docs: Set<number>;
}

const inc = <K>(m: Map<K, number>, k: K, by: number) => {
  const n = (m.get(k) ?? 0) + by;
  if (n) m.set(k, n);
  else m.delete(k);
};

/** The same for a count table made only when needed (most keys have no known name, no full name). */
function incLazy<K>(m: Map<K, number> | undefined, k: K, by: number): Map<K, number> | undefined {
  m ??= new Map();
  inc(m, k, by);
  return m.size ? m : undefined;
}

function fullNameOf(m: ClusterMention): { words: string[]; given?: string } | undefined {
  if (m.kind !== 'person' || m.key.startsWith('split:')) return undefined;
  const words = nameWords(m.text);
  const foreign = looksForeign(m.text);
  // Full names: two words for foreign names, three for Vietnamese ones ("Tiến Minh" is itself a short form).
  if (words.length < (foreign ? 2 : 3)) return undefined;
  return { words, ...(!foreign ? { given: words.slice(-2).join(' ') } : {}) };
}

/** Short forms: one word (family or last name), or two Vietnamese words (the given names). */
function shortFormOf(m: ClusterMention): string | undefined {
  if (m.kind !== 'person' || m.ref || m.key.startsWith('split:')) return undefined;
  const words = nameWords(m.text);
  if (words.length > 2 || (words.length === 2 && looksForeign(m.text))) return undefined;
  return words.join(' ');
}

function nearEligible(key: string): string | undefined {
  if (key.startsWith('id:') || key.startsWith('split:')) return undefined;
  const name = key.slice(key.indexOf(':') + 1);
  if (name.length < 6 || name.split('_').every((w) => isVietnameseSyllable(w))) return undefined;
  return name;
}

export class Clusters {
  private nodes = new Map<string, Node>();
  /** Edges with how many articles (or rules) state them; `near` edges are derived from the key set. */
  private edges = new Map<string, Map<string, number>>();
  private near = new Map<string, string>();
  private blocks = new Map<string, Set<string>>();
  private compOf = new Map<string, string>();
  private members = new Map<string, Set<string>>();
  private compFull = new Map<string, number>();
  private fullWordKeys = new Map<string, Map<string, number>>();
  private givenKeys = new Map<string, Map<string, number>>();
  /** Short forms of each article by word, and the entity each was given. */
  private shortDocs = new Map<string, Set<number>>();
  private assigned = new Map<number, Map<number, Assigned>>();
  private assignedIn = new Map<string, Set<Assigned>>();
  private assignedOut = new Map<string, Set<Assigned>>();
  private infos = new Map<string, Entity | null>();
  /** Parts that have an entity, as of the last count, and parts changed since. */
  private alive = new Set<string>();
  private ranking = new Map<string, { set: Set<string>; ranked: string[] }>();
  private stale = new Set<string>();

  /**
   * `registry` names known entities; `docOf` gives an article's mentions as the clusters last
   * received them (the articles keep them: the clusters hold no copy).
   */
  constructor(
    private readonly registry: (ref: string) => { name: string; wikidata?: string } | undefined,
    private readonly docOf: (id: number) => ClusterDoc | undefined,
  ) {}

  /** Replaces the mentions of some articles (`before` as last given, `after` undefined removes one) and settles the entities. */
  update(changes: Map<number, { before?: ClusterDoc; after?: ClusterDoc }>): ClusterUpdate {
    const touched = new Set<string>();
    const existence = new Set<string>();
    // Words of full names whose options may change, with what their options were before.
    const words = new Map<string, string>();
    for (const [id, { before, after }] of changes) {
      if (before) this.apply(id, before, -1, touched, existence, words);
      if (after) this.apply(id, after, 1, touched, existence, words);
    }
    this.settleNear(existence, touched);
    const moved = this.recluster(touched, words);
    const out = new Set<number>(changes.keys());
    for (const k of moved) for (const d of this.nodes.get(k)?.docs.keys() ?? []) out.add(d);
    const reassign = new Set<number>([...changes].filter(([, c]) => c.after).map(([d]) => d));
    // An edit takes an article's names away and gives them back: only words whose options really changed re-match short forms.
    for (const [w, was] of words) if (this.optionsSignature(w) !== was) for (const d of this.shortDocs.get(w) ?? []) reassign.add(d);
    for (const [d, c] of changes) if (!c.after) this.unassign(d);
    this.ranking.clear();
    for (const d of reassign) if (this.assign(d)) out.add(d);
    this.ranking.clear();
    return { docs: out };
  }

  /** The entity a mention of an article belongs to. */
  entityOf(doc: number, index: number, key: string): string | undefined {
    return this.assigned.get(doc)?.get(index)?.to ?? this.compOf.get(key);
  }

  entity(id: string): Entity | undefined {
    let e = this.infos.get(id);
    if (e === undefined) this.infos.set(id, (e = this.build(id)));
    return e ?? undefined;
  }

  entities(): Entity[] {
    const out: Entity[] = [];
    for (const e of this.each()) out.push(e);
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** How many entities there are, without listing them: only parts changed since the last count are looked at. */
  count(): number {
    for (const id of this.stale) {
      if (this.entity(id)) this.alive.add(id);
      else this.alive.delete(id);
    }
    this.stale.clear();
    return this.alive.size;
  }

  private invalidate(id: string | undefined): void {
    if (id === undefined) return;
    this.infos.delete(id);
    this.stale.add(id);
  }

  private *each(): Generator<Entity> {
    for (const id of this.members.keys()) {
      const e = this.entity(id);
      if (e) yield e;
    }
    for (const id of this.assignedIn.keys())
      if (!this.members.has(id)) {
        const e = this.entity(id);
        if (e) yield e;
      }
  }

  /** Articles that may mention an entity (a superset: some of their mentions may have gone to another entity). */
  docsOf(id: string): Set<number> {
    const out = new Set<number>();
    for (const k of this.members.get(id) ?? []) for (const d of this.nodes.get(k)?.docs.keys() ?? []) out.add(d);
    for (const a of this.assignedIn.get(id) ?? []) out.add(a.doc);
    return out;
  }

  /** The full names a short form could take, with their weights: what its assignment depends on. */
  private optionsSignature(word: string): string {
    const out: string[] = [];
    for (const c of this.optionsFor(word.includes(' ') ? this.givenKeys : this.fullWordKeys, word)) out.push(`${c}\t${this.compFull.get(c) ?? 0}`);
    return out.sort().join('\n');
  }

  private noteWord(words: Map<string, string>, w: string): void {
    if (!words.has(w)) words.set(w, this.optionsSignature(w));
  }

  private apply(id: number, doc: ClusterDoc, sign: 1 | -1, touched: Set<string>, existence: Set<string>, words: Map<string, string>): void {
    for (const m of doc.mentions) {
      let n = this.nodes.get(m.key);
      if (!n) {
        n = { count: 0, kinds: { person: 0, organization: 0, location: 0 }, surfaces: new Map(), docs: new Map(), full: 0 };
        this.nodes.set(m.key, n);
      }
      const before = n.count > 0;
      n.count += sign;
      n.kinds[m.kind] += sign;
      inc(n.surfaces, m.text.normalize('NFC'), sign);
      inc(n.docs, id, sign);
      if (m.ref) n.refs = incLazy(n.refs, m.ref, sign);
      const full = fullNameOf(m);
      if (full) {
        n.full += sign;
        const ws = [full.words[0], full.words[full.words.length - 1]];
        for (const w of new Set(ws)) {
          this.noteWord(words, w);
          n.fullWords = incLazy(n.fullWords, w, sign);
          this.indexWord(this.fullWordKeys, w, m.key, sign);
        }
        if (full.given) {
          this.noteWord(words, full.given);
          n.givenNames = incLazy(n.givenNames, full.given, sign);
          this.indexWord(this.givenKeys, full.given, m.key, sign);
        }
      }
      const short = shortFormOf(m);
      if (short) {
        let s = this.shortDocs.get(short);
        if (!s) this.shortDocs.set(short, (s = new Set()));
        if (sign > 0) s.add(id);
        else s.delete(id);
        if (!s.size) this.shortDocs.delete(short);
      }
      touched.add(m.key);
      if (before !== n.count > 0) existence.add(m.key);
      this.invalidate(this.compOf.get(m.key));
    }
    for (const [a, b] of doc.links) {
      if (a === b) continue;
      this.link(a, b, sign);
      touched.add(a);
      touched.add(b);
    }
  }

  private indexWord(index: Map<string, Map<string, number>>, w: string, key: string, sign: number): void {
    let m = index.get(w);
    if (!m) index.set(w, (m = new Map()));
    inc(m, key, sign);
    if (!m.size) index.delete(w);
  }

  private link(a: string, b: string, by: number): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      let m = this.edges.get(x);
      if (!m) this.edges.set(x, (m = new Map()));
      inc(m, y, by);
      if (!m.size) this.edges.delete(x);
    }
  }

  /** Near-spellings of foreign names ("Vladivostok" / "Vladivostock"): only a unique closest one, looked for in blocks of kind, first letters and length. */
  private settleNear(existence: Set<string>, touched: Set<string>): void {
    const block = (kind: string, name: string, len: number) => `${kind}:${name.slice(0, 2)}:${len}`;
    const redo = new Set<string>();
    for (const k of existence) {
      const name = nearEligible(k);
      if (name === undefined) continue;
      const kind = k.slice(0, k.indexOf(':'));
      const b = block(kind, name, name.length);
      const live = (this.nodes.get(k)?.count ?? 0) > 0;
      let set = this.blocks.get(b);
      if (live) {
        if (!set) this.blocks.set(b, (set = new Set()));
        set.add(k);
      } else {
        set?.delete(k);
        if (set && !set.size) this.blocks.delete(b);
      }
      redo.add(k);
      for (const len of [name.length - 1, name.length + 1]) for (const o of this.blocks.get(block(kind, name, len)) ?? []) redo.add(o);
      for (const o of this.blocks.get(b) ?? []) redo.add(o);
    }
    for (const k of redo) {
      const name = nearEligible(k)!;
      const kind = k.slice(0, k.indexOf(':'));
      let now: string | undefined;
      if ((this.nodes.get(k)?.count ?? 0) > 0) {
        const near: string[] = [];
        for (const len of [name.length - 1, name.length, name.length + 1]) {
          for (const o of this.blocks.get(block(kind, name, len)) ?? []) if (o !== k && editDistance(name, o.slice(o.indexOf(':') + 1)) === 1) near.push(o);
        }
        if (near.length === 1) now = near[0];
      }
      const was = this.near.get(k);
      if (was === now) continue;
      if (was !== undefined) {
        this.link(k, was, -1);
        touched.add(was);
      }
      if (now !== undefined) {
        this.link(k, now, 1);
        touched.add(now);
        this.near.set(k, now);
      } else this.near.delete(k);
      touched.add(k);
    }
  }

  /** Recomputes the connected parts that hold a touched key; returns the keys whose entity changed. */
  private recluster(touched: Set<string>, words: Map<string, string>): Set<string> {
    const region = new Set<string>();
    const oldComps = new Set<string>();
    for (const k of touched) {
      region.add(k);
      const c = this.compOf.get(k);
      if (c !== undefined && !oldComps.has(c)) {
        oldComps.add(c);
        for (const m of this.members.get(c) ?? []) region.add(m);
      }
    }
    // Short forms are matched against the full names of the parts that change.
    for (const k of region) {
      const n = this.nodes.get(k);
      if (!n) continue;
      for (const w of n.fullWords?.keys() ?? []) this.noteWord(words, w);
      for (const w of n.givenNames?.keys() ?? []) this.noteWord(words, w);
    }
    const before = new Map<string, string | undefined>();
    for (const k of region) before.set(k, this.compOf.get(k));
    for (const c of oldComps) {
      this.members.delete(c);
      this.compFull.delete(c);
      this.invalidate(c);
    }
    for (const k of region) if (this.nodes.get(k)?.count === 0) this.nodes.delete(k);
    const seen = new Set<string>();
    for (const start of region) {
      if (seen.has(start)) continue;
      const part: string[] = [];
      const queue = [start];
      seen.add(start);
      while (queue.length) {
        const k = queue.pop()!;
        if ((this.nodes.get(k)?.count ?? 0) > 0 || this.edges.has(k)) part.push(k);
        for (const o of this.edges.get(k)?.keys() ?? [])
          if (!seen.has(o)) {
            seen.add(o);
            queue.push(o);
          }
      }
      const live = part;
      if (!live.length) continue;
      const id = canonical(live, this.nodes);
      this.members.set(id, new Set(live));
      let full = 0;
      for (const k of live) {
        this.compOf.set(k, id);
        full += this.nodes.get(k)?.full ?? 0;
      }
      this.compFull.set(id, full);
      this.invalidate(id);
    }
    const moved = new Set<string>();
    for (const [k, was] of before) {
      const now = this.nodes.has(k) || this.edges.has(k) ? this.compOf.get(k) : undefined;
      if (now === undefined) this.compOf.delete(k);
      if (now !== was) moved.add(k);
    }
    return moved;
  }

  private unassign(doc: number): boolean {
    const old = this.assigned.get(doc);
    if (!old) return false;
    for (const a of old.values()) this.record(a, -1);
    this.assigned.delete(doc);
    return true;
  }

  private record(a: Assigned, sign: 1 | -1): void {
    for (const [map, k] of [
      [this.assignedIn, a.to],
      [this.assignedOut, a.key],
    ] as const) {
      let s = map.get(k);
      if (!s) map.set(k, (s = new Set()));
      if (sign > 0) s.add(a);
      else s.delete(a);
      if (!s.size) map.delete(k);
    }
    this.invalidate(a.to);
    this.invalidate(this.compOf.get(a.key));
  }

  /** Gives each short form of an article its full name; returns whether any changed. */
  private assign(doc: number): boolean {
    const d = this.docOf(doc);
    const now = new Map<number, Assigned>();
    if (d) {
      // The article's full names by entity, counted once (not for each short form): how many, their
      // titles, where the first is, and in which order the entities first come.
      const fullByRoot = new Map<string, { count: number; titles: Set<string>; first: number; order: number }>();
      for (const o of d.mentions) {
        if (o.kind !== 'person' || !foldKey(o.text).includes(' ')) continue;
        const root = this.compOf.get(o.key)!;
        let e = fullByRoot.get(root);
        if (!e) fullByRoot.set(root, (e = { count: 0, titles: new Set<string>(), first: Infinity, order: fullByRoot.size }));
        e.count++;
        if (o.title) e.titles.add(o.title);
        e.first = Math.min(e.first, o.start);
      }
      d.mentions.forEach((m, i) => {
        const short = shortFormOf(m);
        if (short === undefined) return;
        const words = short.split(' ');
        const { set: options, ranked } = this.rankedOptions(short);
        if (!options.size) return;
        // The options named in full in the article, in the order they first come there, from the smaller of the two sets.
        const inDocKeys =
          options.size <= fullByRoot.size
            ? [...options].filter((k) => fullByRoot.has(k)).sort((a, b) => fullByRoot.get(a)!.order - fullByRoot.get(b)!.order)
            : [...fullByRoot.keys()].filter((k) => options.has(k));
        const inDoc = (key: string) => {
          const e = options.has(key) ? fullByRoot.get(key) : undefined;
          return e && { count: e.count, titles: e.titles, before: e.first < m.start };
        };
        // A Vietnamese given name ("ông Tuấn") links only to a full name in its own article.
        if (!inDocKeys.length && isVietnameseSyllable(words[0]) && !looksForeign(m.text)) return;
        let top: { key: string; score: number } | undefined;
        let second: { key: string; score: number } | undefined;
        // Only the full names of the article and the two most mentioned others can come first or second.
        const contenders = [...inDocKeys];
        for (let k = 0, others = 0; k < ranked.length && others < 2; k++)
          if (!fullByRoot.has(ranked[k])) {
            contenders.push(ranked[k]);
            others++;
          }
        for (const key of contenders) {
          const x = inDoc(key);
          const score = (x ? 3 * x.count + (x.before ? 1 : 0) + (m.title && x.titles.has(m.title) ? 4 : 0) : 0) + (this.compFull.get(key) ?? 0) * (x ? 1 : 0.5);
          if (!top || score > top.score) [second, top] = [top, { key, score }];
          else if (!second || score > second.score) second = { key, score };
        }
        if (top && top.score > 0 && (!second || top.score >= 1.5 * second.score) && top.key !== this.compOf.get(m.key)) {
          now.set(i, { doc, key: m.key, kind: m.kind, text: m.text.normalize('NFC'), to: top.key });
        }
      });
    }
    const old = this.assigned.get(doc);
    const same = old?.size === now.size && [...now].every(([i, a]) => old.get(i)?.to === a.to && old.get(i)?.key === a.key);
    if (same || (!old && !now.size)) return false;
    this.unassign(doc);
    if (now.size) {
      this.assigned.set(doc, now);
      for (const a of now.values()) this.record(a, 1);
    }
    return true;
  }

  /** A short form's options, and the same ranked by how often the collection names them in full; kept for one update. */
  private rankedOptions(word: string): { set: Set<string>; ranked: string[] } {
    let r = this.ranking.get(word);
    if (!r) {
      const set = this.optionsFor(word.includes(' ') ? this.givenKeys : this.fullWordKeys, word);
      const full = (c: string) => this.compFull.get(c) ?? 0;
      r = { set, ranked: [...set].sort((a, b) => full(b) - full(a)) };
      this.ranking.set(word, r);
    }
    return r;
  }

  private optionsFor(index: Map<string, Map<string, number>>, word: string): Set<string> {
    const out = new Set<string>();
    for (const k of index.get(word)?.keys() ?? []) {
      const c = this.compOf.get(k);
      if (c !== undefined) out.add(c);
    }
    return out;
  }

  private build(id: string): Entity | null {
    const kinds: Record<EntityKind, number> = { person: 0, organization: 0, location: 0 };
    const surfaces = new Map<string, number>();
    const docs = new Map<number, number>();
    const refs = new Set<string>();
    let count = 0;
    const add = (kind: EntityKind, text: string, doc: number, by: number) => {
      kinds[kind] += by;
      inc(surfaces, text, by);
      inc(docs, doc, by);
      count += by;
    };
    for (const k of this.members.get(id) ?? []) {
      const n = this.nodes.get(k);
      if (!n) continue;
      count += n.count;
      for (const kind of KINDS) kinds[kind] += n.kinds[kind];
      for (const [s, c] of n.surfaces) inc(surfaces, s, c);
      for (const [d, c] of n.docs) inc(docs, d, c);
      for (const r of n.refs?.keys() ?? []) refs.add(r);
      for (const a of this.assignedOut.get(k) ?? []) add(a.kind, a.text, a.doc, -1);
    }
    for (const a of this.assignedIn.get(id) ?? []) add(a.kind, a.text, a.doc, 1);
    if (count <= 0) return null;
    const kind = KINDS.slice().sort((a, b) => kinds[b] - kinds[a])[0];
    const key = [...refs].sort()[0];
    const reg = key ? this.registry(key) : undefined;
    const words = (s: string) => s.split(/[\s-]/).length;
    const name =
      reg?.name ??
      [...surfaces.entries()].sort((a, b) => words(b[0]) - words(a[0]) || b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
    return {
      id,
      kind,
      name,
      aliases: [...surfaces.keys()].filter((s) => s !== name).sort(),
      mentions: count,
      documents: docs.size,
      ...(key ? { key: key.startsWith('registry:') ? key.slice('registry:'.length) : key } : {}),
      ...(reg?.wikidata ? { wikidata: reg.wikidata } : {}),
    };
  }
}

/**
 * A part's id: its known name's key when it has one, else its longest key (the first in code
 * order among equals), so the id survives most edits. Counts are left out on purpose: an id that
 * followed the most frequent spelling would change with every edit that tips the balance.
 */
function canonical(keys: string[], nodes: Map<string, Node>): string {
  const rank = (k: string) => (k.startsWith('id:') ? 0 : (nodes.get(k)?.count ?? 0) > 0 ? 1 : 2);
  const words = (k: string) => k.split('_').length;
  let best = keys[0];
  for (const k of keys) {
    const d = rank(k) - rank(best) || words(best) - words(k) || (k < best ? -1 : k > best ? 1 : 0);
    if (d < 0) best = k;
  }
  return best;
}
