/**
 * The news-prose detector's error rates: `npm run prose -- [--news ZIP|DIR]... [--other DIR]...`.
 * News defaults to ../shared/corpus/vims-early.zip; other text to the .txt files under /usr/share
 * and /usr/lib (licences, release notes, documentation, test data). Identical files count once.
 * Prints, for each side, how many files were judged wrongly and why the detector said what it said.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { readsAsNews } from '../../server/src/core/text/newsProse';
import { readCorpus } from './corpus';

function txtFiles(root: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(root, e.name);
    if (e.isDirectory() && !e.isSymbolicLink()) txtFiles(p, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const values = (flag: string) => argv.flatMap((a, i) => (argv[i - 1] === flag ? [a] : []));
  const newsSources = values('--news').length ? values('--news') : [path.resolve('..', 'shared', 'corpus', 'vims-early.zip')];
  const otherSources = values('--other').length ? values('--other') : ['/usr/share', '/usr/lib'];
  const seen = new Set<string>();
  const report = (label: string, texts: { name: string; text: string }[], want: boolean) => {
    let n = 0;
    const wrong: string[] = [];
    const why = new Map<string, number>();
    for (const { name, text } of texts) {
      const h = createHash('sha1').update(text).digest('hex');
      if (seen.has(h) || text.length < 100) continue;
      seen.add(h);
      n++;
      const v = readsAsNews(text);
      why.set(v.why, (why.get(v.why) ?? 0) + 1);
      if (v.news !== want) wrong.push(`${name} (${v.why})`);
    }
    console.log(`${label}: ${n} files, ${wrong.length} judged wrongly (${((100 * wrong.length) / Math.max(1, n)).toFixed(2)} %)`);
    for (const [w, c] of [...why].sort((a, b) => b[1] - a[1])) console.log(`  ${String(c).padStart(6)}  ${w}`);
    for (const w of wrong.slice(0, 10)) console.log(`  wrong: ${w}`);
  };
  const news: { name: string; text: string }[] = [];
  for (const src of newsSources) news.push(...(await readCorpus(src)));
  report('news', news, true);
  const other = otherSources
    .flatMap((d) => txtFiles(d))
    .map((f) => {
      try {
        return { name: f, text: fs.readFileSync(f, 'utf8') };
      } catch {
        return { name: f, text: '' };
      }
    });
  report('other text', other, false);
}

void main();
