import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import {
  claimItems,
  claimsViewRequest,
  entities,
  entitiesRequest,
  entityMentions,
  entityMentionsRequest,
  timelineRequest,
} from '../../server/src/features/requests';
import { timeline } from '../../server/src/features/dates';
import { DEFAULT_DIAGNOSTICS } from '../../server/src/features/diagnostics';
import type { ArticleMentions, ClaimGroup, ClaimItem, EntityGroup, EntitySummary, Page, TimelineDay, TimelineEntry } from '../../server/src/shared/protocol';
import { SAMPLES, sampleFiles } from '../helpers';

const uri = (f: string) => `file://${f}`;

function samplesIndex(): WorkspaceIndex {
  const ix = new WorkspaceIndex();
  const config = path.join(SAMPLES, 'newslens.json');
  ix.setConfig(config, fs.readFileSync(config, 'utf8'));
  for (const f of sampleFiles()) ix.setDocument(uri(f), f, fs.readFileSync(f, 'utf8'), path.basename(f));
  return ix;
}

/** Every item of a paged list, asked for `size` at a time, checking the pages' totals and offsets. */
function allPages<T>(ask: (offset: number, limit: number) => Page<T>, size: number): T[] {
  const out: T[] = [];
  for (let offset = 0; ; offset += size) {
    const p = ask(offset, size);
    assert.equal(p.offset, offset);
    assert.ok(p.items.length <= size);
    out.push(...p.items);
    if (offset + size >= p.total) {
      assert.equal(out.length, p.total);
      return out;
    }
    assert.equal(p.items.length, size, 'a page before the last one is full');
  }
}

const ix = samplesIndex();

test('requests without paging fields answer with the whole list, as before', () => {
  assert.ok(Array.isArray(entitiesRequest(ix)));
  assert.deepEqual(entitiesRequest(ix, {}), entities(ix));
  assert.deepEqual(entitiesRequest(ix, { query: 'kim' }), entities(ix, 'kim'));
  assert.deepEqual(claimsViewRequest(ix), claimItems(ix));
  assert.deepEqual(timelineRequest(ix, {}), timeline(ix));
  const id = entities(ix)[0].id;
  assert.deepEqual(entityMentionsRequest(ix, { id }), entityMentions(ix, id));
});

test('entities: kinds with counts, then each kind in pages, most mentioned first', () => {
  const all = entities(ix);
  const groups = entitiesRequest(ix, { groups: true }) as Page<EntityGroup>;
  assert.deepEqual(
    groups.items.map((g) => g.kind),
    ['person', 'organization', 'location'].filter((k) => all.some((e) => e.kind === k)),
  );
  assert.equal(groups.total, groups.items.length);
  for (const g of groups.items) {
    const kind = all.filter((e) => e.kind === g.kind);
    assert.equal(g.count, kind.length);
    const paged = allPages((offset, limit) => entitiesRequest(ix, { kind: g.kind, offset, limit }) as Page<EntitySummary>, 7);
    assert.deepEqual(paged, kind);
  }
  assert.deepEqual(
    allPages((offset, limit) => entitiesRequest(ix, { offset, limit }) as Page<EntitySummary>, 10),
    all,
  );
  const past = entitiesRequest(ix, { kind: 'person', offset: 10_000, limit: 5 }) as Page<EntitySummary>;
  assert.deepEqual(past.items, []);
  assert.equal(past.total, all.filter((e) => e.kind === 'person').length);
});

test('entities: the filter applies to the kinds and to their pages', () => {
  const kim = entities(ix, 'kim');
  assert.ok(kim.length >= 1 && kim.length < entities(ix).length);
  const groups = entitiesRequest(ix, { query: 'kim', groups: true }) as Page<EntityGroup>;
  assert.equal(
    groups.items.reduce((n, g) => n + g.count, 0),
    kim.length,
  );
  const persons = entitiesRequest(ix, { query: 'kim', kind: 'person', limit: 200 }) as Page<EntitySummary>;
  assert.deepEqual(
    persons.items,
    kim.filter((e) => e.kind === 'person'),
  );
  // Back to no filter: the cached filter is not reused.
  assert.equal((entitiesRequest(ix, { kind: 'person', limit: 0 }) as Page<EntitySummary>).total, entities(ix).filter((e) => e.kind === 'person').length);
});

test("an entity's mentions in pages of articles", () => {
  const e = entities(ix).find((x) => x.documents >= 3)!;
  const flat = entityMentions(ix, e.id);
  const articles = allPages((offset, limit) => entityMentionsRequest(ix, { id: e.id, offset, limit }) as Page<ArticleMentions>, 2);
  assert.equal(articles.length, e.documents);
  assert.equal(new Set(articles.map((a) => a.uri)).size, articles.length, 'one item per article');
  assert.deepEqual(
    articles.flatMap((a) => a.ranges.map((range) => ({ uri: a.uri, range }))),
    flat,
  );
});

test('claims: groups with counts, then each group in pages', () => {
  const all = claimItems(ix);
  const groups = claimsViewRequest(ix, { groups: true }) as Page<ClaimGroup>;
  assert.ok(groups.items.some((g) => g.group === 'unsourced'));
  assert.equal(
    groups.items.reduce((n, g) => n + g.count, 0),
    all.length,
  );
  for (const g of groups.items) {
    const paged = allPages((offset, limit) => claimsViewRequest(ix, { group: g.group, offset, limit }) as Page<ClaimItem>, 3);
    assert.deepEqual(
      paged,
      all.filter((i) => (i.dismissed ? 'dismissed' : i.status) === g.group),
    );
  }
  assert.deepEqual(
    allPages((offset, limit) => claimsViewRequest(ix, { offset, limit }) as Page<ClaimItem>, 4),
    all,
  );
});

test('timeline: days with counts in date order, then each day in pages, as the whole timeline has them', () => {
  const all = timeline(ix);
  assert.deepEqual(
    allPages((offset, limit) => timelineRequest(ix, { offset, limit }) as Page<TimelineEntry>, 5),
    all,
  );
  const days = allPages((offset, limit) => timelineRequest(ix, { groups: true, offset, limit }) as Page<TimelineDay>, 4);
  const dayOf = (e: TimelineEntry) => e.value.split('T')[0];
  assert.deepEqual(
    days.map((d) => d.day),
    [...new Set(all.map(dayOf))],
  );
  assert.equal(
    days.reduce((n, d) => n + d.count, 0),
    all.length,
  );
  for (const d of days) {
    const entries = allPages((offset, limit) => timelineRequest(ix, { day: d.day, offset, limit }) as Page<TimelineEntry>, 2);
    assert.deepEqual(
      entries,
      all.filter((e) => dayOf(e) === d.day),
    );
  }
  const y2008 = days.find((d) => d.day === '2008');
  assert.equal(y2008?.label, 'the year 2008');
  assert.equal((timelineRequest(ix, { day: 'no such day', limit: 10 }) as Page<TimelineEntry>).total, 0);
});

test('pages follow changes to the collection', () => {
  const local = samplesIndex();
  const before = (claimsViewRequest(local, { groups: true }) as Page<ClaimGroup>).items.find((g) => g.group === 'unsourced')!.count;
  const persons = (entitiesRequest(local, { groups: true }) as Page<EntityGroup>).items.find((g) => g.kind === 'person')!.count;
  const days = (timelineRequest(local, { groups: true }) as Page<TimelineDay>).total;
  const f = path.join(SAMPLES, 'zz_added.txt');
  local.setDocument(
    uri(f),
    f,
    'Ông Nguyễn Văn Bình, Thống đốc Ngân hàng Nhà nước, ngày 3/2/1999 cho biết lạm phát sẽ giảm.\n\nGiá vàng sẽ tăng 20% trong năm nay.\n',
    'zz_added.txt',
  );
  const after = (claimsViewRequest(local, { groups: true }) as Page<ClaimGroup>).items.find((g) => g.group === 'unsourced')!.count;
  assert.ok(after > before, `unsourced ${before} → ${after}`);
  assert.ok((entitiesRequest(local, { groups: true }) as Page<EntityGroup>).items.find((g) => g.kind === 'person')!.count > persons);
  assert.ok((timelineRequest(local, { groups: true }) as Page<TimelineDay>).total > days);
  local.removeDocument(uri(f));
  assert.equal((claimsViewRequest(local, { groups: true }) as Page<ClaimGroup>).items.find((g) => g.group === 'unsourced')!.count, before);
});

test('diagnostics cover the whole workspace unless newsLens.diagnostics.scope says openFiles', () => {
  assert.equal(DEFAULT_DIAGNOSTICS.scope, 'workspace');
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const setting = pkg.contributes.configuration.properties['newsLens.diagnostics.scope'];
  assert.deepEqual(setting.enum, ['workspace', 'openFiles']);
  assert.equal(setting.default, DEFAULT_DIAGNOSTICS.scope);
});
