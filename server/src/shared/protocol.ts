/**
 * Custom requests and notifications between the News Lens client and server. Plain method names
 * and data shapes only, so both sides (and other LSP clients) can use them without VS Code.
 */

export interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface EntitySummary {
  id: string;
  kind: 'person' | 'organization' | 'location';
  name: string;
  aliases: string[];
  mentions: number;
  documents: number;
  /** First mention, to jump to. */
  uri: string;
  range: RangeLike;
}

export interface ClaimSummary {
  uri: string;
  range: RangeLike;
  status: 'sourced' | 'vague' | 'unsourced';
  text: string;
  cue?: string;
  source?: string;
}

export interface Stats {
  articles: number;
  entities: number;
  unsourced: number;
  vague: number;
  indexing: boolean;
}

/** Request: the entities mentioned in one article, most mentioned first. */
export const DocumentEntitiesRequest = 'newsLens/documentEntities';
export interface DocumentEntitiesParams {
  uri: string;
}

/**
 * Paging, for the views' requests (entities, entity mentions, claims view, timeline). A request
 * that has none of its paging fields (`offset`, `limit`, `groups` or a group key such as `kind`)
 * is answered as before, with the whole list as an array; with any of them it is answered with a
 * `Page`. `limit` defaults to all that is left after `offset`.
 */
export interface PageParams {
  offset?: number;
  limit?: number;
}
/** One page of a longer list: `items` start at `offset` of the `total` items the list has. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

/**
 * Request: every entity of the workspace, optionally filtered by a query on names, most mentioned
 * first: `EntitySummary[]`. Paged: with `groups: true`, a `Page<EntityGroup>` (the kinds that have
 * entities matching the query, persons, organisations, places); otherwise a `Page<EntitySummary>`
 * of the entities of `kind` (of every kind when it is left out).
 */
export const EntitiesRequest = 'newsLens/entities';
export interface EntitiesParams extends PageParams {
  query?: string;
  groups?: boolean;
  kind?: EntitySummary['kind'];
}
export interface EntityGroup {
  kind: EntitySummary['kind'];
  /** Entities of the kind matching the query. */
  count: number;
}

/**
 * Request: the mentions of one entity across articles, as locations (`{ uri, range }[]`). Paged
 * (`offset` or `limit` given): a `Page<ArticleMentions>`, one item per article, in article order.
 */
export const EntityMentionsRequest = 'newsLens/entityMentions';
export interface EntityMentionsParams extends PageParams {
  id: string;
}
export interface ArticleMentions {
  uri: string;
  /** The entity's mentions in the article, in text order. */
  ranges: RangeLike[];
}

/** Request: claims of the workspace (or one article) with the given statuses. */
export const ClaimsRequest = 'newsLens/claims';
export interface ClaimsParams {
  uri?: string;
  status?: ('sourced' | 'vague' | 'unsourced')[];
}

/** Request: set an article's date in the nearest newslens.json (created if missing). */
export const SetArticleDateRequest = 'newsLens/setArticleDate';
export interface SetArticleDateParams {
  uri: string;
  date: string;
}
export interface SetArticleDateResult {
  ok: boolean;
  file?: string;
  message?: string;
}

/** Request: make a folder (or a file's folder) one of news articles, by writing an empty newslens.json there. */
export const TreatAsNewsRequest = 'newsLens/treatAsNews';
export interface TreatAsNewsParams {
  /** A folder, or a file in it. */
  uri: string;
}
export type TreatAsNewsResult = SetArticleDateResult;

/** Request: drop every cache and index the workspace folders again from disk. */
export const ReindexRequest = 'newsLens/reindex';

/** Request: the current figures for the status bar. */
export const StatsRequest = 'newsLens/stats';

/** Notification (server → client): the figures changed. */
export const StatsNotification = 'newsLens/statsChanged';

export interface TimelineEntry {
  uri: string;
  range: RangeLike;
  /** The expression as written ("hôm qua"). */
  text: string;
  /** TIMEX3 value. */
  value: string;
  /** First day the value covers (YYYY-MM-DD), when fully known. */
  start?: string;
  /** The value in words ("Wednesday 24 April 2019"). */
  label: string;
  /** The words around the mention. */
  context: string;
}

/**
 * Request: every dated mention of the collection, in date order (`TimelineEntry[]`). Paged: with
 * `groups: true`, a `Page<TimelineDay>` of the days in date order; with `day`, a
 * `Page<TimelineEntry>` of that day's mentions; otherwise a `Page<TimelineEntry>` of all of them.
 */
export const TimelineRequest = 'newsLens/timeline';
export interface TimelineParams extends PageParams {
  groups?: boolean;
  /** A day key of a `TimelineDay`. */
  day?: string;
}
export interface TimelineDay {
  /** The value up to its time of day ("2019-04-24", "2019-W17", "2008"): the group key. */
  day: string;
  /** The day in words ("Wednesday 24 April 2019"). */
  label: string;
  /** Dated mentions of the day. */
  count: number;
}

/** Request: change the user's entity registry in newslens.json (the articles are never edited). */
export const RegistryEditRequest = 'newsLens/editRegistry';
export interface RegistryEditParams {
  action: 'merge' | 'split' | 'rename' | 'setKind' | 'addAlias' | 'linkWikidata';
  /** The entity acted on (for split: taken from the mention at uri/offset). */
  entity?: string;
  /** Entities merged into `entity`. */
  others?: string[];
  uri?: string;
  offset?: number;
  /** New name, kind, alias or Wikidata id. */
  value?: string;
  /** Merge entities of different kinds anyway. */
  force?: boolean;
}
export interface RegistryEditResult {
  ok: boolean;
  message?: string;
  file?: string;
  /** Registry id of the entity edited. */
  id?: string;
}

/** Request: the entity whose mention is at an offset of an article, if any. */
export const EntityAtRequest = 'newsLens/entityAt';
export interface EntityAtParams {
  uri: string;
  offset: number;
}

/** Request: record a decision in the article's .ann (annotate, remove, accept, reject, link, claim). */
export const AnnotateRequest = 'newsLens/annotate';
export interface AnnotateParams {
  uri: string;
  action: 'annotate' | 'remove' | 'accept' | 'reject' | 'link' | 'acceptAll' | 'claim';
  /** UTF-16 offsets into the article (a selection), or an offset (the cursor). */
  start?: number;
  end?: number;
  offset?: number;
  kind?: 'person' | 'organization' | 'location' | 'date';
  /** Registry id and name, for link. */
  ref?: string;
  name?: string;
  status?: 'sourced' | 'vague' | 'unsourced';
  dismissed?: 'not-a-claim' | 'common-knowledge';
  source?: string;
}
export interface AnnotateResult {
  ok: boolean;
  message?: string;
  file?: string;
}

/** Request: for a claim, the most similar sentence of each other article, with its status and source. */
export const SimilarClaimsRequest = 'newsLens/similarClaims';
export interface SimilarClaimsParams {
  uri: string;
  offset: number;
}
export interface SimilarClaim extends ClaimSummary {
  /** Similarity from 0 to 1. */
  score: number;
}

/** Request: write the collection's annotations in a format to a folder. */
export const ExportRequest = 'newsLens/export';
export interface ExportParams {
  format: 'brat' | 'conll' | 'jsonl' | 'webanno';
  /** Absolute folder path. */
  out: string;
}
export interface ExportResult {
  ok: boolean;
  files?: number;
  message?: string;
}

/**
 * Request: claims of the collection with their status, source and dismissals, for the Claims view
 * (`ClaimItem[]`, in article order). Paged: with `groups: true`, a `Page<ClaimGroup>` of the
 * groups that have claims (unsourced, vague, sourced, dismissed; dismissed claims are in that group
 * whatever their status); with `group`, a `Page<ClaimItem>` of that group; otherwise a
 * `Page<ClaimItem>` of all claims.
 */
export const ClaimsViewRequest = 'newsLens/claimsView';
export interface ClaimsViewParams extends PageParams {
  groups?: boolean;
  group?: ClaimGroupKey;
}
export type ClaimGroupKey = 'unsourced' | 'vague' | 'sourced' | 'dismissed';
export interface ClaimGroup {
  group: ClaimGroupKey;
  count: number;
}
export interface ClaimItem extends ClaimSummary {
  dismissed?: 'not-a-claim' | 'common-knowledge';
}

/**
 * What the client may pass as `initializationOptions`. `cacheDir` is where the warm cache lives
 * (the extension's storage, never the user's folders); `trusted: false` says the workspace is not
 * trusted: the server then analyses and answers but writes nothing into it (no `.ann`, no
 * `newslens.json`). A client that leaves `trusted` out is trusted.
 */
export interface InitializationOptions {
  cacheDir?: string;
  trusted?: boolean;
}

/** Notification (client → server): the user trusted the workspace; writes are allowed from now on. */
export const WorkspaceTrustedNotification = 'newsLens/workspaceTrusted';

/** The `message` of every write refused in a workspace that is not trusted. */
export const UNTRUSTED_MESSAGE =
  'This workspace is not trusted: News Lens does not write annotations or newslens.json here. Trust the workspace to save your work.';

/**
 * Request: where articles disagree (`ConflictSummary[]`). With `uri`, that article's disagreements
 * (it is `a` in each), and with `other` too, only those with that article; otherwise every
 * disagreement of the collection once.
 */
export const ConflictsRequest = 'newsLens/conflicts';
export interface ConflictsParams {
  uri?: string;
  other?: string;
}
export interface ConflictSide {
  uri: string;
  /** The article's path as analyze --json gives it. */
  path: string;
  range: RangeLike;
  /** The value as written ("85", "26/4", the speaker's name). */
  text: string;
  /** The sentence it is in. */
  sentence: string;
  /** The article's date, when known. */
  date?: string;
  /** The article's outlet, from newslens.json. */
  outlet?: string;
}
export interface ConflictSummary {
  kind: 'figure' | 'date' | 'attribution';
  /** What is counted ("người chết"), "day", or the quote's first words. */
  about: string;
  /** What they disagree on, in the server's language ("người chết", "the day", 'who said "…"'). */
  subject: string;
  a: ConflictSide;
  b: ConflictSide;
  update: boolean;
}
