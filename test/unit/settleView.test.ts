/**
 * A round settled on worker threads reads the collection through viewFromData(round.viewData()):
 * every article must settle the same against it as against the live view, in every round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../server/src/core/summary';
import { Collection, type ArticleInput } from '../../server/src/core/resolve/collection';
import { settleArticle, viewFromData, type SettledParts } from '../../server/src/core/resolve/settleArticle';
import { sampleInputs } from '../helpers';

const more: Record<string, string> = {
  'a.txt': 'Ông Nguyễn Tiến Minh cho biết dự án sẽ hoàn thành. Theo ông Tiến Minh, vốn đã được giải ngân cho Foxconn.',
  'b.txt': 'Đại diện foxconn từ chối bình luận. Phía foxcon chưa trả lời. Choe Son-hui nói Bình Nhưỡng muốn đối thoại.',
  'c.txt': 'Theo Choe, hai bên sẽ tiếp tục đàm phán. Ông Kim Jong-un và Vladimir Putin gặp nhau ở Vladivostok.',
};

test('every round settles the same against the view sent to workers as against the live collection', () => {
  const inputs = [...sampleInputs(), ...Object.entries(more).map(([path, text]) => ({ path, text, meta: {} }))];
  const changes = new Map<string, ArticleInput>(inputs.map((i) => [i.path, { summary: summarize(i), text: i.text }]));
  const c = new Collection();
  let rounds = 0;
  let settled = 0;
  for (let round = c.beginUpdate(changes); round; rounds++) {
    const sent = viewFromData(round.viewData());
    const results = new Map<string, SettledParts>();
    for (const [uri, job] of round.jobs) {
      const here = settleArticle(job, round.view);
      assert.deepEqual(settleArticle(job, sent), here, uri);
      results.set(uri, here);
      settled++;
    }
    round = c.acceptRound(results);
  }
  c.finishUpdate();
  assert.ok(rounds >= 1 && settled >= inputs.length);
  assert.ok(c.entities().length > 20);
});
