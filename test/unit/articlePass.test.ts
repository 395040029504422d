/**
 * The per-article collection pass (server/src/core/resolve/articlePass.ts): names found again in
 * lower case or misspelt, kinds settled by the collection's votes, person words, final mentions,
 * and the fingerprints that say which articles a newly known name may be found in. The
 * collection's view is built from real KnownNames and KindVotes fed with recognised sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summarize } from '../../server/src/core/summary';
import type { ArticleSummary } from '../../server/src/core/summary';
import type { EntityMention, RegistryEntity } from '../../server/src/core/types';
import type { Candidate } from '../../server/src/core/entities/recognize';
import { normalize } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokens';
import { KindVotes } from '../../server/src/core/resolve/kindVotes';
import { KnownNames, knownContributions } from '../../server/src/core/resolve/knownNames';
import {
  decideKind,
  finalMentions,
  findablePhrases,
  hash32,
  hasHash,
  loneWords,
  misspellable,
  personWords,
  refind,
  sortedHashes,
  type ArticleInput,
  type CollectionView,
} from '../../server/src/core/resolve/articlePass';

const summaryOf = (text: string, registry?: RegistryEntity[]) => summarize({ path: 'a.txt', text, meta: {}, registry });

/** A read-only view of a collection made of these articles (and these person words). */
function viewOf(texts: string[], words: string[] = [], registry?: RegistryEntity[]): CollectionView {
  const votes = new KindVotes();
  const known = new KnownNames();
  for (const t of texts) {
    const s = summaryOf(t, registry);
    votes.add(s.candidates, 1);
    known.add(knownContributions(s.candidates), 1);
  }
  votes.takeChanged();
  known.takeChanged();
  const set = new Set(words);
  return {
    known: (k) => known.get(k),
    foreignSingles: (f) => known.foreignSingles(f),
    verdict: (k) => votes.verdict(k),
    personWord: (w) => set.has(w),
  };
}

/** What refind is given for an article, as the collection builds it from the summary. */
function inputOf(text: string, s: ArticleSummary = summaryOf(text)): ArticleInput {
  const norm = normalize(text);
  return { candidates: s.candidates, tokens: tokenize(norm.text), text: norm.text, blocked: [...s.dates, ...s.suppressed] };
}

const added = (found: Candidate[]) => found.filter((c) => c.origin === 'collection');
const brief = (c: Candidate) => ({ text: c.text, kind: c.kind, id: c.id, strength: c.strength, foreign: c.foreign });

const FOXCONN = 'Công ty Foxconn sẽ mở nhà máy mới tại Bắc Giang.';
const SUMMIT = 'Tổng thống Vladimir Putin gặp ông Kim Jong-un tại Vladivostok.';
const ZELENSKY_FULL = 'Tổng thống Volodymyr Zelensky phát biểu tại Kyiv.';
const ZELENSKY = 'Ông Zelensky kêu gọi thêm viện trợ.';
const IVANOV = 'Ông Ivanov nói với phóng viên.';
const LINCOLN_PERSON = 'Ông Lincoln phát biểu trước quốc hội.';
const LINCOLN_PLACE = 'Cuộc mít tinh diễn ra tại thành phố Lincoln.';

test('refind finds a name known from another article written in lower case', () => {
  const text = 'Đại diện foxconn từ chối bình luận.';
  assert.deepEqual(added(refind(inputOf(text), viewOf([]))), [], 'unknown, it stays a word');
  const found = added(refind(inputOf(text), viewOf([FOXCONN])));
  assert.deepEqual(found.map(brief), [{ text: 'foxconn', kind: 'organization', id: undefined, strength: 2, foreign: true }]);
  assert.equal(found[0].start, text.indexOf('foxconn'));
  assert.equal(found[0].before, 'diện');
});

test('refind finds a known name of several words in lower case', () => {
  const text = 'Theo volodymyr zelensky, Nga phải rút quân.';
  const found = added(refind(inputOf(text), viewOf([ZELENSKY_FULL])));
  assert.deepEqual(found.map(brief), [{ text: 'volodymyr zelensky', kind: 'person', id: undefined, strength: 2, foreign: true }]);
});

test('refind lengthens a short form into the known full name, keeping its title', () => {
  const text = 'Ông Kim jong-un đến Nga.';
  const s = summaryOf(text);
  assert.ok(
    s.candidates.some((c) => c.text === 'Kim'),
    'alone, the article has "Kim"',
  );
  const found = refind(inputOf(text, s), viewOf([SUMMIT]));
  assert.ok(!found.some((c) => c.text === 'Kim'));
  const kim = found.find((c) => c.text === 'Kim jong-un');
  assert.ok(kim);
  assert.equal(kim.kind, 'person');
  assert.equal(kim.title, 'ông');
});

test('refind finds a one-letter misspelling of a known one-word foreign name', () => {
  // "reuters" is a gazetteer name, known before any article.
  const found = added(refind(inputOf('Theo hãng tin reuter, hai bên đã nhất trí.'), viewOf([])));
  assert.deepEqual(found.map(brief), [{ text: 'reuter', kind: 'organization', id: 'reuters', strength: 2, foreign: true }]);
  // A name known from an article is found misspelt too, but not two letters off.
  const view = viewOf([FOXCONN]);
  assert.deepEqual(
    added(refind(inputOf('Đại diện foxcon từ chối bình luận.'), view)).map((c) => c.text),
    ['foxcon'],
  );
  assert.deepEqual(added(refind(inputOf('Đại diện foxcn từ chối bình luận.'), view)), []);
});

test('refind leaves a misspelling alone when two known names are as close', () => {
  const text = 'Đoàn công tác đã đến ivanovo hôm qua.';
  assert.deepEqual(
    added(refind(inputOf(text), viewOf([IVANOV]))).map((c) => c.text),
    ['ivanovo'],
  );
  assert.deepEqual(added(refind(inputOf(text), viewOf([IVANOV, 'Bà Ivanova cho biết thêm.']))), []);
});

test('refind does not override a longer candidate, nor a typed one of the same span', () => {
  // "Zelensky" alone is known, but here it is part of the full name.
  const full = inputOf(ZELENSKY_FULL);
  assert.deepEqual(refind(full, viewOf([ZELENSKY])), full.candidates);
  // Known mostly as a person, "thành phố Lincoln" keeps the candidate its cue made.
  const place = inputOf(LINCOLN_PLACE);
  assert.deepEqual(refind(place, viewOf([LINCOLN_PERSON, LINCOLN_PERSON])), place.candidates);
});

test('refind replaces an untyped candidate of the same span', () => {
  const text = 'Ông Ivanov nói với phóng viên. Ivanov từng làm đại sứ.';
  const input = inputOf(text);
  const weak = input.candidates[1];
  assert.deepEqual([weak.text, weak.kind, weak.initial], ['Ivanov', undefined, true]);
  const found = refind(input, viewOf([IVANOV]));
  assert.equal(found.length, 2);
  assert.deepEqual(found[0], input.candidates[0], 'the typed one stays');
  assert.deepEqual([found[1].start, found[1].kind, found[1].origin, found[1].initial], [weak.start, 'person', 'collection', false]);
});

test('refind finds nothing in a span the article blocked (a date, a suppressed product name, a rejected suggestion)', () => {
  const text = 'Đại diện foxconn từ chối bình luận.';
  const input = inputOf(text);
  const at = text.indexOf('foxconn');
  assert.deepEqual(added(refind({ ...input, blocked: [{ start: at, end: at + 7 }] }, viewOf([FOXCONN]))), []);
});

test('decideKind follows a strong verdict of the collection', () => {
  const weak = summaryOf('Ông Nguyễn Tiến Minh cho biết dự án sẽ hoàn thành. Ivanov từng làm đại sứ.').candidates.find((c) => c.text === 'Ivanov')!;
  assert.equal(weak.kind, undefined);
  assert.equal(decideKind(weak, viewOf([])), undefined);
  assert.equal(decideKind(weak, viewOf([IVANOV])), 'person');

  const place = summaryOf(LINCOLN_PLACE).candidates[0];
  assert.equal(decideKind(place, viewOf([LINCOLN_PLACE, LINCOLN_PERSON])), 'location', 'a tie beats nothing');
  assert.equal(decideKind(place, viewOf([LINCOLN_PLACE, LINCOLN_PERSON, LINCOLN_PERSON])), 'person', 'one sense per collection');
});

test('decideKind keeps a gazetteer kind and the local kind of a lone Vietnamese syllable', () => {
  const registry: RegistryEntity[] = [{ id: 'g-washington', name: 'Washington', kind: 'person', aliases: [] }];
  const asPerson = 'Ông Washington nói với phóng viên.';
  const view = viewOf([asPerson, asPerson, asPerson, 'Hội nghị diễn ra tại Washington.'], [], registry);
  const [gaz] = summaryOf('Hội nghị diễn ra tại Washington.').candidates;
  assert.deepEqual([gaz.kind, gaz.strength], ['location', 3]);
  assert.equal(view.verdict('washington').best, 'person');
  assert.equal(decideKind(gaz, view), 'location');

  const tuan = summaryOf('Hôm nay, nhóm của Tuấn đến thăm Hà Giang.').candidates.find((c) => c.text === 'Tuấn')!;
  assert.deepEqual([tuan.kind, tuan.tokenCount, tuan.foreign], [undefined, 1, false]);
  const votes = viewOf(['Ông Tuấn nói với phóng viên.', 'Ông Tuấn nói với phóng viên.']);
  assert.equal(votes.verdict('tuấn').best, 'person');
  assert.equal(decideKind(tuan, votes), undefined, 'only local evidence counts for "Tuấn"');
});

test("personWords are the words of foreign persons' full names", () => {
  const text = `${SUMMIT} Ông Nguyễn Tiến Minh cho biết.`;
  const found = refind(inputOf(text), viewOf([]));
  const decided = found.map((c) => decideKind(c, viewOf([])));
  assert.deepEqual(personWords(found, decided).sort(), ['jong', 'kim', 'putin', 'un', 'vladimir']);
  // Not a person: no person words.
  assert.deepEqual(
    personWords(
      found,
      decided.map(() => 'organization' as const),
    ),
    [],
  );
});

test("finalMentions: a lone word is a person when it is a word of some foreign person's name", () => {
  const text = 'Theo Choe, hai bên sẽ tiếp tục đàm phán.';
  const found = refind(inputOf(text), viewOf([]));
  const decided = found.map((c) => decideKind(c, viewOf([])));
  assert.deepEqual(loneWords(found), ['choe']);
  assert.deepEqual(finalMentions(found, decided, new Set(), viewOf([])), [], 'alone, "Choe" is no name');
  const brief = (ms: EntityMention[]) => ms.map((m) => [m.start, m.end, m.text, m.kind, m.origin, m.title, m.ref]);
  const expected = [[5, 9, 'Choe', 'person', 'rule', undefined, undefined]];
  assert.deepEqual(brief(finalMentions(found, decided, new Set(['choe']), viewOf([]))), expected, 'a word of a name in the article');
  assert.deepEqual(brief(finalMentions(found, decided, new Set(), viewOf([], ['choe']))), expected, 'a word of a name elsewhere');
});

test("finalMentions drops a sentence's first word that nothing else makes a name", () => {
  const text = 'Ivanov từng làm đại sứ.';
  const found = refind(inputOf(text), viewOf([]));
  assert.deepEqual(
    found.map((c) => c.text),
    ['Ivanov'],
  );
  assert.deepEqual(
    finalMentions(
      found,
      found.map((c) => decideKind(c, viewOf([]))),
      new Set(),
      viewOf([]),
    ),
    [],
  );
  assert.deepEqual(loneWords(found), [], 'a first word asks nothing of the collection');
  const view = viewOf([IVANOV]);
  const again = refind(inputOf(text), view);
  assert.deepEqual(
    finalMentions(
      again,
      again.map((c) => decideKind(c, view)),
      new Set(),
      view,
    ).map((m) => [m.text, m.kind]),
    [['Ivanov', 'person']],
  );
});

test('findablePhrases starts at capitalised or foreign words and stops at punctuation', () => {
  const text = 'Đại diện foxconn, ông Kim jong-un nói.';
  const norm = normalize(text);
  const phrases = findablePhrases(tokenize(norm.text), norm.text);
  for (const p of ['đại', 'đại diện', 'đại diện foxconn', 'foxconn', 'kim', 'kim jong-un', 'kim jong-un nói', 'jong-un']) assert.ok(phrases.includes(p), p);
  for (const p of ['diện', 'ông', 'ông kim', 'foxconn ông', 'nói']) assert.ok(!phrases.includes(p), p);
  assert.deepEqual(misspellable(tokenize(norm.text)), ['foxconn', 'jong-un']);
});

test('sortedHashes and hasHash: a sorted set of 32-bit hashes searched by bisection', () => {
  const keys = ['foxconn', 'kim jong-un', 'reuters', 'foxconn', 'vladimir putin'];
  const h = sortedHashes(keys);
  assert.equal(h.length, 4);
  for (let i = 1; i < h.length; i++) assert.ok(h[i - 1] < h[i]);
  for (const k of keys) assert.ok(hasHash(h, hash32(k)), k);
  assert.ok(!hasHash(h, hash32('kim')));
  assert.ok(!hasHash(new Int32Array(), hash32('kim')));
  assert.deepEqual(summaryOf('Đại diện foxconn từ chối.').phrases, [
    ...sortedHashes(['đại', 'đại diện', 'đại diện foxconn', 'đại diện foxconn từ', 'đại diện foxconn từ chối', 'foxconn', 'foxconn từ', 'foxconn từ chối']),
  ]);
});

test("property: every span refind adds has its phrase in the article's fingerprint", () => {
  const view = viewOf([FOXCONN, SUMMIT, ZELENSKY_FULL, ZELENSKY, IVANOV, LINCOLN_PERSON]);
  const words = [
    'ông',
    'Ông',
    'Tổng thống',
    'Volodymyr',
    'volodymyr',
    'Zelensky',
    'zelensky',
    'zelenski',
    'zelenskyy',
    'Foxconn',
    'foxconn',
    'foxcon',
    'FOXCONN',
    'reuter',
    'reuters',
    'Kim',
    'kim',
    'Jong-un',
    'jong-un',
    'jong-um',
    'Vladimir',
    'putin',
    'ivanov',
    'lincoln',
    'Lincoln',
    'nói',
    'tại',
    'Kyiv',
    'hôm qua',
    'ngày 5/3',
    'đại diện',
    'Hà Nội',
    'công ty',
    'thành phố',
  ];
  const seps = [' ', ' ', ' ', ', ', '. ', ' (', ') ', ' - ', '  '];
  const article = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...seps)), { minLength: 1, maxLength: 14 }).map(
    (parts) =>
      parts
        .map(([w, s]) => w + s)
        .join('')
        .trim() + '.',
  );
  let seen = 0;
  fc.assert(
    fc.property(article, (text) => {
      const s = summaryOf(text);
      const input = inputOf(text, s);
      const prints = sortedHashes(findablePhrases(input.tokens, input.text));
      assert.deepEqual(s.phrases, [...prints]);
      for (const c of added(refind(input, view))) {
        seen++;
        const phrase = input.tokens
          .filter((t) => t.start >= c.start && t.end <= c.end)
          .map((t) => t.lower)
          .join(' ');
        assert.ok(hasHash(prints, hash32(phrase)), `"${phrase}" in ${text}`);
        // Not known as written: a misspelling, which the article's misspellable words must hold.
        if (!view.known(phrase)) assert.ok(s.misspellable.includes(phrase), `"${phrase}" misspellable in ${text}`);
      }
    }),
    { numRuns: 200, seed: 20240611 },
  );
  assert.ok(seen > 50, `refind added ${seen} spans`);
});
