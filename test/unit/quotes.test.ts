/** Quotes and their speakers as facts (issue 15): who said what, and when two reports disagree on it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullName, quoteFacts, sameSpeaker, type Person } from '../../server/src/core/facts/quotes';
import { FactIndex } from '../../server/src/core/facts/compare';

const QUOTE = 'Chúng tôi sẽ hỗ trợ ngay các hộ dân bị mất nhà cửa trong đợt mưa lũ vừa qua';
const ENTITIES = ['location:quang_nam', 'organization:ubnd_tinh_quang_nam', 'person:nguyen_van_an', 'person:tran_van_binh'];

/** The persons named in a text, found where the names are (the recogniser's candidates stand in). */
function persons(text: string, names: string[]): Person[] {
  const out: Person[] = [];
  for (const name of names) for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) out.push({ start: i, end: i + name.length, text: name });
  return out;
}

const facts = (text: string, names: string[]) => quoteFacts(text, persons(text, names));

test('a quote has its speaker after it ("“…”, ông X nói") or before it ("Ông X cho biết: “…”")', () => {
  const after = `“${QUOTE}”, ông Nguyễn Văn An, Chủ tịch UBND tỉnh, nói với phóng viên.`;
  const [a] = facts(after, ['Nguyễn Văn An']);
  assert.equal(a.kind, 'attribution');
  assert.equal(a.text, 'Nguyễn Văn An');
  assert.equal(after.slice(a.start, a.end), 'Nguyễn Văn An');
  assert.equal(a.value, 'nguyễn văn an');
  assert.equal(a.quote, 'Chúng tôi sẽ hỗ trợ ngay các hộ…');
  const before = `Sau cuộc họp, ông Trần Văn Bình cũng cho biết: “${QUOTE}”.`;
  assert.deepEqual(
    facts(before, ['Trần Văn Bình']).map((f) => f.text),
    ['Trần Văn Bình'],
  );
  assert.deepEqual(
    facts(`“${QUOTE}” – bà Ko trả lời phỏng vấn.`, ['Ko']).map((f) => f.text),
    ['Ko'],
  );
});

test('no speaker without a speech verb by the name, and no fact for a short quote', () => {
  // A charge's name in quotes is no speech of the person before it.
  assert.deepEqual(facts('Hùng từng bị kết án 7 năm tù về tội “Tàng trữ, sử dụng trái phép chất ma túy” vào năm 2003.', ['Hùng']), []);
  // The one who had just spoken is not the speaker of what the next one said.
  assert.deepEqual(facts(`Ông Nguyễn Văn An vừa dứt lời, Bí thư Tỉnh ủy nói nhanh: “${QUOTE}”.`, ['Nguyễn Văn An']), []);
  assert.deepEqual(facts('“Rất tốt”, ông Nguyễn Văn An nói.', ['Nguyễn Văn An']), []);
  assert.deepEqual(facts(`“${QUOTE}”, ông Nguyễn Văn An nói.`, []), []);
});

test('two names may be one speaker: the same last word, or the first words of the other', () => {
  assert.ok(sameSpeaker('putin', 'vladimir putin'));
  assert.ok(sameSpeaker('phúc', 'nguyễn xuân phúc'));
  assert.ok(sameSpeaker('thu thủy', 'nguyễn thị thủy'));
  assert.ok(sameSpeaker('kim', 'kim jong-un'));
  assert.ok(!sameSpeaker('kim jong-un', 'kim yo-jong'));
  assert.ok(!sameSpeaker('nguyễn văn an', 'trần văn bình'));
  assert.ok(sameSpeaker('Ko Yong-suk', 'ko yong suk'));
});

test('a speaker named short is the fullest name the article gives them, unless two full names share it', () => {
  const text = 'Bà Ko Yong-suk (60 tuổi) sống cùng chồng là ông Ri Gang. Bà Suk nói thêm rằng bà không hối tiếc.';
  const named = persons(text, ['Ko Yong-suk', 'Ri Gang', 'Suk']);
  assert.equal(fullName('Suk', named), 'ko yong suk');
  assert.equal(fullName('Ko', named), 'ko yong suk');
  assert.equal(fullName('Ri', named), 'ri gang');
  assert.equal(fullName('Yong', named), 'ko yong suk');
  // Two reports of one quote, "bà Suk" in one and "bà Ko" in the other, agree through the full name.
  const one = `Bà Ko Yong Suk sống ở Mỹ từ năm 1998. “${QUOTE}”, bà Suk nói.`;
  const two = `Ko Yong Suk đã sống ở Mỹ gần 20 năm. “${QUOTE}”, bà Ko nói.`;
  assert.equal(sameSpeaker(facts(one, ['Ko Yong Suk', 'Suk'])[0].value as string, facts(two, ['Ko Yong Suk', 'Ko'])[0].value as string), true);
  // The full name may be one the recogniser has not yet called a person: it is a name the speaker's is part of.
  const unkinded = `Ko Yong-suk (60 tuổi) sống ở Mỹ. “${QUOTE}”, bà Ko nói.`;
  assert.equal(quoteFacts(unkinded, persons(unkinded, ['Ko']), persons(unkinded, ['Ko Yong-suk', 'Ko']))[0].value, 'ko yong suk');
  const both = persons('Ông Nguyễn Văn An và ông Trần Văn An đã đến. Ông An nói.', ['Nguyễn Văn An', 'Trần Văn An', 'An']);
  assert.equal(fullName('An', both), 'an');
  assert.equal(fullName('Nguyễn Văn An', both), 'nguyễn văn an');
});

test('two reports that give one quote to different persons conflict; to the same person, or a different quote, not', () => {
  const a = `“${QUOTE}”, ông Nguyễn Văn An nói.`;
  const b = `Tại buổi làm việc, ông Trần Văn Bình khẳng định: “${QUOTE}”.`;
  const c = `“${QUOTE}”, ông An nói thêm.`;
  const d = '“Tỉnh sẽ xây lại toàn bộ cây cầu bị sập trước mùa mưa năm sau với vốn của trung ương”, ông Trần Văn Bình nói.';
  const ix = new FactIndex();
  ix.set('a', facts(a, ['Nguyễn Văn An']), ENTITIES);
  ix.set('b', facts(b, ['Trần Văn Bình']), ENTITIES);
  ix.set('c', facts(c, ['An']), ENTITIES);
  ix.set('d', facts(d, ['Trần Văn Bình']), ENTITIES);
  assert.deepEqual(
    ix.all().map((x) => [x.kind, x.a.uri, x.a.fact.text, x.b.uri, x.b.fact.text, x.update]),
    [
      ['attribution', 'a', 'Nguyễn Văn An', 'b', 'Trần Văn Bình', false],
      ['attribution', 'b', 'Trần Văn Bình', 'c', 'An', false],
    ],
  );
  assert.equal(ix.all()[0].about, 'Chúng tôi sẽ hỗ trợ ngay các hộ…');
});
