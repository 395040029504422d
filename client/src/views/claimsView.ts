/** The "Claims" view: every claim of the collection by status; dismissed ones greyed. */
import * as vscode from 'vscode';
import { pageOf, ServerTree, slice } from './tree';
import { ClaimsViewRequest, type ClaimGroup, type ClaimGroupKey, type ClaimItem, type ClaimsViewParams, type Page } from '../../../server/src/shared/protocol';

type Node = ClaimGroup | { item: ClaimItem };

const GROUPS: [ClaimGroupKey, string][] = [
  ['unsourced', 'warning'],
  ['vague', 'question'],
  ['sourced', 'pass'],
  ['dismissed', 'circle-slash'],
];

const groupLabel = (g: ClaimGroupKey): string =>
  g === 'unsourced'
    ? vscode.l10n.t('Unsourced')
    : g === 'vague'
      ? vscode.l10n.t('Vague source')
      : g === 'sourced'
        ? vscode.l10n.t('Sourced')
        : vscode.l10n.t('Dismissed');

const dismissedLabel = (d: 'not-a-claim' | 'common-knowledge'): string =>
  d === 'not-a-claim' ? vscode.l10n.t('not a claim') : vscode.l10n.t('common knowledge');

const groupOf = (i: ClaimItem): ClaimGroupKey => (i.dismissed ? 'dismissed' : i.status);

export class ClaimsView extends ServerTree<Node> {
  protected key(node?: Node): string {
    if (!node) return '';
    return 'group' in node ? `group:${node.group}` : `claim:${node.item.uri}:${node.item.range.start.line}:${node.item.range.start.character}`;
  }

  protected async fetch(node: Node | undefined, offset: number, limit: number): Promise<Page<Node>> {
    if (node && !('group' in node)) return slice([], offset, limit);
    const params: ClaimsViewParams = node ? { group: node.group, offset, limit } : { groups: true, offset, limit };
    const r = await this.client()!.sendRequest<Page<ClaimGroup> | Page<ClaimItem> | ClaimItem[]>(ClaimsViewRequest, params);
    if (node) {
      const page = pageOf(r as Page<ClaimItem> | ClaimItem[], (i) => groupOf(i) === node.group, offset, limit);
      return { ...page, items: page.items.map((item) => ({ item })) };
    }
    if (!Array.isArray(r)) return r as Page<ClaimGroup>;
    return slice(
      GROUPS.map(([group]) => ({ group, count: r.filter((i) => groupOf(i) === group).length })).filter((g) => g.count),
      offset,
      limit,
    );
  }

  protected item(node: Node): vscode.TreeItem {
    if ('group' in node) {
      const [, icon] = GROUPS.find(([g]) => g === node.group)!;
      const item = new vscode.TreeItem(
        groupLabel(node.group),
        node.group === 'sourced' || node.group === 'dismissed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.description = `${node.count}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      return item;
    }
    const c = node.item;
    const item = new vscode.TreeItem(c.text.replace(/\s+/g, ' ').slice(0, 120), vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri))}:${c.range.start.line + 1}${c.dismissed ? ` · ${dismissedLabel(c.dismissed)}` : c.source ? ` · ${c.source}` : ''}`;
    item.tooltip = c.text;
    if (c.dismissed) item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    item.command = { command: 'newsLens.openLocation', title: vscode.l10n.t('Open'), arguments: [c.uri, c.range] };
    return item;
  }
}
