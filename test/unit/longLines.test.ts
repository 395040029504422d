/**
 * A long line is analysed as its pieces are: the same sentences repeated on one line give the
 * results of one copy again and again, at the copy's offsets. Where the first or the last copy has
 * context the others lack (nothing before it, nothing after it), the steady state is taken from a
 * text of three copies: its first copy stands for the first, its middle one for every middle copy,
 * its last one for the last. No timing is asserted here (see the README's "What bad input gets").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTexts } from '../../server/src/core/analyze';
import { splitSentences } from '../../server/src/core/text/sentences';
import { tokenize } from '../../server/src/core/text/tokens';
import { recognizeDates } from '../../server/src/core/dates/recognize';
import { parseYmd } from '../../server/src/core/dates/calendar';
import type { DocumentResult } from '../../server/src/core/types';

const COPIES = 2000;
const ANCHOR = '2019-04-24';

/** Sentences of real news, with names, titles, dates, a cue, a quote, a "theo" source and a caption credit. */
const PIECE =
  'Tổng thống Nga Vladimir Putin cho biết, ông sẽ gặp Chủ tịch Triều Tiên Kim Jong-un tại Vladivostok vào ngày 25/4/2019. ' +
  'Theo hãng thông tấn KCNA, đoàn tàu bọc thép đã rời Bình Nhưỡng hôm 23/4/2019. ' +
  '“Chúng tôi hy vọng cuộc gặp sẽ thành công”, ông Dmitry Peskov, người phát ngôn Điện Kremlin, nói với các phóng viên. ' +
  'Các nhà phân tích cho rằng Triều Tiên đang tìm kiếm sự ủng hộ của Nga sau thượng đỉnh Hà Nội hồi tháng 2/2019. ';

type Item = { start: number; end: number; cueSpan?: { start: number; end: number } };
const items = (xs: readonly object[]) => xs as unknown as Item[];

/** Analysed once per text: the long ones are used by more than one test. */
const analysed = new Map<string, DocumentResult>();
function analyse(text: string): DocumentResult {
  let d = analysed.get(text);
  if (!d) analysed.set(text, (d = analyzeTexts([{ path: 'long.txt', text, meta: { date: ANCHOR } }]).documents[0]));
  return d;
}

/** Every field of an item with its offsets made relative to the copy it lies in. */
function shifted(x: Item, by: number): Item {
  const out: Item = { ...x, start: x.start - by, end: x.end - by };
  if (x.cueSpan) out.cueSpan = { start: x.cueSpan.start - by, end: x.cueSpan.end - by };
  return out;
}

/** The items of each copy, offsets relative to the copy; an item that crosses copies fails the test. */
function byCopy(items: Item[], length: number, copies: number): Item[][] {
  const out: Item[][] = Array.from({ length: copies }, () => []);
  for (const x of items) {
    const k = Math.floor(x.start / length);
    assert.ok(x.end <= (k + 1) * length, `an item crosses from copy ${k} into the next: ${JSON.stringify(x)}`);
    out[k].push(shifted(x, k * length));
  }
  return out;
}

/** The long text's items, copy by copy, are those of the three-copy text's first, middle and last copies. */
function assertSteady(name: string, long: Item[], three: Item[], length: number, copies = COPIES): void {
  const ref = byCopy(three, length, 3);
  const got = byCopy(long, length, copies);
  assert.ok(ref[1].length > 0, `${name}: the middle copy has some`);
  for (let k = 0; k < copies; k++) {
    const want = k === 0 ? ref[0] : k === copies - 1 ? ref[2] : ref[1];
    // One comparison for the whole list would say little about where it went wrong.
    if (JSON.stringify(got[k]) !== JSON.stringify(want)) assert.deepEqual(got[k], want, `${name} of copy ${k}`);
  }
  assert.equal(long.length, ref[0].length + ref[2].length + (copies - 2) * ref[1].length, `${name}: count`);
}

function assertRepeats(piece: string, label: string, what: ('mentions' | 'claims' | 'sentences')[]): void {
  const long = analyse(piece.repeat(COPIES));
  const three = analyse(piece.repeat(3));
  for (const w of what) assertSteady(`${label}: ${w}`, items(long[w]), items(three[w]), piece.length);
}

test('one line of the same sentences 2,000 times: sentences, tokens and dates of each copy, at its offsets', () => {
  const text = PIECE.repeat(COPIES);
  const one = splitSentences(PIECE);
  const sentences = splitSentences(text);
  assert.equal(sentences.length, COPIES * one.length);
  sentences.forEach((s, i) => assert.deepEqual(shifted(s, Math.floor(i / one.length) * PIECE.length), one[i % one.length]));
  const tokens = tokenize(text);
  const pieceTokens = tokenize(PIECE);
  assert.equal(tokens.length, COPIES * pieceTokens.length);
  for (let i = 0; i < tokens.length; i += 997) {
    const t = pieceTokens[i % pieceTokens.length];
    assert.deepEqual(
      { ...tokens[i], index: 0 },
      { ...t, start: t.start + Math.floor(i / pieceTokens.length) * PIECE.length, end: t.end + Math.floor(i / pieceTokens.length) * PIECE.length, index: 0 },
    );
  }
  const dates = recognizeDates(text, parseYmd(ANCHOR));
  const pieceDates = recognizeDates(PIECE, parseYmd(ANCHOR));
  assert.equal(pieceDates.length, 3);
  assertSteady('dates', items(dates), items(recognizeDates(PIECE.repeat(3), parseYmd(ANCHOR))), PIECE.length);
});

test('one line of the same sentences 2,000 times: the mentions, claims and sentences of each copy, at its offsets', () => {
  assertRepeats(PIECE, 'one line', ['mentions', 'claims', 'sentences']);
  // The copies are the pieces: a middle copy analysed alone (between two others) gives what one copy gives.
  const one = analyse(PIECE.repeat(3));
  assert.ok(one.mentions.some((m) => m.kind === 'person' && m.text === 'Vladimir Putin'));
  assert.ok(one.claims.some((c) => c.status === 'sourced') && one.claims.some((c) => c.status === 'vague'));
});

test('without any full stop, and after an unclosed quote, each copy still has the mentions of one copy', () => {
  // No full stop: the whole line is one or a few run-on sentences; names and dates are found all the same.
  const noStops = PIECE.replace(/[.!?…]/g, '');
  assertRepeats(noStops, 'no full stops', ['mentions']);
  // An opening quote never closed: every sentence after it is inside the quote.
  const long = analyse('“' + PIECE.repeat(COPIES));
  const three = analyse('“' + PIECE.repeat(3));
  const shift = (xs: Item[]) => xs.map((x) => shifted(x, 1));
  for (const w of ['mentions', 'claims'] as const) {
    assertSteady(
      `unclosed quote: ${w}`,
      shift(items(long[w])).filter((x) => x.start >= 0),
      shift(items(three[w])).filter((x) => x.start >= 0),
      PIECE.length,
    );
  }
});

test('a line of 2,000 copies with one line break between each gives the same mentions as the single line', () => {
  const oneLine = analyse(PIECE.repeat(COPIES));
  const lines = analyse(PIECE.trimEnd().concat('\n').repeat(COPIES));
  // The same length per copy: a line break in place of the last space.
  assert.deepEqual(lines.mentions, oneLine.mentions);
});
