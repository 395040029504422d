/** The "Entities" view: kind › entity (mentions) › article › mention, with a filter. */
import * as vscode from 'vscode';
import { ServerTree, slice } from './tree';
import {
  EntitiesRequest,
  EntityMentionsRequest,
  type ArticleMentions,
  type EntitiesParams,
  type EntityGroup,
  type EntitySummary,
  type Page,
  type RangeLike,
} from '../../../server/src/shared/protocol';

type Node =
  EntityGroup | { entity: EntitySummary } | { article: string; entity: EntitySummary; ranges: RangeLike[] } | { mention: { uri: string; range: RangeLike } };

const KINDS = [
  ['person', 'person'],
  ['organization', 'organization'],
  ['location', 'location'],
] as const;

const kindLabel = (kind: string): string =>
  kind === 'person' ? vscode.l10n.t('Persons') : kind === 'organization' ? vscode.l10n.t('Organisations') : vscode.l10n.t('Places');

export class EntitiesView extends ServerTree<Node> {
  filter = '';

  protected key(node?: Node): string {
    if (!node) return '';
    if ('count' in node) return `kind:${node.kind}`;
    if ('ranges' in node) return `article:${node.entity.id}:${node.article}`;
    if ('entity' in node) return `entity:${node.entity.id}`;
    return `mention:${node.mention.uri}:${node.mention.range.start.line}:${node.mention.range.start.character}`;
  }

  protected async fetch(node: Node | undefined, offset: number, limit: number): Promise<Page<Node>> {
    const c = this.client()!;
    const query = this.filter || undefined;
    if (!node || 'count' in node) {
      const params: EntitiesParams = node ? { query, kind: node.kind, offset, limit } : { query, groups: true, offset, limit };
      const r = await c.sendRequest<Page<EntityGroup> | Page<EntitySummary> | EntitySummary[]>(EntitiesRequest, params);
      if (!Array.isArray(r)) return node ? { ...r, items: (r.items as EntitySummary[]).map((entity) => ({ entity })) } : (r as Page<EntityGroup>);
      // A server without paging answers with every entity.
      if (node)
        return slice(
          r.filter((e) => e.kind === node.kind).map((entity) => ({ entity })),
          offset,
          limit,
        );
      const groups = KINDS.map(([kind]) => ({ kind, count: r.filter((e) => e.kind === kind).length })).filter((g) => g.count);
      return slice(groups, offset, limit);
    }
    if ('ranges' in node)
      return slice(
        node.ranges.map((range) => ({ mention: { uri: node.article, range } })),
        offset,
        limit,
      );
    if ('entity' in node) {
      const r = await c.sendRequest<Page<ArticleMentions> | { uri: string; range: RangeLike }[]>(EntityMentionsRequest, { id: node.entity.id, offset, limit });
      const toNode = (a: ArticleMentions) => ({ article: a.uri, entity: node.entity, ranges: a.ranges });
      if (!Array.isArray(r)) return { ...r, items: r.items.map(toNode) };
      const byArticle = new Map<string, RangeLike[]>();
      for (const l of r) byArticle.set(l.uri, [...(byArticle.get(l.uri) ?? []), l.range]);
      return slice(
        [...byArticle].map(([uri, ranges]) => toNode({ uri, ranges })),
        offset,
        limit,
      );
    }
    return slice([], offset, limit);
  }

  protected item(node: Node): vscode.TreeItem {
    if ('count' in node) {
      const [, icon] = KINDS.find(([k]) => k === node.kind)!;
      const item = new vscode.TreeItem(kindLabel(node.kind), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.count}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      return item;
    }
    if ('ranges' in node) {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(vscode.Uri.parse(node.article)), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.ranges.length}`;
      item.resourceUri = vscode.Uri.parse(node.article);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    if ('mention' in node) {
      const r = node.mention.range;
      const item = new vscode.TreeItem(vscode.l10n.t('line {0}, column {1}', r.start.line + 1, r.start.character + 1), vscode.TreeItemCollapsibleState.None);
      item.command = { command: 'newsLens.openLocation', title: vscode.l10n.t('Open'), arguments: [node.mention.uri, r] };
      return item;
    }
    const e = node.entity;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = e.documents === 1 ? vscode.l10n.t('{0} · 1 article', e.mentions) : vscode.l10n.t('{0} · {1} articles', e.mentions, e.documents);
    item.tooltip = e.aliases.length ? vscode.l10n.t('Also: {0}', e.aliases.join(', ')) : e.name;
    item.contextValue = 'newsLens.entity';
    // No item.id: VS Code refuses an id it has registered already, which happens when a refresh
    // arrives while a kind's entities are being fetched, and the whole view then stays empty.
    return item;
  }
}
