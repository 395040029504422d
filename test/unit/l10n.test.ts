/** Every string the UI shows has its Vietnamese: contributed strings and the client's runtime strings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('every %key% of package.json is in package.nls.json and package.nls.vi.json, and nothing else is', () => {
  const en = read('package.nls.json');
  const vi = read('package.nls.vi.json');
  const used = new Set([...fs.readFileSync('package.json', 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  assert.ok(used.size > 40);
  assert.deepEqual(
    [...used].filter((k) => !(k in en)),
    [],
  );
  assert.deepEqual(
    Object.keys(en).filter((k) => !used.has(k)),
    [],
  );
  assert.deepEqual(
    Object.keys(en)
      .filter((k) => !(k in vi))
      .sort(),
    [],
  );
  // Vietnamese, not English copied over (brand names excepted).
  const same = Object.keys(en).filter((k) => en[k] === vi[k] && !/^News Lens$/.test(en[k]));
  assert.deepEqual(same, []);
});

/** The messages a pattern finds in the sources of a folder (its second group; quotes unescaped). */
function messages(dir: string, pattern: RegExp): Set<string> {
  const keys = new Set<string>();
  for (const f of sources(dir)) for (const m of fs.readFileSync(f, 'utf8').matchAll(pattern)) keys.add(m[2].replace(/\\(['"])/g, '$1'));
  return keys;
}

/** Every message has its translation with the same placeholders, and no translation is stale. */
function assertCatalogue(keys: Set<string>, vi: Record<string, string>): void {
  assert.deepEqual(
    [...keys].filter((k) => !(k in vi)),
    [],
  );
  assert.deepEqual(
    Object.keys(vi).filter((k) => !keys.has(k)),
    [],
    'no stale translations',
  );
  const holes = (s: string) =>
    [...s.matchAll(/\{\d+\}/g)]
      .map((m) => m[0])
      .sort()
      .join();
  assert.deepEqual(
    [...keys].filter((k) => holes(k) !== holes(vi[k])),
    [],
  );
}

test('every vscode.l10n.t message of the client has its Vietnamese in l10n/bundle.l10n.vi.json, with the same placeholders', () => {
  const keys = messages('client/src', /vscode\.l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g);
  assert.ok(keys.size > 50);
  assertCatalogue(keys, read('l10n/bundle.l10n.vi.json'));
});

test('every t() and msg() message of the server and the CLI has its Vietnamese in server/src/l10n/vi.json, with the same placeholders', () => {
  const keys = messages('server/src', /\b(?:t|msg)\(\s*(['"])((?:\\.|(?!\1).)*)\1/g);
  keys.add(fs.readFileSync('server/src/shared/protocol.ts', 'utf8').match(/UNTRUSTED_MESSAGE =\s*'([^']+)'/)![1]);
  assert.ok(keys.size > 5);
  assertCatalogue(keys, read('server/src/l10n/vi.json'));
});

test('the server speaks Vietnamese in locale vi and English otherwise', async () => {
  const { t, useLocale, environmentLocale } = await import('../../server/src/l10n/messages');
  useLocale('vi-VN');
  assert.equal(t('{0}/{1} articles', '3', '10'), '3/10 bài');
  useLocale('en');
  assert.equal(t('{0}/{1} articles', '3', '10'), '3/10 articles');
  assert.equal(environmentLocale({ LANG: 'vi_VN.UTF-8' }), 'vi_VN.UTF-8');
  useLocale(environmentLocale({ LANG: 'vi_VN.UTF-8' }));
  assert.equal(t('Indexing articles…'), 'Đang lập chỉ mục các bài…');
  useLocale(undefined);
});
