/**
 * One article settled against the collection: known names found again, kinds decided, the final
 * mentions and the claims. A pure function of the article and a view of the collection, so that a
 * large update can settle its articles on worker threads with a copy of the view (ViewData).
 */
import type { Claim, EntityMention, Sentence, Span } from '../types';
import type { Candidate } from '../entities/recognize';
import { normalize } from '../text/normalize';
import { tokenize } from '../text/tokens';
import { classifyClaims } from '../claims/classify';
import { verdictView, voteKey } from './kindVotes';
import { knownView } from './knownNames';
import { decideKind, finalMentions, loneWords, personWords, refind, sortedHashes, type CollectionView } from './articlePass';

/** What settling an article needs of it (offsets of the normalised text unless said otherwise). */
export interface SettleJob {
  /** The original text. */
  text: string;
  candidates: Candidate[];
  /** Dates and suppressed spans: never found again as names. */
  blocked: Span[];
  /** Suggestions the user rejected, in original offsets. */
  rejected: Span[];
  sentences: Sentence[];
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
  return { known: known.get, foreignSingles: known.foreignSingles, verdict, personWord: (w) => persons.has(w) };
}

export function settleArticle(job: SettleJob, view: CollectionView): SettledParts {
  const norm = normalize(job.text);
  const tokens = tokenize(norm.text);
  const rejected = job.rejected.map((r) => ({ start: norm.fromOriginal(r.start), end: norm.fromOriginal(r.end) }));
  const found = refind({ candidates: job.candidates, tokens, text: norm.text, blocked: [...job.blocked, ...rejected] }, view);
  const decided = found.map((c) => decideKind(c, view));
  const words = personWords(found, decided);
  const mentions = finalMentions(found, decided, new Set(words), view);
  const local = mentions.map((m) => ({ ...m, entity: `@${m.start}` }));
  const claims = classifyClaims(norm.text, tokens, job.sentences, local);
  return { mentions, claims, voteKeys: sortedHashes(found.map(voteKey)), lone: loneWords(found), personWords: words };
}
