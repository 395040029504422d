/** The custom requests of shared/protocol.ts, answered from the index. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ClaimItem, ClaimSummary, EntitySummary, ExportParams, ExportResult, Stats, SetArticleDateResult } from '../shared/protocol';
import { exportCollection } from '../core/annotations/export';
import { foldKey } from '../core/text/normalize';
import { parseYmd } from '../core/dates/calendar';
import { CONFIG_FILE } from '../core/meta/config';
import { editConfigFile, ConfigWriteError } from '../core/meta/write';
import { locationOf, rangeOf } from './positions';

function summary(index: WorkspaceIndex, id: string): EntitySummary | undefined {
  const e = index.get().entities.get(id);
  const first = index.mentionsOf(id)[0];
  if (!e || !first) return undefined;
  return { id: e.id, kind: e.kind, name: e.name, aliases: e.aliases, mentions: e.mentions, documents: e.documents, uri: first.uri, range: rangeOf(index, first.uri, first.mention) };
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
  const m = index.mentionAt(uri, offset);
  return m && m.kind !== 'date' && m.entity ? summary(index, m.entity) ?? null : null;
}

export function entities(index: WorkspaceIndex, query?: string): EntitySummary[] {
  const q = query ? foldKey(query) : '';
  return index
    .get()
    .result.entities.filter((e) => !q || [e.name, ...e.aliases].some((n) => foldKey(n).includes(q)))
    .sort((a, b) => b.mentions - a.mentions)
    .map((e) => summary(index, e.id)!)
    .filter(Boolean);
}

export function entityMentions(index: WorkspaceIndex, id: string) {
  return index.mentionsOf(id).map((x) => locationOf(index, x.uri, x.mention));
}

/** Every claim, dismissed ones included and marked, for the Claims view. */
export function claimItems(index: WorkspaceIndex): ClaimItem[] {
  const s = index.get();
  const out: ClaimItem[] = [];
  for (const [u, d] of s.byUri) {
    const text = index.text(u)!;
    for (const c of d.claims) {
      out.push({
        uri: u, range: rangeOf(index, u, c), status: c.status, text: text.slice(c.start, c.end), cue: c.cue,
        source: c.source ? s.entities.get(c.source)?.name : c.sourceText, ...(c.dismissed ? { dismissed: c.dismissed } : {}),
      });
    }
  }
  return out;
}

/** Writes the collection's annotations (decisions merged in) to a folder. */
export function exportAnnotations(index: WorkspaceIndex, p: ExportParams): ExportResult {
  const s = index.get();
  const texts = new Map<string, string>();
  for (const [u, d] of s.byUri) texts.set(d.path, index.text(u)!);
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
  for (const [u, d] of s.byUri) {
    if (uri && u !== uri) continue;
    const text = index.text(u)!;
    for (const c of d.claims) {
      if (c.dismissed || (status && !status.includes(c.status))) continue;
      out.push({ uri: u, range: rangeOf(index, u, c), status: c.status, text: text.slice(c.start, c.end), cue: c.cue, source: c.source ? s.entities.get(c.source)?.name : c.sourceText });
    }
  }
  return out;
}

export function stats(index: WorkspaceIndex, indexing: boolean): Stats {
  const s = index.get();
  let unsourced = 0;
  let vague = 0;
  for (const d of s.result.documents) for (const c of d.claims) if (!c.dismissed) c.status === 'unsourced' ? unsourced++ : c.status === 'vague' ? vague++ : 0;
  return { articles: s.result.documents.length, entities: s.result.entities.length, unsourced, vague, indexing };
}

/**
 * Writes an article's date into the nearest newslens.json between the article and the workspace
 * folder, or a new one beside the article.
 */
export function setArticleDate(uri: string, date: string, workspaceRoots: string[]): SetArticleDateResult & { text?: string } {
  if (!parseYmd(date)) return { ok: false, message: `"${date}" is not a date as YYYY-MM-DD` };
  const file = URI.parse(uri).fsPath;
  const root = workspaceRoots.filter((r) => file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0] ?? path.dirname(file);
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
