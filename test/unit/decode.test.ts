import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeArticle } from '../../server/src/core/text/decode';
import { listArticles, readArticle, readArticleFile } from '../../server/src/core/collect';
import { analyzeTexts } from '../../server/src/core/analyze';
import { tempDir } from '../helpers';

const TEXT = 'Hà Nội, ngày 24/4 (TTXVN). Tổng thống Vladimir Putin đã gặp ông Kim Jong-un tại Vladivostok 🌷. Ông Putin cho biết hội đàm “rất tốt”.';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const swap = (b: Uint8Array) => {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) [out[i], out[i + 1]] = [b[i + 1], b[i]];
  return out;
};
const cat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

test('UTF-8 with and without a byte order mark', () => {
  assert.deepEqual(decodeArticle(utf8(TEXT)), { text: TEXT, encoding: 'utf-8' });
  assert.deepEqual(decodeArticle(cat([0xef, 0xbb, 0xbf], utf8(TEXT))), { text: TEXT, encoding: 'utf-8-bom' });
  // Only the first BOM is the file's; one after it is text.
  assert.equal(decodeArticle(utf8('\uFEFF\uFEFFa')).text, '\uFEFFa');
});

test('UTF-16 LE and BE, with a BOM and, where the NUL bytes say so, without', () => {
  const le = utf16le(TEXT);
  const be = swap(le);
  assert.deepEqual(decodeArticle(cat([0xff, 0xfe], le)), { text: TEXT, encoding: 'utf-16le' });
  assert.deepEqual(decodeArticle(cat([0xfe, 0xff], be)), { text: TEXT, encoding: 'utf-16be' });
  assert.deepEqual(decodeArticle(le), { text: TEXT, encoding: 'utf-16le' });
  assert.deepEqual(decodeArticle(be), { text: TEXT, encoding: 'utf-16be' });
  // Mostly Vietnamese letters outside ASCII, still mostly ASCII high bytes: spaces and plain letters.
  const viet = 'Người dân Đà Nẵng đổ xô đi mua sắm trước kỳ nghỉ lễ dài ngày.\n'.repeat(50);
  assert.deepEqual(decodeArticle(utf16le(viet)), { text: viet, encoding: 'utf-16le' });
  assert.deepEqual(decodeArticle(swap(utf16le(viet))), { text: viet, encoding: 'utf-16be' });
});

test('bytes that are not valid UTF-8 are replaced and counted in a warning', () => {
  // A lone continuation byte, a truncated three-byte sequence, an invalid lead byte; and a real U+FFFD that is not counted.
  const bytes = cat(utf8('Ông '), [0x80], utf8('Kim '), [0xe1, 0xba], utf8(' nói '), [0xff], utf8(' \uFFFD.'));
  const d = decodeArticle(bytes);
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.binary, undefined);
  assert.equal(d.text, 'Ông \uFFFDKim \uFFFD nói \uFFFD \uFFFD.');
  assert.equal(d.warning, '3 byte sequences are not valid UTF-8 and were replaced with \uFFFD');
  assert.equal(decodeArticle(cat(utf8('a'), [0xc3])).warning, '1 byte sequence is not valid UTF-8 and was replaced with \uFFFD');
  // A text that holds U+FFFD itself has no warning.
  assert.deepEqual(decodeArticle(utf8('a\uFFFDb')), { text: 'a\uFFFDb', encoding: 'utf-8' });
});

test('UTF-16 with a dangling byte or a lone surrogate is replaced and counted too', () => {
  const d = decodeArticle(cat([0xff, 0xfe], utf16le('Ông Kim'), [0x00, 0xd8], utf16le(' nói'), [0x41]));
  assert.equal(d.encoding, 'utf-16le');
  assert.equal(d.text, 'Ông Kim\uFFFD nói\uFFFD');
  assert.equal(d.warning, '2 byte sequences are not valid UTF-16 and were replaced with \uFFFD');
});

test('binary files are not decoded', () => {
  const png = cat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52], new Array(200).fill(0), [0x08, 0x06, 0x02]);
  const d = decodeArticle(png);
  assert.equal(d.binary, true);
  assert.equal(d.text, '');
  assert.match(d.warning!, /^not a text file \(a NUL byte at byte 8\)$/);
  // A single NUL in otherwise UTF-8 text.
  assert.equal(decodeArticle(utf8('Ông Kim\0 nói.')).binary, true);
  // Control characters without NULs, more than 1% of the start.
  const controls = utf8('abc\x01\x02\x03'.repeat(100));
  assert.equal(decodeArticle(controls).binary, true);
  assert.match(decodeArticle(controls).warning!, /^not a text file \(300 control characters in the first 600\)$/);
  // Tabs, form feeds, vertical tabs, CR and ESC are text.
  assert.deepEqual(decodeArticle(utf8('a\tb\fc\vd\r\ne\x1b[0m')), { text: 'a\tb\fc\vd\r\ne\x1b[0m', encoding: 'utf-8' });
  // A few stray control characters in a long text are not a binary file.
  const long = 'Ông Kim nói. '.repeat(100) + '\x07';
  assert.equal(decodeArticle(utf8(long)).binary, undefined);
  // UTF-32 looks like UTF-16 with NUL characters: binary.
  assert.equal(decodeArticle(cat([0xff, 0xfe, 0, 0], [0x41, 0, 0, 0, 0x42, 0, 0, 0])).binary, true);
});

test('an empty file and a lone byte order mark are empty articles', () => {
  assert.deepEqual(decodeArticle(new Uint8Array(0)), { text: '', encoding: 'utf-8' });
  assert.deepEqual(decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf-8-bom' });
  assert.deepEqual(decodeArticle(new Uint8Array([0xff, 0xfe])), { text: '', encoding: 'utf-16le' });
  assert.deepEqual(decodeArticle(new Uint8Array([0xfe, 0xff])), { text: '', encoding: 'utf-16be' });
  assert.deepEqual(decodeArticle(utf8('a')), { text: 'a', encoding: 'utf-8' });
});

test('offsets of mentions in a UTF-16 file are those of its UTF-8 copy', () => {
  const texts = [TEXT, decodeArticle(cat([0xff, 0xfe], utf16le(TEXT))).text, decodeArticle(swap(utf16le(TEXT))).text];
  const r = analyzeTexts(texts.map((text, i) => ({ path: `${i}.txt`, text, meta: { date: '2019-04-24' } })));
  const spans = r.documents.map((d) => d.mentions.map((m) => `${m.start}-${m.end}:${m.kind}:${m.text}`));
  assert.ok(
    spans[0].some((s) => s.endsWith(':person:Vladimir Putin')),
    spans[0].join(', '),
  );
  assert.ok(spans[0].length >= 4);
  assert.deepEqual(spans[1], spans[0]);
  assert.deepEqual(spans[2], spans[0]);
  const claims = r.documents.map((d) => d.claims.map((c) => `${c.start}-${c.end}:${c.status}`));
  assert.deepEqual(claims[1], claims[0]);
});

test('readArticle decodes UTF-16 and drops the BOM; readArticleFile tells the encoding and the warning', () => {
  const dir = tempDir('nl-decode-');
  const write = (name: string, bytes: Uint8Array) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const bom8 = write('bom8.txt', cat([0xef, 0xbb, 0xbf], utf8(TEXT)));
  const le = write('le.txt', cat([0xff, 0xfe], utf16le(TEXT)));
  const bad = write('bad.txt', cat(utf8('Ông '), [0xc0, 0xaf], utf8(' Kim')));
  const bin = write('bin.txt', cat([0x89, 0x50, 0x4e, 0x47], new Array(64).fill(0)));
  assert.equal(readArticle(bom8), TEXT);
  assert.equal(readArticle(le), TEXT);
  assert.equal(readArticle(bin), '');
  assert.deepEqual(readArticleFile(le), { text: TEXT, encoding: 'utf-16le' });
  const b = readArticleFile(bad);
  assert.equal(b.text, 'Ông \uFFFD\uFFFD Kim');
  assert.equal(b.warning, '2 byte sequences are not valid UTF-8 and were replaced with \uFFFD');
  assert.equal(readArticleFile(bin).binary, true);
});

test(
  'listArticles follows symbolic links inside the folder only, and lists each file once',
  { skip: process.platform === 'win32' && 'symlinks need privileges' },
  () => {
    const base = tempDir('nl-links-');
    const root = path.join(base, 'root');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'a.txt'), 'a');
    fs.writeFileSync(path.join(root, 'sub', 'b.txt'), 'b');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'c-out.txt'));
    fs.symlinkSync(outside, path.join(root, 'd-outdir'));
    fs.symlinkSync('../a.txt', path.join(root, 'sub', 'e-same.txt'));
    fs.symlinkSync(path.join(root, 'sub'), path.join(root, 'f-subdir'));
    fs.symlinkSync('..', path.join(root, 'sub', 'g-loop'));
    fs.symlinkSync(path.join(base, 'nowhere.txt'), path.join(root, 'h-dangling.txt'));
    const skipped: string[] = [];
    const files = listArticles(root, (f, why) => skipped.push(`${path.relative(root, f)}: ${why}`));
    assert.deepEqual(
      files.map((f) => path.relative(root, f)),
      ['a.txt', path.join('sub', 'b.txt')],
    );
    assert.deepEqual(skipped.map((s) => s.split(':')[0]).sort(), ['c-out.txt', 'd-outdir', 'h-dangling.txt']);
    assert.ok(
      skipped.some((s) => /^c-out\.txt: a symbolic link to .*outside.*not followed$/.test(s)),
      skipped.join('\n'),
    );
    // A link inside the folder to a file not listed otherwise (not named .txt) is listed by the link's path.
    fs.mkdirSync(path.join(root, 'j'));
    fs.writeFileSync(path.join(root, 'j', 'target.text'), 'x');
    fs.symlinkSync(path.join(root, 'j', 'target.text'), path.join(root, 'k-link.txt'));
    assert.deepEqual(
      listArticles(root).map((f) => path.relative(root, f)),
      ['a.txt', 'k-link.txt', path.join('sub', 'b.txt')],
    );
    // The folder given may itself be reached through a link.
    fs.symlinkSync(root, path.join(base, 'root-link'));
    assert.deepEqual(
      listArticles(path.join(base, 'root-link')).map((f) => path.relative(path.join(base, 'root-link'), f)),
      listArticles(root).map((f) => path.relative(root, f)),
    );
  },
);
