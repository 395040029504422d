/** makeLookup and the outlet's lookup say which keys they know, and find what they found without saying so. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLookup, prepareDocument, type PreparedDocument } from '../../server/src/core/analyze';
import type { Lookup } from '../../server/src/core/entities/recognize';
import type { RegistryEntity } from '../../server/src/core/types';
import { sampleInputs } from '../helpers';

const registry: RegistryEntity[] = [
  { id: 'sd', kind: 'organization', name: 'Công ty Sông Đà-Thăng Long', aliases: ['Sông Đà-Thăng Long'] },
  { id: 'z30', kind: 'organization', name: 'nhà máy Z-30', aliases: [] },
  { id: 'tam', kind: 'person', name: 'Lê Văn Tám', aliases: ['ông Tám'] },
];

const news = [
  'Ông Lê Văn Tám, giám đốc Công ty Sông Đà-Thăng Long, nói với Tuổi Trẻ Online rằng nhà máy Z-30 đã hoạt động trở lại.',
  'Theo Tuổi Trẻ Online, ông Tám xác nhận Sông Đà-Thăng Long sẽ trả lương cho công nhân trước Tết.',
];

const found = (p: PreparedDocument) => ({ candidates: p.recognized.candidates, dates: p.dates });

test('the lookup with its keys listed finds what the same lookup without the list finds, outlet and registry included', () => {
  const listed = makeLookup(registry);
  assert.ok(listed.startsKey, 'makeLookup lists its keys');
  assert.ok(listed.startsKey!('công ti sông đà') && listed.startsKey!('lê văn') && !listed.startsKey!('tám giám'));
  const plain: Lookup = (k) => listed(k);
  const inputs = [...sampleInputs(), ...news.map((text, i) => ({ path: `n${i}.txt`, text, meta: { outlet: 'Tuổi Trẻ Online' } }))];
  for (const input of inputs) {
    const a = prepareDocument(input.path, input.text, input.meta, listed);
    const b = prepareDocument(input.path, input.text, input.meta, plain);
    assert.deepEqual(found(a), found(b), input.path);
  }
  // The outlet is found as an organisation of the registry's origin.
  const p = prepareDocument('n0.txt', news[0], { outlet: 'Tuổi Trẻ Online' }, listed);
  assert.ok(p.recognized.candidates.some((c) => c.text === 'Tuổi Trẻ Online' && c.kind === 'organization'));
});
