/** The "Entities" view: kind › entity (mentions) › article › mention, with a filter. */
import * as vscode from 'vscode';
import { ServerTree } from './tree';
import { EntitiesRequest, EntityMentionsRequest, type EntitySummary, type RangeLike } from '../../../server/src/shared/protocol';

type Node =
  | { kind: EntitySummary['kind']; entities: EntitySummary[] }
  | { entity: EntitySummary }
  | { article: string; entity: EntitySummary; mentions: { uri: string; range: RangeLike }[] }
  | { mention: { uri: string; range: RangeLike } };

const KINDS = [
  ['person', 'Persons', 'person'],
  ['organization', 'Organisations', 'organization'],
  ['location', 'Places', 'location'],
] as const;

export class EntitiesView extends ServerTree<Node> {
  filter = '';

  async getChildren(node?: Node): Promise<Node[]> {
    const c = this.client();
    if (!c) return [];
    if (!node) {
      const all = await c.sendRequest<EntitySummary[]>(EntitiesRequest, { query: this.filter || undefined });
      return KINDS.map(([k]) => ({ kind: k, entities: all.filter((e) => e.kind === k) })).filter((g) => g.entities.length);
    }
    if ('entities' in node) return node.entities.map((entity) => ({ entity }));
    if ('mentions' in node) return node.mentions.map((mention) => ({ mention }));
    if ('entity' in node) {
      const list = await c.sendRequest<{ uri: string; range: RangeLike }[]>(EntityMentionsRequest, { id: node.entity.id });
      const byArticle = new Map<string, { uri: string; range: RangeLike }[]>();
      for (const l of list) byArticle.set(l.uri, [...(byArticle.get(l.uri) ?? []), l]);
      return [...byArticle.entries()].map(([article, mentions]) => ({ article, entity: node.entity, mentions }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('entities' in node) {
      const [, label, icon] = KINDS.find(([k]) => k === node.kind)!;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.entities.length}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      return item;
    }
    if ('mentions' in node) {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(vscode.Uri.parse(node.article)), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.mentions.length}`;
      item.resourceUri = vscode.Uri.parse(node.article);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    if ('mention' in node) {
      const r = node.mention.range;
      const item = new vscode.TreeItem(`line ${r.start.line + 1}, column ${r.start.character + 1}`, vscode.TreeItemCollapsibleState.None);
      item.command = { command: 'newsLens.openLocation', title: 'Open', arguments: [node.mention.uri, r] };
      return item;
    }
    const e = node.entity;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${e.mentions} · ${e.documents} article${e.documents === 1 ? '' : 's'}`;
    item.tooltip = e.aliases.length ? `Also: ${e.aliases.join(', ')}` : e.name;
    item.contextValue = 'newsLens.entity';
    item.id = `entity:${e.id}:${e.name}`;
    return item;
  }
}
