/** A province merged in 2025, hovered in an article from before and one from after the reform. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer } from './lspClient';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';
import { tempDir } from '../helpers';

const TEXT = 'Mưa lũ ở miền núi\nMưa lớn kéo dài khiến nhiều tuyến đường ở tỉnh Hà Giang bị sạt lở, ông Nguyễn Văn Sơn cho biết.\n';

test("the hover of a merged province says what it became, read at the article's date", async () => {
  const root = tempDir('newslens-reform-');
  fs.writeFileSync(path.join(root, 'cu.txt'), TEXT);
  fs.writeFileSync(path.join(root, 'moi.txt'), TEXT);
  fs.writeFileSync(path.join(root, 'newslens.json'), JSON.stringify({ articles: { 'cu.txt': { date: '2019-08-02' }, 'moi.txt': { date: '2026-08-02' } } }));
  const s = await startServer({ root, keep: true });
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const line = TEXT.split('\n')[1];
    const position = { line: 1, character: line.indexOf('Hà Giang') + 2 };
    const hover = async (file: string) =>
      (await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: s.uri(file) }, position })).contents.value;
    assert.match(await hover('cu.txt'), /At this article's date \(2019-08-02\) Hà Giang was a province; since 1 July 2025 it is part of Tuyên Quang\./);
    assert.match(await hover('moi.txt'), /The former province of Hà Giang: since 1 July 2025 part of Tuyên Quang\./);
    // A place that is no merged province gets no such line.
    const other = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: s.uri('cu.txt') },
      position: { line: 1, character: line.indexOf('Nguyễn Văn Sơn') + 2 },
    });
    assert.doesNotMatch(other.contents.value, /1 July 2025/);
  } finally {
    await s.close();
  }
});

const COMMUNES = 'Cháy nhà ở Hà Nội\nVụ cháy xảy ra tại phường Phúc Xá, quận Ba Đình, Hà Nội; người dân huyện Thạch Thất và xã Tân Thành đến hỗ trợ.\n';

test('the hover of a district or a commune says what the reform of 2025 made of it, by the article date and its province', async () => {
  const root = tempDir('newslens-reform-units-');
  fs.writeFileSync(path.join(root, 'cu.txt'), COMMUNES);
  fs.writeFileSync(path.join(root, 'moi.txt'), 'Phường mới\nSáng nay, người dân phường Ba Đình, Hà Nội dự lễ ra mắt.\n');
  fs.writeFileSync(path.join(root, 'newslens.json'), JSON.stringify({ articles: { 'cu.txt': { date: '2019-08-02' }, 'moi.txt': { date: '2026-08-02' } } }));
  const s = await startServer({ root, keep: true });
  try {
    await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
    const hover = async (file: string, text: string, word: string) =>
      (
        await s.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
          textDocument: { uri: s.uri(file) },
          position: { line: 1, character: text.split('\n')[1].indexOf(word) + 2 },
        })
      )?.contents.value ?? '';
    // A ward of the old list, with its district and the ward it went into.
    assert.match(
      await hover('cu.txt', COMMUNES, 'Phúc Xá'),
      /At this article's date \(2019-08-02\) phường Phúc Xá was a unit of quận Ba Đình, Hà Nội; since 1 July 2025 it is part of phường Hồng Hà\./,
    );
    // A district: the level abolished, and the communes it became.
    assert.match(
      await hover('cu.txt', COMMUNES, 'Thạch Thất'),
      /huyện Thạch Thất was a district of Hà Nội; districts were abolished on 1 July 2025 and its communes are now .*xã Hòa Lạc/,
    );
    // Many communes are called Tân Thành, none of them in Hà Nội: the hover says nothing it cannot tell.
    assert.doesNotMatch(await hover('cu.txt', COMMUNES, 'Tân Thành'), /2025/);
    // After the reform, "phường Ba Đình" is the new ward and what it was made of.
    const text = 'Phường mới\nSáng nay, người dân phường Ba Đình, Hà Nội dự lễ ra mắt.\n';
    assert.match(await hover('moi.txt', text, 'Ba Đình'), /phường Ba Đình \(Hà Nội\) was formed on 1 July 2025 from .*phường Trúc Bạch \(quận Ba Đình\)/);
  } finally {
    await s.close();
  }
});
