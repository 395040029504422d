/**
 * Speed and memory of the analysis on real news: `npm run bench -- --corpus PATH` where PATH is
 * a folder of .txt articles or a .zip of them (default: ../shared/corpus/vims-early.zip, else samples/).
 * Prints figures; asserts nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import yauzl from 'yauzl';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { listArticles } from '../../server/src/core/collect';

function readZip(file: string): Promise<{ name: string; text: string }[]> {
  return new Promise((resolve, reject) => {
    const out: { name: string; text: string }[] = [];
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/\/data\/.*\.txt$/i.test(entry.fileName) && !/^[^/]*\.txt$/i.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '') });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--corpus');
  const fallback = path.resolve('..', 'shared', 'corpus', 'vims-early.zip');
  const corpus = i >= 0 ? process.argv[i + 1] : fs.existsSync(fallback) ? fallback : 'samples';
  const files = corpus.endsWith('.zip')
    ? await readZip(corpus)
    : listArticles(corpus).map((f) => ({ name: f, text: fs.readFileSync(f, 'utf8') }));
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  console.log(`corpus: ${corpus}: ${files.length} articles, ${(chars / 1e6).toFixed(2)} M characters`);
  const heap0 = process.memoryUsage().heapUsed;
  const ix = new WorkspaceIndex();
  let t = performance.now();
  for (const f of files) ix.setDocument(`file:///bench/${f.name}`, `/bench/${f.name}`, f.text, f.name);
  const s = ix.get();
  const full = performance.now() - t;
  const mentions = s.result.documents.reduce((n, d) => n + d.mentions.length, 0);
  console.log(`full index: ${full.toFixed(0)} ms (${((full / files.length) || 0).toFixed(2)} ms/article, ${((chars / 1e3) / (full / 1e3)).toFixed(0)} k chars/s); ${mentions} mentions, ${s.result.entities.length} entities`);
  const editTimes = (suffix: (k: number) => string) => {
    const times: number[] = [];
    for (let k = 0; k < 10; k++) {
      const f = files[(k * 97) % files.length];
      t = performance.now();
      ix.setDocument(`file:///bench/${f.name}`, `/bench/${f.name}`, f.text + suffix(k), f.name);
      ix.get();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return `median ${times[5].toFixed(0)} ms, max ${times[9].toFixed(0)} ms`;
  };
  console.log(`one edited article, collection pass again (typing, no new name): ${editTimes((k) => `\nHôm qua trời mưa ${k} giờ.`)}`);
  console.log(`one edited article that adds a new name: ${editTimes((k) => `\nHôm qua, ông Nguyễn Văn A${k} cho biết.`)}`);
  t = performance.now();
  const first = s.result.documents[0];
  for (let k = 0; k < 1000; k++) ix.mentionAt(`file:///bench/${files[0].name}`, (k * 13) % Math.max(1, first ? 2000 : 1));
  console.log(`mention lookup (hover path): ${((performance.now() - t) / 1000).toFixed(3)} ms each`);
  // A crawler's worst case: one 220 k-character line without a full stop.
  const runOn = 'Ông Kim Jong-un gặp Tổng thống Putin tại Vladivostok ngày 25/4 theo KCNA '.repeat(3000);
  t = performance.now();
  ix.setDocument('file:///bench/run-on.txt', '/bench/run-on.txt', runOn, 'run-on.txt');
  ix.get();
  console.log(`a 220 k-character run-on article added: ${(performance.now() - t).toFixed(0)} ms`);
  if (global.gc) global.gc();
  const mem = process.memoryUsage();
  console.log(`memory: heap ${((mem.heapUsed - heap0) / 1e6).toFixed(0)} MB for the index, rss ${(mem.rss / 1e6).toFixed(0)} MB`);
}

void main();
