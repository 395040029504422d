/**
 * The status bar's "News Lens: n/m articles" spinner: when the settings change while the folder is
 * being indexed, the run that is replaced must end its progress too, or the spinner stays for good.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lspClient';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';

const SENTENCES = [
  'Sáng nay, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, cho biết tỉnh sẽ hỗ trợ các hộ dân bị ảnh hưởng bởi mưa lũ.',
  'Theo Bộ Y tế, trong tuần qua Hà Nội ghi nhận thêm 120 ca mắc sốt xuất huyết.',
  'Bà Trần Thị Bình nói với phóng viên rằng giá xăng tăng khiến chi phí vận chuyển tăng mạnh.',
];

test('settings changed twice while indexing: every progress the server began it also ended', { timeout: 120000 }, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`bai-${String(i).padStart(3, '0')}.txt`] = `${SENTENCES[i % 3]} ${SENTENCES[(i + 1) % 3]} ${SENTENCES[(i + 2) % 3]}\n`;
  const s = await startServer({ files });
  try {
    s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const idle = () => {
      const stats = s.notifications.filter((n) => n.method === StatsNotification).map((n) => n.params as Stats);
      return stats.length && !stats[stats.length - 1].indexing && s.progress.filter((p) => p.value.kind === 'begin').length >= 3 ? true : undefined;
    };
    await s.waitFor(idle, 60000);
    await new Promise((r) => setTimeout(r, 300));
    const begun = new Set(s.progress.filter((p) => p.value.kind === 'begin').map((p) => p.token));
    const ended = new Set(s.progress.filter((p) => p.value.kind === 'end').map((p) => p.token));
    assert.ok(begun.size >= 3, `three runs began (${begun.size})`);
    assert.deepEqual(
      [...begun].filter((token) => !ended.has(token)),
      [],
      'no progress left open',
    );
    assert.equal(s.progress.filter((p) => p.value.kind === 'end').length, ended.size, 'each progress ended once');
  } finally {
    await s.close();
  }
});
