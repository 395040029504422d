/**
 * Two servers on one folder (two editor windows, or a folder open inside another) setting article
 * dates at the same moment: every date lands in newslens.json, nothing the user wrote is lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { startServer, type Session } from './lspClient';
import { SetArticleDateRequest, StatsNotification, type SetArticleDateResult, type Stats } from '../../server/src/shared/protocol';

const SENTENCES = [
  'Sáng nay, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, cho biết tỉnh sẽ hỗ trợ các hộ dân bị ảnh hưởng bởi mưa lũ.',
  'Theo Bộ Y tế, trong tuần qua Hà Nội ghi nhận thêm 120 ca mắc sốt xuất huyết.',
  'Bà Trần Thị Bình nói với phóng viên rằng giá xăng tăng khiến chi phí vận chuyển tăng mạnh.',
];

test(
  "two servers on one folder set 20 article dates at once: all 20 are in newslens.json, the user's comment and fields kept",
  { timeout: 120000 },
  async (t) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-lsp-race-'));
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const names = Array.from({ length: 20 }, (_, i) => `bai-${String(i).padStart(2, '0')}.txt`);
    names.forEach((n, i) => fs.writeFileSync(path.join(root, n), `${SENTENCES[i % 3]} ${SENTENCES[(i + 1) % 3]}\n`));
    fs.writeFileSync(
      path.join(root, 'newslens.json'),
      '{\n  // the desk\'s file\n  "articles": {\n    "bai-00.txt": { "outlet": "Tuổi Trẻ" }\n  },\n  "desk": "thời sự"\n}\n',
    );
    const servers: Session[] = [];
    try {
      servers.push(await startServer({ root, keep: true }), await startServer({ root, keep: true }));
      for (const s of servers) await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing), 60000);
      const results = await Promise.all(
        names.map((n, i) => {
          const s = servers[i % 2];
          return s.connection.sendRequest<SetArticleDateResult>(SetArticleDateRequest, { uri: s.uri(n), date: `2024-03-${String(i + 1).padStart(2, '0')}` });
        }),
      );
      assert.deepEqual(
        results.filter((r) => !r.ok).map((r) => r.message),
        [],
      );
      const text = fs.readFileSync(path.join(root, 'newslens.json'), 'utf8');
      const errors: unknown[] = [];
      const value = parse(text, errors as never);
      assert.deepEqual(errors, []);
      assert.deepEqual(
        names.filter((n, i) => value.articles[n]?.date !== `2024-03-${String(i + 1).padStart(2, '0')}`),
        [],
        'every date is there',
      );
      assert.equal(value.articles['bai-00.txt'].outlet, 'Tuổi Trẻ');
      assert.equal(value.desk, 'thời sự');
      assert.match(text, /\/\/ the desk's file/);
      assert.deepEqual(
        fs.readdirSync(root).filter((f) => f.startsWith('.')),
        [],
        'no lock or temporary file left',
      );
      for (const s of servers) {
        const logged = s.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
        assert.deepEqual(logged, []);
      }
    } finally {
      for (const s of servers) await s.close();
    }
  },
);
