/**
 * KindVotes (server/src/core/resolve/kindVotes.ts): the collection's kind votes as counters that
 * articles' candidates are added to and taken from; only changes of a key's verdict are reported.
 * Candidates come from the recogniser run on sentences, not written by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../server/src/core/summary';
import type { Candidate } from '../../server/src/core/entities/recognize';
import { KindVotes, voteKey, type Verdict } from '../../server/src/core/resolve/kindVotes';

const candidatesOf = (text: string): Candidate[] => summarize({ path: 'a.txt', text, meta: {} }).candidates;

const ARTICLES = [
  'Tổng thống Vladimir Putin gặp ông Kim Jong-un tại Vladivostok.',
  'Ông Lincoln phát biểu trước quốc hội.',
  'Cuộc mít tinh diễn ra tại thành phố Lincoln.',
  'Viện Nghiên cứu Chiến lược Quân sự (VNCQ) vừa công bố báo cáo.',
  'Các chuyên gia của VNCQ cảnh báo về rủi ro.',
  'Ông Nguyễn Tiến Minh cho biết dự án sẽ hoàn thành. Ivanov từng làm đại sứ.',
  'Ông Ivanov nói với phóng viên.',
].map(candidatesOf);

const NO_VERDICT: Verdict = { beats: { person: false, organization: false, location: false }, nonInitial: false };

function allKeys(): string[] {
  return [...new Set(ARTICLES.flat().map(voteKey))].sort();
}

function verdicts(v: KindVotes): Record<string, Verdict> {
  return Object.fromEntries(allKeys().map((k) => [k, v.verdict(k)]));
}

/** A deterministic shuffle (xorshift), so a failure can be replayed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('the recogniser gives the candidates these tests rely on', () => {
  const vncq = ARTICLES[4].find((c) => c.text === 'VNCQ')!;
  assert.equal(vncq.kind, 'organization');
  assert.ok(vncq.strength < 2, 'an acronym alone is weak evidence');
  assert.equal(voteKey(vncq), 'vncq');
  const lincoln = ARTICLES[1].find((c) => c.text === 'Lincoln')!;
  assert.equal(lincoln.kind, 'person');
  assert.equal(lincoln.strength, 2);
  assert.equal(ARTICLES[2].find((c) => c.text === 'Lincoln')!.kind, 'location');
});

test('adding then removing the same candidates in one batch changes no verdict and leaves an empty table', () => {
  const v = new KindVotes();
  for (const cs of ARTICLES) v.add(cs, 1);
  for (const cs of ARTICLES) v.add(cs, -1);
  assert.deepEqual(v.takeChanged(), []);
  assert.equal(v.size, 0);
  for (const k of allKeys()) assert.deepEqual(v.verdict(k), NO_VERDICT, k);
});

test('adding, reporting, then removing reports the same keys back and empties the table', () => {
  const v = new KindVotes();
  for (const cs of ARTICLES) v.add(cs, 1);
  const added = v.takeChanged().sort();
  assert.ok(added.includes('lincoln') && added.includes('vladimir putin'), added.join());
  assert.ok(v.size > 0);
  for (const cs of shuffled(ARTICLES, 7)) v.add(cs, -1);
  assert.deepEqual(v.takeChanged().sort(), added);
  assert.equal(v.size, 0);
  assert.deepEqual(v.takeChanged(), [], 'nothing left to report');
});

test('a weak kind becomes a verdict only when the evidence reaches the threshold, and is reported once', () => {
  // "VNCQ" alone (no long form next to it) is an acronym guessed to be an organisation: half a vote.
  const weak = candidatesOf('Các chuyên gia của VNCQ cảnh báo về rủi ro.');
  const v = new KindVotes();

  v.add(weak, 1);
  // The first article already says the name is met other than at a sentence start.
  assert.deepEqual(v.takeChanged(), ['vncq']);
  assert.equal(v.verdict('vncq').best, undefined);
  assert.equal(v.verdict('vncq').nonInitial, true);

  v.add(weak, 1);
  assert.deepEqual(v.takeChanged(), []);
  v.add(weak, 1);
  assert.deepEqual(v.takeChanged(), [], 'three half votes are still below the threshold');
  assert.equal(v.verdict('vncq').best, undefined);

  v.add(weak, 1);
  assert.deepEqual(v.takeChanged(), ['vncq'], 'the fourth crosses it');
  assert.equal(v.verdict('vncq').best, 'organization');
  assert.deepEqual(v.verdict('vncq').beats, { person: true, organization: false, location: true });

  v.add(weak, -1);
  assert.deepEqual(v.takeChanged(), ['vncq'], 'and falls back below it');
  assert.equal(v.verdict('vncq').best, undefined);
});

test('several crossings in one batch report the key once; a batch that goes and comes back reports nothing', () => {
  const weak = candidatesOf('Các chuyên gia của VNCQ cảnh báo về rủi ro.');
  const v = new KindVotes();
  for (let i = 0; i < 6; i++) v.add(weak, 1);
  assert.deepEqual(v.takeChanged(), ['vncq']);
  // Down below the threshold and up again within one batch: the verdict is what it was.
  for (let i = 0; i < 4; i++) v.add(weak, -1);
  for (let i = 0; i < 4; i++) v.add(weak, 1);
  assert.deepEqual(v.takeChanged(), []);
});

test('contradicting evidence: a tie beats nothing, a majority beats the other kind', () => {
  const person = candidatesOf('Ông Lincoln phát biểu trước quốc hội.');
  const place = candidatesOf('Cuộc mít tinh diễn ra tại thành phố Lincoln.');
  const v = new KindVotes();
  v.add(person, 1);
  assert.deepEqual(v.takeChanged(), ['lincoln']);
  assert.equal(v.verdict('lincoln').best, 'person');
  assert.equal(v.verdict('lincoln').beats.location, true);

  v.add(place, 1);
  assert.deepEqual(v.takeChanged(), ['lincoln']);
  assert.equal(v.verdict('lincoln').beats.location, false, 'two against two');
  assert.equal(v.verdict('lincoln').beats.person, false);

  v.add(place, 1);
  assert.deepEqual(v.takeChanged(), ['lincoln']);
  assert.equal(v.verdict('lincoln').best, 'location');
  assert.equal(v.verdict('lincoln').beats.person, true);

  // Another article about something else does not touch Lincoln's verdict.
  v.add(candidatesOf('Ông Ivanov nói với phóng viên.'), 1);
  assert.deepEqual(v.takeChanged(), ['ivanov']);
});

test('foreign names vote without diacritics, Vietnamese ones with them', () => {
  const [a] = candidatesOf('Ông Zelensky phát biểu.');
  const [b] = candidatesOf('Ông Zelenský phát biểu.');
  assert.equal(voteKey(a), voteKey(b));
  const [bi] = candidatesOf('Ông Bí phát biểu.');
  const [bi2] = candidatesOf('Ông Bỉ phát biểu.');
  assert.notEqual(voteKey(bi), voteKey(bi2));
});

test('the verdicts do not depend on the order of adds and removals', () => {
  const ref = new KindVotes();
  for (const cs of ARTICLES) ref.add(cs, 1);
  ref.takeChanged();
  const expected = verdicts(ref);
  for (let seed = 1; seed <= 20; seed++) {
    const v = new KindVotes();
    // Some articles come, go and come back, in batches of random sizes.
    const order = shuffled(
      ARTICLES.map((_, i) => i),
      seed,
    );
    const extra = shuffled(order, seed * 31).slice(0, 3);
    for (const i of order) {
      v.add(ARTICLES[i], 1);
      if (i % 2) v.takeChanged();
    }
    for (const i of extra) v.add(ARTICLES[i], -1);
    v.takeChanged();
    for (const i of shuffled(extra, seed + 5)) v.add(ARTICLES[i], 1);
    v.takeChanged();
    assert.deepEqual(verdicts(v), expected, `seed ${seed}`);
    assert.equal(v.size, ref.size);
  }
});
