/** The palette commands: each asks the server through shared/protocol.ts and shows the answer. */
import * as vscode from 'vscode';
import type { CommandHandler } from './handler';
import { kindName } from '../kindName';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClaimsRequest,
  ConflictsRequest,
  DocumentEntitiesRequest,
  EntitiesRequest,
  EntityMentionsRequest,
  ReindexRequest,
  SetArticleDateRequest,
  TreatAsNewsRequest,
  type ClaimSummary,
  type ConflictSummary,
  type EntitySummary,
  type RangeLike,
  type SetArticleDateResult,
  type Stats,
} from '../../../server/src/shared/protocol';

import { openLocation as open } from '../views/open';
import { registryCommands } from './registry';
import { annotationCommands } from './annotations';
import { canWrite } from '../trust';

const ICON = { person: '$(person)', organization: '$(organization)', location: '$(location)' } as const;

function entityItem(e: EntitySummary) {
  return {
    label: `${ICON[e.kind]} ${e.name}`,
    description: vscode.l10n.t('{0} · {1} mentions in {2} articles', kindName(e.kind), e.mentions, e.documents),
    detail: e.aliases.length ? vscode.l10n.t('also: {0}', e.aliases.join(', ')) : undefined,
    entity: e,
  };
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const request = async <T>(method: string, params?: unknown): Promise<T | undefined> => {
    const c = client();
    if (!c) {
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: the language server is not running.'));
      return undefined;
    }
    return c.sendRequest<T>(method, params);
  };
  const activeArticle = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !editor.document.fileName.toLowerCase().endsWith('.txt')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: open an article (.txt) first.'));
      return undefined;
    }
    return editor;
  };

  const showMentions = async (id: string) => {
    const locations = await request<{ uri: string; range: RangeLike }[]>(EntityMentionsRequest, { id });
    if (!locations?.length) return;
    const pick = await vscode.window.showQuickPick(
      await Promise.all(
        locations.map(async (l) => {
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(l.uri));
          const line = doc.lineAt(l.range.start.line).text.trim();
          return { label: vscode.workspace.asRelativePath(vscode.Uri.parse(l.uri)) + `:${l.range.start.line + 1}`, detail: line.slice(0, 160), location: l };
        }),
      ),
      { title: vscode.l10n.t('News Lens: mentions'), matchOnDetail: true },
    );
    if (pick) await open(pick.location.uri, pick.location.range);
  };

  const commands: Record<string, CommandHandler> = {
    'newsLens.showDocumentEntities': async () => {
      const editor = activeArticle();
      if (!editor) return;
      const list = await request<EntitySummary[]>(DocumentEntitiesRequest, { uri: editor.document.uri.toString() });
      if (!list) return;
      if (!list.length) return void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: no entities found in this article.'));
      const pick = await vscode.window.showQuickPick(list.map(entityItem), {
        title: vscode.l10n.t('Entities of this article'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (pick) await open(pick.entity.uri, pick.entity.range);
    },
    'newsLens.findEntity': async () => {
      const list = await request<EntitySummary[]>(EntitiesRequest, {});
      if (!list) return;
      const pick = await vscode.window.showQuickPick(list.map(entityItem), {
        title: vscode.l10n.t('Find entity across articles'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (pick) await showMentions(pick.entity.id);
    },
    'newsLens.showEntityMentions': (id: string) => showMentions(id),
    'newsLens.listUnsourcedClaims': async () => {
      const list = await request<ClaimSummary[]>(ClaimsRequest, { status: ['unsourced', 'vague'] });
      if (!list) return;
      if (!list.length) return void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: every claim names its source.'));
      const pick = await vscode.window.showQuickPick(
        list.map((c) => ({
          label: `${c.status === 'vague' ? '$(question)' : '$(warning)'} ${c.text.slice(0, 90)}`,
          description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri))}:${c.range.start.line + 1}`,
          detail: c.status === 'vague' ? vscode.l10n.t('vague source: {0}', c.source ?? c.cue ?? '') : vscode.l10n.t('no source named'),
          claim: c,
        })),
        { title: vscode.l10n.t('Claims without a clear source ({0})', list.length), matchOnDescription: true },
      );
      if (pick) await open(pick.claim.uri, pick.claim.range);
    },
    'newsLens.setArticleDate': async () => {
      if (!canWrite()) return;
      const editor = activeArticle();
      if (!editor) return;
      const date = await vscode.window.showInputBox({
        title: vscode.l10n.t('Article date'),
        prompt: vscode.l10n.t('The date the article was published (YYYY-MM-DD); relative dates are resolved against it.'),
        validateInput: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : vscode.l10n.t('Use the form YYYY-MM-DD')),
      });
      if (!date) return;
      const r = await request<SetArticleDateResult>(SetArticleDateRequest, { uri: editor.document.uri.toString(), date: date.trim() });
      if (r?.ok)
        void vscode.window.showInformationMessage(
          vscode.l10n.t('News Lens: article date set to {0} in {1}.', date.trim(), vscode.workspace.asRelativePath(r.file!)),
        );
      else if (r) void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
    },
    'newsLens.treatAsNews': async (target?: vscode.Uri) => {
      if (!canWrite()) return;
      const uri = target instanceof vscode.Uri ? target : (vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri);
      if (!uri) return void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: open a file of the folder, or a folder, first.'));
      const r = await request<SetArticleDateResult>(TreatAsNewsRequest, { uri: uri.toString() });
      if (r?.ok)
        void vscode.window.showInformationMessage(
          r.message
            ? vscode.l10n.t("News Lens: {0} was there already; the folder's .txt files are news articles.", vscode.workspace.asRelativePath(r.file!))
            : vscode.l10n.t("News Lens: {0} written; the folder's .txt files are news articles.", vscode.workspace.asRelativePath(r.file!)),
        );
      else if (r) void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
    },
    'newsLens.openLocation': (uri: string, range: RangeLike) => open(uri, range),
    'newsLens.openBeside': (uri: string, range: RangeLike) => open(uri, range, vscode.ViewColumn.Beside),
    'newsLens.compareWith': async () => {
      const editor = activeArticle();
      if (!editor) return;
      const uri = editor.document.uri.toString();
      const mine = (await request<ConflictSummary[]>(ConflictsRequest, { uri })) ?? [];
      const counts = new Map<string, number>();
      for (const c of mine) counts.set(c.b.uri, (counts.get(c.b.uri) ?? 0) + 1);
      // The articles it disagrees with first, then the workspace's other articles.
      const files = await vscode.workspace.findFiles('**/*.txt', '**/node_modules/**', 5000);
      const others = [...counts.keys(), ...files.map((f) => f.toString()).filter((f) => f !== uri && !counts.has(f))];
      const picked = await vscode.window.showQuickPick(
        others.map((u) => ({
          label: vscode.workspace.asRelativePath(vscode.Uri.parse(u)),
          description: counts.has(u) ? vscode.l10n.t('{0} disagreements', counts.get(u)!) : undefined,
          uri: u,
        })),
        { title: vscode.l10n.t('Compare this article with…'), matchOnDescription: true },
      );
      if (!picked) return;
      await open(picked.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, vscode.ViewColumn.Beside);
      const between = mine.filter((c) => c.b.uri === picked.uri);
      if (!between.length)
        return void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: the two articles do not disagree on any figure, day or speaker.'));
      const which = await vscode.window.showQuickPick(
        between.map((c) => ({ label: `${c.subject}: "${c.a.text}" ≠ "${c.b.text}"`, detail: c.a.sentence, conflict: c })),
        { title: vscode.l10n.t('Where {0} and {1} disagree', vscode.workspace.asRelativePath(editor.document.uri), picked.label) },
      );
      if (!which) return;
      await open(which.conflict.a.uri, which.conflict.a.range, editor.viewColumn);
      await open(which.conflict.b.uri, which.conflict.b.range, vscode.ViewColumn.Beside);
    },
    'newsLens.showTimeline': async () => {
      await vscode.commands.executeCommand('newsLens.timeline.focus');
    },
    'newsLens.reindex': async () => {
      const s = await request<Stats>(ReindexRequest);
      if (s) void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: indexed {0} articles, {1} entities.', s.articles, s.entities));
    },
  };
  Object.assign(commands, registryCommands(client), annotationCommands(client));
  for (const [id, fn] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, fn));
}
