/** Annotation and claim commands: the user's decisions, saved in NAME.ann beside each article. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandHandler } from './handler';
import { kindName } from '../kindName';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AnnotateRequest,
  DocumentEntitiesRequest,
  EntitiesRequest,
  ExportRequest,
  RegistryEditRequest,
  SimilarClaimsRequest,
  type AnnotateParams,
  type AnnotateResult,
  type EntitySummary,
  type ExportResult,
  type RegistryEditResult,
  type SimilarClaim,
} from '../../../server/src/shared/protocol';
import { openLocation } from '../views/open';
import { canWrite } from '../trust';

/** The commands here that write nothing into the workspace; the others ask for its trust first. */
const READ_ONLY = new Set(['newsLens.findClaimElsewhere']);

export function annotationCommands(client: () => LanguageClient | undefined): Record<string, CommandHandler> {
  const request = <T>(method: string, params: unknown) => client()!.sendRequest<T>(method, params);

  async function annotate(p: AnnotateParams, done?: string): Promise<boolean> {
    const r = await request<AnnotateResult>(AnnotateRequest, p);
    if (!r.ok) void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
    else if (done) void vscode.window.setStatusBarMessage(vscode.l10n.t('News Lens: {0}', done), 4000);
    return r.ok;
  }

  /** uri and offset from a quick fix's arguments, else from the cursor. */
  function target(uri?: string, offset?: number): { uri: string; offset: number; editor?: vscode.TextEditor } | undefined {
    if (uri !== undefined && offset !== undefined) return { uri, offset };
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    return { uri: editor.document.uri.toString(), offset: editor.document.offsetAt(editor.selection.active), editor };
  }

  const annotateAs = (kind: AnnotateParams['kind']) => async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) return void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: select the words to annotate first.'));
    await annotate(
      {
        uri: editor.document.uri.toString(),
        action: 'annotate',
        start: editor.document.offsetAt(editor.selection.start),
        end: editor.document.offsetAt(editor.selection.end),
        kind,
      },
      vscode.l10n.t('annotated as {0}', kind === 'date' ? vscode.l10n.t('date') : kindName(kind ?? '')),
    );
  };

  const commands: Record<string, CommandHandler> = {
    'newsLens.annotatePerson': annotateAs('person'),
    'newsLens.annotateOrganization': annotateAs('organization'),
    'newsLens.annotateLocation': annotateAs('location'),
    'newsLens.annotateDate': annotateAs('date'),
    'newsLens.removeAnnotation': async () => {
      const t = target();
      if (t) await annotate({ uri: t.uri, action: 'remove', offset: t.offset }, vscode.l10n.t('annotation removed'));
    },
    'newsLens.acceptSuggestion': async (uri?: string, offset?: number) => {
      const t = target(uri, offset);
      if (t) await annotate({ uri: t.uri, action: 'accept', offset: t.offset }, vscode.l10n.t('suggestion accepted'));
    },
    'newsLens.rejectSuggestion': async (uri?: string, offset?: number) => {
      const t = target(uri, offset);
      if (t) await annotate({ uri: t.uri, action: 'reject', offset: t.offset }, vscode.l10n.t('suggestion rejected'));
    },
    'newsLens.acceptAllSuggestions': async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await annotate({ uri: editor.document.uri.toString(), action: 'acceptAll' }, vscode.l10n.t('all suggestions of this article accepted'));
    },
    'newsLens.linkMention': async () => {
      const t = target();
      if (!t) return;
      const all = await request<EntitySummary[]>(EntitiesRequest, {});
      const pick = await vscode.window.showQuickPick(
        all.map((e) => ({ label: e.name, description: vscode.l10n.t('{0} · {1} mentions', kindName(e.kind), e.mentions), entity: e })),
        { title: vscode.l10n.t('Link this mention to…'), matchOnDescription: true },
      );
      if (!pick) return;
      // A link names a registry entry; one is made for the entity if it has none.
      const reg = await request<RegistryEditResult>(RegistryEditRequest, { action: 'rename', entity: pick.entity.id, value: pick.entity.name });
      if (!reg.ok || !reg.id) return void vscode.window.showErrorMessage(`News Lens: ${reg.message}`);
      await annotate({ uri: t.uri, action: 'link', offset: t.offset, ref: reg.id, name: pick.entity.name }, vscode.l10n.t('linked to "{0}"', pick.entity.name));
    },
    'newsLens.markSourced': async (uri?: string, offset?: number) => {
      const t = target(uri, offset);
      if (!t) return;
      const ents = await request<EntitySummary[]>(DocumentEntitiesRequest, { uri: t.uri });
      const typed = vscode.l10n.t('$(edit) Type a source…');
      const pick = await vscode.window.showQuickPick(
        [
          ...ents.filter((e) => e.kind !== 'location').map((e) => ({ label: e.name, description: kindName(e.kind) })),
          ...ents.filter((e) => e.kind === 'location').map((e) => ({ label: e.name, description: kindName(e.kind) })),
          { label: typed, description: '' },
        ],
        { title: vscode.l10n.t('Sourced by…') },
      );
      if (!pick) return;
      const source = pick.label === typed ? await vscode.window.showInputBox({ title: vscode.l10n.t('Who is the source?') }) : pick.label;
      if (source?.trim())
        await annotate(
          { uri: t.uri, action: 'claim', offset: t.offset, status: 'sourced', source: source.trim() },
          vscode.l10n.t('marked as sourced by {0}', source.trim()),
        );
    },
    'newsLens.dismissClaim': async (uri?: string, offset?: number, reason?: 'not-a-claim' | 'common-knowledge') => {
      const t = target(uri, offset);
      if (!t) return;
      const reasons = [
        { label: 'not-a-claim', description: vscode.l10n.t('not a claim'), id: 'not-a-claim' as const },
        { label: 'common-knowledge', description: vscode.l10n.t('common knowledge'), id: 'common-knowledge' as const },
      ];
      const why =
        reason ?? (await vscode.window.showQuickPick(reasons, { title: vscode.l10n.t('Dismiss this claim because it is…'), matchOnDescription: true }))?.id;
      if (why)
        await annotate(
          { uri: t.uri, action: 'claim', offset: t.offset, dismissed: why },
          vscode.l10n.t('dismissed: {0}', reasons.find((r) => r.id === why)!.description),
        );
    },
    'newsLens.findClaimElsewhere': async (uri?: string, offset?: number) => {
      const t = target(uri, offset);
      if (!t) return;
      const list = await request<SimilarClaim[]>(SimilarClaimsRequest, { uri: t.uri, offset: t.offset });
      if (!list.length) return void vscode.window.showInformationMessage(vscode.l10n.t('News Lens: no other article reports anything like this.'));
      const pick = await vscode.window.showQuickPick(
        list.map((c) => ({
          label: `${Math.round(c.score * 100)}% · ${vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri))}`,
          description:
            c.status === 'sourced'
              ? c.source
                ? vscode.l10n.t('sourced by {0}', c.source)
                : vscode.l10n.t('sourced')
              : c.status === 'vague'
                ? vscode.l10n.t('vague source')
                : vscode.l10n.t('no source named'),
          detail: c.text.slice(0, 200),
          c,
        })),
        { title: vscode.l10n.t('The same claim in other articles'), matchOnDetail: true },
      );
      if (pick) await openLocation(pick.c.uri, pick.c.range);
    },
    'newsLens.exportAnnotations': async () => {
      const format = await vscode.window.showQuickPick(
        [
          { label: 'brat', description: vscode.l10n.t('standoff .ann beside each .txt, with annotation.conf') },
          { label: 'conll', description: vscode.l10n.t('CoNLL-2003 BIO columns, one syllable per line') },
          { label: 'jsonl', description: vscode.l10n.t("doccano's sequence-labelling JSONL") },
          { label: 'webanno', description: vscode.l10n.t('W3C Web Annotation JSON-LD') },
        ],
        { title: vscode.l10n.t('Export annotations as…') },
      );
      if (!format) return;
      const folder = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Export here'),
      });
      if (!folder?.[0]) return;
      const r = await request<ExportResult>(ExportRequest, { format: format.label, out: folder[0].fsPath });
      if (r.ok)
        void vscode.window.showInformationMessage(
          vscode.l10n.t('News Lens: exported {0} file(s) as {1} to {2}.', r.files ?? 0, format.label, folder[0].fsPath),
        );
      else void vscode.window.showErrorMessage(`News Lens: ${r.message}`);
    },
    'newsLens.importBrat': async (from?: string, to?: string) => {
      const src =
        from ??
        (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Import this brat folder') }))?.[0]
          ?.fsPath;
      if (!src) return;
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!root) return void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: open a folder first.'));
      const dest = to ?? path.join(root, `brat-${path.basename(src)}`);
      fs.mkdirSync(dest, { recursive: true });
      let n = 0;
      for (const f of fs.readdirSync(src)) {
        if (!/\.(txt|ann|conf)$/i.test(f)) continue;
        const tmp = path.join(dest, `.${f}.tmp`);
        fs.copyFileSync(path.join(src, f), tmp);
        fs.renameSync(tmp, path.join(dest, f));
        n++;
      }
      void vscode.window.showInformationMessage(
        vscode.l10n.t('News Lens: imported {0} file(s) into {1}; their annotations show as your decisions.', n, vscode.workspace.asRelativePath(dest)),
      );
    },
  };
  return Object.fromEntries(
    Object.entries(commands).map(([id, fn]) => [id, READ_ONLY.has(id) ? fn : (...args: unknown[]) => (canWrite() ? fn(...args) : undefined)]),
  );
}
