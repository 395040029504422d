import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAnn, serializeAnn, toCodePoints, toUtf16, kindOfType } from '../../server/src/core/annotations/brat';
import { readDecisions } from '../../server/src/core/annotations/decisions';
import { applyEdit, editAnnFile, AnnWriteError } from '../../server/src/core/annotations/store';
import { importBrat } from '../../server/src/core/annotations/export';
import { analyzeTexts } from '../../server/src/core/analyze';
import { entityMentions, tagged, tempDir } from '../helpers';

const PEER = path.resolve('..', 'shared', 'peers', 'brat-conll2002');

test('a real brat corpus file that nobody here wrote is read without error', { skip: !fs.existsSync(PEER) && 'no ../shared/peers' }, () => {
  const [doc] = importBrat(PEER);
  assert.ok(doc.decisions);
  assert.deepEqual(doc.decisions!.file.errors, []);
  assert.deepEqual(doc.decisions!.problems, [], 'every span matches its text');
  const first = doc.decisions!.added[0];
  assert.deepEqual([first.text, first.kind], ['Cristina Heusel', 'person']);
  assert.ok(
    doc.decisions!.other.some((o) => o.type === 'MISC'),
    'unknown types are kept',
  );
  const original = fs.readFileSync(path.join(PEER, 'esp.train-doc-503.ann'), 'utf8');
  assert.equal(serializeAnn(parseAnn(original).lines), original, 'written back unchanged');
});

test('brat type names map to kinds case-insensitively', () => {
  assert.deepEqual(['PER', 'PERSON', 'Person', 'ORG', 'Organization', 'LOC', 'GPE', 'Location', 'DATE', 'TIMEX3', 'MISC'].map(kindOfType), [
    'person',
    'person',
    'person',
    'organization',
    'organization',
    'location',
    'location',
    'location',
    'date',
    'date',
    undefined,
  ]);
});

test('offsets count code points, also outside the Basic Multilingual Plane', () => {
  const text = '🌷 Ông Putin 🌷 nói.';
  assert.equal(text.indexOf('Putin'), 7);
  assert.equal(toCodePoints(text, 7), 6);
  assert.equal(toUtf16(text, 6), 7);
  const ann = `T1\tPerson 6 11\tPutin\n`;
  const d = readDecisions(ann, text);
  assert.deepEqual([d.added[0].start, d.added[0].end], [7, 12]);
  assert.deepEqual(d.moved, []);
  const lines = applyEdit([], text, { action: 'annotate', start: text.indexOf('nói'), end: text.indexOf('nói') + 3, kind: 'date' });
  assert.match(serializeAnn(lines), /^T1\tDate 14 17\tnói$/m);
});

test("the user's decisions win over the analysis, and the analysis shows the merge of both", () => {
  const text = 'Ông Kim gặp Tổng thống Putin tại Vladivostok. Làng Vũ Đại rất đẹp.';
  const ann = [
    'T1\tLocation 34 45\tVladivostok',
    'A1\tRejected T1',
    `T2\tLocation ${text.indexOf('Làng')} ${text.indexOf(' rất')}\tLàng Vũ Đại`,
    'T3\tEvent 4 7\tKim',
  ].join('\n');
  const r = analyzeTexts([{ path: 'a.txt', text, meta: {}, decisions: readDecisions(ann, text) }]);
  assert.deepEqual(tagged(r.documents[0]), ['Kim:person', 'Putin:person', 'Làng Vũ Đại:location']);
  assert.equal(entityMentions(r.documents[0]).find((m) => m.text === 'Làng Vũ Đại')!.origin, 'user');
});

test('edits move annotations with their words; deleted words drop them with a message', () => {
  const before = 'Ông Putin nói. Ông Kim nghe.';
  const ann = `T1\tPerson 4 9\tPutin\nT2\tPerson 18 21\tKim\n`;
  const after = 'Hôm qua, ông Putin nói. Ông nghe.';
  const d = readDecisions(ann, after);
  assert.deepEqual(
    d.added.map((a) => [a.text, a.start]),
    [['Putin', after.indexOf('Putin')]],
  );
  assert.deepEqual(
    d.moved.map((m) => m.id),
    ['T1'],
  );
  assert.equal(d.problems.length, 1);
  assert.match(d.problems[0].message, /T2 "Kim" .* no longer in the article/);
  void before;
});

test('an .ann that cannot be parsed is never overwritten; writes are atomic', () => {
  const dir = tempDir('nl-ann-');
  const file = path.join(dir, 'a.ann');
  const broken = 'T1\tPerson four nine\tPutin\n';
  fs.writeFileSync(file, broken);
  assert.throws(() => editAnnFile(file, (l) => l), AnnWriteError);
  assert.equal(fs.readFileSync(file, 'utf8'), broken);
  fs.writeFileSync(file, 'T1\tPerson 4 9\tPutin\n#1\tAnnotatorNotes T1\tthe president\n');
  editAnnFile(file, (l) => applyEdit(l, 'Ông Putin nói.', { action: 'reject', start: 4, end: 9, kind: 'person' }));
  const now = fs.readFileSync(file, 'utf8');
  assert.match(now, /^T\d\tPerson 4 9\tPutin$/m);
  assert.match(now, /^A1\tRejected T\d$/m);
  assert.deepEqual(fs.readdirSync(dir), ['a.ann']);
});

test('export → import round trip on the samples loses nothing', () => {
  const out = tempDir('nl-export-');
  const cli = (args: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli.js'), ...args], { encoding: 'utf8' });
  const exp = cli(['export', '--format', 'brat', 'samples', '--out', out]);
  assert.equal(exp.status, 0, exp.stderr);
  assert.ok(fs.existsSync(path.join(out, 'annotation.conf')));
  const imp = cli(['import', '--format', 'brat', out]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.equal(imp.stderr, '');
  const a = JSON.parse(cli(['analyze', '--json', 'samples']).stdout);
  const b = JSON.parse(cli(['analyze', '--json', out]).stdout);
  for (let i = 0; i < a.documents.length; i++) {
    const key = (m: any) => `${m.start}-${m.end}-${m.kind}-${m.value ?? ''}`;
    assert.deepEqual(b.documents[i].mentions.map(key), a.documents[i].mentions.map(key), a.documents[i].path);
    assert.deepEqual(
      b.documents[i].claims.map((c: any) => `${c.start}-${c.status}`),
      a.documents[i].claims.map((c: any) => `${c.start}-${c.status}`),
    );
  }
  // Entity groups are the same partition of mentions.
  const groups = (r: any) =>
    JSON.stringify(
      r.documents.flatMap((d: any) =>
        d.mentions.filter((m: any) => m.entity).map((m: any) => r.documents.flatMap((x: any) => x.mentions).findIndex((y: any) => y.entity === m.entity)),
      ),
    );
  assert.equal(groups(b), groups(a));
  for (const f of ['conll', 'jsonl', 'webanno']) assert.equal(cli(['export', '--format', f, 'samples', '--out', path.join(out, f)]).status, 0);
  const jsonl = fs
    .readFileSync(path.join(out, 'jsonl', 'news-lens.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const first = jsonl[0];
  const [s, e, label] = first.label[0];
  assert.deepEqual([[...first.text].slice(s, e).join(''), label], ['Tổ Quốc', 'ORG']);
  const conll = fs.readFileSync(path.join(out, 'conll', 'news-lens.conll'), 'utf8');
  assert.equal(conll.match(/-DOCSTART-/g)!.length, 5);
  assert.match(conll, /^Kim B-PER\nJong-un I-PER$/m);
  const wa = JSON.parse(fs.readFileSync(path.join(out, 'webanno', 'news-lens.jsonld'), 'utf8'));
  assert.equal(wa['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.ok(wa.first.items.some((x: any) => x.target.selector[1].exact === 'Vladimir Putin'));
});
