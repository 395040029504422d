/**
 * Summarises the articles an index has no summary for: from the warm cache where the article,
 * its metadata and its .ann are unchanged, otherwise on worker threads (both cores), feeding the
 * index as results arrive so that it can answer from what is done.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { ANALYSER_VERSION, prepareForWorker, type ArticleSummary, type PrepareInput } from '../core/summary';
import { fromBase64, fromRows, packSummary, toBase64, toRows, tryUnpackBytes, unpackBytes, unpackSummary, type Rows } from '../core/summaryCodec';
import { runInWorkers, isTaskFailure } from './workerPool';
import { SummaryCache } from './summaryCache';
import type { RoundSettler, SavedArticle, WorkspaceIndex } from './workspaceIndex';
import { now, trace, traced } from './trace';
import type { SettledArticle } from '../core/resolve/collection';
import type { DocumentResult, Entity } from '../core/types';
import { settleArticle, type SettledParts, type SettleJob } from '../core/resolve/settleArticle';

export type Cache = SummaryCache<ArticleSummary>;
/** The saved collection's head: which articles it is of, its entities, and with results, each article's unsourced and vague claims. */
interface SavedHead {
  fingerprint: string;
  entities: Entity[];
  counts?: [string, number, number][];
}

/**
 * Results are saved for workspaces up to this many articles. A reopened workspace answers from them
 * while its collection is rebuilt, so both are in memory for a while: about 20 KB an article more,
 * which a larger archive would rather not pay (it waits for the rebuild instead).
 */
const SAVED_RESULTS_UP_TO = 25000;
/** The collection's settled state, saved from a collection of exactly the fingerprinted articles: a head and one entry per article. */
export type StateCache = SummaryCache<SavedHead | SavedArticle>;
const STATE_KEY = 'collection';
const articleKey = (uri: string) => `article ${uri}`;

/** How much the index grows between two updates while it is being built, and the least time between them. */
const PARTIAL_GROWTH = 8;
const PARTIAL_EVERY_MS = 10000;
/** Later partial updates stop once this share of the articles is in: each settles every article in so far. */
const PARTIAL_UNTIL = 1 / 8;

/** Below this many articles, worker start-up costs more than it saves. */
const IN_PROCESS_BELOW = 64;

export interface SummarizeOptions {
  cache?: Cache;
  /** Where the settled collection is kept, so that an unchanged workspace opens without analysis. */
  state?: StateCache;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called when enough new articles arrived that the index is worth bringing up to date. */
  onPartial?: () => void;
  warn?: (message: string) => void;
  /** Worker threads; 0 runs in this thread. */
  threads?: number;
  /** How often partial updates come (tests): the growth between two, the least time between them and the share of the articles after which none comes. */
  partials?: { growth: number; everyMs: number; until?: number };
}

/** Opens the warm cache for a workspace, or none without a directory. */
export function openCache(dir: string | undefined, namespace: string, warn?: (m: string) => void): Cache {
  return SummaryCache.open<ArticleSummary>(dir, namespace, `${ANALYSER_VERSION} packed-1`, warn, { encode: packSummary, decode: unpackSummary });
}

/** Opens the store of the settled collection beside the summaries. */
export function openStateCache(dir: string | undefined, namespace: string, warn?: (m: string) => void): StateCache {
  return SummaryCache.open<SavedHead | SavedArticle>(dir, `${namespace}\nstate`, `${ANALYSER_VERSION} state-3`, warn, {
    encode: packState,
    decode: unpackState,
  });
}

type PackedArticle = [SettledArticle['mentions'], Rows, string, string, string[], DocumentResult?];

/** An article's state with claims as rows and hashes as base64; the head as it is. */
function packState(s: SavedHead | SavedArticle): string {
  if ('fingerprint' in s) return JSON.stringify({ head: s });
  const a = s.settled;
  const packed: PackedArticle = [a.mentions, toRows(a.claims), toBase64(a.voteKeys), toBase64(a.lone), a.personWords];
  if (s.result) packed.push(s.result);
  return JSON.stringify(packed);
}

function unpackState(raw: string): SavedHead | SavedArticle {
  const o = JSON.parse(raw) as { head: SavedHead } | PackedArticle;
  if (!Array.isArray(o)) {
    if (typeof o?.head?.fingerprint !== 'string' || !Array.isArray(o.head.entities)) throw new Error('not a saved collection');
    return o.head;
  }
  const [mentions, claims, voteKeys, lone, personWords, result] = o;
  return {
    settled: { mentions, claims: fromRows(claims), voteKeys: [...fromBase64(voteKeys)], lone: [...fromBase64(lone)], personWords },
    ...(result ? { result } : {}),
  };
}

/** Which articles, with which inputs: a saved state is used only for the very same. */
function fingerprintOf(keys: { uri: string; key: string }[]): string {
  const h = createHash('sha256');
  for (const { uri, key } of [...keys].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))) h.update(uri).update('\0').update(key).update('\n');
  return h.digest('hex');
}

const registryHashes = new Map<string, string>();
function registryHash(input: PrepareInput): string {
  const json = JSON.stringify(input.registry ?? []);
  let h = registryHashes.get(json);
  if (!h) {
    if (registryHashes.size > 8) registryHashes.clear();
    registryHashes.set(json, (h = createHash('sha256').update(json).digest('hex')));
  }
  return h;
}

/** Saves the collection's settled state, its results and entities (after indexing, and when the server stops). */
export async function saveState(index: WorkspaceIndex, state: StateCache | undefined, opts: { resultsUpTo?: number } = {}): Promise<void> {
  if (!state?.enabled) return;
  await index.idle();
  const keys = index.inputs().map(({ uri, input }) => ({ uri, key: cacheKey(input, registryHash(input)) }));
  const { settled, results, entities, counts } = index.exportState();
  const withResults = settled.size <= (opts.resultsUpTo ?? SAVED_RESULTS_UP_TO);
  state.set(STATE_KEY, {
    fingerprint: fingerprintOf(keys),
    entities: withResults ? entities : [],
    ...(withResults ? { counts: [...counts].map(([uri, [u, v]]) => [uri, u, v] as [string, number, number]) } : {}),
  });
  for (const [uri, a] of settled) {
    const result = withResults ? results.get(uri) : undefined;
    state.set(articleKey(uri), result ? { settled: a, result } : { settled: a });
  }
  await state.flush();
  // After idle() a restored collection is rebuilt, so nothing reads a saved result from the state any more.
  await state.release();
}

/** What a summary depends on besides the analyser: text, metadata, the user's decisions and the registry. */
function cacheKey(input: PrepareInput, registryHash: string): string {
  return createHash('sha256')
    .update(input.text)
    .update('\0')
    .update(JSON.stringify(input.meta))
    .update('\0')
    .update(input.decisions ? JSON.stringify(input.decisions) : '')
    .update('\0')
    .update(input.path)
    .update('\0')
    .update(registryHash)
    .digest('hex');
}

export async function summarizePending(
  index: WorkspaceIndex,
  opts: SummarizeOptions = {},
): Promise<{
  fromCache: number;
  computed: number;
  failed: number;
  written: Promise<void>;
  restored?: boolean;
  /** After a restore: the collection rebuilt in the background, with the articles whose diagnostics are to be sent again. */
  rebuilt?: Promise<Set<string>>;
}> {
  const pending = index.pendingInputs();
  const keyed = traced('summarise: cache keys', () => pending.map((p) => ({ ...p, key: cacheKey(p.input, registryHash(p.input)) })));
  const restore =
    opts.state?.enabled && opts.cache?.enabled && keyed.length
      ? traced('summarise: restore', () => tryRestore(index, keyed, opts.cache!, opts.state!))
      : undefined;
  if (restore) {
    // Without saved results there is nothing to answer with until the collection is rebuilt.
    if (!restore.answering) await restore.rebuilt;
    opts.onProgress?.(keyed.length, keyed.length);
    return { fromCache: keyed.length, computed: 0, failed: 0, written: Promise.resolve(), restored: true, rebuilt: restore.rebuilt };
  }
  const todo: { uri: string; input: PrepareInput; key: string }[] = [];
  let fromCache = 0;
  for (const { uri, input, key } of keyed) {
    const raw = opts.cache?.getRaw(key);
    const hit = tryUnpackBytes(raw);
    if (hit) {
      index.setSummary(uri, input.text, hit, raw);
      fromCache++;
    } else todo.push({ uri, input, key });
  }
  const total = pending.length;
  opts.onProgress?.(fromCache, total);
  let next = Math.max(200, fromCache * 2);
  let arrived = fromCache;
  let failed = 0;
  const { growth, everyMs, until = PARTIAL_UNTIL } = opts.partials ?? { growth: PARTIAL_GROWTH, everyMs: PARTIAL_EVERY_MS };
  let lastPartial = -Infinity;
  const partial = () => {
    lastPartial = performance.now();
    opts.onPartial?.();
  };
  if (fromCache >= 200) partial();
  const worker = path.join(__dirname, 'prepareWorker.js');
  const threads = opts.threads ?? (todo.length < IN_PROCESS_BELOW || !fs.existsSync(worker) ? 0 : undefined);
  await runInWorkers<PrepareInput, Uint8Array>(
    worker,
    todo.map((t) => t.input),
    {
      threads,
      handler: prepareForWorker,
      signal: opts.signal,
      onResult: (i, out) => {
        const t = todo[i];
        arrived++;
        if (isTaskFailure(out)) {
          failed++;
          opts.warn?.(`News Lens: cannot analyse ${t.input.path}: ${out.error}`);
          index.removeDocument(t.uri);
        } else {
          index.setSummary(t.uri, t.input.text, unpackBytes(out), out);
          opts.cache?.setRaw(t.key, out);
        }
        opts.onProgress?.(arrived, total);
        // Early answers come from the first 200 articles. A partial update settles every article in so far on
        // the workers that prepare the rest, and much of it is settled again once more names are known, so
        // later ones wait until the index has grown eightfold and ten seconds have passed, and stop once an
        // eighth of the articles is in: at 10,000 articles on two slow cores one at 3,000 delayed the
        // complete index by a third, as long as it took.
        const due = lastPartial === -Infinity ? arrived < total : arrived <= total * until && performance.now() - lastPartial >= everyMs;
        if (arrived >= next && due) {
          next = arrived * growth;
          partial();
        }
      },
    },
  );
  // The cache is written in the background: the index is complete without it.
  return { fromCache, computed: todo.length - failed, failed, written: opts.cache?.flush() ?? Promise.resolve() };
}

function tryRestore(
  index: WorkspaceIndex,
  keyed: { uri: string; key: string }[],
  cache: Cache,
  state: StateCache,
): { rebuilt: Promise<Set<string>>; answering: boolean } | undefined {
  const t = now();
  const head = state.get(STATE_KEY);
  if (!head || !('fingerprint' in head) || head.fingerprint !== fingerprintOf(keyed)) return undefined;
  const keyOf = new Map<string, string>();
  for (const { uri, key } of keyed) {
    // Every article's line must be there, and its summary, from which the collection is rebuilt; they are read later.
    if (!state.getRaw(articleKey(uri)) || !cache.getRaw(key)) return undefined;
    keyOf.set(uri, key);
  }
  // Each line is read once, by whoever asks first (a request, the diagnostics, the rebuild).
  const read = new Map<string, SavedArticle | undefined>();
  const article = (uri: string): SavedArticle | undefined => {
    if (read.has(uri)) return read.get(uri);
    const a = state.get(articleKey(uri));
    const out = a && 'settled' in a ? a : undefined;
    read.set(uri, out);
    return out;
  };
  const counts = head.counts && new Map(head.counts.map(([uri, u, v]) => [uri, [u, v] as [number, number]]));
  const rebuilt = index.restoreSaved({ article, entities: head.entities, ...(counts ? { counts } : {}) }, (uri) => cache.getRaw(keyOf.get(uri)!));
  trace('restore: read the saved state', t, `${keyed.length} articles${counts ? ', results to be read when asked for' : ''}`);
  // The lines read are let go with the rebuild.
  void rebuilt?.finally(() => read.clear()).catch(() => undefined);
  return rebuilt && { rebuilt, answering: !!counts };
}

/** Settles the rounds of a large update on worker threads, each with a copy of the collection's view. */
export function settleInWorkers(opts: { threads?: number; signal?: AbortSignal } = {}): RoundSettler {
  const worker = path.join(__dirname, 'prepareWorker.js');
  return async (round) => {
    const uris = [...round.jobs.keys()];
    const context = round.viewData();
    const outs = await runInWorkers<SettleJob, SettledParts>(
      worker,
      uris.map((u) => round.jobs.get(u)!),
      {
        threads: opts.threads ?? (fs.existsSync(worker) ? undefined : 0),
        signal: opts.signal,
        context,
        // In this thread (no worker file, as in tests run from sources) the live view serves.
        handler: (job) => settleArticle(job, round.view),
      },
    );
    const results = new Map<string, SettledParts>();
    outs.forEach((o, i) => {
      if (!isTaskFailure(o)) results.set(uris[i], o);
    });
    return results;
  };
}
