/**
 * The tokenizer's word scan and the date patterns' sticky runs at candidate positions stand in for
 * global Unicode regex scans; these tests hold them to the same results, and so do the other
 * shortcuts of the preparation (white space tested on char codes, gazetteer scans cut short).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { forEachWord } from '../../server/src/core/text/tokens';
import { PATTERNS } from '../../server/src/core/dates/recognize';
import { matchesAt, startFinder } from '../../server/src/core/dates/starts';
import { normalize } from '../../server/src/core/text/normalize';
import { isSpaceCode, splitSentences } from '../../server/src/core/text/sentences';
import { tokenize } from '../../server/src/core/text/tokens';
import { recognizeDates } from '../../server/src/core/dates/recognize';
import { recognizeEntities, type Lookup } from '../../server/src/core/entities/recognize';
import { keyPrefixes, lang, phraseKey, type GazetteerEntry } from '../../server/src/core/lang/knowledge';
import { sampleFiles } from '../helpers';

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐‑.'’&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\+?/gu;

const odd = [
  '',
  'a',
  'x-',
  'x--y',
  "it's",
  'A&B+',
  'a.b.c.',
  '1,000',
  'đó.Ông',
  '\u0301abc',
  "a'\u0301",
  'a\u{1D400}b-\u{1D401}',
  '\ud800a',
  'a\udc00b',
  '\u{1F600}Hà Nội',
  'CNsáng 24/4',
  'ſáng 24/4',
  ' ;  2019, (  2019',
  'Thứ Hai, 3-4',
  '\u{1D400} 12/3',
  'x\u{10400}24/4',
  'NGÀY 24 THÁNG 4 NĂM 2019',
  'Tới Ngày 3/4',
  'mùa Thu 2018',
  'Hôm qua (23/4), tuần trước, 2 năm trước, quý III/2018, thập niên 1990, Giáng sinh năm ngoái',
];

function texts(): string[] {
  const samples = sampleFiles().map((f) => normalize(fs.readFileSync(f, 'utf8')).text);
  return [...samples, ...odd];
}

/** Random strings over an alphabet of letters, digits, joiners, marks, astral and lone surrogates. */
function fuzz(n: number): string[] {
  const alphabet = [
    'a',
    'Ả',
    'ư',
    '1',
    '-',
    '‐',
    '‑',
    '.',
    "'",
    '’',
    '&',
    '+',
    ' ',
    '\u0301',
    '\u{1D400}',
    '\u{1F600}',
    '\ud800',
    '\udc00',
    '\u0660',
    '_',
    ',',
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    const len = Math.floor(random() * 10);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(random() * alphabet.length)];
    out.push(s);
  }
  return out;
}

test('the word scan finds the words the global word pattern finds', () => {
  for (const text of [...texts(), ...fuzz(20000)]) {
    const expected = [...text.matchAll(WORD)].map((m) => [m.index, m[0]]);
    const found: [number, string][] = [];
    forEachWord(text, (at, word) => found.push([at, word]));
    assert.deepEqual(found, expected, JSON.stringify(text.slice(0, 80)));
  }
});

test('every date pattern finds at its candidate positions what a global scan finds', () => {
  const find = startFinder(PATTERNS.map((p) => p.starts));
  for (const text of texts()) {
    const starts = find(text);
    PATTERNS.forEach((p, i) => {
      const global = new RegExp(p.re.source, 'giu');
      const expected = [...text.matchAll(global)].map((m) => [m.index, m[0]]);
      const found = [...matchesAt(p.re, text, starts[i])].map((m) => [m.index, m[0]]);
      assert.deepEqual(found, expected, `pattern ${i} on ${JSON.stringify(text.slice(0, 60))}`);
    });
  }
});

test('white space tested on a char code is what /\\s/ matches', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
});

test('a lookup that lists its keys and their starts finds the names one without the list finds', () => {
  const own = new Map<string, GazetteerEntry>();
  for (const [name, kind] of [
    ['Công ty Sông Đà-Thăng Long', 'organization'],
    ['nhà máy Z-30', 'organization'],
    ['Lê Văn Tám', 'person'],
  ] as const)
    own.set(phraseKey(name), { id: `registry:${name}`, kind, name, origin: 'registry', ...(/^\p{Ll}/u.test(name) ? { lowerStart: true } : {}) });
  const plain: Lookup = (k) => own.get(k) ?? lang.gazetteer.get(k);
  const ownKeys = keyPrefixes(own.keys());
  const listed: Lookup = Object.assign((k: string) => own.get(k) ?? lang.gazetteer.get(k), {
    startsKey: (k: string) => ownKeys.has(k) || lang.gazetteerKeys.has(k),
  });
  const news = [
    'Ông Lê Văn Tám, giám đốc Công ty Sông Đà-Thăng Long, cho biết nhà máy Z-30 tại Bà Rịa-Vũng Tàu đã hoạt động trở lại.',
    'Chủ tịch Kim Jong-un rời Bình Nhưỡng; điện Kremlin xác nhận cuộc gặp ở Thừa Thiên - Huế không diễn ra.',
  ];
  for (const text of [...texts(), ...news]) {
    const tokens = tokenize(text);
    const sentences = splitSentences(text);
    const dates = recognizeDates(text);
    assert.deepEqual(
      recognizeEntities(text, tokens, sentences, dates, listed),
      recognizeEntities(text, tokens, sentences, dates, plain),
      JSON.stringify(text.slice(0, 60)),
    );
  }
});
