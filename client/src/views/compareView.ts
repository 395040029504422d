/**
 * The "Compare Articles" view: where the articles of an event disagree. An event is the articles
 * that disagree with one another (linked through any of them); under it each disagreement, and
 * under that what each article says, opening on its sentence.
 */
import * as vscode from 'vscode';
import { ServerTree, slice } from './tree';
import { ConflictsRequest, type ConflictSide, type ConflictSummary, type Page } from '../../../server/src/shared/protocol';

type Node = { event: string[]; conflicts: ConflictSummary[] } | { conflict: ConflictSummary } | { side: ConflictSide; value: string };

const name = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));

/** Disagreements grouped by event: the articles joined by disagreeing, largest group first. */
export function eventsOf(conflicts: ConflictSummary[]): { event: string[]; conflicts: ConflictSummary[] }[] {
  const parent = new Map<string, string>();
  const root = (u: string): string => {
    let r = u;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(u, r);
    return r;
  };
  for (const c of conflicts) {
    const [a, b] = [root(c.a.uri), root(c.b.uri)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, { event: Set<string>; conflicts: ConflictSummary[] }>();
  for (const c of conflicts) {
    const r = root(c.a.uri);
    const g = groups.get(r) ?? { event: new Set<string>(), conflicts: [] };
    g.event.add(c.a.uri).add(c.b.uri);
    g.conflicts.push(c);
    groups.set(r, g);
  }
  return [...groups.values()]
    .map((g) => ({ event: [...g.event].sort(), conflicts: g.conflicts }))
    .sort((x, y) => y.conflicts.length - x.conflicts.length || x.event[0].localeCompare(y.event[0]));
}

export class CompareView extends ServerTree<Node> {
  protected key(node?: Node): string {
    if (!node) return '';
    if ('event' in node) return `event:${node.event.join('|')}`;
    if ('conflict' in node)
      return `conflict:${node.conflict.a.uri}@${node.conflict.a.range.start.line}:${node.conflict.a.range.start.character}|${node.conflict.b.uri}`;
    return `side:${node.side.uri}@${node.side.range.start.line}:${node.side.range.start.character}`;
  }

  protected async fetch(node: Node | undefined, offset: number, limit: number): Promise<Page<Node>> {
    if (!node) return slice(eventsOf((await this.client()!.sendRequest<ConflictSummary[]>(ConflictsRequest, {})) ?? []), offset, limit);
    if ('event' in node)
      return slice(
        node.conflicts.map((conflict) => ({ conflict })),
        offset,
        limit,
      );
    if ('conflict' in node)
      return slice(
        [node.conflict.a, node.conflict.b].map((side) => ({ side, value: side.text })),
        offset,
        limit,
      );
    return slice([], offset, limit);
  }

  protected item(node: Node): vscode.TreeItem {
    if ('event' in node) {
      const item = new vscode.TreeItem(node.event.map(name).join(', '), vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('{0} articles · {1} disagreements', node.event.length, node.conflicts.length);
      item.iconPath = new vscode.ThemeIcon('files');
      return item;
    }
    if ('conflict' in node) {
      const c = node.conflict;
      const item = new vscode.TreeItem(`${c.subject}: "${c.a.text}" ≠ "${c.b.text}"`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = c.update ? vscode.l10n.t('(an update)') : undefined;
      item.iconPath = new vscode.ThemeIcon(c.kind === 'attribution' ? 'quote' : c.kind === 'date' ? 'calendar' : 'symbol-number');
      return item;
    }
    const s = node.side;
    const item = new vscode.TreeItem(`${name(s.uri)}: ${s.text}`, vscode.TreeItemCollapsibleState.None);
    item.description = [s.outlet, s.date, s.sentence].filter(Boolean).join(' · ');
    item.tooltip = s.sentence;
    item.command = { command: 'newsLens.openLocation', title: vscode.l10n.t('Open'), arguments: [s.uri, s.range] };
    return item;
  }
}
