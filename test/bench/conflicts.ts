/**
 * Planted contradictions (issue 15): `npm run conflicts [-- --corpus ZIP]`. In each ViMs event
 * cluster, a figure or a day two articles state alike about the same thing is changed in one of
 * them, and apart from it a quote two articles give to one speaker is given to another person (a
 * Vietnamese name) in one of them; the analysis must report exactly that. Prints the recall of planted conflicts, the share of
 * the new conflicts that are the planted ones, and the conflicts per 100 untouched articles.
 * Nothing of the corpus is written anywhere but memory.
 */
import * as path from 'node:path';
import { readCorpus } from './corpus';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { extractFacts, sentenceText, type Fact } from '../../server/src/core/facts/extract';
import { compatible, sameThing, type Conflict } from '../../server/src/core/facts/compare';
import { sameSpeaker } from '../../server/src/core/facts/quotes';
import type { DateMention } from '../../server/src/core/types';

interface Article {
  name: string;
  text: string;
}

function analyse(articles: Article[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const a of articles) index.setDocument(`file:///c/${a.name}`, `/c/${a.name}`, a.text, a.name);
  index.flush();
  return index;
}

const key = (uri: string, f: { start: number; text: string }) => `${uri}@${f.start}:${f.text}`;

/** The value written differently: a number that no hedge could reconcile, or the next day. */
function planted(f: Fact): string | undefined {
  if (f.kind === 'figure') {
    // The number as written: its value may hold a multiplier ("100 triệu đồng" is 1e8).
    const n = Number(f.text.replace(/\./g, ''));
    if (!Number.isInteger(n) || n < 2 || f.text.includes(',')) return undefined;
    const m = n + Math.max(3, Math.round(n * 0.5));
    return f.text.includes('.') ? m.toLocaleString('de-DE') : String(m);
  }
  const day = /(\d{1,2})([/.-]\d{1,2})/.exec(f.text);
  if (!day) return undefined;
  const d = Number(day[1]);
  if (d >= 28) return undefined;
  return f.text.replace(day[0], `${d + 1}${day[2]}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const zip =
    argv[argv.indexOf('--corpus') + 1] && argv.includes('--corpus')
      ? argv[argv.indexOf('--corpus') + 1]
      : path.resolve('..', 'shared', 'corpus', 'vims-early.zip');
  const all = (await readCorpus(zip)).filter((a) => /\/data\//.test(a.name) || !a.name.includes('/summary/'));
  const clusters = new Map<string, Article[]>();
  for (const a of all) {
    const c = /Cluster_\d+/.exec(a.name)?.[0] ?? path.dirname(a.name);
    clusters.set(c, [...(clusters.get(c) ?? []), { name: a.name.split('/').slice(-2).join('/'), text: a.text }]);
  }
  // --show N prints every Nth conflict of the untouched clusters with both sentences, for reading.
  const every = argv.includes('--show') ? Number(argv[argv.indexOf('--show') + 1]) : 0;
  let articles = 0;
  let untouched = 0;
  const tallies = { value: new Tally(), attribution: new Tally() };
  for (const [, list] of clusters) {
    const before = analyse(list);
    const base = before.conflicts();
    articles += list.length;
    for (const c of base)
      if (every && untouched++ % every === 0) {
        const text = (uri: string) => list.find((a) => `file:///c/${a.name}` === uri)!.text;
        const sentence = (side: Conflict['a']) => sentenceText(text(side.uri), side.fact.start, side.fact.end);
        console.log(`${c.kind} ${c.about}: "${c.a.fact.text}" ≠ "${c.b.fact.text}"${c.update ? ' (update)' : ''}`);
        for (const side of [c.a, c.b]) console.log(`  ${side.uri.slice(10)}: ${sentence(side)}`);
      }
    if (!every) untouched += base.length;
    const facts = list.map((a) => {
      const uri = `file:///c/${a.name}`;
      const mentions = before.document(uri)?.mentions ?? [];
      const dates = mentions.filter((m): m is DateMention => m.kind === 'date');
      const persons = mentions.filter((m) => m.kind === 'person').map((m) => ({ start: m.start, end: m.end, text: m.text }));
      return { a, uri, facts: extractFacts(a.text, dates, persons) };
    });
    // Another speaker: a name no article of the cluster gives (one it gives may be the speaker's own, spelt otherwise).
    const names = ['Nguyễn Văn Bình', 'Trần Thị Hoa'];
    for (const kind of ['value', 'attribution'] as const) {
      const plant = findPlant(facts, kind, names);
      if (!plant) continue;
      const changed = list.map((a) =>
        a === plant.article ? { ...a, text: a.text.slice(0, plant.fact.start) + plant.text + a.text.slice(plant.fact.end) } : a,
      );
      tallies[kind].count(plant, base, analyse(changed).conflicts());
    }
  }
  console.log(`${clusters.size} clusters, ${articles} articles`);
  console.log(`untouched: ${untouched} conflicts, ${((100 * untouched) / Math.max(1, articles)).toFixed(1)} per 100 articles`);
  console.log(`figures and days ${tallies.value}`);
  console.log(`speakers of quotes ${tallies.attribution}`);
}

interface Plant {
  article: Article;
  fact: Fact;
  text: string;
  uri: string;
}

/** What planting found: the planted conflicts reported, and the new conflicts planting made. */
class Tally {
  plants = 0;
  found = 0;
  created = 0;
  plantedOnes = 0;
  missed: string[] = [];

  count(plant: Plant, base: Conflict[], after: Conflict[]): void {
    this.plants++;
    const old = new Set(base.map((c) => `${key(c.a.uri, c.a.fact)}|${key(c.b.uri, c.b.fact)}`));
    const fresh = after.filter((c) => !old.has(`${key(c.a.uri, c.a.fact)}|${key(c.b.uri, c.b.fact)}`));
    const hit = (c: Conflict) => [c.a, c.b].some((s) => s.uri === plant.uri && s.fact.start === plant.fact.start && s.fact.text === plant.text);
    const hits = fresh.filter(hit);
    if (hits.length) this.found++;
    this.plantedOnes += hits.length;
    this.created += fresh.length;
    if (!hits.length && this.missed.length < 8)
      this.missed.push(`missed: ${plant.article.name}@${plant.fact.start} ${plant.fact.kind} ${plant.fact.about} "${plant.fact.text}" -> "${plant.text}"`);
  }

  toString(): string {
    return [
      `planted: ${this.plants}; reported ${this.found} (recall ${(this.found / Math.max(1, this.plants)).toFixed(3)}); new conflicts ${this.created}, of which ${this.plantedOnes} set the planted value against another article's (${(this.plantedOnes / Math.max(1, this.created)).toFixed(3)})`,
      ...this.missed.map((m) => `  ${m}`),
    ].join('\n');
  }
}

/**
 * Two articles stating one thing alike, the first such pair in the cluster: a figure or a day the
 * same in both (changed in the second), or a quote given to one speaker (given to another person in
 * the second).
 */
function findPlant(facts: { a: Article; uri: string; facts: Fact[] }[], kind: 'value' | 'attribution', names: string[]): Plant | undefined {
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      for (const x of facts[i].facts) {
        if ((x.kind === 'attribution') !== (kind === 'attribution')) continue;
        const y = facts[j].facts.find(
          (f) =>
            f.kind === x.kind &&
            f.bound === 'exact' &&
            x.bound === 'exact' &&
            sameThing(x, f) &&
            (kind === 'attribution' ? compatible(x, f) : f.value === x.value),
        );
        if (!y) continue;
        const text =
          kind === 'attribution'
            ? names.find((n) => !sameSpeaker(n.toLowerCase(), x.value as string) && !sameSpeaker(n.toLowerCase(), y.value as string))
            : planted(y);
        if (text) return { article: facts[j].a, fact: y, text, uri: facts[j].uri };
      }
    }
  }
  return undefined;
}

void main();
