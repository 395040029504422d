/**
 * Files deleted, renamed, edited and created while the server indexes a few hundred articles, each
 * change on disk followed by workspace/didChangeWatchedFiles as a client sends it, and symbolic
 * links that lead out of the workspace. The state the server ends in must be the state a fresh
 * server builds from the final folder, and nothing may be logged as an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { startServer, type Session } from './lspClient';
import {
  ClaimsRequest,
  DocumentEntitiesRequest,
  EntitiesRequest,
  StatsNotification,
  StatsRequest,
  type ClaimSummary,
  type EntitySummary,
  type Stats,
} from '../../server/src/shared/protocol';

const PERSONS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Minh', 'Phạm Quốc Hùng', 'Võ Thị Lan', 'Đặng Văn Sơn', 'Hoàng Thu Trang', 'Bùi Đức Thắng'];
const PLACES = ['Quảng Nam', 'Đà Nẵng', 'Hà Nội', 'Cần Thơ', 'Nghệ An', 'Lâm Đồng', 'Hải Phòng', 'Bình Định'];
const ORGS = ['Bộ Y tế', 'Tổng cục Thống kê', 'Ngân hàng Nhà nước', 'Tập đoàn Điện lực Việt Nam', 'Bộ Công Thương'];
const TEMPLATES: ((r: () => number) => string)[] = [
  (r) =>
    `Sáng ${day(r)}, ông ${pick(PERSONS, r)}, Chủ tịch UBND tỉnh ${pick(PLACES, r)}, cho biết tỉnh sẽ hỗ trợ ${10 + (r() % 90)} hộ dân bị ảnh hưởng bởi mưa lũ.`,
  (r) => `Theo ${pick(ORGS, r)}, trong tuần qua ${pick(PLACES, r)} ghi nhận thêm ${20 + (r() % 200)} ca mắc sốt xuất huyết.`,
  (r) => `Bà ${pick(PERSONS, r)} nói với phóng viên rằng giá xăng tăng khiến chi phí vận chuyển tăng mạnh.`,
  (r) => `Giá lúa gạo tại ${pick(PLACES, r)} tăng ${1 + (r() % 9)}% so với cùng kỳ năm trước.`,
  (r) => `Lực lượng chức năng ${pick(PLACES, r)} đã tạm giữ ${2 + (r() % 8)} đối tượng liên quan đến vụ việc.`,
  (r) => `${pick(ORGS, r)} cho biết sẽ công bố kết quả kiểm tra vào ngày ${day(r)}/2024.`,
  (r) => `Ông ${pick(PERSONS, r)} cho rằng kế hoạch này sẽ giúp ${pick(PLACES, r)} thu hút thêm nhà đầu tư.`,
];
function pick<T>(list: T[], r: () => number): T {
  return list[r() % list.length];
}
function day(r: () => number): string {
  return `${1 + (r() % 28)}/${1 + (r() % 12)}`;
}
/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 8;
  };
}
function article(seed: number): string {
  const r = random(seed);
  const n = 4 + (r() % 4);
  return Array.from({ length: n }, () => pick(TEMPLATES, r)(r)).join(' ') + '\n';
}

const COUNT = 300;
const name = (i: number) => (i % 4 === 0 ? `tinh/bai-${String(i).padStart(3, '0')}.txt` : `bai-${String(i).padStart(3, '0')}.txt`);

interface State {
  stats: Omit<Stats, 'indexing'>;
  entities: Omit<EntitySummary, 'range'>[];
  documents: Record<string, string[]>;
  claims: string[];
}

/** What a client can see of the index: figures, entities, each final article's entity ids, the claims. */
async function stateOf(s: Session, files: string[]): Promise<State> {
  const stats = await s.connection.sendRequest<Stats>(StatsRequest);
  const entities = (await s.connection.sendRequest<EntitySummary[]>(EntitiesRequest, {}))
    .map(({ range: _range, ...e }) => e)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const documents: Record<string, string[]> = {};
  for (const f of files) documents[f] = (await s.connection.sendRequest<EntitySummary[]>(DocumentEntitiesRequest, { uri: s.uri(f) })).map((e) => e.id).sort();
  const claims = (await s.connection.sendRequest<ClaimSummary[]>(ClaimsRequest, {}))
    .map((c) => `${path.relative(s.root, new URL(c.uri).pathname)} ${c.range.start.line}:${c.range.start.character} ${c.status}`)
    .sort();
  const { indexing: _i, ...figures } = stats;
  return { stats: figures, entities, documents, claims };
}

/** The final articles of the folder by their own paths, as a fresh scan finds them (links are not articles). */
function articlesOn(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.txt')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

const errorsOf = (s: Session) =>
  s.notifications
    .filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1)
    .map((n) => (n.params as { message: string }).message.split('\n')[0]);

const idle = (s: Session) => s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing), 120000);

/** Waits until two looks at the state a little apart agree (the changes sent last are settled). */
async function settled(s: Session, files: string[]): Promise<State> {
  let last = await stateOf(s, files);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 400));
    const now = await stateOf(s, files);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

/** The workspace: 300 articles (a quarter in a subfolder), an empty folder to move some into, links to articles outside. */
function makeWorkspace(t: { after: (fn: () => void) => void }): { root: string; outside: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-lsp-churn-'));
  t.after(() => fs.rmSync(base, { recursive: true, force: true }));
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'tinh'), { recursive: true });
  fs.mkdirSync(path.join(root, 'moved'));
  fs.mkdirSync(outside);
  for (let i = 0; i < COUNT; i++) fs.writeFileSync(path.join(root, name(i)), article(i));
  // Articles outside the workspace name someone no article inside does; links lead to them.
  fs.writeFileSync(path.join(outside, 'ngoai-1.txt'), STRANGER);
  fs.writeFileSync(path.join(outside, 'ngoai-2.txt'), STRANGER);
  fs.symlinkSync(outside, path.join(root, 'link-out'));
  fs.symlinkSync(path.join(outside, 'ngoai-1.txt'), path.join(root, 'link-file.txt'));
  return { root, outside };
}

const STRANGER = 'Ông Trịnh Công Ngoại, Giám đốc Công ty Ngoại Thành, cho biết công ty sẽ mở thêm nhà máy.\n';

/** Names given that are not documents of the server (deleted, renamed away, reached through a link) but answer with entities. */
async function ghostsOf(s: Session, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const g of names) if ((await s.connection.sendRequest<EntitySummary[]>(DocumentEntitiesRequest, { uri: s.uri(g) })).length) out.push(g);
  return out;
}

test(
  "files deleted, renamed, edited and created while indexing, and links out of the workspace: the end state is a fresh server's, no error logged",
  { timeout: 300000 },
  async (t) => {
    const { root, outside } = makeWorkspace(t);

    const s = await startServer({ root, keep: true });
    const events: { uri: string; type: FileChangeType }[][] = [];
    const send = async (changes: { uri: string; type: FileChangeType }[]) => {
      events.push(changes);
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    };
    let churnEndedWhileIndexing = false;
    const progress = () => s.progress.map((p) => p.value);
    try {
      const deleted = [...Array(COUNT).keys()].filter((i) => i % 15 === 1);
      const renamed = [...Array(COUNT).keys()].filter((i) => i % 15 === 2);
      const edited = [...Array(COUNT).keys()].filter((i) => i % 15 === 3);
      // Deletions as the server starts (before it lists the folder); the other changes once it has
      // listed and read it, while the articles are analysed.
      for (const i of deleted) fs.rmSync(path.join(root, name(i)));
      await send(deleted.map((i) => ({ uri: s.uri(name(i)), type: FileChangeType.Deleted })));
      await s.waitFor(() => progress().find((p) => p.kind === 'report' && /\d+\/\d+ articles/.test(p.message ?? '')), 60000);
      for (const i of renamed) {
        const to = `moved/${path.basename(name(i), '.txt')}-moi.txt`;
        fs.renameSync(path.join(root, name(i)), path.join(root, to));
        await send([
          { uri: s.uri(name(i)), type: FileChangeType.Deleted },
          { uri: s.uri(to), type: FileChangeType.Created },
        ]);
      }
      for (const i of edited) {
        fs.writeFileSync(path.join(root, name(i)), article(10000 + i));
        await send([{ uri: s.uri(name(i)), type: FileChangeType.Changed }]);
      }
      // An article edited twice, the second event sent late; one deleted and written again under its name.
      fs.writeFileSync(path.join(root, name(5)), article(20005));
      await send([{ uri: s.uri(name(5)), type: FileChangeType.Changed }]);
      fs.writeFileSync(path.join(root, name(5)), article(30005));
      fs.rmSync(path.join(root, name(6)));
      await send([{ uri: s.uri(name(6)), type: FileChangeType.Deleted }]);
      fs.writeFileSync(path.join(root, name(6)), article(20006));
      await send([
        { uri: s.uri(name(6)), type: FileChangeType.Created },
        { uri: s.uri(name(5)), type: FileChangeType.Changed },
      ]);
      // New articles, and a file renamed twice before its events arrive.
      for (let k = 0; k < 10; k++) fs.writeFileSync(path.join(root, `moi-${k}.txt`), article(40000 + k));
      await send([...Array(10).keys()].map((k) => ({ uri: s.uri(`moi-${k}.txt`), type: FileChangeType.Created })));
      fs.renameSync(path.join(root, name(7)), path.join(root, 'tam.txt'));
      fs.renameSync(path.join(root, 'tam.txt'), path.join(root, 'moved/bai-007-cuoi.txt'));
      await send([
        { uri: s.uri(name(7)), type: FileChangeType.Deleted },
        { uri: s.uri('tam.txt'), type: FileChangeType.Created },
      ]);
      await send([
        { uri: s.uri('tam.txt'), type: FileChangeType.Deleted },
        { uri: s.uri('moved/bai-007-cuoi.txt'), type: FileChangeType.Created },
      ]);
      // A link made while indexing, to a folder outside, as a watcher reports it (a folder is not an article).
      fs.symlinkSync(outside, path.join(root, 'tinh', 'link-dir'));
      await send([{ uri: s.uri('tinh/link-dir'), type: FileChangeType.Created }]);
      churnEndedWhileIndexing = !s.notifications.some((n) => n.method === StatsNotification && !(n.params as Stats).indexing);
      await idle(s);
    } catch (e) {
      await s.close();
      throw e;
    }
    const files = articlesOn(root);
    assert.equal(files.length, COUNT - 20 + 10, 'deleted articles gone, renamed ones moved, new ones there');
    const churned = await settled(s, files);
    const churnErrors = errorsOf(s);
    // Names the final folder no longer has: the server must have dropped them.
    const ghosts = await ghostsOf(s, ['bai-001.txt', name(2), name(7), 'tam.txt', 'link-file.txt', 'link-out/ngoai-1.txt', 'tinh/link-dir/ngoai-2.txt']);
    await s.close();

    const fresh = await startServer({ root, keep: true });
    let clean: State;
    try {
      await idle(fresh);
      clean = await settled(fresh, files);
    } finally {
      await fresh.close();
    }
    const freshErrors = errorsOf(fresh);

    t.diagnostic(
      `churn ${churnEndedWhileIndexing ? 'ended while the server was indexing' : 'ended after indexing'}; ${events.length} watched-file notifications; progress: ${progress()
        .map((p) => p.message ?? p.kind)
        .join(', ')}`,
    );
    assert.ok(churnEndedWhileIndexing, 'the changes arrived while the server was indexing (a faster machine needs more articles)');
    assert.deepEqual(churnErrors, [], 'no error logged by the server that saw the changes');
    assert.deepEqual(freshErrors, [], 'no error logged by the fresh server');
    assert.deepEqual(ghosts, [], 'files deleted, renamed away or reached through links out of the workspace are not documents');
    assert.ok(!churned.entities.some((e) => /Ngoại/.test(e.name)), 'nobody from outside the workspace');
    const differing = files.filter((f) => JSON.stringify(churned.documents[f]) !== JSON.stringify(clean.documents[f]));
    assert.deepEqual(differing, [], 'each article has the entity ids a fresh server gives it');
    assert.deepEqual(churned.stats, clean.stats);
    assert.deepEqual(churned.entities, clean.entities);
    assert.deepEqual(churned.claims, clean.claims);
  },
);

/**
 * The scan at start never follows links (scanFolder skips them); a link out of the workspace that
 * the watcher reports later must not become a document either (server.ts checks the real path).
 */
test('links out of the workspace reported by the watcher while indexing are not followed', async (t) => {
  const { root, outside } = makeWorkspace(t);
  const s = await startServer({ root, keep: true });
  const progress = () => s.progress.map((p) => p.value);
  try {
    // After the folder was listed (the scan does not follow links): the links come from the watcher only.
    await s.waitFor(() => progress().find((p) => p.kind === 'report' && /\d+\/\d+ articles/.test(p.message ?? '')), 60000);
    fs.symlinkSync(path.join(outside, 'ngoai-2.txt'), path.join(root, 'link-late.txt'));
    fs.writeFileSync(path.join(outside, 'ngoai-3.txt'), STRANGER);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: s.uri('link-late.txt'), type: FileChangeType.Created },
        { uri: s.uri('link-out/ngoai-3.txt'), type: FileChangeType.Created },
        { uri: s.uri('link-file.txt'), type: FileChangeType.Changed },
      ],
    });
    await idle(s);
    const files = articlesOn(root);
    const state = await settled(s, files);
    assert.deepEqual(await ghostsOf(s, ['link-late.txt', 'link-out/ngoai-3.txt', 'link-file.txt']), []);
    assert.deepEqual(
      state.entities.filter((e) => /Ngoại/.test(e.name)).map((e) => `${e.name} ${path.relative(root, new URL(e.uri).pathname)}`),
      [],
    );
    assert.equal(state.stats.articles, COUNT);
    assert.deepEqual(errorsOf(s), []);
  } finally {
    await s.close();
  }
});
