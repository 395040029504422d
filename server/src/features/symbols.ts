/** Document symbols (an article's entities and dates) and workspace symbols (entities by name). */
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { foldKey } from '../core/text/normalize';
import { locationOf, rangeOf } from './positions';

const KIND = { person: SymbolKind.Object, organization: SymbolKind.Class, location: SymbolKind.Namespace } as const;

export function documentSymbols(index: WorkspaceIndex, uri: string): DocumentSymbol[] {
  const d = index.document(uri);
  if (!d) return [];
  const s = index.get();
  const groups = new Map<string, DocumentSymbol>();
  const dates: DocumentSymbol[] = [];
  for (const m of d.mentions) {
    const range = rangeOf(index, uri, m);
    if (m.kind === 'date') {
      dates.push({ name: m.text, detail: m.value, kind: SymbolKind.Event, range, selectionRange: range });
      continue;
    }
    const e = m.entity ? s.entities.get(m.entity) : undefined;
    if (!e) continue;
    const g = groups.get(e.id);
    if (g) {
      g.range = { start: g.range.start, end: range.end };
      g.children!.push({ name: m.text, kind: KIND[e.kind], range, selectionRange: range });
    } else
      groups.set(e.id, {
        name: e.name,
        detail: e.kind,
        kind: KIND[e.kind],
        range,
        selectionRange: range,
        children: [{ name: m.text, kind: KIND[e.kind], range, selectionRange: range }],
      });
  }
  const out = [...groups.values()];
  if (dates.length) out.push({ name: 'Dates', kind: SymbolKind.Namespace, range: dates[0].range, selectionRange: dates[0].range, children: dates });
  return out;
}

export function workspaceSymbols(index: WorkspaceIndex, query: string): WorkspaceSymbol[] {
  const q = foldKey(query);
  const s = index.get();
  const out: WorkspaceSymbol[] = [];
  for (const e of s.result.entities) {
    if (q && ![e.name, ...e.aliases].some((n) => foldKey(n).includes(q))) continue;
    const first = index.mentionsOf(e.id)[0];
    if (!first) continue;
    out.push({
      name: e.name,
      kind: KIND[e.kind],
      containerName: `${e.kind} · ${e.mentions} mentions in ${e.documents} articles`,
      location: locationOf(index, first.uri, first.mention),
    });
  }
  return out;
}
