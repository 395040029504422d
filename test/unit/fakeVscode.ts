/**
 * The few parts of the `vscode` API the News Lens views use, so that the views can be tested in
 * plain Node. Importing this module makes `require('vscode')` return the fake; import it before
 * anything from client/src.
 */
import Module from 'node:module';

type Listener<T> = (e: T) => void;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  description?: string;
  tooltip?: string;
  iconPath?: unknown;
  command?: { command: string; title: string; arguments?: unknown[] };
  contextValue?: string;
  id?: string;
  resourceUri?: unknown;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class ThemeIcon {
  static File = new ThemeIcon('file');
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}

export class ThemeColor {
  constructor(public id: string) {}
}

export const Uri = {
  parse: (s: string) => ({ toString: () => s, fsPath: s.replace(/^file:\/\//, '') }),
};

/** A tree view whose visibility the test sets. */
export class FakeTreeView {
  description?: string;
  private visibility = new EventEmitter<{ visible: boolean }>();
  readonly onDidChangeVisibility = this.visibility.event;
  constructor(
    public id: string,
    public visible: boolean,
  ) {}
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire({ visible });
  }
  dispose(): void {}
}

export const created: FakeTreeView[] = [];

export const window = {
  createTreeView: (id: string) => {
    const v = new FakeTreeView(id, true);
    created.push(v);
    return v;
  },
};

export const workspace = {
  asRelativePath: (u: { fsPath?: string } | string) => (typeof u === 'string' ? u : (u.fsPath ?? '')).replace(/^.*\//, ''),
};

/** vscode.l10n.t over the bundle a test sets (none: the English message), as VS Code fills it in. */
export const l10n = {
  bundle: undefined as Record<string, string> | undefined,
  t: (message: string, ...args: unknown[]): string =>
    (l10n.bundle?.[message] ?? message).replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
};

const fake = { EventEmitter, TreeItemCollapsibleState, TreeItem, ThemeIcon, ThemeColor, Uri, window, workspace, l10n };

const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fake : load.call(this, request, ...rest);
};
