/**
 * .ann files that cannot be used as they are, through the real server: offsets past the end of the
 * article, mentions that cross, lines that do not parse. Each is reported on the .ann, and neither
 * a command nor a save of the article overwrites it or drops a line of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from './lspClient';
import { AnnotateRequest, StatsNotification, type AnnotateResult, type Stats } from '../../server/src/shared/protocol';

const ARTICLES: Record<string, string> = {
  'past.txt': 'Chiều 12/3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, cho biết tỉnh sẽ hỗ trợ các hộ dân bị ảnh hưởng bởi lũ.\n',
  'past.ann': 'T1\tPerson 16 29\tNguyễn Văn An\nT2\tPerson 500 513\tTrần Thị Bình\nA1\tConfirmed T2\n',
  'cross.txt': 'Bà Trần Thị Bình, Giám đốc Sở Y tế Hà Nội, cho biết thành phố ghi nhận thêm 120 ca sốt xuất huyết.\n',
  'cross.ann': 'T1\tPerson 3 16\tTrần Thị Bình\nT2\tOrganization 8 26\tThị Bình, Giám đốc\n',
  'broken.txt': 'Ông Lê Văn Tám, Giám đốc Công ty Điện lực Đà Nẵng, nói rằng giá điện sẽ không tăng trong quý này.\n',
  'broken.ann': 'T1\tPerson 4 14\tLê Văn Tám\nT2\tPerson bốn mười\tLê Văn Tám\n',
};

test('a .ann past the end, with crossing mentions, or that does not parse: a diagnostic on the .ann; commands and saves never overwrite it', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-lsp-'));
  for (const [name, text] of Object.entries(ARTICLES)) fs.writeFileSync(path.join(root, name), text);
  const s = await startServer({ root });
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const annDiags = (name: string) => s.waitFor(() => s.diagnostics.get(s.uri(name))?.diagnostics);
    const past = await annDiags('past.ann');
    assert.deepEqual(
      past.map((d) => [d.code, d.range.start.line]),
      [['ann-syntax', 1]],
    );
    assert.match(past[0].message as string, /T2 "Trần Thị Bình" \(Person\) ends at 513, past the end of the article.*will not be overwritten/);
    const cross = await annDiags('cross.ann');
    assert.deepEqual(
      cross.map((d) => [d.code, d.severity, d.range.start.line]),
      [['ann-warning', 2, 1]],
    );
    assert.match(cross[0].message as string, /T2 "Thị Bình, Giám đốc" \(organization\) crosses T1/);
    const broken = await annDiags('broken.ann');
    assert.deepEqual(
      broken.map((d) => [d.code, d.range.start.line]),
      [['ann-syntax', 1]],
    );

    // Commands refuse to write the unusable files, and say which line is at fault.
    for (const name of ['past', 'broken']) {
      const r = await s.connection.sendRequest<AnnotateResult>(AnnotateRequest, {
        uri: s.uri(`${name}.txt`),
        action: 'annotate',
        start: 0,
        end: 3,
        kind: 'person',
      });
      assert.equal(r.ok, false, name);
      assert.match(r.message ?? '', /line 2/, name);
    }

    // The user edits and saves each article: the .ann files stay as they were, byte for byte.
    for (const name of ['past', 'cross', 'broken']) {
      const uri = s.uri(`${name}.txt`);
      const text = ARTICLES[`${name}.txt`];
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      const edited = 'Tin mới: ' + text;
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
      fs.writeFileSync(path.join(root, `${name}.txt`), edited);
      await s.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    }
    await s.connection.sendRequest('workspace/symbol', { query: 'Bình' });
    await new Promise((r) => setTimeout(r, 500));
    for (const name of ['past.ann', 'broken.ann']) assert.equal(fs.readFileSync(path.join(root, name), 'utf8'), ARTICLES[name], `${name} unchanged`);
    // The crossing mentions are usable: both lines move with their words ("Tin mới: " is 9 characters), neither is dropped.
    assert.equal(fs.readFileSync(path.join(root, 'cross.ann'), 'utf8'), 'T1\tPerson 12 25\tTrần Thị Bình\nT2\tOrganization 17 35\tThị Bình, Giám đốc\n');
  } finally {
    await s.close();
  }
});

/**
 * While an article is open and edited, its decisions are read with `edited`, which leaves out the
 * past-the-end check; once saved, the text is the file's and the check applies again.
 */
test('saving an edited article whose .ann runs past its end logs no error, reports nothing as dropped, and keeps the diagnostic on the .ann', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-lsp-'));
  for (const name of ['past.txt', 'past.ann']) fs.writeFileSync(path.join(root, name), ARTICLES[name]);
  const s = await startServer({ root });
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const annDiags = (name: string) => s.waitFor(() => s.diagnostics.get(s.uri(name))?.diagnostics);
    const uri = s.uri('past.txt');
    const text = ARTICLES['past.txt'];
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const edited = 'Tin mới: ' + text;
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    // The edit is answered before the save arrives, as when a user saves a moment later.
    await s.waitFor(() => s.diagnostics.get(uri)?.version === 2 || undefined);
    fs.writeFileSync(path.join(root, 'past.txt'), edited);
    await s.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await s.connection.sendRequest('workspace/symbol', { query: 'An' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fs.readFileSync(path.join(root, 'past.ann'), 'utf8'), ARTICLES['past.ann']);
    const errors = s.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
    assert.deepEqual(
      errors.map((n) => (n.params as { message: string }).message.split('\n')[0]),
      [],
      'no error logged',
    );
    const warnings = s.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
    assert.ok(!warnings.some((w) => /dropped/.test(w)), `nothing reported as dropped: ${warnings.join(' | ')}`);
    assert.deepEqual(
      (await annDiags('past.ann')).map((d) => [d.code, d.range.start.line]),
      [['ann-syntax', 1]],
      'still reported after the edit',
    );
  } finally {
    await s.close();
  }
});
