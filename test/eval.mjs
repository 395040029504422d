// Scores `news-lens analyze --json` on the sample articles against ../shared/gold (when present).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const gold = resolve('..', 'shared', 'gold');
if (!existsSync(join(gold, 'score.py'))) {
  console.log('eval: ../shared/gold is not here; nothing to score.');
  process.exit(0);
}
const cli = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--json', 'samples'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (cli.status !== 0) {
  console.error(cli.stderr);
  process.exit(1);
}
const out = join(mkdtempSync(join(tmpdir(), 'newslens-eval-')), 'out.json');
writeFileSync(out, cli.stdout);
const args = [join(gold, 'score.py'), join(gold, 'seeds'), out, ...process.argv.slice(2)];
const py = spawnSync('python3', args, { stdio: 'inherit' });
process.exit(py.status ?? 1);
