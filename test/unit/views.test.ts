/**
 * The Explorer views over a fake `vscode` and a client that answers from the server's request
 * functions: children fetched on expand and in pages with "Load more…", coalesced refreshes that
 * wait while a view is hidden, and the same trees from a server that answers with whole lists.
 */
import './fakeVscode';
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { created, l10n } from './fakeVscode';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import * as requests from '../../server/src/features/requests';
import { timeline } from '../../server/src/features/dates';
import * as protocol from '../../server/src/shared/protocol';
import { EntitiesView } from '../../client/src/views/entitiesView';
import { TimelineView } from '../../client/src/views/timelineView';
import { ClaimsView } from '../../client/src/views/claimsView';
import { isMore, REFRESH_DELAY_MS, type MoreNode, type ServerTree } from '../../client/src/views/tree';
import { SAMPLES, sampleFiles } from '../helpers';

const ix = new WorkspaceIndex();
ix.setConfig(path.join(SAMPLES, 'newslens.json'), fs.readFileSync(path.join(SAMPLES, 'newslens.json'), 'utf8'));
for (const f of sampleFiles()) ix.setDocument(`file://${f}`, f, fs.readFileSync(f, 'utf8'), path.basename(f));

/** A client answering as server.ts wires the requests; `whole` answers as a server without paging. */
function fakeClient(whole = false) {
  const sent: { method: string; params: any }[] = [];
  const answer = (method: string, p: any): unknown => {
    switch (method) {
      case protocol.EntitiesRequest:
        return whole ? requests.entities(ix, p?.query) : requests.entitiesRequest(ix, p);
      case protocol.EntityMentionsRequest:
        return whole ? requests.entityMentions(ix, p.id) : requests.entityMentionsRequest(ix, p);
      case protocol.TimelineRequest:
        return whole ? timeline(ix) : requests.timelineRequest(ix, p);
      case protocol.ClaimsViewRequest:
        return whole ? requests.claimItems(ix) : requests.claimsViewRequest(ix, p);
      default:
        throw new Error(`unexpected request ${method}`);
    }
  };
  const client = {
    sendRequest: async (method: string, params: any) => {
      sent.push({ method, params });
      // Through JSON, as over the wire.
      return JSON.parse(JSON.stringify(answer(method, params)));
    },
  } as unknown as LanguageClient;
  return { client, sent };
}

type AnyTree = ServerTree<any>;

/** Labels of a node's children ("Load more…" included), and the nodes. */
async function children(tree: AnyTree, node?: unknown): Promise<{ labels: string[]; nodes: any[] }> {
  const nodes = await tree.getChildren(node as any);
  return { labels: nodes.map((n) => String(tree.getTreeItem(n).label)), nodes };
}

/** Every child of a node, clicking "Load more…" until there is none. */
async function expandAll(tree: AnyTree, node?: unknown): Promise<any[]> {
  for (;;) {
    const nodes = await tree.getChildren(node as any);
    const more = nodes.find(isMore) as MoreNode | undefined;
    if (!more) return nodes;
    await tree.loadMore(more);
  }
}

test('entities: kinds first, each kind on expand, in pages with "Load more…"', async () => {
  const { client, sent } = fakeClient();
  const view = new EntitiesView(() => client);
  view.pageSize = 5;
  const root = await children(view);
  assert.deepEqual(root.labels, ['Persons', 'Organisations', 'Places']);
  assert.equal(sent.length, 1, 'the root asks for the kinds only');
  assert.deepEqual(sent[0].params, { query: undefined, groups: true, offset: 0, limit: 5 });

  const persons = root.nodes[0];
  const all = requests.entities(ix).filter((e) => e.kind === 'person');
  assert.ok(all.length > 10);
  const first = await children(view, persons);
  assert.deepEqual(first.labels, [...all.slice(0, 5).map((e) => e.name), 'Load more…']);
  const more = first.nodes[5] as MoreNode;
  assert.equal(view.getTreeItem(more).command?.command, 'newsLens.loadMore');
  assert.equal(view.getTreeItem(more).description, `5 of ${all.length}`);

  const fired: unknown[] = [];
  view.onDidChangeTreeData((e) => fired.push(e));
  const before = sent.length;
  await view.loadMore(more);
  assert.equal(sent.length, before + 1);
  assert.deepEqual(sent[sent.length - 1].params, { query: undefined, kind: 'person', offset: 5, limit: 5 });
  assert.deepEqual(fired, [persons], 'only the kind is refreshed');
  const second = await children(view, persons);
  assert.equal(sent.length, before + 1, 'the loaded children are not asked for again');
  assert.deepEqual(
    second.labels.slice(0, 10),
    all.slice(0, 10).map((e) => e.name),
  );

  const everyone = await expandAll(view, persons);
  assert.deepEqual(
    everyone.map((n) => n.entity.id),
    all.map((e) => e.id),
  );

  // An entity: its articles on expand, then its mentions in an article.
  const kim = everyone.find((n) => n.entity.name === 'Kim Jong-un');
  const articles = await children(view, kim);
  assert.equal(articles.nodes.length, kim.entity.documents);
  assert.deepEqual(sent[sent.length - 1].params, { id: kim.entity.id, offset: 0, limit: 5 });
  const mentions = (await expandAll(view, articles.nodes[0])).map((n) => String(view.getTreeItem(n).label));
  assert.equal(mentions.length, Number(view.getTreeItem(articles.nodes[0]).description));
  assert.ok(
    mentions.every((l) => /^line \d+, column \d+$/.test(l)),
    mentions.join(', '),
  );
});

test('entities: the filter narrows the kinds and their pages', async () => {
  const { client, sent } = fakeClient();
  const view = new EntitiesView(() => client);
  view.filter = 'putin';
  const root = await children(view);
  assert.deepEqual(root.labels, ['Persons']);
  assert.equal(view.getTreeItem(root.nodes[0]).description, '1');
  assert.deepEqual((await children(view, root.nodes[0])).labels, ['Vladimir Putin']);
  assert.ok(sent.every((s) => s.params.query === 'putin'));
});

test('a node asked for twice before its answer is fetched once, and both get the same items, which carry no id', async () => {
  const { client, sent } = fakeClient();
  const view = new EntitiesView(() => client);
  const [persons] = await view.getChildren();
  const before = sent.length;
  // VS Code asks again when a refresh arrives while the first answer is on its way.
  const [a, b] = await Promise.all([view.getChildren(persons), view.getChildren(persons)]);
  assert.equal(sent.length, before + 1);
  assert.ok(a.length > 10);
  assert.deepEqual(
    a.map((n, i) => n === b[i]),
    a.map(() => true),
  );
  // An id VS Code has registered already breaks the whole view, so the items have none.
  assert.ok(a.every((n) => view.getTreeItem(n).id === undefined));

  // A refresh while a fetch is under way: what is asked after it is fetched again, not taken from
  // the answer that was on its way.
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const slow = { sendRequest: async (m: string, p: unknown) => (await gate, client.sendRequest(m, p)) } as unknown as LanguageClient;
  const gated = new EntitiesView(() => slow);
  gated.createView('newsLens.entities');
  const [kind] = await (open(), gated.getChildren());
  const counted = sent.length;
  const second = new Promise<void>((r) => (open = r));
  const slowAgain = { sendRequest: async (m: string, p: unknown) => (await second, client.sendRequest(m, p)) } as unknown as LanguageClient;
  (gated as unknown as { client: () => LanguageClient }).client = () => slowAgain;
  const old = gated.getChildren(kind);
  gated.refresh(true);
  await new Promise((r) => setTimeout(r, 0));
  const renewed = gated.getChildren(kind);
  open();
  const [x, y] = await Promise.all([old, renewed]);
  assert.equal(sent.length, counted + 2, 'one fetch before the refresh and one after it');
  assert.equal(x.length, y.length);
  assert.notEqual(x[0], y[0]);
});

test('the views speak the display language: kinds, counts and mentions from the Vietnamese bundle', async (t) => {
  l10n.bundle = JSON.parse(fs.readFileSync(path.resolve('l10n/bundle.l10n.vi.json'), 'utf8'));
  t.after(() => (l10n.bundle = undefined));
  const { client } = fakeClient();
  const view = new EntitiesView(() => client);
  view.pageSize = 5;
  const root = await children(view);
  assert.deepEqual(root.labels, ['Người', 'Tổ chức', 'Địa điểm']);
  const persons = await children(view, root.nodes[0]);
  assert.equal(persons.labels[5], 'Xem thêm…');
  const kim = (await expandAll(view, root.nodes[0])).find((n) => n.entity?.name === 'Kim Jong-un');
  assert.match(String(view.getTreeItem(kim).description), /^\d+ · 5 bài$/);
  const [article] = await view.getChildren(kim);
  const [mention] = await view.getChildren(article);
  assert.match(String(view.getTreeItem(mention).label), /^dòng \d+, cột \d+$/);
  const claims = await children(new ClaimsView(() => client));
  assert.ok(claims.labels.includes('Không nguồn'), claims.labels.join(', '));
});

test('refreshes are coalesced, wait while the view is hidden, and keep what "Load more…" showed', async (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { client, sent } = fakeClient();
  const tree = new ClaimsView(() => client);
  tree.pageSize = 3;
  tree.createView('newsLens.claims');
  const view = created[created.length - 1];
  const fired: unknown[] = [];
  tree.onDidChangeTreeData((e) => fired.push(e));

  const root = await children(tree);
  assert.ok(root.labels.includes('Unsourced'));
  const unsourced = root.nodes[root.labels.indexOf('Unsourced')];
  await tree.loadMore((await tree.getChildren(unsourced)).find(isMore) as MoreNode);
  assert.equal((await tree.getChildren(unsourced)).filter((n) => !isMore(n)).length, 6);
  fired.length = 0;

  for (let i = 0; i < 10; i++) tree.refresh();
  mock.timers.tick(REFRESH_DELAY_MS - 1);
  assert.equal(fired.length, 0, 'the refresh waits');
  mock.timers.tick(1);
  assert.equal(fired.length, 1, 'ten refreshes in a row reach the tree once');

  // After a refresh the group is asked for again, as many as were shown.
  const sentBefore = sent.length;
  const again = await children(tree);
  const unsourcedAgain = again.nodes[again.labels.indexOf('Unsourced')];
  assert.equal((await tree.getChildren(unsourcedAgain)).filter((n) => !isMore(n)).length, 6);
  assert.deepEqual(
    sent.slice(sentBefore).map((s) => s.params),
    [
      { groups: true, offset: 0, limit: 3 },
      { group: 'unsourced', offset: 0, limit: 6 },
    ],
  );

  // Hidden: nothing reaches the tree until it is shown again, then one refresh at once.
  view.setVisible(false);
  for (let i = 0; i < 5; i++) {
    tree.refresh();
    mock.timers.tick(REFRESH_DELAY_MS * 2);
  }
  assert.equal(fired.length, 1);
  view.setVisible(true);
  mock.timers.tick(0);
  assert.equal(fired.length, 2);
  view.setVisible(false);
  view.setVisible(true);
  mock.timers.tick(REFRESH_DELAY_MS * 2);
  assert.equal(fired.length, 2, 'shown again with nothing new: no refresh');
  // Hidden while a refresh waits: it is kept for when the view is shown.
  tree.refresh();
  view.setVisible(false);
  mock.timers.tick(REFRESH_DELAY_MS);
  assert.equal(fired.length, 2);
  view.setVisible(true);
  mock.timers.tick(0);
  assert.equal(fired.length, 3);
  tree.dispose();
});

test('the timeline: days with counts, opened when the whole timeline fits in a page', async () => {
  const { client } = fakeClient();
  const view = new TimelineView(() => client);
  const days = await children(view);
  const all = timeline(ix);
  assert.equal(days.labels[0], 'the year 2008');
  assert.equal(
    days.nodes.reduce((n, d) => n + d.count, 0),
    all.length,
  );
  assert.equal(view.getTreeItem(days.nodes[0]).collapsibleState, 2, 'expanded');
  const entries = await children(view, days.nodes[0]);
  assert.deepEqual(entries.labels, ['"vào năm 2008"']);

  const paged = new TimelineView(() => client);
  paged.pageSize = 4;
  const first = await children(paged);
  assert.equal(first.labels.length, 5);
  assert.equal(first.labels[4], 'Load more…');
  assert.equal(paged.getTreeItem(first.nodes[0]).collapsibleState, 1, 'collapsed when the timeline is long');
  const flat: string[] = [];
  for (const d of await expandAll(paged)) flat.push(...(await expandAll(paged, d)).map((n) => n.entry.text));
  assert.deepEqual(
    flat,
    all.map((e) => e.text),
  );
});

test('a server that answers with whole lists gives the same trees', async () => {
  const trees = async (whole: boolean) => {
    const { client } = fakeClient(whole);
    const out: string[] = [];
    for (const view of [new EntitiesView(() => client), new TimelineView(() => client), new ClaimsView(() => client)] as AnyTree[]) {
      view.pageSize = 4;
      const walk = async (node: unknown, depth: number): Promise<void> => {
        for (const child of await expandAll(view, node)) {
          const item = view.getTreeItem(child);
          out.push(`${'  '.repeat(depth)}${item.label} ${item.description ?? ''}`);
          if (item.collapsibleState && depth < 2) await walk(child, depth + 1);
        }
      };
      await walk(undefined, 0);
    }
    return out;
  };
  const paged = await trees(false);
  assert.ok(paged.length > 100);
  assert.deepEqual(await trees(true), paged);
});
