/**
 * The collection pass: what one article cannot decide alone. Kinds are voted across articles,
 * names the collection knows are found again in lower case or misspelt, and mentions are grouped
 * into entities: same key, acronym and long form, transliteration pairs, culture-aware short forms
 * ("ông Kim", "ông Putin") and near-spellings of foreign names.
 */
import type { EntityKind, EntityMention, Entity } from '../types';
import type { Candidate } from '../entities/recognize';
import type { Token } from '../text/tokens';
import { foldKey, nameKey } from '../text/normalize';
import { lang, phraseKey } from '../lang/knowledge';
import { editDistance } from './distance';
import { memoize } from '../text/memo';
import { isVietnameseSyllable } from '../text/syllable';

export interface CollectionDoc {
  candidates: Candidate[];
  acronyms: [string, string][];
  tokens: Token[];
  text: string;
  blocked: { start: number; end: number }[];
}

export interface Resolved {
  /** Final mentions per document (normalised-text offsets), entity ids filled in. */
  mentions: EntityMention[][];
  entities: Entity[];
}

interface Vote {
  person: number;
  organization: number;
  location: number;
  nonInitial: number;
}

const KINDS: EntityKind[] = ['person', 'organization', 'location'];
const refound = new WeakMap<Candidate[], { signature: string; blocked: number; out: Candidate[] }>();
const LOCATION_PREPOSITIONS = new Set(['tại', 'ở', 'đến', 'tới', 'từ', 'sang', 'về', 'khỏi', 'rời', 'thăm']);

export function resolveCollection(docs: CollectionDoc[], registryIds: Map<string, { name: string; kind: EntityKind; wikidata?: string }> = new Map()): Resolved {
  const votes = new Map<string, Vote>();
  const vote = (c: Candidate) => {
    const k = voteKey(c);
    const v = votes.get(k) ?? { person: 0, organization: 0, location: 0, nonInitial: 0 };
    if (c.kind && c.strength >= 2) v[c.kind] += c.strength;
    else if (c.kind) v[c.kind] += 0.5;
    if (!c.initial) v.nonInitial++;
    votes.set(k, v);
  };
  for (const d of docs) for (const c of d.candidates) vote(c);

  // Names the collection is sure of, to find again where case or spelling hides them.
  const known = new Map<string, { kind: EntityKind; id?: string; tokens: number; foreign: boolean }>();
  for (const d of docs) {
    for (const c of d.candidates) {
      if (!c.kind || c.strength < 2) continue;
      const key = phraseKey(c.text);
      if (c.tokenCount >= 2 || c.foreign) known.set(key, { kind: c.kind, id: c.id, tokens: c.tokenCount, foreign: c.foreign });
    }
  }
  // "Tiến Minh" for "Nguyễn Tiến Minh": Vietnamese names are also written without the family name.
  for (const d of docs) {
    for (const c of d.candidates) {
      if (c.kind !== 'person' || c.tokenCount < 3 || c.foreign || !lang.vietnameseSurnames.has(phraseKey(c.text).split(' ')[0])) continue;
      const words = phraseKey(c.text).split(' ');
      const given = words.slice(-2).join(' ');
      if (!known.has(given)) known.set(given, { kind: 'person', tokens: 2, foreign: false });
    }
  }
  for (const [key, e] of lang.gazetteer) {
    const words = key.split(' ');
    if (words.length === 1 && /^[a-z][a-z-]{3,}$/.test(key)) known.set(key, { kind: e.kind, id: e.id, tokens: 1, foreign: true });
  }
  // Foreign one-word names by first letter, for the misspelling check.
  const foreignSingles = new Map<string, [string, { kind: EntityKind; id?: string }][]>();
  for (const [k, v] of known) {
    if (v.tokens !== 1 || !v.foreign || k.length < 5) continue;
    const list = foreignSingles.get(k[0]) ?? [];
    list.push([k, v]);
    foreignSingles.set(k[0], list);
  }

  // Finding names again depends on the article and on the names the collection knows: cached per article.
  const signature = [...known.entries()].map(([k, v]) => `${k}|${v.kind}|${v.id ?? ''}`).sort().join('\n');
  const perDoc: Candidate[][] = docs.map((d) => {
    const hit = refound.get(d.candidates);
    if (hit && hit.signature === signature && hit.blocked === d.blocked.length) return hit.out;
    const out = refind(d, known, foreignSingles);
    refound.set(d.candidates, { signature, blocked: d.blocked.length, out });
    return out;
  });

  // Settle kinds: by the article's own evidence, then the collection's votes.
  const decided = perDoc.map((cs) => cs.map((c) => decideKind(c, votes)));
  const personTokens = new Set<string>();
  const localTokens = perDoc.map((cs, d) => {
    // Words of foreign persons' names in this article: "Kim" alone here is Kim Jong-un's short form.
    const local = new Set<string>();
    cs.forEach((c, k) => {
      if (decided[d][k] !== 'person' || c.tokenCount < 2 || !looksForeign(c.text)) return;
      for (const w of nameWords(c.text)) {
        local.add(w);
        personTokens.add(w);
      }
    });
    return local;
  });
  const mentions: EntityMention[][] = perDoc.map((cs, d) => {
    const out: EntityMention[] = [];
    cs.forEach((c, k) => {
      let kind = decided[d][k];
      // A word of a foreign person's name met alone ("Choe"); not a Vietnamese family name or word ("Hoàng gia", "Ban lãnh đạo").
      const lone = nameWords(c.text)[0];
      const plainWord = lang.vietnameseSurnames.has(phraseKey(c.text)) || lang.commonWords.has(phraseKey(c.text));
      if (!kind && c.tokenCount === 1 && !c.initial && (localTokens[d].has(lone) || (personTokens.has(lone) && (c.foreign || !plainWord)))) kind = 'person';
      // A sentence's first word alone, Vietnamese and unknown to the gazetteer, is a capitalised word.
      if (c.initial && c.tokenCount === 1 && !c.foreign && c.strength < 3 && !c.title) return;
      if (!kind) kind = fallbackKind(c, votes);
      if (!kind) return;
      out.push({ start: c.start, end: c.end, text: c.text, kind, title: c.title, origin: c.origin, ref: c.id });
    });
    return out;
  });

  return { mentions, entities: cluster(docs, mentions, registryIds) };
}

/** One sense per collection: a name not in the gazetteer takes the kind most evidence gives it. */
function decideKind(c: Candidate, votes: Map<string, Vote>): EntityKind | undefined {
  if (c.strength >= 3 && c.kind) return c.kind;
  // A lone Vietnamese syllable ("Công") may be a name in one article and a word in the next: only local evidence counts.
  if (c.tokenCount === 1 && !c.foreign && c.strength < 2) return c.kind;
  const v = votes.get(voteKey(c));
  if (v) {
    const best = KINDS.slice().sort((a, b) => v[b] - v[a])[0];
    if (v[best] >= 2 && (!c.kind || v[best] > v[c.kind])) return best;
  }
  return c.kind;
}

/** Words of a name as short forms are matched: without accents for foreign words, with them for Vietnamese ("Vân" is not "Văn"). */
const nameWords = memoize(computeNameWords);

function computeNameWords(text: string): string[] {
  const plain = nameKey(text).split(' ');
  return foldKey(text).split(' ').map((w, i) => (isVietnameseSyllable(w) && plain[i] !== w ? plain[i] : w));
}

/** Some word is not Vietnamese, or syllables are joined by hyphens ("Son-hui"): a foreign name. */
const looksForeign = memoize(computeLooksForeign);

function computeLooksForeign(text: string): boolean {
  return /\p{L}-\p{L}/u.test(text) || foldKey(text).split(' ').some((w) => !isVietnameseSyllable(w));
}

/** Foreign names compare without diacritics; Vietnamese words keep them ("Bí" is not "Bỉ"). */
function voteKey(c: { text: string; foreign: boolean }): string {
  return c.foreign ? foldKey(c.text) : nameKey(c.text);
}

function fallbackKind(c: Candidate, votes: Map<string, Vote>): EntityKind | undefined {
  const v = votes.get(voteKey(c));
  if (c.initial && c.tokenCount === 1 && (!v || v.nonInitial === 0)) return undefined;
  // A lone capitalised Vietnamese word with no title, cue or echo elsewhere ("phương Tây") is no name.
  if (c.tokenCount === 1 && !c.foreign && !c.title) return undefined;
  if (c.tokenCount === 1 && c.before && LOCATION_PREPOSITIONS.has(c.before)) return 'location';
  if (c.before === 'tại' || c.before === 'ở') return 'location';
  // A lone foreign word needs some sign of what it is: a speech verb after it makes a speaker.
  if (c.tokenCount === 1 && !c.speaker) return undefined;
  // Vietnamese words in capitals with no title and no family name first ("Phòng Cảnh") are not a person.
  if (c.tokenCount >= 2 && !looksForeign(c.text) && !c.title && !lang.vietnameseSurnames.has(phraseKey(c.text).split(' ')[0])) return undefined;
  return 'person';
}

/** Finds known names again in lower case ("reuters", "Kim jong-un") or misspelt ("reuter"). */
function refind(d: CollectionDoc, known: Map<string, { kind: EntityKind; id?: string; tokens: number; foreign: boolean }>, foreignSingles: Map<string, [string, { kind: EntityKind; id?: string }][]>): Candidate[] {
  const { tokens, text } = d;
  const out: Candidate[] = [...d.candidates];
  // Which tokens a candidate or a date already covers (candidates and dates are few and sorted).
  const taken = new Uint8Array(tokens.length);
  const mark = (spans: { start: number; end: number }[], value: number) => {
    let k = 0;
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    for (const sp of sorted) {
      while (k < tokens.length && tokens[k].end <= sp.start) k++;
      for (let j = k; j < tokens.length && tokens[j].start < sp.end; j++) taken[j] |= value;
    }
  };
  mark(d.blocked, 2);
  mark(d.candidates, 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.number || taken[i] & 2) continue;
    // Only a capitalised or foreign word can start a name found again.
    if (!t.cap && !t.foreign) continue;
    let key = '';
    let match: { n: number; kind: EntityKind; id?: string } | undefined;
    for (let n = 1; n <= 5 && i + n <= tokens.length; n++) {
      const u = tokens[i + n - 1];
      if (n > 1 && !/^[ \t\u00a0]+$/.test(text.slice(tokens[i + n - 2].end, u.start))) break;
      key = n === 1 ? u.lower : `${key} ${u.lower}`;
      const k = known.get(key);
      if (k && (n > 1 ? t.cap || t.foreign : t.foreign)) match = { n, kind: k.kind, id: k.id };
    }
    if (!match && t.foreign && !t.cap && t.lower.length >= 5 && !taken[i]) {
      const near = (foreignSingles.get(t.lower[0]) ?? []).filter(([k]) => Math.abs(k.length - t.lower.length) <= 1 && editDistance(k, t.lower) === 1);
      if (near.length === 1) match = { n: 1, kind: near[0][1].kind, id: near[0][1].id };
    }
    if (!match) continue;
    const start = t.start;
    const end = tokens[i + match.n - 1].end;
    let anyTaken = false;
    for (let j = i; j < i + match.n; j++) anyTaken ||= taken[j] === 1;
    const inside = anyTaken ? out.filter((c) => start < c.end && c.start < end) : [];
    // A longer name, or the same span already typed, stays; an untyped one of the same span is replaced.
    if (inside.some((c) => c.start < start || c.end > end || (c.end - c.start >= end - start && c.kind && c.strength >= 2))) continue;
    for (const c of inside) out.splice(out.indexOf(c), 1);
    for (let j = i; j < i + match.n; j++) taken[j] |= 1;
    out.push({
      start, end, text: text.slice(start, end), kind: match.kind, strength: 2, origin: 'collection', id: match.id,
      tokenCount: match.n, initial: false, foreign: tokens.slice(i, i + match.n).every((x) => x.foreign), title: inside[0]?.title,
      before: i > 0 ? tokens[i - 1].lower : undefined,
    });
    i += match.n - 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Union-find over mention keys. */
class Groups {
  private parent = new Map<string, string>();
  find(k: string): string {
    let p = this.parent.get(k) ?? k;
    if (p !== k) {
      p = this.find(p);
      this.parent.set(k, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function mentionKey(m: EntityMention): string {
  if (m.ref) return `id:${m.ref}`;
  const pair = lang.pairs.get(phraseKey(m.text));
  return `${m.kind}:${nameWords(pair ?? m.text).join(' ')}`;
}

function cluster(docs: CollectionDoc[], mentions: EntityMention[][], registry: Map<string, { name: string; kind: EntityKind; wikidata?: string }>): Entity[] {
  const groups = new Groups();
  const keyOf = new Map<EntityMention, string>();
  const counts = new Map<string, number>();
  for (const ms of mentions) {
    for (const m of ms) {
      const k = mentionKey(m);
      keyOf.set(m, k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      groups.find(k);
    }
  }
  // Gazetteer and registry names also carry a plain key, so a rule-found spelling joins them.
  for (const ms of mentions) for (const m of ms) if (m.ref) groups.union(keyOf.get(m)!, `${m.kind}:${nameWords(m.text).join(' ')}`);
  // Acronym and long form paired in an article.
  for (const [d, ms] of docs.map((d, i) => [d, mentions[i]] as const)) {
    for (const [long, acro] of d.acronyms) {
      const lm = ms.find((m) => m.text === long);
      const am = ms.find((m) => m.text === acro);
      if (lm && am && lm.kind === am.kind) groups.union(keyOf.get(lm)!, keyOf.get(am)!);
    }
  }
  // Near-spellings of foreign names ("Vladivostok" / "Vladivostock"): only a unique closest one.
  // Blocks by kind, first two letters and length keep this close to linear.
  const blocks = new Map<string, string[]>();
  const blockOf = (kind: string, name: string, len: number) => `${kind}:${name.slice(0, 2)}:${len}`;
  const candidatesForNear: [string, string, string][] = [];
  for (const k of counts.keys()) {
    if (k.startsWith('id:')) continue;
    const [kind, name] = splitKey(k);
    if (name.length < 6 || name.split(' ').every((w) => isVietnameseSyllable(w))) continue;
    candidatesForNear.push([k, kind, name]);
    const b = blockOf(kind, name, name.length);
    const list = blocks.get(b);
    if (list) list.push(k);
    else blocks.set(b, [k]);
  }
  for (const [a, kind, name] of candidatesForNear) {
    const near: string[] = [];
    for (const len of [name.length - 1, name.length, name.length + 1]) {
      for (const b of blocks.get(blockOf(kind, name, len)) ?? []) if (b !== a && editDistance(name, splitKey(b)[1]) === 1) near.push(b);
    }
    if (near.length === 1) groups.union(a, near[0]);
  }
  // Persons' full names, to resolve short forms.
  const fullNames = new Map<string, { key: string; count: number }[]>();
  const collectionCount = new Map<string, number>();
  for (const ms of mentions) {
    for (const m of ms) {
      if (m.kind !== 'person') continue;
      const words = nameWords(m.text);
      // Full names: two words for foreign names, three for Vietnamese ones ("Tiến Minh" is itself a short form).
      if (words.length < (looksForeign(m.text) ? 2 : 3)) continue;
      const root = groups.find(keyOf.get(m)!);
      collectionCount.set(root, (collectionCount.get(root) ?? 0) + 1);
      for (const w of [words[0], words[words.length - 1]]) {
        const list = fullNames.get(w) ?? [];
        if (!list.some((x) => x.key === root)) list.push({ key: root, count: 0 });
        fullNames.set(w, list);
      }
    }
  }
  const givenNames = new Map<string, { key: string; count: number }[]>();
  for (const ms of mentions) {
    for (const m of ms) {
      const words = nameWords(m.text);
      if (m.kind !== 'person' || words.length < 3 || looksForeign(m.text)) continue;
      const root = groups.find(keyOf.get(m)!);
      const k = words.slice(-2).join(' ');
      const list = givenNames.get(k) ?? [];
      if (!list.some((x) => x.key === root)) list.push({ key: root, count: 0 });
      givenNames.set(k, list);
    }
  }
  const assigned = new Map<EntityMention, string>();
  for (const ms of mentions) {
    const fullInDoc = ms.filter((o) => o.kind === 'person' && foldKey(o.text).includes(' ')).map((o) => ({ o, root: groups.find(keyOf.get(o)!) }));
    for (const m of ms) {
      if (m.kind !== 'person' || m.ref) continue;
      const words = nameWords(m.text);
      if (words.length > 2 || (words.length === 2 && looksForeign(m.text))) continue;
      // One word: family or last name; two Vietnamese words: the given names of a full name.
      const options = words.length === 1 ? fullNames.get(words[0]) : givenNames.get(words.join(' '));
      if (!options) continue;
      const inDoc = new Map<string, { count: number; titles: Set<string>; before: boolean }>();
      for (const { o, root } of fullInDoc) {
        if (!options.some((x) => x.key === root)) continue;
        const e = inDoc.get(root) ?? { count: 0, titles: new Set<string>(), before: false };
        e.count++;
        if (o.title) e.titles.add(o.title);
        if (o.start < m.start) e.before = true;
        inDoc.set(root, e);
      }
      // A Vietnamese given name ("ông Tuấn") links only to a full name in its own article.
      if (!inDoc.size && isVietnameseSyllable(words[0]) && !looksForeign(m.text)) continue;
      const scored = options
        .map((o) => {
          const d = inDoc.get(o.key);
          const score = (d ? 3 * d.count + (d.before ? 1 : 0) + (m.title && d.titles.has(m.title) ? 4 : 0) : 0) + (collectionCount.get(o.key) ?? 0) * (d ? 1 : 0.5);
          return { key: o.key, score };
        })
        .sort((a, b) => b.score - a.score);
      const [top, second] = scored;
      if (top && top.score > 0 && (!second || top.score >= 1.5 * second.score)) assigned.set(m, top.key);
    }
  }
  // Build entities in order of first appearance.
  const members = new Map<string, EntityMention[]>();
  const docsOf = new Map<string, Set<number>>();
  mentions.forEach((ms, di) => {
    for (const m of ms) {
      const root = assigned.get(m) ?? groups.find(keyOf.get(m)!);
      const list = members.get(root);
      if (list) list.push(m);
      else members.set(root, [m]);
      docsOf.set(root, (docsOf.get(root) ?? new Set()).add(di));
    }
  });
  const entities: Entity[] = [];
  const idOf = new Map<string, string>();
  mentions.forEach((ms) => {
    for (const m of ms) {
      const root = assigned.get(m) ?? groups.find(keyOf.get(m)!);
      if (!idOf.has(root)) {
        const id = `e${entities.length + 1}`;
        idOf.set(root, id);
        const list = members.get(root)!;
        const kind = majorityKind(list);
        const key = list.find((x) => x.ref)?.ref;
        const reg = key ? registry.get(key) : undefined;
        const surfaces = new Map<string, number>();
        for (const x of list) surfaces.set(x.text.normalize('NFC'), (surfaces.get(x.text.normalize('NFC')) ?? 0) + 1);
        const name = reg?.name ?? (key ? gazetteerName(key) : undefined) ?? [...surfaces.entries()].sort((a, b) => b[0].split(/[\s-]/).length - a[0].split(/[\s-]/).length || b[1] - a[1] || b[0].length - a[0].length)[0][0];
        entities.push({
          id, kind, name, aliases: [...surfaces.keys()].filter((s) => s !== name), mentions: list.length, documents: docsOf.get(root)!.size,
          ...(key ? { key: key } : {}), ...(reg?.wikidata ? { wikidata: reg.wikidata } : {}),
        });
      }
      m.entity = idOf.get(root);
    }
  });
  return entities;
}

let gazetteerNames: Map<string, string> | undefined;
function gazetteerName(id: string): string | undefined {
  gazetteerNames ??= new Map([...lang.gazetteer.values()].map((e) => [e.id, e.name]));
  return gazetteerNames.get(id);
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf(':');
  return [k.slice(0, i), k.slice(i + 1)];
}

function majorityKind(list: EntityMention[]): EntityKind {
  const c = { person: 0, organization: 0, location: 0 };
  for (const m of list) c[m.kind]++;
  return KINDS.slice().sort((a, b) => c[b] - c[a])[0];
}
