import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../server/src/core/text/normalize';
import { splitSentences } from '../../server/src/core/text/sentences';
import { tokenize } from '../../server/src/core/text/tokens';
import { analyzeTexts } from '../../server/src/core/analyze';
import { sampleInputs } from '../helpers';

test('NFD text is matched in NFC while offsets point into the original', () => {
  const nfc = 'Bình Nhưỡng, ngày 24/4, Tổng thống Vladimir Putin';
  const nfd = nfc.normalize('NFD');
  assert.equal(nfc.length, 49);
  assert.equal(nfd.length, 58);
  const n = normalize(nfd);
  assert.equal(n.text, nfc);
  const at = nfc.indexOf('Vladimir');
  assert.equal(nfd.slice(n.toOriginal(at), n.toOriginalEnd(at + 'Vladimir Putin'.length)), 'Vladimir Putin');
  const start = n.toOriginal(nfc.indexOf('Nhưỡng'));
  assert.equal(nfd.slice(start, n.toOriginalEnd(nfc.indexOf('Nhưỡng') + 6)).normalize('NFC'), 'Nhưỡng');
});

test('an NFD copy of every sample gives the same mentions at the right offsets', () => {
  const inputs = sampleInputs();
  const nfc = analyzeTexts(inputs);
  const nfd = analyzeTexts(inputs.map((i) => ({ ...i, text: i.text.normalize('NFD') })));
  for (let d = 0; d < inputs.length; d++) {
    const a = nfc.documents[d].mentions;
    const b = nfd.documents[d].mentions;
    assert.equal(b.length, a.length, `${inputs[d].path}: same number of mentions`);
    const nfdText = inputs[d].text.normalize('NFD');
    for (let k = 0; k < a.length; k++) {
      assert.equal(b[k].kind, a[k].kind);
      assert.equal(nfdText.slice(b[k].start, b[k].end), b[k].text);
      assert.equal(b[k].text.normalize('NFC'), a[k].text);
    }
  }
});

test('tokens keep hyphenated names and split name compounds', () => {
  const words = tokenize('Kim Jong-un, thượng đỉnh Mỹ-Triều, TP.HCM có 30.000 người').map((t) => t.text);
  assert.deepEqual(words, ['Kim', 'Jong-un', 'thượng', 'đỉnh', 'Mỹ', 'Triều', 'TP.HCM', 'có', '30.000', 'người']);
});

test('sentences survive line wraps, numbers with dots, abbreviations and quotes', () => {
  const text =
    'Hãng KCNA thông báo rằng, Chủ tịch\nKim Jong-un đã tới Nga. Có khoảng 30.000 lao động tại TP. Vladivostok.\n"Tôi hy vọng. Chúng tôi sẽ thảo luận", ông Kim nói.';
  const s = splitSentences(text).map((x) => text.slice(x.start, x.end));
  assert.deepEqual(s, [
    'Hãng KCNA thông báo rằng, Chủ tịch\nKim Jong-un đã tới Nga.',
    'Có khoảng 30.000 lao động tại TP. Vladivostok.',
    '"Tôi hy vọng.',
    'Chúng tôi sẽ thảo luận", ông Kim nói.',
  ]);
});

test("a list's items on lines of their own are sentences of their own; a line that ends with a colon goes on otherwise", () => {
  const text =
    'Quy trình gồm 2 bước:\nBước 1: Khai báo hồ sơ trực tuyến;\nBước 2: Thanh toán lệ phí.\nDanh tính các nạn nhân gồm:\n1. Nguyễn Văn A (SN 1979).\n- Trần Văn B.\nÔng Hùng cho biết:\nviệc này sẽ sớm xong.';
  assert.deepEqual(
    splitSentences(text).map((x) => text.slice(x.start, x.end)),
    [
      'Quy trình gồm 2 bước:',
      'Bước 1: Khai báo hồ sơ trực tuyến;',
      'Bước 2: Thanh toán lệ phí.',
      'Danh tính các nạn nhân gồm:',
      '1. Nguyễn Văn A (SN 1979).',
      '- Trần Văn B.',
      'Ông Hùng cho biết:\nviệc này sẽ sớm xong.',
    ],
  );
});

test('a heading line without a full stop is a sentence of its own', () => {
  const text = 'Gặp gỡ Chủ tịch Kim Jong-un và Tổng thống Putin\nHãng reuters cho rằng, cuộc gặp quan trọng.';
  assert.equal(splitSentences(text).length, 2);
});

test('a lost full stop before a word that only starts sentences is a boundary; captions glued to text are cut', () => {
  const text = 'Cuộc họp kéo dài ba giờ đồng hồ Theo đó, hai bên đã nhất trí ký kết thỏa thuận mới.\nẢnh: AFP Hai bên đã ký thỏa thuận vào buổi chiều.';
  const s = splitSentences(text).map((x) => text.slice(x.start, x.end));
  assert.deepEqual(s, [
    'Cuộc họp kéo dài ba giờ đồng hồ',
    'Theo đó, hai bên đã nhất trí ký kết thỏa thuận mới.',
    'Ảnh: AFP',
    'Hai bên đã ký thỏa thuận vào buổi chiều.',
  ]);
});

test('messy input: empty, blank, control characters, astral symbols and run-on text', async () => {
  const { analyzeTexts } = await import('../../server/src/core/analyze');
  const texts = [
    '',
    '   \n\n ',
    '🌷🌷 Ông Putin 🌷 nói \u0000 với \ufffd hãng Reuters \u200b hôm qua.',
    'Ông Kim Jong-un gặp Tổng thống Putin tại Vladivostok ngày 25/4 theo KCNA '.repeat(300),
  ];
  const r = analyzeTexts(texts.map((text, i) => ({ path: `${i}.txt`, text, meta: { date: '2019-04-24' } })));
  assert.deepEqual(
    r.documents.slice(0, 2).map((d) => d.mentions.length),
    [0, 0],
  );
  const d2 = r.documents[2];
  for (const m of d2.mentions) assert.equal(texts[2].slice(m.start, m.end), m.text);
  assert.deepEqual(
    d2.mentions.map((m) => m.text),
    ['Putin', 'Reuters', 'hôm qua'],
  );
  assert.equal(r.documents[3].mentions.filter((m) => m.text === 'Vladivostok').length, 300);
});
