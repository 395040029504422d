import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, positionOf, type Session } from './lspClient';
import {
  StatsNotification,
  RegistryEditRequest,
  EntitiesRequest,
  type Stats,
  type EntitySummary,
  type RegistryEditResult,
} from '../../server/src/shared/protocol';

const A000 = '000_a37f9ae36c8c9fee.txt';
const A001 = '001_11ff586dfdeba885.txt';
const A002 = '002_5cb9b134e5cf0392.txt';

async function ready(s: Session): Promise<void> {
  await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
}

async function entityAt(s: Session, file: string, needle: string, nth = 0): Promise<EntitySummary> {
  const text = fs.readFileSync(path.join(s.root, file), 'utf8');
  // "ông Kim": the name is the last word of the needle.
  const pos = positionOf(text, needle, nth);
  pos.character += needle.lastIndexOf(' ') + 1;
  const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: s.uri(file) }, position: pos });
  assert.ok(hover, `a hover on "${needle}"`);
  const name = /\*\*(.+?)\*\*/.exec(hover.contents.value)![1];
  const all = await s.connection.sendRequest<EntitySummary[]>(EntitiesRequest, {});
  return all.find((e) => e.name === name)!;
}

test('merges, splits, renames and kinds persist in newslens.json, apply to every article and survive a restart', async () => {
  let s = await startServer({ keep: true });
  const root = s.root;
  try {
    await ready(s);
    const tass = await entityAt(s, A000, 'Tass');
    const interfax = await entityAt(s, A002, 'Interfax');
    assert.notEqual(tass.id, interfax.id);
    const merged = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, { action: 'merge', entity: tass.id, others: [interfax.id] });
    assert.equal(merged.ok, true, merged.message);
    assert.equal((await entityAt(s, A002, 'Interfax')).name, 'TASS');
    assert.equal((await entityAt(s, '004_a41bdff0d3ec78da.txt', 'Interfax')).name, 'TASS', 'the merge shows in another article at once');

    const refused = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, {
      action: 'merge',
      entity: tass.id,
      others: [(await entityAt(s, A000, 'Nga')).id],
    });
    assert.equal(refused.ok, false, 'an organisation and a place are not merged');

    const text001 = fs.readFileSync(path.join(root, A001), 'utf8');
    const kim = await entityAt(s, A001, 'ông Kim', 0);
    const offset = text001.indexOf('ông Kim') + 4;
    const split = await s.connection.sendRequest<RegistryEditResult>(RegistryEditRequest, { action: 'split', uri: s.uri(A001), offset });
    assert.equal(split.ok, true, split.message);
    assert.notEqual((await entityAt(s, A001, 'ông Kim', 0)).id, kim.id);

    const prepared: any = await s.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: s.uri(A002) },
      position: positionOf(fs.readFileSync(path.join(root, A002), 'utf8'), 'Putin'),
    });
    assert.equal(prepared.placeholder, 'Vladimir Putin');
    const edit: any = await s.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: s.uri(A002) },
      position: positionOf(fs.readFileSync(path.join(root, A002), 'utf8'), 'Putin'),
      newName: 'Vladimir Vladimirovich Putin',
    });
    assert.deepEqual(edit.changes, {}, 'the article text is never edited');

    const wagner = await entityAt(s, '004_a41bdff0d3ec78da.txt', 'Wagner');
    await s.connection.sendRequest(RegistryEditRequest, { action: 'linkWikidata', entity: wagner.id, value: 'Q20062591' });
  } finally {
    await s.close();
  }
  const registry = JSON.parse(fs.readFileSync(path.join(root, 'newslens.json'), 'utf8')).entities;
  assert.ok(Object.values(registry).some((e: any) => e.name === 'TASS' && e.aliases.includes('Interfax')));
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'newslens.json'), 'utf8')).articles[A000].outlet, 'Tổ Quốc', 'the rest of the file is kept');

  s = await startServer({ root });
  try {
    await ready(s);
    assert.equal((await entityAt(s, A002, 'Interfax')).name, 'TASS', 'the merge survives a restart');
    assert.equal((await entityAt(s, A002, 'Putin', 1)).name, 'Vladimir Vladimirovich Putin', 'the rename survives a restart');
    const splitKim = await entityAt(s, A001, 'ông Kim', 0);
    assert.equal(splitKim.mentions, 1, 'the split survives a restart');
    const hover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: s.uri('004_a41bdff0d3ec78da.txt') },
      position: positionOf(fs.readFileSync(path.join(root, '004_a41bdff0d3ec78da.txt'), 'utf8'), 'Wagner'),
    });
    assert.match(hover.contents.value, /wikidata\.org\/wiki\/Q20062591/);
  } finally {
    await s.close();
  }
});
