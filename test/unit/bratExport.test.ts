import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toConll } from '../../server/src/core/annotations/export';
import { normalize } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokens';
import { splitSentences } from '../../server/src/core/text/sentences';
import type { DocumentResult, MentionKind } from '../../server/src/core/types';
import { analyzeSamples, sampleInputs } from '../helpers';

const SHORT: Record<MentionKind, string> = { person: 'PER', organization: 'ORG', location: 'LOC', date: 'DATE' };

/** The straightforward CoNLL columns: for each token, look through every mention for the first that contains it. */
function conllByScan(d: DocumentResult, text: string): string {
  const norm = normalize(text);
  const sentences = splitSentences(norm.text);
  const spans = d.mentions.map((m) => ({ start: norm.fromOriginal(m.start), end: norm.fromOriginal(m.end), tag: SHORT[m.kind] }));
  const out = ['-DOCSTART- O', ''];
  let s = 0;
  let prev: (typeof spans)[number] | undefined;
  for (const tok of tokenize(norm.text)) {
    while (s < sentences.length - 1 && tok.start >= sentences[s].end) {
      s++;
      if (out[out.length - 1] !== '') out.push('');
    }
    const m = spans.find((x) => x.start <= tok.start && tok.end <= x.end);
    out.push(`${tok.text} ${m ? `${m === prev ? 'I' : 'B'}-${m.tag}` : 'O'}`);
    prev = m;
  }
  return out.join('\n') + '\n\n';
}

test('CoNLL columns of the samples are those of the straightforward scan', () => {
  const r = analyzeSamples();
  const texts = new Map(sampleInputs().map((i) => [i.path, i.text]));
  for (const d of r.documents) assert.equal(toConll(d, texts.get(d.path)!), conllByScan(d, texts.get(d.path)!), d.path);
});

test('CoNLL columns of a long article with nested, crossing and unsorted mentions are those of the straightforward scan', () => {
  const sentence = 'Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, nói với Bộ Y tế rằng 𡨸 lũ đã rút. ';
  const text = sentence.repeat(400);
  const at = (needle: string, from: number) => text.indexOf(needle, from);
  const mentions: { start: number; end: number; kind: MentionKind }[] = [];
  for (let base = 0; base < text.length; base += sentence.length) {
    const an = at('Nguyễn Văn An', base);
    const ubnd = at('UBND tỉnh Quảng Nam', base);
    const qn = at('Quảng Nam', base);
    const byt = at('Bộ Y tế', base);
    // Nested (Quảng Nam inside UBND tỉnh Quảng Nam), crossing (Văn An, Chủ tịch), listed out of order.
    mentions.push(
      { start: byt, end: byt + 7, kind: 'organization' },
      { start: qn, end: qn + 9, kind: 'location' },
      { start: ubnd, end: ubnd + 19, kind: 'organization' },
    );
    mentions.push({ start: an, end: an + 13, kind: 'person' }, { start: an + 7, end: an + 23, kind: 'organization' });
  }
  const d = { path: 'a.txt', mentions: mentions.map((m) => ({ ...m, text: text.slice(m.start, m.end) })), claims: [] } as unknown as DocumentResult;
  const conll = toConll(d, text);
  assert.equal(conll, conllByScan(d, text));
  assert.match(conll, /\nQuảng B-LOC\nNam I-LOC\n/, 'the mention listed first wins');
});
