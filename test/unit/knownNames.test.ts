/**
 * KnownNames (server/src/core/resolve/knownNames.ts): names the collection is sure of, counted per
 * article, with one reading chosen by majority whatever the order articles come in; gazetteer
 * one-word foreign names always known and always winning; given names of Vietnamese full names.
 * Contributions come from the recogniser run on sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../server/src/core/summary';
import type { RegistryEntity } from '../../server/src/core/types';
import { KnownNames, knownContributions } from '../../server/src/core/resolve/knownNames';

const contributionsOf = (text: string, registry?: RegistryEntity[]) => knownContributions(summarize({ path: 'a.txt', text, meta: {}, registry }).candidates);

const SUMMIT = 'Tổng thống Vladimir Putin gặp ông Kim Jong-un tại Vladivostok.';
const SPEECH = 'Tổng thống Vladimir Putin phát biểu trước báo giới.';
const LINCOLN_PERSON = 'Ông Lincoln phát biểu trước quốc hội.';
const LINCOLN_PLACE = 'Cuộc mít tinh diễn ra tại thành phố Lincoln.';

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

test('an article contributes its sure names with their reading, and the given names of Vietnamese full names', () => {
  const c = contributionsOf(SUMMIT);
  assert.deepEqual(new Map(c.names).get('vladimir putin'), 'person||2|1');
  assert.deepEqual(new Map(c.names).get('kim jong-un'), 'person||2|0');
  assert.deepEqual(c.given, []);
  const vn = contributionsOf('Ông Nguyễn Tiến Minh cho biết dự án sẽ hoàn thành.');
  assert.deepEqual(vn.names, [['nguyễn tiến minh', 'person||3|0']]);
  assert.deepEqual(vn.given, ['tiến minh']);
  // A weak guess is no sure name.
  assert.deepEqual(contributionsOf('Các chuyên gia của VNCQ cảnh báo về rủi ro.').names, []);
});

test('a name stays known while one article has it', () => {
  const k = new KnownNames();
  const a = contributionsOf(SUMMIT);
  const b = contributionsOf(SPEECH);
  k.add(a, 1);
  k.add(b, 1);
  const first = k.takeChanged();
  assert.ok(first.includes('vladimir putin') && first.includes('kim jong-un'), first.join());
  // Vladivostok is a gazetteer name, known from the start: the article changes nothing about it.
  assert.ok(!first.includes('vladivostok'));

  k.add(a, -1);
  assert.deepEqual(k.takeChanged(), ['kim jong-un'], 'Putin is still in the other article');
  assert.equal(k.get('vladimir putin')?.kind, 'person');
  assert.equal(k.has('kim jong-un'), false);

  k.add(b, -1);
  assert.deepEqual(k.takeChanged(), ['vladimir putin']);
  assert.equal(k.has('vladimir putin'), false);
  assert.equal(k.get('vladivostok')?.id, 'place_vladivostok', 'gazetteer names never go');
});

test('the same article twice counts twice', () => {
  const k = new KnownNames();
  const a = contributionsOf(SPEECH);
  k.add(a, 1);
  k.add(a, 1);
  k.takeChanged();
  k.add(a, -1);
  assert.deepEqual(k.takeChanged(), []);
  assert.equal(k.has('vladimir putin'), true);
});

test('the reading most articles give wins, whatever the order of adds', () => {
  const articles = [LINCOLN_PERSON, LINCOLN_PLACE, LINCOLN_PERSON].map((t) => contributionsOf(t));
  for (const order of permutations([0, 1, 2])) {
    for (const settleEach of [false, true]) {
      const k = new KnownNames();
      for (const i of order) {
        k.add(articles[i], 1);
        if (settleEach) k.takeChanged();
      }
      k.takeChanged();
      assert.deepEqual(k.get('lincoln'), { kind: 'person', tokens: 1, foreign: true }, `order ${order}`);
    }
  }
});

test('a tie between readings is broken by the reading itself, not by which came first', () => {
  const person = contributionsOf(LINCOLN_PERSON);
  const place = contributionsOf(LINCOLN_PLACE);
  for (const order of [
    [person, place],
    [place, person],
  ]) {
    const k = new KnownNames();
    k.add(order[0], 1);
    k.takeChanged();
    k.add(order[1], 1);
    k.takeChanged();
    assert.equal(k.get('lincoln')?.kind, 'location');
  }
});

test('takeChanged lists a name whose reading changed, not one whose count moved', () => {
  const person = contributionsOf(LINCOLN_PERSON);
  const place = contributionsOf(LINCOLN_PLACE);
  const k = new KnownNames();
  k.add(person, 1);
  k.add(person, 1);
  assert.deepEqual(k.takeChanged(), ['lincoln']);
  k.add(place, 1);
  assert.deepEqual(k.takeChanged(), [], 'two persons against one place');
  k.add(person, -1);
  assert.deepEqual(k.takeChanged(), ['lincoln'], 'one against one: the tie goes to the location reading');
  assert.equal(k.get('lincoln')?.kind, 'location');
  k.add(person, 1);
  k.add(person, -1);
  assert.deepEqual(k.takeChanged(), [], 'a change undone within the batch');
});

test('gazetteer one-word foreign names are known from the start and win over what articles say', () => {
  const k = new KnownNames();
  assert.deepEqual(k.get('washington'), { kind: 'location', id: 'place_washington', tokens: 1, foreign: true });
  assert.ok([...k.foreignSingles('w')].some(([key]) => key === 'washington'));
  assert.ok([...k.foreignSingles('r')].some(([key]) => key === 'reuters'));
  // A user's registry makes "Washington" a person in some articles: the gazetteer's reading stays.
  const registry: RegistryEntity[] = [{ id: 'g-washington', name: 'Washington', kind: 'person', aliases: [] }];
  const c = contributionsOf('Ông Washington nói với phóng viên.', registry);
  assert.deepEqual(c.names, [['washington', 'person|registry:g-washington|1|1']]);
  for (let i = 0; i < 3; i++) k.add(c, 1);
  assert.deepEqual(k.takeChanged(), []);
  assert.equal(k.get('washington')?.kind, 'location');
  for (let i = 0; i < 3; i++) k.add(c, -1);
  assert.deepEqual(k.takeChanged(), []);
  assert.equal(k.get('washington')?.id, 'place_washington');
});

test('foreign one-word names of articles join the misspelling index while known', () => {
  const k = new KnownNames();
  const foxconn = contributionsOf('Công ty Foxconn sẽ mở nhà máy.');
  const kcna = contributionsOf('Hãng thông tấn Trung ương Triều Tiên (KCNA) đưa tin.');
  const singles = (f: string) => [...k.foreignSingles(f)].map(([key]) => key);
  assert.ok(!singles('f').includes('foxconn'));
  k.add(foxconn, 1);
  k.add(kcna, 1);
  // "kcna" is a gazetteer name: known already, with the same reading.
  assert.deepEqual(k.takeChanged().sort(), ['foxconn', 'hãng thông tấn trung ương triều tiên']);
  assert.ok(singles('f').includes('foxconn'));
  assert.deepEqual(k.get('foxconn'), { kind: 'organization', tokens: 1, foreign: true });
  // Too short to be told from a misspelling (gazetteer or not), and names of several words, are left out.
  assert.ok(!singles('k').includes('kcna'));
  assert.ok(!singles('h').some((key) => key.includes(' ')));
  k.add(foxconn, -1);
  assert.deepEqual(k.takeChanged(), ['foxconn']);
  assert.ok(!singles('f').includes('foxconn'));
});

test('the given names of a Vietnamese full name are known as a person, reference-counted', () => {
  const k = new KnownNames();
  const minh = contributionsOf('Ông Nguyễn Tiến Minh cho biết dự án sẽ hoàn thành.');
  const minh2 = contributionsOf('Theo ông Lê Tiến Minh, giá điện sẽ tăng.');
  assert.deepEqual(minh2.given, ['tiến minh']);
  k.add(minh, 1);
  k.add(minh2, 1);
  assert.deepEqual(k.takeChanged().sort(), ['lê tiến minh', 'nguyễn tiến minh', 'tiến minh']);
  assert.deepEqual(k.get('tiến minh'), { kind: 'person', tokens: 2, foreign: false });
  k.add(minh, -1);
  assert.deepEqual(k.takeChanged(), ['nguyễn tiến minh']);
  assert.equal(k.has('tiến minh'), true);
  k.add(minh2, -1);
  assert.deepEqual(k.takeChanged().sort(), ['lê tiến minh', 'tiến minh']);
  assert.equal(k.has('tiến minh'), false);
});

test('the chosen readings do not depend on the order of articles', () => {
  const texts = [SUMMIT, SPEECH, LINCOLN_PERSON, LINCOLN_PLACE, 'Ông Nguyễn Tiến Minh cho biết.', 'Công ty Foxconn sẽ mở nhà máy.'];
  const cs = texts.map((t) => contributionsOf(t));
  const keys = [...new Set(cs.flatMap((c) => [...c.names.map(([key]) => key), ...c.given]))];
  const state = (k: KnownNames) => keys.map((key) => [key, k.get(key)]);
  let expected: unknown;
  for (const order of permutations([0, 1, 2, 3, 4, 5]).filter((_, i) => i % 37 === 0)) {
    const k = new KnownNames();
    for (const i of order) {
      k.add(cs[i], 1);
      if (i % 2) k.takeChanged();
    }
    k.takeChanged();
    expected ??= state(k);
    assert.deepEqual(state(k), expected, `order ${order}`);
  }
});
