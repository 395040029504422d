/** Registry commands: merge, split, rename, kind, alias, Wikidata. All edit newslens.json, never the articles. */
import * as vscode from 'vscode';
import type { CommandHandler } from './handler';
import { kindName } from '../kindName';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EntitiesRequest,
  EntityAtRequest,
  RegistryEditRequest,
  type EntitySummary,
  type RegistryEditParams,
  type RegistryEditResult,
} from '../../../server/src/shared/protocol';
import { canWrite } from '../trust';

const ICON = { person: '$(person)', organization: '$(organization)', location: '$(location)' } as const;

export function registryCommands(client: () => LanguageClient | undefined): Record<string, CommandHandler> {
  const request = <T>(method: string, params: unknown) => client()!.sendRequest<T>(method, params);
  const item = (e: EntitySummary) => ({
    label: `${ICON[e.kind]} ${e.name}`,
    description: vscode.l10n.t('{0} · {1} mentions', kindName(e.kind), e.mentions),
    detail: e.aliases.length ? vscode.l10n.t('also: {0}', e.aliases.join(', ')) : undefined,
    entity: e,
  });

  /** The entity under the cursor, or one picked from the list. */
  async function chooseEntity(title: string, arg?: unknown): Promise<EntitySummary | undefined> {
    // From the Entities view the argument is the tree node; from a link, the entity id.
    const node = (arg as { entity?: EntitySummary } | undefined)?.entity;
    if (typeof arg !== 'string' && node) return node;
    const id = typeof arg === 'string' ? arg : undefined;
    const all = await request<EntitySummary[]>(EntitiesRequest, {});
    if (id) return all.find((e) => e.id === id);
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const here = await request<EntitySummary | null>(EntityAtRequest, {
        uri: editor.document.uri.toString(),
        offset: editor.document.offsetAt(editor.selection.active),
      });
      if (here) return here;
    }
    return (await vscode.window.showQuickPick(all.map(item), { title, matchOnDescription: true, matchOnDetail: true }))?.entity;
  }

  async function edit(p: RegistryEditParams, done: string): Promise<void> {
    const r = await request<RegistryEditResult>(RegistryEditRequest, p);
    if (r.ok) void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: {0} (saved in {1}).', done, vscode.workspace.asRelativePath(r.file!)));
    else void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
  }

  const commands: Record<string, CommandHandler> = {
    'newsLens.mergeEntities': async (id?: unknown) => {
      const target = await chooseEntity(vscode.l10n.t('Merge into which entity?'), id);
      if (!target) return;
      const all = await request<EntitySummary[]>(EntitiesRequest, {});
      const picks = await vscode.window.showQuickPick(all.filter((e) => e.id !== target.id && e.kind === target.kind).map(item), {
        title: vscode.l10n.t('Merge into "{0}"', target.name),
        canPickMany: true,
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picks?.length) return;
      await edit(
        { action: 'merge', entity: target.id, others: picks.map((p) => p.entity.id) },
        vscode.l10n.t('merged {0} into "{1}"', picks.length, target.name),
      );
    },
    'newsLens.splitMention': async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      await edit(
        { action: 'split', uri: editor.document.uri.toString(), offset: editor.document.offsetAt(editor.selection.active) },
        vscode.l10n.t('the mention is split from its entity'),
      );
    },
    'newsLens.renameEntity': async (id?: unknown) => {
      const e = await chooseEntity(vscode.l10n.t('Rename which entity?'), id);
      if (!e) return;
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Canonical name of "{0}"', e.name),
        value: e.name,
        prompt: vscode.l10n.t('Changes the name in the registry; the articles are not edited.'),
      });
      if (name?.trim()) await edit({ action: 'rename', entity: e.id, value: name.trim() }, vscode.l10n.t('renamed to "{0}"', name.trim()));
    },
    'newsLens.setEntityKind': async (id?: unknown) => {
      const e = await chooseEntity(vscode.l10n.t('Set the kind of which entity?'), id);
      if (!e) return;
      const kind = await vscode.window.showQuickPick(['person', 'organization', 'location'], {
        title: vscode.l10n.t('Kind of "{0}" (now {1})', e.name, kindName(e.kind)),
      });
      if (kind) await edit({ action: 'setKind', entity: e.id, value: kind }, vscode.l10n.t('"{0}" is now a {1}', e.name, kindName(kind)));
    },
    'newsLens.addAlias': async (id?: unknown) => {
      const e = await chooseEntity(vscode.l10n.t('Add an alias to which entity?'), id);
      if (!e) return;
      const alias = await vscode.window.showInputBox({
        title: vscode.l10n.t('Another name for "{0}"', e.name),
        prompt: vscode.l10n.t('Every mention written this way will be this entity.'),
      });
      if (alias?.trim())
        await edit({ action: 'addAlias', entity: e.id, value: alias.trim() }, vscode.l10n.t('"{0}" is an alias of "{1}"', alias.trim(), e.name));
    },
    'newsLens.linkWikidata': async (id?: unknown) => {
      const e = await chooseEntity(vscode.l10n.t('Link which entity to Wikidata?'), id);
      if (!e) return;
      const qid = await vscode.window.showInputBox({
        title: vscode.l10n.t('Wikidata id of "{0}"', e.name),
        placeHolder: 'Q1234',
        validateInput: (v) => (/^Q\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A Wikidata id looks like Q1234')),
      });
      if (qid) await edit({ action: 'linkWikidata', entity: e.id, value: qid.trim() }, vscode.l10n.t('"{0}" is linked to {1}', e.name, qid.trim()));
    },
  };
  // Every registry command writes newslens.json: none starts in a workspace that is not trusted.
  return Object.fromEntries(Object.entries(commands).map(([id, fn]) => [id, (...args: unknown[]) => (canWrite() ? fn(...args) : undefined)]));
}
