/** What the News Lens views share: a client to ask and a change event to refresh on. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export abstract class ServerTree<T> implements vscode.TreeDataProvider<T> {
  private changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(protected client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  abstract getChildren(node?: T): Promise<T[]>;
  abstract getTreeItem(node: T): vscode.TreeItem;
}
