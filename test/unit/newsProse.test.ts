import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readsAsNews } from '../../server/src/core/text/newsProse';
import { sampleFiles } from '../helpers';

test('news articles read as news, Vietnamese or English', () => {
  for (const f of sampleFiles()) assert.ok(readsAsNews(fs.readFileSync(f, 'utf8')).news, f);
  const vi = [
    'Hà Nội yêu cầu rà soát các công trình xây dựng trái phép',
    'Sáng 12/3, UBND thành phố Hà Nội đã ban hành văn bản yêu cầu các quận, huyện rà soát toàn bộ các công trình xây dựng không phép trên địa bàn trước ngày 30/4.',
    'Theo văn bản này, chủ tịch UBND các quận, huyện sẽ phải chịu trách nhiệm nếu để xảy ra vi phạm kéo dài mà không xử lý kịp thời.',
  ].join('\n');
  assert.deepEqual(readsAsNews(vi), { news: true, why: 'sentences of Vietnamese prose' });
  const en =
    'The central bank raised its key interest rate by a quarter of a point on Tuesday, the third increase this year.\nOfficials said that inflation had stayed above the target for most of the past twelve months and that further rises were possible.';
  assert.deepEqual(readsAsNews(en), { news: true, why: 'sentences of English prose' });
});

test('code, configuration, logs, lists, licences and other languages do not', () => {
  const cases: [string, string][] = [
    ['numpy==1.26.4\nrequests>=2.31\npandas~=2.2\n', 'code or configuration'],
    ['[server]\nport = 8080\nhost = 0.0.0.0\nworkers = 4\n', 'code or configuration'],
    ['2024-05-02 10:14:03 INFO starting build\n2024-05-02 10:14:05 WARN cache miss\n2024-05-02 10:14:09 ERROR failed\n', 'a log'],
    ['- fix the login form on mobile\n- update the docs for the new API\n- ask about the release date\n- remove the old importer\n', 'a list'],
    [
      'Copyright (c) 2024 Example\nPermission is hereby granted, free of charge, to any person obtaining a copy.\nTHE SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND.\n',
      'a licence',
    ],
    [
      'Der Gemeinderat hat am Dienstag beschlossen, die neue Brücke über den Fluss noch in diesem Jahr zu bauen und die Kosten zu teilen.\nDie Arbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern, sagte die Bürgermeisterin.',
      'prose, but neither Vietnamese nor English',
    ],
    ['', 'empty'],
  ];
  for (const [text, why] of cases) assert.deepEqual(readsAsNews(text), { news: false, why }, text);
});
