import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodePointIndex, parseAnn, serializeAnn, spanFields } from '../../server/src/core/annotations/brat';
import { readDecisions } from '../../server/src/core/annotations/decisions';
import { applyEdit } from '../../server/src/core/annotations/store';
import { toJsonl } from '../../server/src/core/annotations/export';
import type { DocumentResult } from '../../server/src/core/types';

/** The straightforward conversions: count code points from the start of the text every time. */
const naiveCp = (text: string, u: number) => Array.from(text.slice(0, Math.max(0, u))).length;
const naiveU16 = (text: string, cp: number) => Array.from(text).slice(0, Math.max(0, cp)).join('').length;

const TEXTS = [
  '',
  'Ông Nguyễn Văn An nói.',
  '🌷 Ông Putin 🌷 nói.',
  'Bản chữ Nôm 𡨸喃 và 𠊛 được trưng bày tại Bảo tàng Huế 📷📷.\n',
  '😀',
  'a\uD83D',
  '\uDE00b',
  'x\uD83Dy\uDE00z😀',
  'Bà Trần Thi\u0323 Bình (𝕏) nói: “Giá xăng tăng 🚚”.\r\nÔng Lê Văn Tám 𡨸.',
];

test('code point offsets agree with counting from the start, at every offset, with astral characters and lone surrogates', () => {
  for (const text of TEXTS) {
    const cps = new CodePointIndex(text);
    assert.equal(cps.length, Array.from(text).length, JSON.stringify(text));
    for (let u = -1; u <= text.length + 2; u++) assert.equal(cps.toCodePoints(u), naiveCp(text, u), `${JSON.stringify(text)} unit ${u}`);
    for (let cp = -1; cp <= cps.length + 2; cp++) assert.equal(cps.toUtf16(cp), naiveU16(text, cp), `${JSON.stringify(text)} code point ${cp}`);
  }
});

/** A long article: news sentences, one in three with characters outside the Basic Multilingual Plane. */
function longArticle(): { text: string; spans: { start: number; end: number }[] } {
  const sentences = [
    'Chiều 12/3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, cho biết tỉnh sẽ hỗ trợ các hộ dân. ',
    'Bảo tàng Đà Nẵng trưng bày bản chữ Nôm 𡨸喃 và 𠊛 cổ, thu hút khách tham quan 📷. ',
    'Bà Trần Thị Bình nói với phóng viên rằng giá xăng tăng khiến chi phí vận chuyển tăng mạnh.\n',
  ];
  let text = '';
  for (let i = 0; i < 300; i++) text += sentences[i % 3];
  const spans = [...text.matchAll(/\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  return { text, spans };
}

test('many annotations on a long text with astral characters: written in code points and read back at the same UTF-16 spans', () => {
  const { text, spans } = longArticle();
  assert.ok(spans.length > 300, `${spans.length} spans`);
  const lines = spans.map((s, i) => {
    const f = spanFields(text, s.start, s.end);
    assert.deepEqual(f.spans, [[naiveCp(text, s.start), naiveCp(text, s.end)]]);
    return `T${i + 1}\tPerson ${f.spans[0][0]} ${f.spans[0][1]}\t${f.text}`;
  });
  const ann = lines.join('\n') + '\n';
  const d = readDecisions(ann, text);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.moved, []);
  assert.deepEqual(
    d.added.map((m) => [m.start, m.end]),
    spans.map((s) => [s.start, s.end]),
  );
  // Accepting all of them again changes nothing; accepting them on an empty file writes the same offsets.
  assert.equal(
    serializeAnn(applyEdit(parseAnn(ann).lines, text, { action: 'acceptAll', mentions: spans.map((s) => ({ ...s, kind: 'person' as const })) })),
    ann,
  );
  const fresh = serializeAnn(applyEdit([], text, { action: 'acceptAll', mentions: [...spans, spans[0]].map((s) => ({ ...s, kind: 'person' as const })) }));
  const expected = spans
    .map((s, i) => `T${i + 1}\tPerson ${naiveCp(text, s.start)} ${naiveCp(text, s.end)}\t${text.slice(s.start, s.end)}\nA${i + 1}\tConfirmed T${i + 1}\n`)
    .join('');
  assert.equal(fresh, expected, 'one T line and one Confirmed per span, the repeated span once');
});

test('doccano export offsets are code points of the text', () => {
  const { text, spans } = longArticle();
  const d = {
    path: 'a.txt',
    mentions: spans.map((s) => ({ ...s, kind: 'person', text: text.slice(s.start, s.end) })),
    claims: [],
  } as unknown as DocumentResult;
  const label = JSON.parse(toJsonl(d, text)).label as [number, number, string][];
  assert.deepEqual(
    label,
    spans.map((s) => [naiveCp(text, s.start), naiveCp(text, s.end), 'PER']),
  );
});
