/**
 * Clusters (server/src/core/resolve/clusters.ts): entities as connected parts of a graph of
 * mention keys, with refcounted link edges (an acronym and its long form, a known name and its
 * plain key), derived near-spelling edges, short forms assigned to full names, and ids that are
 * the part's canonical key. The articles' mentions come from the recogniser and the article pass
 * run on sentences; keys and links are made as collection.ts makes them, and the articles'
 * mentions are kept beside the clusters as the collection keeps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../server/src/core/summary';
import type { EntityKind, EntityMention } from '../../server/src/core/types';
import { normalize } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokens';
import { lang, phraseKey } from '../../server/src/core/lang/knowledge';
import { KindVotes } from '../../server/src/core/resolve/kindVotes';
import { KnownNames, knownContributions } from '../../server/src/core/resolve/knownNames';
import { decideKind, finalMentions, nameWords, personWords, refind, type CollectionView } from '../../server/src/core/resolve/articlePass';
import { Clusters, type ClusterDoc } from '../../server/src/core/resolve/clusters';

const GAZ = new Map([...lang.gazetteer.values()].map((e) => [e.id, { name: e.name }]));

/**
 * The clusters with the articles' mentions kept beside them, as the collection keeps them: an
 * update gives each article's mentions as last given and as they are now (undefined removes it).
 */
class Graph {
  private docs = new Map<number, ClusterDoc>();
  readonly clusters = new Clusters(
    (ref) => GAZ.get(ref),
    (id) => this.docs.get(id),
  );

  update(changes: Map<number, ClusterDoc | undefined>) {
    const given = new Map<number, { before?: ClusterDoc; after?: ClusterDoc }>();
    for (const [id, after] of changes) {
      given.set(id, { before: this.docs.get(id), after });
      if (after) this.docs.set(id, after);
      else this.docs.delete(id);
    }
    return this.clusters.update(given);
  }

  entityOf(doc: number, index: number, key: string) {
    return this.clusters.entityOf(doc, index, key);
  }

  entity(id: string) {
    return this.clusters.entity(id);
  }

  entities() {
    return this.clusters.entities();
  }

  docsOf(id: string) {
    return this.clusters.docsOf(id);
  }
}
const newClusters = () => new Graph();

/** The key a mention is clustered by, as collection.ts makes it. */
function mentionKey(m: EntityMention): string {
  if (m.ref) return `id:${m.ref}`;
  return `${m.kind}:${nameWords(lang.pairs.get(phraseKey(m.text)) ?? m.text).join(' ')}`;
}

/** One article's mentions and links, through the article pass with the article as the whole collection. */
function docOf(text: string): ClusterDoc {
  const s = summarize({ path: 'a.txt', text, meta: {} });
  const votes = new KindVotes();
  const known = new KnownNames();
  votes.add(s.candidates, 1);
  known.add(knownContributions(s.candidates), 1);
  votes.takeChanged();
  known.takeChanged();
  const norm = normalize(text);
  const view: CollectionView = {
    known: (k) => known.get(k),
    foreignSingles: (f) => known.foreignSingles(f),
    verdict: (k) => votes.verdict(k),
    personWord: () => false,
  };
  const found = refind({ candidates: s.candidates, tokens: tokenize(norm.text), text: norm.text, blocked: [...s.dates, ...s.suppressed] }, view);
  const decided = found.map((c) => decideKind(c, view));
  const ms = finalMentions(found, decided, new Set(personWords(found, decided)), view);
  const mentions = ms.map((m) => ({ key: mentionKey(m), kind: m.kind, text: m.text, start: m.start, title: m.title, ref: m.ref }));
  const links: [string, string][] = [];
  for (const m of mentions) if (m.ref) links.push([m.key, `${m.kind}:${nameWords(m.text).join(' ')}`]);
  for (const [long, acro] of s.acronyms) {
    const l = mentions.find((m) => m.text === long);
    const a = mentions.find((m) => m.text === acro);
    if (l && a && l.kind === a.kind) links.push([l.key, a.key]);
  }
  return { mentions, links };
}

const ACRONYM = 'Viện Nghiên cứu Chiến lược Quân sự (VNCQ) vừa công bố báo cáo.';
const ACRONYM_ALONE = 'Các chuyên gia của VNCQ cảnh báo về rủi ro.';
const LONG_ALONE = 'Ông Lý Văn Hùng, Viện trưởng Viện Nghiên cứu Chiến lược Quân sự, cho biết.';
const SUMMIT = 'Chủ tịch Kim Jong-un đã rời Bình Nhưỡng. Ông Kim sẽ gặp Tổng thống Vladimir Putin tại Vladivostok.';
const PUTIN_ALONE = 'Ông Putin nói rằng cuộc gặp rất hữu ích.';
const KIM_ALONE = 'Ông Kim nói với báo giới.';
const TWO_KIMS = 'Chủ tịch Kim Jong-un và em gái Kim Yo-jong đến Vladivostok. Ông Kim nói chuyến đi rất thành công.';
const ZELENSKY = 'Ông Zelensky kêu gọi thêm viện trợ.';
const ZELENSKIY = 'Theo ông Zelenskiy, Kyiv cần thêm vũ khí.';
const ZELENSKYY = 'Ông Zelenskyy có cuộc gặp với báo giới.';

const VNCQ = 'organization:viện nghiên cứu chiến lược quân sự';
const KIM_JONG_UN = 'person:kim jong un';

/** The entity of the mention with this text in an article. */
function entityAt(c: Graph, id: number, doc: ClusterDoc, text: string, nth = 0): string | undefined {
  const i = doc.mentions.map((m, k) => [m, k] as const).filter(([m]) => m.text === text)[nth]?.[1];
  assert.ok(i !== undefined, `"${text}" is a mention`);
  return c.entityOf(id, i, doc.mentions[i].key);
}

/** What the entities should say, from the mentions and the entity each was given. */
function expectedInfo(c: Graph, docs: Map<number, ClusterDoc>) {
  const by = new Map<string, { kinds: EntityKind[]; surfaces: string[]; docs: Set<number> }>();
  for (const [id, d] of docs)
    d.mentions.forEach((m, i) => {
      const e = c.entityOf(id, i, m.key)!;
      const x = by.get(e) ?? { kinds: [], surfaces: [], docs: new Set<number>() };
      x.kinds.push(m.kind);
      x.surfaces.push(m.text);
      x.docs.add(id);
      by.set(e, x);
    });
  return by;
}

function checkInfo(c: Graph, docs: Map<number, ClusterDoc>): void {
  const by = expectedInfo(c, docs);
  const ents = c.entities();
  assert.deepEqual(ents.map((e) => e.id).sort(), [...by.keys()].sort(), 'an entity for every id a mention has, and no other');
  for (const e of ents) {
    const x = by.get(e.id)!;
    assert.equal(e.mentions, x.surfaces.length, `${e.id} mentions`);
    assert.equal(e.documents, x.docs.size, `${e.id} documents`);
    const surfaces = new Set(x.surfaces);
    assert.deepEqual(e.aliases, [...surfaces].filter((s) => s !== e.name).sort(), `${e.id} aliases`);
    if (!e.key) {
      assert.ok(surfaces.has(e.name), `${e.id} is named as some mention`);
      const words = (s: string) => s.split(/[\s-]/).length;
      assert.ok(
        [...surfaces].every((s) => words(s) <= words(e.name)),
        `${e.id} is named by its longest name`,
      );
    }
    const kindCount = (k: EntityKind) => x.kinds.filter((y) => y === k).length;
    assert.ok(kindCount(e.kind) >= Math.max(kindCount('person'), kindCount('organization'), kindCount('location')), `${e.id} kind`);
  }
}

function state(c: Graph, docs: Map<number, ClusterDoc>) {
  return { entities: c.entities(), of: [...docs].sort((a, b) => a[0] - b[0]).map(([id, d]) => d.mentions.map((m, i) => c.entityOf(id, i, m.key))) };
}

test('the article pass gives the mentions and links these tests rely on', () => {
  const a = docOf(ACRONYM);
  assert.deepEqual(
    a.mentions.map((m) => m.key),
    [VNCQ, 'organization:vncq'],
  );
  assert.deepEqual(a.links, [[VNCQ, 'organization:vncq']]);
  const s = docOf(SUMMIT);
  assert.deepEqual(
    s.mentions.map((m) => m.text),
    ['Kim Jong-un', 'Bình Nhưỡng', 'Kim', 'Vladimir Putin', 'Vladivostok'],
  );
  assert.ok(s.links.some(([x, y]) => x === 'id:place_vladivostok' && y === 'location:vladivostok'));
});

test('an acronym and its long form joined by an article share an entity; removing that article splits them', () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ACRONYM)],
    [2, docOf(ACRONYM_ALONE)],
    [3, docOf(LONG_ALONE)],
  ]);
  c.update(docs);
  assert.equal(entityAt(c, 2, docs.get(2)!, 'VNCQ'), VNCQ);
  assert.equal(entityAt(c, 3, docs.get(3)!, 'Viện Nghiên cứu Chiến lược Quân sự'), VNCQ);
  const e = c.entity(VNCQ)!;
  assert.deepEqual([e.name, e.aliases, e.mentions, e.documents], ['Viện Nghiên cứu Chiến lược Quân sự', ['VNCQ'], 4, 3]);
  checkInfo(c, docs);

  const { docs: changed } = c.update(new Map([[1, undefined]]));
  docs.delete(1);
  assert.deepEqual([...changed].sort(), [1, 2], 'the removed article, and the one whose VNCQ is now on its own');
  assert.equal(entityAt(c, 2, docs.get(2)!, 'VNCQ'), 'organization:vncq');
  assert.equal(entityAt(c, 3, docs.get(3)!, 'Viện Nghiên cứu Chiến lược Quân sự'), VNCQ);
  assert.equal(c.entity(VNCQ)!.mentions, 1);
  checkInfo(c, docs);

  docs.set(1, docOf(ACRONYM));
  c.update(new Map([[1, docs.get(1)]]));
  assert.equal(entityAt(c, 2, docs.get(2)!, 'VNCQ'), VNCQ, 'joined again');
  checkInfo(c, docs);
});

test('a link stated by two articles holds while either has it', () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ACRONYM)],
    [2, docOf(ACRONYM)],
    [3, docOf(ACRONYM_ALONE)],
  ]);
  c.update(docs);
  c.update(new Map([[1, undefined]]));
  docs.delete(1);
  assert.equal(entityAt(c, 3, docs.get(3)!, 'VNCQ'), VNCQ);
  c.update(new Map([[2, undefined]]));
  docs.delete(2);
  assert.equal(entityAt(c, 3, docs.get(3)!, 'VNCQ'), 'organization:vncq');
  assert.deepEqual(
    c.entities().map((e) => e.id),
    ['organization:vncq'],
  );
});

test('two near spellings of a foreign name are joined while both are there', () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ZELENSKY)],
    [2, docOf(ZELENSKIY)],
  ]);
  c.update(docs);
  const id = entityAt(c, 1, docs.get(1)!, 'Zelensky');
  assert.equal(entityAt(c, 2, docs.get(2)!, 'Zelenskiy'), id);
  assert.equal(c.entity(id!)!.mentions, 2);
  checkInfo(c, docs);
  c.update(new Map([[2, undefined]]));
  docs.delete(2);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Zelensky'), 'person:zelensky');
  checkInfo(c, docs);
});

test('a near spelling joins only a unique closest one: a third spelling as close to both leaves all apart', () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ZELENSKY)],
    [2, docOf(ZELENSKIY)],
  ]);
  c.update(docs);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Zelensky'), entityAt(c, 2, docs.get(2)!, 'Zelenskiy'));
  docs.set(3, docOf(ZELENSKYY));
  const { docs: changed } = c.update(new Map([[3, docs.get(3)]]));
  const ids = [entityAt(c, 1, docs.get(1)!, 'Zelensky'), entityAt(c, 2, docs.get(2)!, 'Zelenskiy'), entityAt(c, 3, docs.get(3)!, 'Zelenskyy')];
  assert.deepEqual(ids, ['person:zelensky', 'person:zelenskiy', 'person:zelenskyy']);
  // The pair was named person:zelenskiy (the smaller of two keys alike): only Zelensky's article changed entity.
  assert.deepEqual([...changed].sort(), [1, 3]);
  checkInfo(c, docs);
  c.update(new Map([[3, undefined]]));
  docs.delete(3);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Zelensky'), entityAt(c, 2, docs.get(2)!, 'Zelenskiy'));
  checkInfo(c, docs);
});

test('an entity keeps its id, and no article is reported, when an unrelated article is added', () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ACRONYM)],
    [2, docOf(ACRONYM_ALONE)],
    [3, docOf(SUMMIT)],
  ]);
  c.update(docs);
  const before = c.entities();
  const { docs: changed } = c.update(new Map([[4, docOf(ZELENSKY)]]));
  assert.deepEqual([...changed], [4]);
  const after = c.entities();
  assert.deepEqual(
    after.filter((e) => e.id !== 'person:zelensky'),
    before,
  );
  assert.equal(entityAt(c, 2, docs.get(2)!, 'VNCQ'), VNCQ);
});

test("the id is the known name's key, else the longest key, so it survives losing a spelling", () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(ACRONYM)],
    [2, docOf(ACRONYM_ALONE)],
  ]);
  c.update(docs);
  assert.equal(entityAt(c, 2, docs.get(2)!, 'VNCQ'), VNCQ);
  // The Vladivostok mention carries a gazetteer id: its part is named by it.
  const s = docOf(SUMMIT);
  c.update(new Map([[3, s]]));
  assert.equal(entityAt(c, 3, s, 'Vladivostok'), 'id:place_vladivostok');
  assert.equal(c.entity('id:place_vladivostok')!.key, 'place_vladivostok');
});

test('the short form "Kim" in an article with "Kim Jong-un" gets the full name\'s entity', () => {
  const c = newClusters();
  const docs = new Map([[1, docOf(SUMMIT)]]);
  c.update(docs);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Kim'), KIM_JONG_UN);
  const e = c.entity(KIM_JONG_UN)!;
  assert.deepEqual([e.name, e.aliases, e.mentions, e.documents, e.kind], ['Kim Jong-un', ['Kim'], 2, 1, 'person']);
  assert.ok(!c.entities().some((x) => x.id === 'person:kim'), 'no entity for the short form alone');
  checkInfo(c, docs);
});

test("a Vietnamese-looking short form is linked only within its article; a foreign one to the collection's full name", () => {
  const c = newClusters();
  const docs = new Map([
    [1, docOf(SUMMIT)],
    [2, docOf(KIM_ALONE)],
    [3, docOf(PUTIN_ALONE)],
  ]);
  c.update(docs);
  assert.equal(entityAt(c, 2, docs.get(2)!, 'Kim'), 'person:kim');
  assert.equal(entityAt(c, 3, docs.get(3)!, 'Putin'), 'person:vladimir putin');
  checkInfo(c, docs);
  // Without the full name anywhere, "Putin" is its own entity again; its article is reported.
  const { docs: changed } = c.update(new Map([[1, undefined]]));
  docs.delete(1);
  assert.ok(changed.has(3), [...changed].join());
  assert.equal(entityAt(c, 3, docs.get(3)!, 'Putin'), 'person:putin');
  checkInfo(c, docs);
});

test('a short form two full names of its article fit equally well stays on its own', () => {
  const c = newClusters();
  const docs = new Map([[1, docOf(TWO_KIMS)]]);
  c.update(docs);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Kim'), 'person:kim');
  assert.notEqual(entityAt(c, 1, docs.get(1)!, 'Kim Jong-un'), entityAt(c, 1, docs.get(1)!, 'Kim Yo-jong'));
  checkInfo(c, docs);
  // Other articles about Kim Jong-un tip the balance of the collection, and the article is reported.
  const more = new Map([2, 3, 4].map((id) => [id, docOf('Chủ tịch Kim Jong-un thị sát một nhà máy.')]));
  for (const [id, d] of more) docs.set(id, d);
  const { docs: changed } = c.update(more);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Kim'), KIM_JONG_UN);
  assert.ok(changed.has(1));
  checkInfo(c, docs);
  // And without them it is on its own again.
  const { docs: back } = c.update(new Map([2, 3, 4].map((id) => [id, undefined])));
  for (const id of [2, 3, 4]) docs.delete(id);
  assert.equal(entityAt(c, 1, docs.get(1)!, 'Kim'), 'person:kim');
  assert.ok(back.has(1));
  checkInfo(c, docs);
});

test('updating in different orders and batches gives identical entities', () => {
  const texts = [ACRONYM, ACRONYM_ALONE, LONG_ALONE, SUMMIT, PUTIN_ALONE, KIM_ALONE, TWO_KIMS, ZELENSKY, ZELENSKIY, ZELENSKYY];
  const all = new Map(texts.map((t, i) => [i + 1, docOf(t)]));
  const ref = newClusters();
  ref.update(all);
  checkInfo(ref, all);
  const expected = state(ref, all);
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) % n;
  for (let run = 0; run < 12; run++) {
    const c = newClusters();
    const ids = [...all.keys()];
    for (let i = ids.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    // In batches of one to three articles; some removed and added back on the way.
    for (let i = 0; i < ids.length;) {
      const n = 1 + rand(3);
      c.update(new Map(ids.slice(i, i + n).map((id) => [id, all.get(id)])));
      i += n;
      if (rand(3) === 0) {
        const back = ids[rand(i)];
        c.update(new Map([[back, undefined]]));
        c.update(new Map([[back, all.get(back)]]));
      }
    }
    assert.deepEqual(state(c, all), expected, `run ${run}: ${ids}`);
  }
});

test('removing every article leaves no entity', () => {
  const c = newClusters();
  const all = new Map([ACRONYM, SUMMIT, TWO_KIMS, ZELENSKY, ZELENSKIY].map((t, i) => [i, docOf(t)]));
  c.update(all);
  c.update(new Map([...all.keys()].map((id) => [id, undefined])));
  assert.deepEqual(c.entities(), []);
  assert.equal(c.entity(KIM_JONG_UN), undefined);
  assert.deepEqual([...c.docsOf(KIM_JONG_UN)], []);
});
