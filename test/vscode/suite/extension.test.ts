/** The extension in a real extension host: activation, hover, definition, diagnostics, commands. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const A002 = '002_5cb9b134e5cf0392.txt';

async function poll<T>(what: () => Thenable<T | undefined> | T | undefined, message: string, timeoutMs = 30000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return v;
    if (Date.now() > until) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function uriOf(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, name));
}

async function positionOf(name: string, needle: string, nth = 0): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uriOf(name));
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.getText().indexOf(needle, at + 1);
  return doc.positionAt(at + 1);
}

export function register(root: Mocha.Suite): void {
  const suite = Mocha.Suite.create(root, 'News Lens in VS Code');
  suite.addTest(
    new Mocha.Test('the extension activates on a folder of articles', async () => {
      const doc = await vscode.workspace.openTextDocument(uriOf(A002));
      await vscode.window.showTextDocument(doc);
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'news-lens');
      assert.ok(ext, 'extension present');
      await poll(() => (ext!.isActive ? true : undefined), 'activation');
      await poll(() => (doc.languageId === 'news-article' ? true : undefined), 'the news-article language');
    }),
  );
  suite.addTest(
    new Mocha.Test('hover on Putin names Vladimir Putin', async () => {
      const hovers = await poll(async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOf(A002), await positionOf(A002, 'Putin', 1));
        return h.length ? h : undefined;
      }, 'a hover');
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Vladimir Putin/);
    }),
  );
  suite.addTest(
    new Mocha.Test('definition on Kim Jong Un in article 002 lands in other articles', async () => {
      const defs = await poll(
        () =>
          vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
            'vscode.executeDefinitionProvider',
            uriOf(A002),
            positionOf(A002, 'Kim Jong Un'),
          ),
        'definitions',
      );
      const files = new Set(defs.map((d) => path.basename(('uri' in d ? d.uri : d.targetUri).fsPath)));
      assert.ok(files.size >= 3 && !files.has(A002));
    }),
  );
  suite.addTest(
    new Mocha.Test('diagnostics include unsourced-claim', async () => {
      const diags = await poll(() => vscode.languages.getDiagnostics(uriOf(A002)), 'diagnostics');
      assert.ok(diags.some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unsourced-claim'));
    }),
  );
  suite.addTest(
    new Mocha.Test('every contributed command is registered and runs', async () => {
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'news-lens')!;
      const ids: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
      const all = await vscode.commands.getCommands(true);
      for (const id of ids) assert.ok(all.includes(id), `${id} registered`);
      for (const id of ids.filter((x) => x !== 'newsLens.showEntityMentions' && x !== 'newsLens.setArticleDate')) {
        const running = vscode.commands.executeCommand(id);
        await new Promise((r) => setTimeout(r, 500));
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await running;
      }
    }),
  );
}
