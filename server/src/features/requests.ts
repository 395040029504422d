/** The custom requests of shared/protocol.ts, answered from the index. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type {
  ArticleMentions,
  ClaimGroup,
  ClaimGroupKey,
  ClaimItem,
  ClaimSummary,
  ClaimsViewParams,
  EntitiesParams,
  EntityGroup,
  EntityMentionsParams,
  EntitySummary,
  ExportParams,
  ExportResult,
  Page,
  PageParams,
  Stats,
  SetArticleDateResult,
  TimelineDay,
  TimelineEntry,
  TimelineParams,
} from '../shared/protocol';
import type { Claim, DateMention, DocumentResult, Entity } from '../core/types';
import { exportCollection } from '../core/annotations/export';
import { foldKey } from '../core/text/normalize';
import { describeValue, parseYmd, valueStart } from '../core/dates/calendar';
import { timeline } from './dates';
import { CONFIG_FILE } from '../core/meta/config';
import { editConfigFile, ConfigWriteError } from '../core/meta/write';
import { locationOf, rangeOf } from './positions';

function summary(index: WorkspaceIndex, id: string): EntitySummary | undefined {
  const e = index.get().entities.get(id);
  const first = index.mentionsOf(id)[0];
  if (!e || !first) return undefined;
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    mentions: e.mentions,
    documents: e.documents,
    uri: first.uri,
    range: rangeOf(index, first.uri, first.mention),
  };
}

export function documentEntities(index: WorkspaceIndex, uri: string): EntitySummary[] {
  const d = index.document(uri);
  if (!d) return [];
  const counts = new Map<string, number>();
  for (const m of d.mentions) if (m.kind !== 'date' && m.entity) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => {
      const s = summary(index, id)!;
      const here = d.mentions.find((m) => m.kind !== 'date' && m.entity === id)!;
      return { ...s, uri, range: rangeOf(index, uri, here) };
    });
}

export function entityAt(index: WorkspaceIndex, uri: string, offset: number): EntitySummary | null {
  const m = index.document(uri)?.mentions.find((x) => x.start <= offset && offset <= x.end && (offset < x.end || x.end > x.start));
  return m && m.kind !== 'date' && m.entity ? (summary(index, m.entity) ?? null) : null;
}

// ---- The views' requests, whole or in pages ------------------------------------------------------
//
// A view asks for one page at a time, often for every statistics notification, so what the pages
// are cut from is built once per snapshot of the index (sorted and grouped) and each page then costs
// only its own items: ranges and texts are computed for the items sent, not for the whole list.

/** Whether a request has any of the fields that ask for the paged answer. */
function isPaged<P extends PageParams>(p: P | undefined | null, keys: (keyof P)[]): boolean {
  return !!p && keys.some((k) => p[k] !== undefined && p[k] !== null);
}

/** A page of `list` (made with `make`, for the items of the page only). */
function page<T, U>(list: readonly T[], p: PageParams, make: (x: T) => U): Page<U> {
  const total = list.length;
  const offset = Math.min(Math.max(0, Math.floor(p.offset ?? 0)), total);
  const limit = p.limit === undefined || p.limit === null ? total : Math.max(0, Math.floor(p.limit));
  return { items: list.slice(offset, offset + limit).map(make), total, offset };
}

type DatedRef = { uri: string; mention: DateMention };
type ClaimRef = { uri: string; claim: Claim };

/** What the views' pages are cut from, for one snapshot of the index. */
interface ViewData {
  snapshot: object;
  /** Entities, most mentioned first, with their folded names for the filter. */
  entities?: { sorted: Entity[]; folded: string[][] };
  /** The last filter asked for and its entities, for the pages that follow. */
  filtered?: { q: string; list: Entity[]; byKind: Map<string, Entity[]> };
  /** Mentions of the entities paged last, by article. */
  mentionGroups: Map<string, { uri: string; mentions: { start: number; end: number }[] }[]>;
  claims?: { all: ClaimRef[]; byGroup: Map<ClaimGroupKey, ClaimRef[]> };
  timeline?: { all: DatedRef[]; days: TimelineDay[]; byDay: Map<string, DatedRef[]> };
}

const viewData = new WeakMap<WorkspaceIndex, ViewData>();

/**
 * The cached view data, rebuilt when `index.get()` is a new snapshot, which is how the index says
 * that something changed (it is the same object until then).
 */
function dataOf(index: WorkspaceIndex): ViewData {
  const snapshot = index.get();
  const old = viewData.get(index);
  if (old && old.snapshot === snapshot) return old;
  const fresh: ViewData = { snapshot, mentionGroups: new Map() };
  viewData.set(index, fresh);
  return fresh;
}

/** Articles with their analysis, in index order (sorted by uri). */
function articles(index: WorkspaceIndex): { uri: string; doc: DocumentResult }[] {
  const out: { uri: string; doc: DocumentResult }[] = [];
  for (const uri of index.uris()) {
    const doc = index.document(uri);
    if (doc) out.push({ uri, doc });
  }
  return out;
}

const KINDS: EntityGroup['kind'][] = ['person', 'organization', 'location'];

function filteredEntities(index: WorkspaceIndex, query?: string): { list: Entity[]; byKind: Map<string, Entity[]> } {
  const v = dataOf(index);
  if (!v.entities) {
    // A stable sort: equal counts keep the collection's order.
    const sorted = [...index.get().result.entities].sort((a, b) => b.mentions - a.mentions);
    v.entities = { sorted, folded: sorted.map((e) => [e.name, ...e.aliases].map(foldKey)) };
  }
  const q = query ? foldKey(query) : '';
  if (v.filtered?.q !== q) {
    const { sorted, folded } = v.entities;
    const list = q ? sorted.filter((_, i) => folded[i].some((n) => n.includes(q))) : sorted;
    const byKind = new Map<string, Entity[]>(KINDS.map((k) => [k, []]));
    for (const e of list) byKind.get(e.kind)?.push(e);
    v.filtered = { q, list, byKind };
  }
  return v.filtered;
}

/** Every entity matching the query on names and aliases, most mentioned first. */
export function entities(index: WorkspaceIndex, query?: string): EntitySummary[] {
  return filteredEntities(index, query)
    .list.map((e) => summary(index, e.id)!)
    .filter(Boolean);
}

/** EntitiesRequest: the whole list, or (with paging fields) the kinds with counts or a page of one kind. */
export function entitiesRequest(index: WorkspaceIndex, p?: EntitiesParams | null): EntitySummary[] | Page<EntityGroup> | Page<EntitySummary> {
  if (!p || !isPaged(p, ['offset', 'limit', 'groups', 'kind'])) return entities(index, p?.query);
  const f = filteredEntities(index, p.query);
  if (p.groups) {
    const groups = KINDS.map((kind) => ({ kind, count: f.byKind.get(kind)!.length })).filter((g) => g.count);
    return page(groups, p, (g) => g);
  }
  const list = p.kind ? (f.byKind.get(p.kind) ?? []) : f.list;
  return page(list, p, (e) => summary(index, e.id)!);
}

export function entityMentions(index: WorkspaceIndex, id: string) {
  return index.mentionsOf(id).map((x) => locationOf(index, x.uri, x.mention));
}

/** EntityMentionsRequest: every mention as a location, or (paged) a page of articles with their mentions. */
export function entityMentionsRequest(index: WorkspaceIndex, p: EntityMentionsParams): { uri: string; range: ClaimSummary['range'] }[] | Page<ArticleMentions> {
  if (!isPaged(p, ['offset', 'limit'])) return entityMentions(index, p.id);
  const v = dataOf(index);
  let groups = v.mentionGroups.get(p.id);
  if (!groups) {
    groups = [];
    for (const { uri, mention } of index.mentionsOf(p.id)) {
      const last = groups[groups.length - 1];
      if (last?.uri === uri) last.mentions.push(mention);
      else groups.push({ uri, mentions: [mention] });
    }
    // Only the entities a view is paging through are kept.
    if (v.mentionGroups.size >= 32) v.mentionGroups.clear();
    v.mentionGroups.set(p.id, groups);
  }
  return page(groups, p, (g) => ({ uri: g.uri, ranges: g.mentions.map((m) => rangeOf(index, g.uri, m)) }));
}

const CLAIM_GROUPS: ClaimGroupKey[] = ['unsourced', 'vague', 'sourced', 'dismissed'];

function claimRefs(index: WorkspaceIndex): NonNullable<ViewData['claims']> {
  const v = dataOf(index);
  if (!v.claims) {
    const all: ClaimRef[] = [];
    const byGroup = new Map<ClaimGroupKey, ClaimRef[]>(CLAIM_GROUPS.map((g) => [g, []]));
    for (const { uri, doc } of articles(index)) {
      for (const claim of doc.claims) {
        const ref = { uri, claim };
        all.push(ref);
        byGroup.get(claim.dismissed ? 'dismissed' : claim.status)!.push(ref);
      }
    }
    v.claims = { all, byGroup };
  }
  return v.claims;
}

function claimItem(index: WorkspaceIndex, { uri, claim: c }: ClaimRef): ClaimItem {
  return {
    uri,
    range: rangeOf(index, uri, c),
    status: c.status,
    text: index.text(uri)!.slice(c.start, c.end),
    cue: c.cue,
    source: c.source ? index.get().entities.get(c.source)?.name : c.sourceText,
    ...(c.dismissed ? { dismissed: c.dismissed } : {}),
  };
}

/** Every claim, dismissed ones included and marked, for the Claims view. */
export function claimItems(index: WorkspaceIndex): ClaimItem[] {
  return claimRefs(index).all.map((r) => claimItem(index, r));
}

/** ClaimsViewRequest: every claim, or (with paging fields) the groups with counts or a page of one group. */
export function claimsViewRequest(index: WorkspaceIndex, p?: ClaimsViewParams | null): ClaimItem[] | Page<ClaimGroup> | Page<ClaimItem> {
  if (!p || !isPaged(p, ['offset', 'limit', 'groups', 'group'])) return claimItems(index);
  const c = claimRefs(index);
  if (p.groups)
    return page(
      CLAIM_GROUPS.map((group) => ({ group, count: c.byGroup.get(group)!.length })).filter((g) => g.count),
      p,
      (g) => g,
    );
  return page(p.group ? (c.byGroup.get(p.group) ?? []) : c.all, p, (r) => claimItem(index, r));
}

/** Dated mentions in timeline order (as features/dates.ts sorts them), grouped by day; sorted once per result. */
function timelineRefs(index: WorkspaceIndex): NonNullable<ViewData['timeline']> {
  const v = dataOf(index);
  if (!v.timeline) {
    const keyed: { ref: DatedRef; start: string; n: number }[] = [];
    for (const { uri, doc } of articles(index)) {
      for (const m of doc.mentions) if (m.kind === 'date') keyed.push({ ref: { uri, mention: m }, start: valueStart(m.value) ?? '9999', n: keyed.length });
    }
    // Earliest first, values with unknown parts last; ties in article order (uris are sorted).
    keyed.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.ref.mention.value.length - b.ref.mention.value.length || a.n - b.n));
    const all = keyed.map((k) => k.ref);
    const byDay = new Map<string, DatedRef[]>();
    for (const r of all) {
      const day = r.mention.value.split('T')[0];
      const list = byDay.get(day);
      if (list) list.push(r);
      else byDay.set(day, [r]);
    }
    const days = [...byDay].map(([day, list]) => ({ day, label: describeValue(day), count: list.length }));
    v.timeline = { all, days, byDay };
  }
  return v.timeline;
}

function timelineEntry(index: WorkspaceIndex, { uri, mention: m }: DatedRef): TimelineEntry {
  const text = index.text(uri)!;
  const lineStart = text.lastIndexOf('\n', m.start) + 1;
  let lineEnd = text.indexOf('\n', m.end);
  if (lineEnd < 0) lineEnd = text.length;
  const context = text.slice(Math.max(lineStart, m.start - 60), Math.min(lineEnd, m.end + 60)).trim();
  return { uri, range: rangeOf(index, uri, m), text: m.text, value: m.value, start: valueStart(m.value), label: describeValue(m.value), context };
}

/** TimelineRequest: every dated mention, or (with paging fields) the days with counts or a page of one day. */
export function timelineRequest(index: WorkspaceIndex, p?: TimelineParams | null): TimelineEntry[] | Page<TimelineDay> | Page<TimelineEntry> {
  if (!p || !isPaged(p, ['offset', 'limit', 'groups', 'day'])) return timeline(index);
  const t = timelineRefs(index);
  if (p.groups) return page(t.days, p, (d) => d);
  return page(p.day !== undefined ? (t.byDay.get(p.day) ?? []) : t.all, p, (r) => timelineEntry(index, r));
}

/** Writes the collection's annotations (decisions merged in) to a folder. */
export function exportAnnotations(index: WorkspaceIndex, p: ExportParams): ExportResult {
  const s = index.get();
  const texts = new Map<string, string>();
  for (const { uri, doc } of articles(index)) texts.set(doc.path, index.text(uri)!);
  try {
    const files = exportCollection({ result: s.result, texts }, p.format, p.out);
    return { ok: true, files: files.length };
  } catch (e) {
    return { ok: false, message: `could not write to ${p.out}: ${(e as Error).message}` };
  }
}

export function claims(index: WorkspaceIndex, uri?: string, status?: string[]): ClaimSummary[] {
  const s = index.get();
  const out: ClaimSummary[] = [];
  for (const { uri: u, doc: d } of uri
    ? [{ uri, doc: index.document(uri) }].filter((x): x is { uri: string; doc: DocumentResult } => !!x.doc)
    : articles(index)) {
    const text = index.text(u)!;
    for (const c of d.claims) {
      if (c.dismissed || (status && !status.includes(c.status))) continue;
      out.push({
        uri: u,
        range: rangeOf(index, u, c),
        status: c.status,
        text: text.slice(c.start, c.end),
        cue: c.cue,
        source: c.source ? s.entities.get(c.source)?.name : c.sourceText,
      });
    }
  }
  return out;
}

export function stats(index: WorkspaceIndex, indexing: boolean): Stats {
  return { ...index.figures(), indexing };
}

/**
 * Writes an article's date into the nearest newslens.json between the article and the workspace
 * folder, or a new one beside the article.
 */
export function setArticleDate(uri: string, date: string, workspaceRoots: string[]): SetArticleDateResult & { text?: string } {
  if (!parseYmd(date)) return { ok: false, message: `"${date}" is not a date as YYYY-MM-DD` };
  const parsed = URI.parse(uri);
  const file = parsed.fsPath;
  const root = workspaceRoots.filter((r) => file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
  // Nothing is written outside the workspace: an untitled document's path would be the server's own folder.
  if (parsed.scheme !== 'file' || root === undefined)
    return { ok: false, message: 'the date of an article outside the workspace folders cannot be kept (save it in a workspace folder first)' };
  let dir = path.dirname(file);
  let config = path.join(dir, CONFIG_FILE);
  while (!fs.existsSync(config) && dir !== root && dir.startsWith(root)) {
    dir = path.dirname(dir);
    config = path.join(dir, CONFIG_FILE);
  }
  if (!fs.existsSync(config)) config = path.join(path.dirname(file), CONFIG_FILE);
  const rel = path.relative(path.dirname(config), file).split(path.sep).join('/');
  try {
    const text = editConfigFile(config, ['articles', rel, 'date'], date);
    return { ok: true, file: config, text };
  } catch (e) {
    return { ok: false, file: config, message: e instanceof ConfigWriteError ? e.message : `could not write ${config}: ${(e as Error).message}` };
  }
}
