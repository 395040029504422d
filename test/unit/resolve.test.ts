import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSamples, entityMentions, analyzeOne } from '../helpers';

function entityOf(text: string, prefix?: string) {
  const r = analyzeSamples();
  const ids = new Set<string>();
  for (const d of r.documents) {
    if (prefix && !d.path.includes(prefix)) continue;
    for (const m of entityMentions(d)) if (m.text === text) ids.add(m.entity!);
  }
  return ids;
}

test('Kim Jong-un in every spelling and short form is one entity across articles', () => {
  const r = analyzeSamples();
  const ids = new Set([...entityOf('Kim Jong-un'), ...entityOf('Kim Jong Un'), ...entityOf('Kim jong-un')]);
  assert.equal(ids.size, 1);
  const id = [...ids][0];
  const e = r.entities.find((x) => x.id === id)!;
  assert.equal(e.kind, 'person');
  assert.ok(e.documents === 5, 'mentioned in all five articles');
  // "ông Kim", "Chủ tịch Kim" link to him.
  assert.deepEqual(entityOf('Kim'), ids);
});

test('the distinct Kims are never linked to each other', () => {
  const names = ['Kim Jong-un', 'Kim Yong Chol', 'Kim Yo Jong', 'Kim Chang Son', 'Kim Il-sung'];
  const ids = names.map((n) => [...entityOf(n)]);
  for (const list of ids) assert.equal(list.length, 1);
  assert.equal(new Set(ids.map((l) => l[0])).size, names.length);
  // "Ông Chol" is Kim Yong Chol.
  assert.deepEqual(entityOf('Chol'), entityOf('Kim Yong Chol'));
});

test('transliterations, near-spellings and acronyms join their entity', () => {
  assert.equal(new Set([...entityOf('Moscow'), ...entityOf('Moskva')]).size, 1);
  assert.equal(new Set([...entityOf('Hasan'), ...entityOf('Khasan')]).size, 1);
  assert.equal(new Set([...entityOf('Vladivostok'), ...entityOf('Vladivostock')]).size, 1);
  assert.equal(new Set([...entityOf('KCNA'), ...entityOf('Hãng thông tấn trung ương Triều Tiên')]).size, 1);
  assert.equal(new Set([...entityOf('NSC'), ...entityOf('Hội đồng An ninh Quốc gia Mỹ')]).size, 1);
  assert.equal(new Set([...entityOf('Triều'), ...entityOf('Triều Tiên'), ...entityOf('Triều tiên')]).size, 1);
});

test('persons, organisations and places never merge', () => {
  const r = analyzeSamples();
  for (const e of r.entities) {
    const kinds = new Set(
      r.documents.flatMap((d) =>
        entityMentions(d)
          .filter((m) => m.entity === e.id)
          .map((m) => m.kind),
      ),
    );
    assert.equal(kinds.size, 1, `${e.name} has one kind`);
  }
});

test('an ambiguous short form links to nothing', () => {
  const { doc: d } = analyzeOne('Ông Kim Chang Son và ông Kim Yo Jong đã đến. Ông Kim nói rằng chuyến đi tốt đẹp.');
  const ms = entityMentions(d);
  const short = ms.find((m) => m.text === 'Kim')!;
  assert.ok(!ms.some((m) => m !== short && m.entity === short.entity), 'ông Kim stays on its own');
});

test('a Vietnamese name written without its family name joins the full name in the same article', () => {
  const { doc: d } = analyzeOne(
    'Tay vợt Nguyễn Tiến Minh thắng ở vòng 1. Với thứ hạng này, Tiến Minh được xếp hạt giống số 1. Anh Minh nói rằng trận đấu khó.',
  );
  const ms = entityMentions(d);
  const full = ms.find((m) => m.text === 'Nguyễn Tiến Minh')!;
  const given = ms.find((m) => m.text === 'Tiến Minh');
  assert.ok(given, 'the given names are a mention');
  assert.equal(given!.entity, full.entity);
  assert.equal(ms.find((m) => m.text === 'Minh')?.entity, full.entity);
});
