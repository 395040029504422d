/** The "News Timeline" view: every dated mention of the collection, grouped by day, in date order. */
import * as vscode from 'vscode';
import { ServerTree } from './tree';
import { TimelineRequest, type TimelineEntry } from '../../../server/src/shared/protocol';

type Node = { day: string; label: string; entries: TimelineEntry[] } | { entry: TimelineEntry };

export class TimelineView extends ServerTree<Node> {

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return 'entries' in node ? node.entries.map((entry) => ({ entry })) : [];
    const c = this.client();
    if (!c) return [];
    const entries = await c.sendRequest<TimelineEntry[]>(TimelineRequest);
    const groups = new Map<string, { day: string; label: string; entries: TimelineEntry[] }>();
    for (const e of entries) {
      const key = e.value.split('T')[0];
      const g = groups.get(key) ?? { day: key, label: e.label.replace(/ \((morning|midday|afternoon|evening|night)\)$/, ''), entries: [] };
      g.entries.push(e);
      groups.set(key, g);
    }
    return [...groups.values()];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('entries' in node) {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.day} · ${node.entries.length}`;
      item.iconPath = new vscode.ThemeIcon('calendar');
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(`"${e.text}"`, vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri))} · ${e.context}`;
    item.tooltip = `${e.label} (${e.value})\n${e.context}`;
    item.command = { command: 'newsLens.openLocation', title: 'Open', arguments: [e.uri, e.range] };
    return item;
  }
}
