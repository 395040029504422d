/**
 * Untrusted workspaces, faults and the client going away (issue #12): a server told the workspace
 * is not trusted answers but writes nothing into it; an exception in one request or notification
 * leaves the rest working; the server exits when the process that started it is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { positionOf, rawServer, startServer, waitFor } from './lspClient';
import {
  AnnotateRequest,
  EntitiesRequest,
  EntityMentionsRequest,
  ExportRequest,
  RegistryEditRequest,
  SetArticleDateRequest,
  StatsNotification,
  UNTRUSTED_MESSAGE,
  WorkspaceTrustedNotification,
  type AnnotateResult,
  type EntitySummary,
  type ExportResult,
  type RegistryEditResult,
  type SetArticleDateResult,
  type Stats,
} from '../../server/src/shared/protocol';

const A000 = '000_a37f9ae36c8c9fee.txt';
const A002 = '002_5cb9b134e5cf0392.txt';

/** Every file under a folder with its size and modification time, to see that nothing was written. */
function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.push(`${path.relative(root, p)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

test('an untrusted workspace: hover and definition answer, every write is refused and nothing is written; trusting it allows writes', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-untrusted-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-cache-'));
  for (const f of fs.readdirSync('samples')) fs.copyFileSync(path.join('samples', f), path.join(root, f));
  const text = fs.readFileSync(path.join(root, A002), 'utf8');
  // An annotation that an edit moves, so that saving would settle it (rewrite the .ann) in a trusted workspace.
  const moscow = text.indexOf('Moscow');
  assert.ok(moscow > 0);
  fs.writeFileSync(path.join(root, A002.replace('.txt', '.ann')), `T1\tLocation ${moscow} ${moscow + 6}\tMoscow\n`);
  const before = listing(root);
  const s = await rawServer(root, { initializationOptions: { cacheDir, trusted: false } });
  const uri = (f: string) => URI.file(path.join(root, f)).toString();
  try {
    await waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing), 'the index');
    const putin = positionOf(text, 'Putin');

    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(A002) }, position: putin });
    assert.match(hover.contents.value, /Vladimir Putin/);
    const defs: any[] = await s.connection.sendRequest('textDocument/definition', { textDocument: { uri: uri(A002) }, position: putin });
    assert.ok(defs.length >= 1, 'go to definition answers');

    const refusal = { ok: false, message: UNTRUSTED_MESSAGE };
    const start = text.indexOf('Moscow');
    const annotated = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, {
      uri: uri(A002),
      action: 'annotate',
      start,
      end: start + 6,
      kind: 'location',
    });
    assert.deepEqual(annotated, refusal);
    const rejected = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, { uri: uri(A002), action: 'reject', offset: start });
    assert.deepEqual(rejected, refusal);

    const entities = await s.connection.sendRequest<EntitySummary[]>(EntitiesRequest, {});
    const vp = entities.find((e) => e.name === 'Vladimir Putin')!;
    assert.ok(vp);
    const renamed = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, { action: 'rename', entity: vp.id, value: 'V. Putin' });
    assert.deepEqual(renamed, refusal);
    const alias = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, { action: 'addAlias', entity: vp.id, value: 'Putin V.' });
    assert.deepEqual(alias, refusal);
    // F2 says why at once.
    await assert.rejects(
      s.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uri(A002) }, position: putin }),
      (e: Error) => e.message === UNTRUSTED_MESSAGE,
    );
    await assert.rejects(
      s.connection.sendRequest('textDocument/rename', { textDocument: { uri: uri(A002) }, position: putin, newName: 'V. Putin' }),
      (e: Error) => e.message === UNTRUSTED_MESSAGE,
    );
    const dated = await s.connection.sendRequest<SetArticleDateResult>(SetArticleDateRequest, { uri: uri(A000), date: '2019-04-30' });
    assert.deepEqual(dated, refusal);
    const exported = await s.connection.sendRequest<ExportResult>(ExportRequest, { format: 'brat', out: path.join(root, 'export') });
    assert.deepEqual(exported, refusal);

    // An edit that moves the annotation, then a save: in a trusted workspace the .ann would be rewritten.
    const doc = { uri: uri(A002), languageId: 'news-article', version: 1, text };
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: doc });
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Tin mới. ' }],
    });
    await new Promise((r) => setTimeout(r, 200));
    await s.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    // The annotation is still shown, at its new place.
    const moved: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: doc.uri },
      position: positionOf('Tin mới. ' + text, 'Moscow'),
    });
    assert.ok(moved, 'the moved annotation still answers');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(listing(root), before, 'nothing is written into the workspace');
    assert.ok(listing(cacheDir).length >= 1, 'the warm cache, outside the workspace, is still written');

    // Trusting the workspace allows writes from then on.
    await s.connection.sendNotification(WorkspaceTrustedNotification);
    const later = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, { action: 'addAlias', entity: vp.id, value: 'Putin V.' });
    assert.equal(later.ok, true, later.message);
    assert.match(fs.readFileSync(path.join(root, 'newslens.json'), 'utf8'), /Putin V\./);
  } finally {
    try {
      await s.connection.sendRequest('shutdown');
      await s.connection.sendNotification('exit');
    } catch {
      // Gone already.
    }
    s.connection.dispose();
    s.server.kill();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a client that says nothing of trust is trusted', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-trusted-'));
  fs.writeFileSync(path.join(root, 'a.txt'), 'Ông Nguyễn Văn An nói hôm qua rằng giá xăng sẽ tăng.\n');
  const s = await rawServer(root, {});
  try {
    await waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing), 'the index');
    const r = await s.connection.sendRequest<SetArticleDateResult>(SetArticleDateRequest, {
      uri: URI.file(path.join(root, 'a.txt')).toString(),
      date: '2019-04-30',
    });
    assert.equal(r.ok, true, r.message);
    assert.ok(fs.existsSync(path.join(root, 'newslens.json')));
  } finally {
    s.connection.dispose();
    s.server.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an exception in one request or notification fails only that one: the server goes on answering', async () => {
  const s = await startServer();
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const text = fs.readFileSync(path.join(s.root, A002), 'utf8');
    const hoverPutin = () => s.connection.sendRequest<any>('textDocument/hover', { textDocument: { uri: s.uri(A002) }, position: positionOf(text, 'Putin') });

    // Requests whose handlers throw on malformed params: each answered with an error.
    await assert.rejects(s.connection.sendRequest(EntityMentionsRequest, null), /failed with message/);
    await assert.rejects(s.connection.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }), /failed with message/);
    assert.match((await hoverPutin()).contents.value, /Vladimir Putin/);

    // Notifications whose handlers throw: logged, and the server goes on.
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
    await s.waitFor(() =>
      s.notifications.find((n) => n.method === 'window/logMessage' && /a change on disk failed/.test((n.params as { message: string }).message)),
    );
    await s.connection.sendNotification('textDocument/didOpen', {});
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(A002), version: 2 }, contentChanges: null });
    assert.equal(s.server.exitCode, null, 'the server is still running');
    assert.match((await hoverPutin()).contents.value, /Vladimir Putin/);
    const mentions = await s.connection.sendRequest<unknown[]>(EntityMentionsRequest, {
      id: (await s.connection.sendRequest<EntitySummary[]>(EntitiesRequest, {}))[0].id,
    });
    assert.ok(mentions.length >= 1);
    // Edits still reach the index.
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uri(A002), languageId: 'news-article', version: 1, text } });
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: s.uri(A002), version: 2 },
      contentChanges: [{ text: 'Ông Nguyễn Văn An nói.\n' + text }],
    });
    const edited = 'Ông Nguyễn Văn An nói.\n' + text;
    const until = Date.now() + 10000;
    for (;;) {
      const h = await s.connection.sendRequest<any>('textDocument/hover', { textDocument: { uri: s.uri(A002) }, position: positionOf(edited, 'Văn An') });
      if (h && /Nguyễn Văn An/.test(h.contents.value)) break;
      assert.ok(Date.now() < until, 'the edit reaches the index');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await s.close();
  }
});

test('the server exits when the process that started it is gone', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-orphan-'));
  fs.writeFileSync(path.join(root, 'a.txt'), 'Ông Nguyễn Văn An nói hôm qua rằng giá xăng sẽ tăng.\n');
  // A stand-in for the editor: its pid is the processId the server watches.
  const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const s = await rawServer(root, { processId: parent.pid });
  try {
    await waitFor(() => s.notifications.find((n) => n.method === StatsNotification), 'the server to start');
    assert.equal(s.server.exitCode, null);
    const parentGone = new Promise((r) => parent.on('exit', r));
    parent.kill();
    await parentGone;
    const t0 = Date.now();
    // vscode-languageserver looks at the process every 3 s; the server's stdin stays open, so only that can end it.
    const code = await Promise.race([s.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 8000))]);
    assert.notEqual(code, 'timeout', 'the server is still running 8 s after its client is gone');
    assert.ok(Date.now() - t0 < 8000);
  } finally {
    parent.kill();
    s.connection.dispose();
    s.server.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
