/** "Find this claim in other articles": the most similar sentence of each other article. */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { SimilarClaim } from '../shared/protocol';
import { nameKey } from '../core/text/normalize';
import { rangeOf } from './positions';

/** Syllable bigrams: word order matters a little, exact wording not at all. */
function shingles(s: string): Set<string> {
  const words = nameKey(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const out = new Set<string>(words);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.sqrt(a.size * b.size || 1);
}

export function similarClaims(index: WorkspaceIndex, uri: string, offset: number): SimilarClaim[] {
  const s = index.get();
  const d = s.byUri.get(uri);
  const text = index.text(uri);
  const claim = d?.sentences.find((x) => x.start <= offset && offset < x.end);
  if (!d || !claim || text === undefined) return [];
  const target = shingles(text.slice(claim.start, claim.end));
  const out: SimilarClaim[] = [];
  for (const [other, od] of s.byUri) {
    if (other === uri) continue;
    const otext = index.text(other)!;
    let best: SimilarClaim | undefined;
    for (const sent of od.sentences) {
      const score = similarity(target, shingles(otext.slice(sent.start, sent.end)));
      if (!best || score > best.score) {
        const c = od.claims.find((x) => x.start === sent.start);
        best = {
          uri: other,
          range: rangeOf(index, other, sent),
          status: c?.status ?? 'sourced',
          text: otext.slice(sent.start, sent.end),
          cue: c?.cue,
          source: c?.source ? s.entities.get(c.source)?.name : c?.sourceText,
          score,
        };
      }
    }
    if (best && best.score >= 0.2) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score);
}
