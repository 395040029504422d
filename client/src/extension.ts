/** The News Lens extension: starts the language server, shows its figures, registers the commands. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatsNotification, StatsRequest, WorkspaceTrustedNotification, type InitializationOptions, type Stats } from '../../server/src/shared/protocol';
import { RestartPolicy } from './restartPolicy';
import { registerCommands } from './commands/register';
import { adoptArticles } from './articles';
import { TimelineView } from './views/timelineView';
import { CompareView } from './views/compareView';
import { EntitiesView } from './views/entitiesView';
import { ClaimsView } from './views/claimsView';
import { isMore } from './views/tree';

/**
 * vscode-languageclient forces a pop-up for some of its errors ("couldn't create connection to
 * server", "Restarting server failed"), one per failed (re)start: a server that dies while starting
 * would show one per restart. Here they are lines in the output; the errorHandler below shows the one
 * message when it gives up.
 */
class NewsLensClient extends LanguageClient {
  override error(message: string, data?: unknown, _showNotification?: boolean | 'force'): void {
    super.error(message, data, false);
  }
}

let client: LanguageClient | undefined;
/** Set when the extension is being deactivated: a server that stops then is not restarted. */
let stopping = false;

/**
 * vscode-languageclient's ErrorHandler on RestartPolicy: a crashed server is restarted after a
 * back-off, each restart a line in the output; when the policy gives up, one message with a
 * Restart button, never one per crash.
 */
function errorHandler(output: vscode.LogOutputChannel, policy: RestartPolicy, getClient: () => LanguageClient | undefined): ErrorHandler {
  const giveUp = (why: string) => {
    const restart = vscode.l10n.t('Restart');
    const showOutput = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('News Lens: the language server {0} and is not restarted again. The News Lens output says what happened.', why),
        restart,
        showOutput,
      )
      .then(async (pick) => {
        if (pick === showOutput) output.show();
        if (pick !== restart) return;
        policy.reset();
        output.info('News Lens: the language server is restarted by the user.');
        const c = getClient();
        try {
          if (c?.isRunning()) await c.restart();
          else await c?.start();
        } catch (e) {
          output.error(`News Lens: the language server could not be restarted: ${(e as Error).message}`);
        }
      });
  };
  return {
    error(error, _message, count) {
      const d = policy.error(count);
      if (d.action === 'continue')
        return { action: ErrorAction.Continue, message: `News Lens: error on the connection to the language server: ${error.message}`, handled: true };
      if (d.notify) giveUp('keeps failing to exchange messages');
      return {
        action: ErrorAction.Shutdown,
        message: `News Lens: the connection to the language server failed ${count} times in a row (${error.message}); it is shut down.`,
        handled: true,
      };
    },
    async closed() {
      if (stopping) return { action: CloseAction.DoNotRestart, handled: true };
      const d = policy.closed(Date.now());
      if (d.action === 'giveUp') {
        if (d.notify) giveUp(`stopped ${d.crashes} times in a few minutes`);
        return {
          action: CloseAction.DoNotRestart,
          message: `News Lens: the language server stopped ${d.crashes} times in a few minutes; it is not restarted again.`,
          handled: true,
        };
      }
      output.warn(`News Lens: the language server stopped unexpectedly; restart ${d.attempt} in ${d.delayMs / 1000} s.`);
      await new Promise((r) => setTimeout(r, d.delayMs));
      if (stopping) return { action: CloseAction.DoNotRestart, handled: true };
      return { action: CloseAction.Restart, message: `News Lens: restarting the language server (restart ${d.attempt}).`, handled: true };
    },
  };
}

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
    // A failed request is a line in the output, not a pop-up each time (a failing hover would be one per mouse move);
    // commands show their own messages, and a server that cannot be kept running shows one (errorHandler).
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The warm cache lives in the extension's storage, never in the user's folders. Trust is read at
    // each (re)start: a server restarted after the workspace was trusted may write.
    initializationOptions: (): InitializationOptions => ({
      cacheDir: (context.storageUri ?? context.globalStorageUri).fsPath,
      trusted: vscode.workspace.isTrusted,
    }),
    errorHandler: errorHandler(output, new RestartPolicy(), () => client),
  };
  client = new NewsLensClient('newsLens', 'News Lens', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'News Lens';
  status.command = 'newsLens.listUnsourcedClaims';
  status.text = vscode.l10n.t('$(sync~spin) News Lens: indexing…');
  status.show();
  context.subscriptions.push(status, output);

  const show = (s: Stats) => {
    // Where no folder holds news (a code repository), News Lens keeps out of sight: no status, no views.
    const active = s.indexing || s.articles > 0;
    void vscode.commands.executeCommand('setContext', 'newsLens.active', active);
    if (active) status.show();
    else status.hide();
    status.text = s.indexing
      ? vscode.l10n.t('$(sync~spin) News Lens: indexing…')
      : s.articles === 1
        ? vscode.l10n.t('$(book) 1 article · {0} entities · {1} unsourced', s.entities, s.unsourced)
        : vscode.l10n.t('$(book) {0} articles · {1} entities · {2} unsourced', s.articles, s.entities, s.unsourced);
    status.tooltip = vscode.l10n.t('News Lens: {0} unsourced and {1} vaguely sourced claims. Click to list them.', s.unsourced, s.vague);
  };
  const timeline = new TimelineView(() => client);
  const entities = new EntitiesView(() => client);
  const claims = new ClaimsView(() => client);
  const compare = new CompareView(() => client);
  const entitiesView = entities.createView('newsLens.entities');
  context.subscriptions.push(
    timeline,
    entities,
    claims,
    timeline.createView('newsLens.timeline'),
    entitiesView,
    claims.createView('newsLens.claims'),
    compare,
    compare.createView('newsLens.compare'),
    vscode.commands.registerCommand('newsLens.loadMore', (node: unknown) => (isMore(node) ? node.tree.loadMore(node) : undefined)),
    vscode.commands.registerCommand('newsLens.filterEntities', async () => {
      const q = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter entities'),
        value: entities.filter,
        prompt: vscode.l10n.t('Part of a name or alias; empty shows all.'),
      });
      if (q === undefined) return;
      entities.filter = q.trim();
      entitiesView.description = entities.filter ? vscode.l10n.t('filter: {0}', entities.filter) : undefined;
      entities.reset();
    }),
  );
  // Views refresh at most twice a second, and a hidden view only once it is shown again.
  client.onNotification(StatsNotification, (s: Stats) => {
    show(s);
    timeline.refresh();
    entities.refresh();
    claims.refresh();
    compare.refresh();
  });
  registerCommands(context, () => client);
  context.subscriptions.push(
    adoptArticles(),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // A server that is restarting meanwhile reads the trust from its initialization options.
      if (client?.isRunning()) client.sendNotification(WorkspaceTrustedNotification).catch(() => undefined);
    }),
  );
  try {
    await client.start();
    show(await client.sendRequest<Stats>(StatsRequest));
  } catch (e) {
    // A server that stopped while starting is restarted by the errorHandler, which says so if it gives up.
    output.error(`News Lens: the language server did not start: ${(e as Error).message}`);
  }
}

export async function deactivate(): Promise<void> {
  stopping = true;
  await client?.stop();
}
