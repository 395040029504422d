import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAnn, serializeAnn, spanFields } from '../../server/src/core/annotations/brat';
import { readDecisions } from '../../server/src/core/annotations/decisions';
import { applyEdit, applyMoves, editAnnFile, AnnWriteError } from '../../server/src/core/annotations/store';
import { toBrat } from '../../server/src/core/annotations/export';
import { analyzeTexts } from '../../server/src/core/analyze';
import type { CollectionResult, DocumentResult } from '../../server/src/core/types';
import { tempDir } from '../helpers';

const PEER = path.resolve('..', 'shared', 'peers', 'brat-conll2002');
const noPeer = !fs.existsSync(path.join(PEER, 'esp.train-doc-503.ann')) && 'no ../shared/peers/brat-conll2002';

const tmp = () => tempDir('nl-fidelity-');
const roundTrip = (s: string) => serializeAnn(parseAnn(s).lines);

/**
 * The peer's brat corpus file (read here, not copied) with what brat files also hold and News Lens
 * does not use: relations, events, equivalences, attributes and notes on them, a normalisation to
 * another database, a discontinuous span, a blank line and odd spacing.
 */
function richAnn(): { ann: string; text: string } {
  const text = fs.readFileSync(path.join(PEER, 'esp.train-doc-503.txt'), 'utf8');
  const lines = fs.readFileSync(path.join(PEER, 'esp.train-doc-503.ann'), 'utf8').trimEnd().split('\n');
  const cps = [...text];
  const at = (s: number, e: number) => cps.slice(s, e).join('');
  assert.equal(at(129, 146), 'La Primera de TVE');
  const extra = [
    'R1\tOrigin Arg1:T3 Arg2:T2',
    'E1\tBroadcast:T4 Agent:T3 Place:T8',
    'A1\tNegation E1',
    'M1\tSpeculation E1',
    'A2\tCertainty E1 High',
    '*\tEquiv T10 T18',
    '#1\tAnnotatorNotes R1\tthe agency is in Madrid',
    '#2\tAnnotatorNotes T7\tthe club\twith a tab',
    'N1\tReference T6 Wikipedia:Real_Madrid_CF\tReal Madrid',
    '',
    `T999\tORG 129 139;143 146\t${at(129, 139)} ${at(143, 146)}`,
  ];
  const odd = lines.map((l) => l.replace(/^(T49\tMISC) (\d+) (\d+)/, '$1 $2  $3'));
  assert.notDeepEqual(odd, lines);
  return { ann: [...odd.slice(0, 10), ...extra, ...odd.slice(10)].join('\n') + '\n', text };
}

test('a real brat file with relations, events, equivalences, attributes and notes is written back byte for byte', { skip: noPeer }, () => {
  const { ann, text } = richAnn();
  assert.equal(roundTrip(ann), ann);
  assert.equal(roundTrip(ann.replace(/\n/g, '\r\n')), ann.replace(/\n/g, '\r\n'), 'CRLF line breaks');
  assert.equal(roundTrip(ann.trimEnd()), ann.trimEnd(), 'no line break at the end');
  assert.equal(roundTrip('\uFEFF' + ann), '\uFEFF' + ann, 'a byte order mark');
  assert.equal(roundTrip(ann.replace('\nR1\t', '\n\n  \nR1\t')), ann.replace('\nR1\t', '\n\n  \nR1\t'), 'blank lines');
  const d = readDecisions(ann, text);
  assert.deepEqual(d.file.errors, []);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.warnings, []);
  // The discontinuous span: from the start of its first fragment to the end of its last.
  const t999 = d.added.find((m) => m.id === 'T999')!;
  assert.deepEqual([t999.start, t999.end, t999.kind], [129, 146, 'organization']);
  assert.equal(d.file.lines.filter((l) => 'RE*'.includes(l.tag) && l.tag).length, 3);
});

test('edits to a real brat file change only their lines; references stay valid', { skip: noPeer }, () => {
  const { ann, text } = richAnn();
  const dir = tmp();
  const file = path.join(dir, 'doc.ann');
  fs.writeFileSync(file, ann);
  const edit = (e: Parameters<typeof applyEdit>[2]) => editAnnFile(file, (lines) => applyEdit(lines, text, e));

  // Accepting a suggestion where brat's PER already is: the T line stays as it is, a decision is added.
  assert.equal(edit({ action: 'accept', start: 4, end: 19, kind: 'person' }), ann + 'A3\tConfirmed T1\n');
  // Another kind for T2, an argument of R1: the same line (same id, same place) with the new type.
  const now = edit({ action: 'annotate', start: 20, end: 26, kind: 'organization' });
  assert.equal(now, (ann + 'A3\tConfirmed T1\n').replace('T2\tLOC 20 26\tMadrid\n', 'T2\tOrganization 20 26\tMadrid\n'));
  // Removing an argument of a relation would break the relation: refused, nothing written.
  assert.throws(
    () => edit({ action: 'remove', offset: 37 }),
    (e: Error) => e instanceof AnnWriteError && /T3 "EFE" is an argument of R1/.test(e.message),
  );
  assert.equal(fs.readFileSync(file, 'utf8'), now);
  // Removing one nothing refers to takes its line and its notes, nothing else.
  const removed = edit({ action: 'remove', offset: 233 });
  assert.equal(removed, now.replace('T7\tORG 231 239\tValencia\n', '').replace('#2\tAnnotatorNotes T7\tthe club\twith a tab\n', ''));
  assert.notEqual(removed, now);
  // Types News Lens does not use are not removed from under the cursor.
  assert.throws(() => edit({ action: 'remove', offset: 190 }), /no annotation of yours/);
  // CRLF files get CRLF lines.
  fs.writeFileSync(file, ann.replace(/\n/g, '\r\n'));
  assert.equal(edit({ action: 'reject', start: 36, end: 39, kind: 'organization' }), ann.replace(/\n/g, '\r\n') + 'A3\tRejected T3\r\n');
  // A file without a line break at its end gets one before the new line.
  fs.writeFileSync(file, ann.trimEnd());
  assert.equal(edit({ action: 'reject', start: 36, end: 39, kind: 'organization' }), ann + 'A3\tRejected T3\n');
});

test('an edit that changes nothing does not write the file', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.ann');
  const ann = 'T1\tPER 4 9\tPutin\r\nR1\tKnows Arg1:T1 Arg2:T1';
  fs.writeFileSync(file, ann);
  const old = new Date('2001-01-01T00:00:00Z');
  fs.utimesSync(file, old, old);
  assert.equal(
    editAnnFile(file, (lines) => lines),
    ann,
  );
  assert.equal(fs.statSync(file).mtime.getTime(), old.getTime());
  assert.equal(fs.readFileSync(file, 'utf8'), ann);
});

test('a span across line breaks is written as fragments, and read back', () => {
  const text = '🌷 Ông Kim nói rằng\nhội đàm\n\nrất tốt.';
  const lines = applyEdit([], text, { action: 'claim', start: 0, end: text.length, status: 'unsourced' });
  // Code points: the flower is one. The blank line gives no fragment.
  assert.equal(serializeAnn(lines), 'T1\tClaim 0 18;19 26;28 36\t🌷 Ông Kim nói rằng hội đàm rất tốt.\nA1\tStatus T1 unsourced\n');
  const d = readDecisions(serializeAnn(lines), text);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.moved, []);
  assert.deepEqual(
    d.claims.map((c) => [c.start, c.end, c.status]),
    [[0, text.length, 'unsourced']],
  );
  // CRLF: neither character is in a fragment.
  const crlf = 'Ông Kim nói\r\nrằng hội đàm tốt.';
  assert.deepEqual(spanFields(crlf, 0, crlf.length), {
    spans: [
      [0, 11],
      [13, 30],
    ],
    text: 'Ông Kim nói rằng hội đàm tốt.',
  });
  // A span that starts or ends at a line break leaves it out.
  assert.deepEqual(spanFields('a\nKim\nb', 1, 6), { spans: [[2, 5]], text: 'Kim' });
  assert.deepEqual(spanFields('Kim', 0, 3), { spans: [[0, 3]], text: 'Kim' });
  // A mention annotated over a line break, too.
  const m = applyEdit([], 'Ngân hàng\nNhà nước nói.', { action: 'annotate', start: 0, end: 18, kind: 'organization' });
  assert.equal(serializeAnn(m), 'T1\tOrganization 0 9;10 18\tNgân hàng Nhà nước\n');
  assert.deepEqual(
    readDecisions(serializeAnn(m), 'Ngân hàng\nNhà nước nói.').added.map((x) => [x.start, x.end, x.text]),
    [[0, 18, 'Ngân hàng\nNhà nước']],
  );
});

test('discontinuous spans are read, used from their first start to their last end, and kept as written', () => {
  const text = 'Ngân hàng và Quỹ Tiền tệ Quốc tế họp tại Hà Nội.';
  const ann = `T1\tOrganization 0 9;25 32\tNgân hàng Quốc tế\nT2\tLocation 41 47\tHà Nội\n`;
  const d = readDecisions(ann, text);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(
    d.added.map((m) => [m.id, m.start, m.end]),
    [
      ['T1', 0, 32],
      ['T2', 41, 47],
    ],
  );
  const after = serializeAnn(applyEdit(d.file.lines, text, { action: 'reject', start: 41, end: 47, kind: 'location' }));
  assert.equal(after, ann + 'A1\tRejected T2\n');
});

test('an annotation over a line break whose words moved is found again and rewritten as fragments', () => {
  const before = 'Ông Kim nói rằng\nhội đàm rất tốt.';
  const ann = serializeAnn(applyEdit([], before, { action: 'claim', start: 0, end: before.length, status: 'vague' }));
  const after = 'Hôm qua, ' + before.replace('\n', '\r\n');
  const d = readDecisions(ann, after);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.moved, [{ id: 'T1', start: 9, end: after.length }]);
  const moved = serializeAnn(applyMoves(d.file.lines, after, d.moved));
  assert.equal(moved, 'T1\tClaim 9 25;27 43\tÔng Kim nói rằng hội đàm rất tốt.\nA1\tStatus T1 vague\n');
  assert.deepEqual(readDecisions(moved, after).moved, []);
});

test('the brat export writes claims and mentions over line breaks as fragments', () => {
  const text = 'Tổng thống Vladimir\nPutin nói rằng\nhội đàm rất tốt.';
  const putin = { start: 11, end: 25, text: 'Vladimir\nPutin', kind: 'person', origin: 'rule' };
  const doc = { path: 'a.txt', mentions: [putin], claims: [{ start: 0, end: text.length, status: 'unsourced' }], sentences: [] } as unknown as DocumentResult;
  const ann = toBrat(doc, text, { documents: [doc], entities: [] } as unknown as CollectionResult);
  assert.equal(
    ann,
    'T1\tPerson 11 19;20 25\tVladimir Putin\nT2\tClaim 0 19;20 34;35 51\tTổng thống Vladimir Putin nói rằng hội đàm rất tốt.\nA1\tStatus T2 unsourced\n',
  );
  const d = readDecisions(ann, text);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(
    d.added.map((m) => [m.start, m.end]),
    [[11, 25]],
  );
  assert.deepEqual(
    d.claims.map((c) => [c.start, c.end]),
    [[0, text.length]],
  );
});

test('offsets past the end of the article: reported by line, the .ann not used and never overwritten', () => {
  const text = 'Ông Putin nói.';
  const ann = 'T1\tPerson 4 9\tPutin\nT2\tPerson 40 45\tTrump\nA1\tRejected T2\n';
  const d = readDecisions(ann, text);
  assert.deepEqual(
    d.file.errors.map((e) => e.line),
    [2],
  );
  assert.match(d.file.errors[0].message, /^T2 "Trump" \(Person\) ends at 45, past the end of the article \(14 characters\)/);
  assert.deepEqual(
    d.problems.map((p) => p.line),
    [2],
  );
  const dir = tmp();
  const file = path.join(dir, 'a.ann');
  fs.writeFileSync(file, ann);
  assert.throws(
    () => editAnnFile(file, (lines) => applyEdit(lines, text, { action: 'annotate', start: 0, end: 3, kind: 'person' })),
    (e: Error) => e instanceof AnnWriteError && /line 2/.test(e.message),
  );
  assert.throws(() => editAnnFile(file, (lines) => applyMoves(lines, text, [])), AnnWriteError);
  assert.equal(fs.readFileSync(file, 'utf8'), ann);
  // Past the end, but its words are found again nearby (the article got shorter before it): moved, not an error.
  const shorter = readDecisions('T1\tPerson 30 35\tPutin\n', text);
  assert.deepEqual(shorter.file.errors, []);
  assert.deepEqual(shorter.moved, [{ id: 'T1', start: 4, end: 9 }]);
});

test('spans that overlap strangely: fragments out of order are errors; crossing mentions are warnings by line', () => {
  const bad = readDecisions('T1\tPerson 4 9\tPutin\nT2\tPerson 5 9;0 3\tutin Ông\nT3\tPerson 0 5;3 9\tÔng P Putin\n', 'Ông Putin nói.');
  assert.deepEqual(
    bad.file.errors.map((e) => [e.line, e.message.replace(/:.*/, '')]),
    [
      [2, 'the fragments of a span overlap or are out of order'],
      [3, 'the fragments of a span overlap or are out of order'],
    ],
  );
  const text = 'Ông Kim Jong-un gặp Tổng thống Putin tại Vladivostok.';
  const ann = [
    'T1\tPerson 4 15\tKim Jong-un',
    'T2\tOrganization 8 19\tJong-un gặp',
    `T3\tPerson 31 36\tPutin`,
    `T4\tLocation 31 36\tPutin`,
    `T5\tLocation 41 52\tVladivostok`,
    `T6\tLocation 41 46\tVladi`,
    `T7\tMISC 0 15\tÔng Kim Jong-un`,
  ].join('\n');
  const d = readDecisions(ann, text);
  assert.deepEqual(d.file.errors, []);
  assert.deepEqual(
    d.warnings.map((w) => w.line),
    [2, 4],
    'nested spans and types News Lens does not use are not warned about',
  );
  assert.match(d.warnings[0].message, /^T2 "Jong-un gặp" \(organization\) crosses T1 "Kim Jong-un" \(person\); only T2, the later line, is used$/);
  assert.match(d.warnings[1].message, /^T4 "Putin" \(location\) annotates the words of T3 again, as a location rather than a person; only T4/);
  // What the warning says is what the analysis does.
  const r = analyzeTexts([{ path: 'a.txt', text, meta: {}, decisions: d }]);
  const at = (s: number) => r.documents[0].mentions.filter((m) => m.start === s).map((m) => `${m.text}:${m.kind}`);
  assert.deepEqual(at(8), ['Jong-un gặp:organization']);
  assert.deepEqual(at(4), []);
  assert.deepEqual(at(31), ['Putin:location']);
});

test('lines that do not parse, or repeat an id, are reported by line; the file is never overwritten', () => {
  const ann = 'T1\tPerson 4 9\tPutin\nX1\twhat is this\nT2\tPerson four nine\tPutin\n\nT1\tPerson 0 3\tÔng\nA1\tRejected\n';
  const d = readDecisions(ann, 'Ông Putin nói.');
  assert.deepEqual(
    d.file.errors.map((e) => e.line),
    [2, 3, 5, 6],
  );
  assert.match(d.file.errors[2].message, /^the id T1 is already used on line 1$/);
  const dir = tmp();
  const file = path.join(dir, 'a.ann');
  fs.writeFileSync(file, ann);
  assert.throws(
    () => editAnnFile(file, (lines) => lines),
    (e: Error) => e instanceof AnnWriteError && /4 line\(s\).*line 2/.test(e.message),
  );
  assert.equal(fs.readFileSync(file, 'utf8'), ann);
});

test('an .ann that is not valid UTF-8 is never overwritten; one with a byte order mark is read', () => {
  const dir = tmp();
  const file = path.join(dir, 'a.ann');
  const latin1 = Buffer.from('T1\tPerson 0 4\tJos\xe9\n', 'latin1');
  fs.writeFileSync(file, latin1);
  assert.throws(() => editAnnFile(file, (lines) => applyEdit(lines, 'José nói.', { action: 'annotate', start: 0, end: 4, kind: 'person' })), /not valid UTF-8/);
  assert.deepEqual(fs.readFileSync(file), latin1);
  const bom = '\uFEFFT1\tPerson 4 9\tPutin\n';
  const d = readDecisions(bom, 'Ông Putin nói.');
  assert.deepEqual(d.file.errors, []);
  assert.deepEqual(
    d.added.map((m) => m.text),
    ['Putin'],
  );
  fs.writeFileSync(file, bom);
  assert.equal(
    editAnnFile(file, (lines) => applyEdit(lines, 'Ông Putin nói.', { action: 'reject', start: 4, end: 9, kind: 'person' })),
    bom + 'A1\tRejected T1\n',
  );
});
