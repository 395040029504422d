import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { summarizePending } from '../../server/src/index/summarize';
import { sampleFiles } from '../helpers';

/** The articles still waiting for their summary each time the index was brought up to date while 900 articles were summarised. */
async function partialsOf(partials?: { growth: number; everyMs: number; until?: number }): Promise<number[]> {
  const ix = new WorkspaceIndex();
  const texts = sampleFiles().map((f) => fs.readFileSync(f, 'utf8'));
  for (let k = 0; k < 900; k++) ix.setDocument(`file:///w/${k}.txt`, `/w/${k}.txt`, texts[k % texts.length] + `\nBài ${k}.`, `${k}.txt`);
  ix.defer(true);
  const waiting: number[] = [];
  await summarizePending(ix, { threads: 0, ...(partials ? { partials } : {}), onPartial: () => waiting.push(ix.pendingInputs().length) });
  assert.equal(ix.pendingInputs().length, 0);
  return waiting;
}

test('while a workspace is indexed, the index is brought up to date early (200 articles) and again only as it grows, not too often, and not once an eighth is in', async () => {
  assert.deepEqual(await partialsOf(), [700], 'by default one partial update at 900 articles, at 200');
  // Doubling with no least time, until half is in: at 200 and 400; 800 is past half.
  assert.deepEqual(await partialsOf({ growth: 2, everyMs: 0, until: 1 / 2 }), [700, 500]);
  // The same with the default share, an eighth: 400 is past it, so only the first.
  assert.deepEqual(await partialsOf({ growth: 2, everyMs: 0 }), [700]);
  // Doubling, but ten seconds apart: only the first.
  assert.deepEqual(await partialsOf({ growth: 2, everyMs: 10000 }), [700]);
});
