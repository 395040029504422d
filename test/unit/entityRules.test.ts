/**
 * Each of the recognizer's rules on a sentence that shows it: with every rule the sentence gives the
 * candidates the rule's example lists, and without that one rule it gives others, so the rule is
 * what decides them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokens';
import { splitSentences } from '../../server/src/core/text/sentences';
import { recognizeDates } from '../../server/src/core/dates/recognize';
import { makeLookup } from '../../server/src/core/analyze';
import { recognizeEntities, type RecognizeOptions } from '../../server/src/core/entities/recognize';
import { CANDIDATE_RULES, TOKEN_RULES } from '../../server/src/core/entities/rules';

const lookup = makeLookup();

function recognize(text: string, opts: RecognizeOptions = {}) {
  const t = normalize(text).text;
  return recognizeEntities(t, tokenize(t), splitSentences(t), recognizeDates(t), lookup, opts).candidates.filter((c) => !c.initial);
}
const names = (text: string, opts: RecognizeOptions = {}) => recognize(text, opts).map((c) => [c.text, c.kind ?? null]);

test('every rule has a name of its own, says what it looks at and decides, and has an example', () => {
  const all = [...TOKEN_RULES, ...CANDIDATE_RULES];
  assert.equal(new Set(all.map((r) => r.name)).size, all.length);
  for (const r of all) {
    assert.ok(r.looksAt.length > 10 && r.decides.length > 10, r.name);
    for (const [name] of r.example.names) assert.ok(r.example.text.includes(name), `${r.name}: ${name}`);
  }
});

for (const rule of TOKEN_RULES) {
  test(`token rule "${rule.name}": ${rule.example.text}`, () => {
    const { text } = rule.example;
    assert.deepEqual(names(text), rule.example.names);
    assert.notDeepEqual(names(text, { tokenRules: TOKEN_RULES.filter((r) => r !== rule) }), rule.example.names, 'without the rule the sentence reads the same');
  });
}

for (const rule of CANDIDATE_RULES) {
  test(`candidate rule "${rule.name}": ${rule.example.text}`, () => {
    const { text } = rule.example;
    assert.deepEqual(names(text), rule.example.names);
    assert.notDeepEqual(
      names(text, { candidateRules: CANDIDATE_RULES.filter((r) => r !== rule) }),
      rule.example.names,
      'without the rule the sentence reads the same',
    );
    assert.ok(recognize(text, { explain: true }).some((c) => c.rule === rule.name));
  });
}

test('explaining records on each candidate the rule that made it, and changes nothing else', () => {
  const text = 'Ông cho biết Vietcombank chi nhánh Hà Nội đã giải ngân cho Công ty Cổ phần Xây dựng Hòa Bình ở quận 3.';
  const explained = recognize(text, { explain: true });
  assert.deepEqual(
    explained.filter((c) => c.kind).map((c) => [c.text, c.rule]),
    [
      ['Vietcombank chi nhánh Hà Nội', 'known name'],
      ['Công ty Cổ phần Xây dựng Hòa Bình', 'head noun'],
      ['quận 3', 'numbered unit'],
    ],
  );
  assert.deepEqual(
    explained.map(({ rule: _rule, ...c }) => c),
    recognize(text),
  );
});

test('the rules run in the order listed: the first that applies at a token decides', () => {
  const text = 'Ông cho biết Công ty Cổ phần Xây dựng Hòa Bình đã trúng thầu.';
  // A capitalised run tried before the head noun reads the organisation's first words as a run of their own.
  const run = TOKEN_RULES.find((r) => r.name === 'capitalised run')!;
  assert.notDeepEqual(names(text, { tokenRules: [run, ...TOKEN_RULES.filter((r) => r !== run)] }), names(text));
});
