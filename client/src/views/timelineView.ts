/** The "News Timeline" view: every dated mention of the collection, grouped by day, in date order. */
import * as vscode from 'vscode';
import { pageOf, ServerTree, slice } from './tree';
import { TimelineRequest, type Page, type TimelineDay, type TimelineEntry, type TimelineParams } from '../../../server/src/shared/protocol';

/** A day; `expand` when the whole timeline fits in a page, so that it shows opened as a list. */
type Node = (TimelineDay & { expand?: boolean }) | { entry: TimelineEntry };

const dayOf = (e: TimelineEntry) => e.value.split('T')[0];

export class TimelineView extends ServerTree<Node> {
  protected key(node?: Node): string {
    if (!node) return '';
    return 'day' in node ? `day:${node.day}` : `entry:${node.entry.uri}:${node.entry.range.start.line}:${node.entry.range.start.character}`;
  }

  protected async fetch(node: Node | undefined, offset: number, limit: number): Promise<Page<Node>> {
    if (node && !('day' in node)) return slice([], offset, limit);
    const params: TimelineParams = node ? { day: node.day, offset, limit } : { groups: true, offset, limit };
    const r = await this.client()!.sendRequest<Page<TimelineDay> | Page<TimelineEntry> | TimelineEntry[]>(TimelineRequest, params);
    if (node) {
      const page = pageOf(r as Page<TimelineEntry> | TimelineEntry[], (e) => dayOf(e) === node.day, offset, limit);
      return { ...page, items: page.items.map((entry) => ({ entry })) };
    }
    let days: Page<TimelineDay>;
    if (Array.isArray(r)) {
      const groups = new Map<string, TimelineDay>();
      for (const e of r) {
        const g = groups.get(dayOf(e)) ?? { day: dayOf(e), label: e.label.replace(/ \((morning|midday|afternoon|evening|night)\)$/, ''), count: 0 };
        g.count++;
        groups.set(g.day, g);
      }
      days = slice([...groups.values()], offset, limit);
    } else days = r as Page<TimelineDay>;
    const small = offset === 0 && days.items.length === days.total && days.items.reduce((n, d) => n + d.count, 0) <= this.pageSize;
    return { ...days, items: days.items.map((d) => ({ ...d, expand: small })) };
  }

  protected item(node: Node): vscode.TreeItem {
    if ('day' in node) {
      const item = new vscode.TreeItem(node.label, node.expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.day} · ${node.count}`;
      item.iconPath = new vscode.ThemeIcon('calendar');
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(`"${e.text}"`, vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri))} · ${e.context}`;
    item.tooltip = `${e.label} (${e.value})\n${e.context}`;
    item.command = { command: 'newsLens.openLocation', title: vscode.l10n.t('Open'), arguments: [e.uri, e.range] };
    return item;
  }
}
