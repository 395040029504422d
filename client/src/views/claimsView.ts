/** The "Claims" view: every claim of the collection by status; dismissed ones greyed. */
import * as vscode from 'vscode';
import { ServerTree } from './tree';
import { ClaimsViewRequest, type ClaimItem } from '../../../server/src/shared/protocol';

type Group = 'unsourced' | 'vague' | 'sourced' | 'dismissed';
type Node = { group: Group; items: ClaimItem[] } | { item: ClaimItem };

const GROUPS: [Group, string, string][] = [
  ['unsourced', 'Unsourced', 'warning'],
  ['vague', 'Vague source', 'question'],
  ['sourced', 'Sourced', 'pass'],
  ['dismissed', 'Dismissed', 'circle-slash'],
];

export class ClaimsView extends ServerTree<Node> {

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return 'items' in node ? node.items.map((item) => ({ item })) : [];
    const c = this.client();
    if (!c) return [];
    const all = await c.sendRequest<ClaimItem[]>(ClaimsViewRequest);
    const groupOf = (i: ClaimItem): Group => (i.dismissed ? 'dismissed' : i.status);
    return GROUPS.map(([g]) => ({ group: g, items: all.filter((i) => groupOf(i) === g) })).filter((x) => x.items.length);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('items' in node) {
      const [, label, icon] = GROUPS.find(([g]) => g === node.group)!;
      const item = new vscode.TreeItem(label, node.group === 'sourced' || node.group === 'dismissed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.items.length}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      return item;
    }
    const c = node.item;
    const item = new vscode.TreeItem(c.text.replace(/\s+/g, ' ').slice(0, 120), vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri))}:${c.range.start.line + 1}${c.dismissed ? ` · ${c.dismissed.replace(/-/g, ' ')}` : c.source ? ` · ${c.source}` : ''}`;
    item.tooltip = c.text;
    if (c.dismissed) item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    item.command = { command: 'newsLens.openLocation', title: 'Open', arguments: [c.uri, c.range] };
    return item;
  }
}
