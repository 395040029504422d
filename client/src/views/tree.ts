/**
 * What the News Lens views share: a client to ask, children fetched when a node is expanded and in
 * pages with a "Load more…" node after them, and refreshes that are coalesced and wait while the
 * view is hidden.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Page } from '../../../server/src/shared/protocol';

/** Children asked for at a time. */
export const PAGE_SIZE = 200;
/** At most one refresh per view in this many milliseconds (the last one wins). */
export const REFRESH_DELAY_MS = 500;

/** The node after a partly loaded list of children: its command loads the next page. */
export interface MoreNode {
  readonly more: true;
  readonly key: string;
  readonly parent: unknown;
  readonly tree: ServerTree<object>;
}

export function isMore(node: unknown): node is MoreNode {
  return typeof node === 'object' && node !== null && (node as MoreNode).more === true && 'tree' in node;
}

/** The children loaded so far for one node. */
interface Loaded<T> {
  items: T[];
  total: number;
  generation: number;
}

/** A page cut from a whole list, for servers that answer with the whole list. */
export function slice<T>(all: T[], offset: number, limit: number): Page<T> {
  return { items: all.slice(offset, offset + limit), total: all.length, offset };
}

/** A server's page as it is, or one cut from a whole list (a server without paging) of the items `keep` accepts. */
export function pageOf<T>(r: Page<T> | T[], keep: (x: T) => boolean, offset: number, limit: number): Page<T> {
  return Array.isArray(r) ? slice(r.filter(keep), offset, limit) : r;
}

export abstract class ServerTree<T extends object> implements vscode.TreeDataProvider<T | MoreNode> {
  private changed = new vscode.EventEmitter<T | MoreNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;

  private loaded = new Map<string, Loaded<T>>();
  /** Fetches under way, so that a node asked for twice before its answer is fetched once. */
  private pending = new Map<string, { generation: number; page: Promise<Page<T>> }>();
  /** How many children of a node were shown, so that a refresh shows as many again. */
  private shown = new Map<string, number>();
  /** Bumped by every refresh: what was loaded before is asked for again. */
  private generation = 0;

  private view?: vscode.TreeView<T | MoreNode>;
  private dirty = false;
  private timer?: ReturnType<typeof setTimeout>;
  /** Times a refresh reached the tree, for tests and logs. */
  refreshes = 0;
  /** Children asked for at a time. */
  pageSize = PAGE_SIZE;

  constructor(protected client: () => LanguageClient | undefined) {}

  /** A stable key of a node (undefined: the root), naming its loaded children. */
  protected abstract key(node: T | undefined): string;
  /** One page of a node's children. */
  protected abstract fetch(node: T | undefined, offset: number, limit: number): Promise<Page<T>>;
  protected abstract item(node: T): vscode.TreeItem;

  /** Creates the tree view: refreshes wait while it is hidden. */
  createView(id: string): vscode.TreeView<T | MoreNode> {
    const view = vscode.window.createTreeView<T | MoreNode>(id, { treeDataProvider: this, showCollapseAll: true });
    this.view = view;
    view.onDidChangeVisibility((e) => {
      if (e.visible && this.dirty) this.schedule(0);
    });
    return view;
  }

  /**
   * Asks the tree to fetch again: at most once per REFRESH_DELAY_MS, at the end of that time, and
   * only once the view is visible (the refresh is kept for then). `now` skips the delay.
   */
  refresh(now = false): void {
    this.dirty = true;
    if (this.view && !this.view.visible) return;
    this.schedule(now ? 0 : REFRESH_DELAY_MS);
  }

  /** Forgets how many children were shown (for a new filter) and refreshes now. */
  reset(): void {
    this.shown.clear();
    this.refresh(true);
  }

  private schedule(delay: number): void {
    if (this.timer) {
      if (delay > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.view && !this.view.visible) return;
      this.dirty = false;
      this.generation++;
      this.loaded.clear();
      this.refreshes++;
      this.changed.fire();
    }, delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  async getChildren(node?: T | MoreNode): Promise<(T | MoreNode)[]> {
    if (isMore(node)) return [];
    if (!this.client()) return [];
    const key = this.key(node);
    let l = this.loaded.get(key);
    if (!l || l.generation !== this.generation) {
      const generation = this.generation;
      let p = this.pending.get(key);
      if (!p || p.generation !== generation) {
        p = { generation, page: this.fetch(node, 0, Math.max(this.pageSize, this.shown.get(key) ?? 0)) };
        this.pending.set(key, p);
      }
      const mine = p;
      const page = await mine.page.finally(() => {
        if (this.pending.get(key) === mine) this.pending.delete(key);
      });
      l = this.loaded.get(key);
      if (!l || l.generation !== generation) {
        l = { items: page.items, total: page.total, generation };
        if (generation === this.generation) this.loaded.set(key, l);
      }
    }
    return l.items.length < l.total ? [...l.items, { more: true, key, parent: node, tree: this }] : [...l.items];
  }

  getTreeItem(node: T | MoreNode): vscode.TreeItem {
    if (isMore(node)) {
      const l = this.loaded.get(node.key);
      const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
      if (l) item.description = vscode.l10n.t('{0} of {1}', l.items.length, l.total);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'newsLens.loadMore', title: vscode.l10n.t('Load more'), arguments: [node] };
      return item;
    }
    return this.item(node);
  }

  /** Loads the next page of children after a "Load more…" node. */
  async loadMore(node: MoreNode): Promise<void> {
    const l = this.loaded.get(node.key);
    if (!l || l.generation !== this.generation) return;
    const page = await this.fetch(node.parent as T | undefined, l.items.length, this.pageSize);
    if (l.generation !== this.generation) return;
    l.items.push(...page.items);
    l.total = page.total;
    this.shown.set(node.key, l.items.length);
    this.changed.fire((node.parent as T | undefined) ?? undefined);
  }
}
