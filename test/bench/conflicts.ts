/**
 * Planted contradictions (issue 15): `npm run conflicts [-- --corpus ZIP]`. In each ViMs event
 * cluster, a figure or a day two articles state alike about the same thing is changed in one of
 * them; the analysis must report exactly that. Prints the recall of planted conflicts, the share of
 * the new conflicts that are the planted ones, and the conflicts per 100 untouched articles.
 * Nothing of the corpus is written anywhere but memory.
 */
import * as path from 'node:path';
import { readCorpus } from './corpus';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { extractFacts, type Fact } from '../../server/src/core/facts/extract';
import { sameThing } from '../../server/src/core/facts/compare';
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
    const n = f.value as number;
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
  let articles = 0;
  let untouched = 0;
  let plants = 0;
  let found = 0;
  let created = 0;
  let plantedOnes = 0;
  const shown: string[] = [];
  for (const [, list] of clusters) {
    const before = analyse(list);
    const base = before.conflicts();
    articles += list.length;
    untouched += base.length;
    // Two articles stating one thing alike: the first such pair in the cluster.
    const facts = list.map((a) => {
      const uri = `file:///c/${a.name}`;
      const dates = (before.document(uri)?.mentions ?? []).filter((m): m is DateMention => m.kind === 'date');
      return { a, uri, facts: extractFacts(a.text, dates) };
    });
    let plant: { article: Article; fact: Fact; text: string; uri: string } | undefined;
    for (let i = 0; i < facts.length && !plant; i++) {
      for (let j = i + 1; j < facts.length && !plant; j++) {
        for (const x of facts[i].facts) {
          const y = facts[j].facts.find((f) => f.value === x.value && f.bound === 'exact' && x.bound === 'exact' && sameThing(x, f));
          const text = y && planted(y);
          if (y && text) {
            plant = { article: facts[j].a, fact: y, text, uri: facts[j].uri };
            break;
          }
        }
      }
    }
    if (!plant) continue;
    plants++;
    const changed = list.map((a) =>
      a === plant!.article ? { ...a, text: a.text.slice(0, plant!.fact.start) + plant!.text + a.text.slice(plant!.fact.end) } : a,
    );
    const after = analyse(changed).conflicts();
    const old = new Set(base.map((c) => `${key(c.a.uri, c.a.fact)}|${key(c.b.uri, c.b.fact)}`));
    const fresh = after.filter((c) => !old.has(`${key(c.a.uri, c.a.fact)}|${key(c.b.uri, c.b.fact)}`));
    const hit = (c: (typeof after)[number]) =>
      [c.a, c.b].some((s) => s.uri === plant!.uri && s.fact.start === plant!.fact.start && s.fact.text === plant!.text);
    const hits = fresh.filter(hit);
    if (hits.length) found++;
    plantedOnes += hits.length;
    created += fresh.length;
    if (!hits.length && shown.length < 8)
      shown.push(`missed: ${plant.article.name}@${plant.fact.start} ${plant.fact.kind} ${plant.fact.about} "${plant.fact.text}" -> "${plant.text}"`);
  }
  console.log(`${clusters.size} clusters, ${articles} articles`);
  console.log(`untouched: ${untouched} conflicts, ${((100 * untouched) / Math.max(1, articles)).toFixed(1)} per 100 articles`);
  console.log(
    `planted: ${plants}; reported ${found} (recall ${(found / Math.max(1, plants)).toFixed(3)}); new conflicts ${created}, of which ${plantedOnes} set the planted value against another article's (${(plantedOnes / Math.max(1, created)).toFixed(3)})`,
  );
  for (const s of shown) console.log(`  ${s}`);
}

void main();
