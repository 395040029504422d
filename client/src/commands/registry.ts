/** Registry commands: merge, split, rename, kind, alias, Wikidata. All edit newslens.json, never the articles. */
import * as vscode from 'vscode';
import type { CommandHandler } from './handler';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EntitiesRequest, EntityAtRequest, RegistryEditRequest,
  type EntitySummary, type RegistryEditParams, type RegistryEditResult,
} from '../../../server/src/shared/protocol';
import { canWrite } from '../trust';

const ICON = { person: '$(person)', organization: '$(organization)', location: '$(location)' } as const;

export function registryCommands(client: () => LanguageClient | undefined): Record<string, CommandHandler> {
  const request = <T>(method: string, params: unknown) => client()!.sendRequest<T>(method, params);
  const item = (e: EntitySummary) => ({ label: `${ICON[e.kind]} ${e.name}`, description: `${e.kind} · ${e.mentions} mentions`, detail: e.aliases.length ? `also: ${e.aliases.join(', ')}` : undefined, entity: e });

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
      const here = await request<EntitySummary | null>(EntityAtRequest, { uri: editor.document.uri.toString(), offset: editor.document.offsetAt(editor.selection.active) });
      if (here) return here;
    }
    return (await vscode.window.showQuickPick(all.map(item), { title, matchOnDescription: true, matchOnDetail: true }))?.entity;
  }

  async function edit(p: RegistryEditParams, done: string): Promise<void> {
    const r = await request<RegistryEditResult>(RegistryEditRequest, p);
    if (r.ok) void vscode.window.showInformationMessage(`News Lens: ${done} (saved in ${vscode.workspace.asRelativePath(r.file!)}).`);
    else void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
  }

  const commands: Record<string, CommandHandler> = {
    'newsLens.mergeEntities': async (id?: unknown) => {
      const target = await chooseEntity('Merge into which entity?', id);
      if (!target) return;
      const all = await request<EntitySummary[]>(EntitiesRequest, {});
      const picks = await vscode.window.showQuickPick(
        all.filter((e) => e.id !== target.id && e.kind === target.kind).map(item),
        { title: `Merge into "${target.name}"`, canPickMany: true, matchOnDescription: true, matchOnDetail: true },
      );
      if (!picks?.length) return;
      await edit({ action: 'merge', entity: target.id, others: picks.map((p) => p.entity.id) }, `merged ${picks.length} into "${target.name}"`);
    },
    'newsLens.splitMention': async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      await edit({ action: 'split', uri: editor.document.uri.toString(), offset: editor.document.offsetAt(editor.selection.active) }, 'the mention is split from its entity');
    },
    'newsLens.renameEntity': async (id?: unknown) => {
      const e = await chooseEntity('Rename which entity?', id);
      if (!e) return;
      const name = await vscode.window.showInputBox({ title: `Canonical name of "${e.name}"`, value: e.name, prompt: 'Changes the name in the registry; the articles are not edited.' });
      if (name?.trim()) await edit({ action: 'rename', entity: e.id, value: name.trim() }, `renamed to "${name.trim()}"`);
    },
    'newsLens.setEntityKind': async (id?: unknown) => {
      const e = await chooseEntity('Set the kind of which entity?', id);
      if (!e) return;
      const kind = await vscode.window.showQuickPick(['person', 'organization', 'location'], { title: `Kind of "${e.name}" (now ${e.kind})` });
      if (kind) await edit({ action: 'setKind', entity: e.id, value: kind }, `"${e.name}" is now a ${kind}`);
    },
    'newsLens.addAlias': async (id?: unknown) => {
      const e = await chooseEntity('Add an alias to which entity?', id);
      if (!e) return;
      const alias = await vscode.window.showInputBox({ title: `Another name for "${e.name}"`, prompt: 'Every mention written this way will be this entity.' });
      if (alias?.trim()) await edit({ action: 'addAlias', entity: e.id, value: alias.trim() }, `"${alias.trim()}" is an alias of "${e.name}"`);
    },
    'newsLens.linkWikidata': async (id?: unknown) => {
      const e = await chooseEntity('Link which entity to Wikidata?', id);
      if (!e) return;
      const qid = await vscode.window.showInputBox({ title: `Wikidata id of "${e.name}"`, placeHolder: 'Q1234', validateInput: (v) => (/^Q\d+$/.test(v.trim()) ? undefined : 'A Wikidata id looks like Q1234') });
      if (qid) await edit({ action: 'linkWikidata', entity: e.id, value: qid.trim() }, `"${e.name}" is linked to ${qid.trim()}`);
    },
  };
  // Every registry command writes newslens.json: none starts in a workspace that is not trusted.
  return Object.fromEntries(Object.entries(commands).map(([id, fn]) => [id, (...args: unknown[]) => (canWrite() ? fn(...args) : undefined)]));
}
