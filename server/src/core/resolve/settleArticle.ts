/**
 * One article settled against the collection: known names found again, kinds decided, the final
 * mentions and the claims. A pure function of the article and a view of the collection, so that a
 * large update can settle its articles on worker threads with a copy of the view (ViewData).
 */
import type { Claim, EntityMention, Span } from '../types';
import { unpackBytes } from '../summaryCodec';
import { normalize } from '../text/normalize';
import { tokenize } from '../text/tokens';
import { classifyClaims } from '../claims/classify';
import { verdictView, voteKey } from './kindVotes';
import { knownView } from './knownNames';
import { decideKind, finalMentions, hash32, loneWords, personWords, refind, sortedHashes, type CollectionView } from './articlePass';

/** What settling an article needs of it: its original text and its summary, packed (summaryCodec.ts). */
export interface SettleJob {
  text: string;
  packed: Uint8Array;
}

export interface SettledParts {
  /** Final mentions, normalised-text offsets. */
  mentions: EntityMention[];
  claims: Claim[];
  /** The vote keys and lone words the article depends on (see articlePass.ts). */
  voteKeys: Int32Array;
  lone: string[];
  personWords: string[];
}

/** The collection as a settling article sees it, as plain data for a worker thread. */
export interface ViewData {
  known: [string, string][];
  verdicts: [string, string][];
  personWords: string[];
}

export function viewFromData(d: ViewData): CollectionView {
  const known = knownView(d.known);
  const verdict = verdictView(d.verdicts);
  const persons = new Set(d.personWords);
  const hashes = new Set(d.known.map(([key]) => hash32(key)));
  return { known: known.get, mayBeKnown: (h) => hashes.has(h), foreignSingles: known.foreignSingles, verdict, personWord: (w) => persons.has(w) };
}

export function settleArticle(job: SettleJob, view: CollectionView): SettledParts {
  const { candidates, dates, suppressed, decisions, sentences } = unpackBytes(job.packed);
  const norm = normalize(job.text);
  const tokens = tokenize(norm.text);
  // Dates and suppressed spans (normalised offsets) are not found again as names, nor are suggestions the user rejected.
  const blocked: Span[] = [...dates, ...suppressed].map(({ start, end }) => ({ start, end }));
  for (const r of decisions?.rejected ?? []) blocked.push({ start: norm.fromOriginal(r.start), end: norm.fromOriginal(r.end) });
  const found = refind({ candidates, tokens, text: norm.text, blocked }, view);
  const decided = found.map((c) => decideKind(c, view));
  const words = personWords(found, decided);
  const mentions = finalMentions(found, decided, new Set(words), view);
  const local = mentions.map((m) => ({ ...m, entity: `@${m.start}` }));
  const claims = classifyClaims(norm.text, tokens, sentences, local);
  return { mentions, claims, voteKeys: sortedHashes(found.map(voteKey)), lone: loneWords(found), personWords: words };
}
