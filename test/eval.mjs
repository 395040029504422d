// Scores `news-lens analyze --json` on the sample articles against ../shared/gold (when present).
// With --checks SET.json, scores a check set instead (test/checks/: standoff over ../shared/corpus/vims-early.zip):
// its articles and gold files are written to a temporary folder, analysed and scored there, and the folder removed.
// Other arguments (--verbose) go to score.py.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const gold = resolve('..', 'shared', 'gold');
if (!existsSync(join(gold, 'score.py'))) {
  console.log('eval: ../shared/gold is not here; nothing to score.');
  process.exit(0);
}
const argv = process.argv.slice(2);
const at = argv.indexOf('--checks');
const checks = at >= 0 ? argv[at + 1] : undefined;
if (at >= 0 && !checks) {
  console.error('eval: --checks needs a check set (test/checks/NAME.json)');
  process.exit(2);
}
const passOn = at >= 0 ? argv.filter((_, i) => i !== at && i !== at + 1) : argv;
// score.py reads the gold files in Python's text mode, which turns each CR LF into LF, so its offsets
// are one less per CR LF before them; the analyser's offsets (into the real text) are moved to match.
function foldCrLf(json, dir) {
  const result = JSON.parse(json);
  for (const doc of result.documents ?? []) {
    const text = readFileSync(resolve(dir, basename(doc.path)), 'utf8');
    const crs = [];
    for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) crs.push(i);
    if (crs.length === 0) continue;
    const fold = (o) => {
      let lo = 0;
      let hi = crs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (crs[mid] < o) lo = mid + 1;
        else hi = mid;
      }
      return o - lo;
    };
    for (const list of [doc.mentions, doc.claims, doc.sentences]) {
      for (const x of list ?? []) {
        if (typeof x.start === 'number') x.start = fold(x.start);
        if (typeof x.end === 'number') x.end = fold(x.end);
      }
    }
  }
  return JSON.stringify(result);
}

const tmp = mkdtempSync(join(tmpdir(), 'newslens-eval-'));
let status = 1;
try {
  let articles = 'samples';
  let goldDir = join(gold, 'seeds');
  if (checks) {
    const { unpack } = await import('./checks/standoff.mjs');
    // The gold files go beside, not among, the articles: the CLI would read them as articles too.
    articles = join(tmp, 'articles');
    goldDir = join(tmp, 'gold');
    await unpack(resolve(checks), articles, goldDir);
  }
  const cli = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--json', articles], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (cli.status !== 0) {
    console.error(cli.stderr);
  } else {
    const out = join(tmp, 'out.json');
    writeFileSync(out, checks ? foldCrLf(cli.stdout, articles) : cli.stdout);
    const py = spawnSync('python3', [join(gold, 'score.py'), goldDir, out, ...passOn], { stdio: 'inherit' });
    status = py.status ?? 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
