/**
 * Quiet where there is no news (issue #14): in a code repository's folder of .txt files nothing is
 * an article and nothing gets a diagnostic; "Treat This Folder as News Articles" writes a
 * newslens.json and its files become articles; a folder of news with no newslens.json is news.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type Session } from './lspClient';
import { StatsNotification, StatsRequest, TreatAsNewsRequest, type Stats, type TreatAsNewsResult } from '../../server/src/shared/protocol';
import { tempDir } from '../helpers';

const REPO: Record<string, string> = {
  'requirements.txt': 'numpy==1.26.4\nrequests>=2.31\npandas~=2.2\npytest\n',
  'LICENSE.txt': [
    'MIT License',
    '',
    'Copyright (c) 2024 Example Authors',
    '',
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files, to deal in the Software without restriction.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY.',
  ].join('\n'),
  'build.txt': [
    '2024-05-02 10:14:03 INFO starting build of module core',
    '2024-05-02 10:14:05 WARN cache miss for key 8f2a, rebuilding the dependency graph',
    '2024-05-02 10:14:09 ERROR test suite failed: 3 of 120 tests did not pass',
    '2024-05-02 10:14:10 INFO build finished in 7.2 s',
  ].join('\n'),
  'todo.txt': '- fix the login form on mobile\n- update the docs for the new API\n- ask Minh about the release date\n- remove the old importer\n',
  'CMakeLists.txt':
    'cmake_minimum_required(VERSION 3.16)\nproject(demo LANGUAGES CXX)\nadd_executable(demo main.cpp)\ntarget_link_libraries(demo PRIVATE fmt)\n',
};

async function indexed(s: Session): Promise<Stats> {
  await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
  return s.connection.sendRequest<Stats>(StatsRequest);
}

test("a code repository's .txt files are no articles and get no diagnostics, until the folder is made news", async () => {
  const root = tempDir('newslens-quiet-');
  for (const [name, text] of Object.entries(REPO)) fs.writeFileSync(path.join(root, name), text);
  const s = await startServer({ root, keep: true });
  try {
    assert.equal((await indexed(s)).articles, 0);
    const flagged = [...s.diagnostics.values()].filter((d) => d.diagnostics.length);
    assert.deepEqual(
      flagged.map((d) => d.uri),
      [],
    );
    const r = await s.connection.sendRequest<TreatAsNewsResult>(TreatAsNewsRequest, { uri: s.uri('todo.txt') });
    assert.ok(r.ok, r.message);
    assert.equal(r.file, path.join(root, 'newslens.json'));
    assert.deepEqual(JSON.parse(fs.readFileSync(r.file!, 'utf8')), {});
    let st = await s.connection.sendRequest<Stats>(StatsRequest);
    for (const until = Date.now() + 20000; (st.articles !== Object.keys(REPO).length || st.indexing) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 50));
      st = await s.connection.sendRequest<Stats>(StatsRequest);
    }
    assert.equal(st.articles, Object.keys(REPO).length);
  } finally {
    await s.close();
  }
});

test('articles with no newslens.json are news when they read as news', async () => {
  const root = tempDir('newslens-prose-');
  for (const f of fs.readdirSync('samples')) if (f.endsWith('.txt')) fs.copyFileSync(path.join('samples', f), path.join(root, f));
  const s = await startServer({ root, keep: true });
  try {
    const st = await indexed(s);
    assert.equal(st.articles, fs.readdirSync(root).length);
    assert.ok(st.unsourced > 0);
    assert.ok([...s.diagnostics.values()].some((d) => d.diagnostics.some((x) => x.code === 'unsourced-claim')));
  } finally {
    await s.close();
  }
});
