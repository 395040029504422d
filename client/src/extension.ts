/** The News Lens extension: starts the language server, shows its figures, registers the commands. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatsNotification, StatsRequest, type Stats } from '../../server/src/shared/protocol';
import { registerCommands } from './commands/register';
import { adoptArticles } from './articles';
import { TimelineView } from './views/timelineView';
import { EntitiesView } from './views/entitiesView';
import { ClaimsView } from './views/claimsView';
import { isMore } from './views/tree';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('News Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'news-article' },
      { scheme: 'file', language: 'plaintext', pattern: '**/*.txt' },
    ],
    synchronize: { configurationSection: 'newsLens' },
    outputChannel: output,
    // The warm cache lives in the extension's storage, never in the user's folders.
    initializationOptions: { cacheDir: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  client = new LanguageClient('newsLens', 'News Lens', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'News Lens';
  status.command = 'newsLens.listUnsourcedClaims';
  status.text = '$(sync~spin) News Lens: indexing…';
  status.show();
  context.subscriptions.push(status, output);

  const show = (s: Stats) => {
    status.text = s.indexing
      ? '$(sync~spin) News Lens: indexing…'
      : `$(book) ${s.articles} article${s.articles === 1 ? '' : 's'} · ${s.entities} entities · ${s.unsourced} unsourced`;
    status.tooltip = `News Lens: ${s.unsourced} unsourced and ${s.vague} vaguely sourced claims. Click to list them.`;
  };
  const timeline = new TimelineView(() => client);
  const entities = new EntitiesView(() => client);
  const claims = new ClaimsView(() => client);
  const entitiesView = entities.createView('newsLens.entities');
  context.subscriptions.push(
    timeline, entities, claims,
    timeline.createView('newsLens.timeline'),
    entitiesView,
    claims.createView('newsLens.claims'),
    vscode.commands.registerCommand('newsLens.loadMore', (node: unknown) => (isMore(node) ? node.tree.loadMore(node) : undefined)),
    vscode.commands.registerCommand('newsLens.filterEntities', async () => {
      const q = await vscode.window.showInputBox({ title: 'Filter entities', value: entities.filter, prompt: 'Part of a name or alias; empty shows all.' });
      if (q === undefined) return;
      entities.filter = q.trim();
      entitiesView.description = entities.filter ? `filter: ${entities.filter}` : undefined;
      entities.reset();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'newsLens.active', true);
  // Views refresh at most twice a second, and a hidden view only once it is shown again.
  client.onNotification(StatsNotification, (s: Stats) => {
    show(s);
    timeline.refresh();
    entities.refresh();
    claims.refresh();
  });
  registerCommands(context, () => client);
  context.subscriptions.push(adoptArticles());
  await client.start();
  show(await client.sendRequest<Stats>(StatsRequest));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
