/**
 * What one article alone yields, as plain serialisable data: the collection needs nothing else
 * from it. Heavy structures (tokens, the normalised text's offset map) are rebuilt from the text
 * on demand, so a summary can cross a worker boundary, sit in the warm cache and stay small.
 */
import type { ArticleMeta, RegistryEntity, Sentence, Span } from './types';
import type { Candidate } from './entities/recognize';
import type { DateMatch } from './dates/recognize';
import type { Decisions } from './annotations/decisions';
import type { Fact } from './facts/extract';
import { makeLookup, prepareDocument, summaryOf } from './analyze';
import { packSummary } from './summaryCodec';

/** Bumped whenever the analysis changes what a summary holds or how it is computed. */
export const ANALYSER_VERSION = '0.2.20';

export interface ArticleSummary {
  path: string;
  file?: string;
  meta: ArticleMeta;
  decisions?: Decisions;
  sentences: Sentence[];
  dates: DateMatch[];
  candidates: Candidate[];
  acronyms: [string, string][];
  suppressed: Span[];
  /** Hashes of the phrases a known name could be found again as (see resolve/articlePass.ts). */
  phrases: number[];
  /** Lower-case foreign words a misspelt known name could be. */
  misspellable: string[];
  /** Figures and days the article states, to compare with other articles (original offsets). */
  facts: Fact[];
}

export interface PrepareInput {
  path: string;
  file?: string;
  text: string;
  meta: ArticleMeta;
  decisions?: Decisions;
  registry?: RegistryEntity[];
}

export function summarize(input: PrepareInput, lookup = makeLookup(input.registry)): ArticleSummary {
  return summaryOf(prepareDocument(input.path, input.text, input.meta, lookup, input.file, input.decisions));
}

let workerLookup: { key: string; lookup: ReturnType<typeof makeLookup> } | undefined;

/**
 * The worker's entry: the summary packed (packSummary) as UTF-8, which the warm cache and the
 * collection keep as they are, so that the main thread neither packs nor encodes it. The
 * registry's lookup is built once per registry, not per article.
 */
export function prepareForWorker(input: PrepareInput): Uint8Array {
  const key = JSON.stringify(input.registry ?? []);
  if (workerLookup?.key !== key) workerLookup = { key, lookup: makeLookup(input.registry) };
  return new Uint8Array(Buffer.from(packSummary(summarize(input, workerLookup.lookup)), 'utf8'));
}
