/**
 * The language server at scale: `npm run bench -- [options]`.
 *
 * Generates N articles deterministically from real news (default ../shared/corpus/vims-early.zip,
 * a zip or a folder of .txt; else samples/) into a temp folder, starts the built server
 * (dist/server.js --stdio) on it and measures: cold index, warm reopen (a second server, same
 * cacheDir), the first answer while indexing, hover / definition / references p50/p99, edit →
 * fresh diagnostics p50/p99 (every fifth edit adds a name the collection has never seen), the
 * server's peak RSS, the CLI's MB/s and the time per article, for each N. Prints a markdown table,
 * writes the results as JSON. Asserts nothing about timings.
 *
 *   --n 1000,10000       sizes (default 1000,10000,50000); --full adds 100000
 *   --quick              CI smoke test: N = 1000, fewer requests and edits
 *   --corpus PATH        zip or folder of .txt articles
 *   --requests R         hover, definition and references requests each (default 300; quick 50)
 *   --edits E            edits (default 50; quick 10)
 *   --timeout-min M      give up on a phase after M minutes (default 15)
 *   --cpu-prof [DIR]     run the servers under node --cpu-prof, profiles in DIR/n<N>-cold|warm,
 *                        and print the top self-time functions
 *   --dist DIR           folder of server.js and cli.js (default dist/)
 *   --out FILE           results JSON (default test/bench/results.json; with --quick, in the temp folder)
 *   --md FILE            also write the table (and profile tops) as markdown
 *   --label TEXT         a note stored in the results
 *   --profile-top FILE|DIR...   only print the top self-time functions of .cpuprofile files
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { Generator, prng, readCorpus, toBase, writeArticles, type GeneratedFolder } from './corpus';
import { killAll, outOfMemory, Session, sleep, TimeoutError, within } from './session';
import { latency, profileTable, table, type RunResult } from './report';

/** The project folder: npm runs scripts there. */
const repo = process.cwd();

interface Options {
  sizes: number[];
  quick: boolean;
  corpus: string;
  requests: number;
  edits: number;
  timeoutMs: number;
  cpuProf?: string;
  dist: string;
  out: string;
  md?: string;
  label?: string;
}

function parseArgs(argv: string[]): Options | { profileTop: string[] } {
  const has = (f: string) => argv.includes(f);
  const value = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
  };
  if (has('--profile-top')) return { profileTop: argv.slice(argv.indexOf('--profile-top') + 1).filter((a) => !a.startsWith('--')) };
  const known = ['--n', '--full', '--quick', '--corpus', '--requests', '--edits', '--timeout-min', '--cpu-prof', '--dist', '--out', '--md', '--label'];
  for (const a of argv) if (a.startsWith('--') && !known.includes(a)) throw new Error(`unknown option ${a}`);
  const quick = has('--quick');
  let sizes = quick ? [1000] : [1000, 10000, 50000];
  const n = value('--n');
  if (n)
    sizes = n
      .split(',')
      .map((s) => Number(s.trim().replace(/_/g, '')))
      .filter((x) => Number.isInteger(x) && x > 0);
  if (has('--full') && !sizes.includes(100000)) sizes.push(100000);
  if (!sizes.length) throw new Error('--n: no size');
  const fallback = path.resolve(repo, '..', 'shared', 'corpus', 'vims-early.zip');
  const corpus = path.resolve(value('--corpus') ?? (fs.existsSync(fallback) ? fallback : path.join(repo, 'samples')));
  const cpuProfAt = argv.indexOf('--cpu-prof');
  return {
    sizes,
    quick,
    corpus,
    requests: Number(value('--requests') ?? (quick ? 50 : 300)),
    edits: Number(value('--edits') ?? (quick ? 10 : 50)),
    timeoutMs: Number(value('--timeout-min') ?? 15) * 60000,
    cpuProf: cpuProfAt >= 0 ? path.resolve(value('--cpu-prof') ?? path.join(os.tmpdir(), 'newslens-prof')) : undefined,
    dist: path.resolve(value('--dist') ?? path.join(repo, 'dist')),
    out: path.resolve(value('--out') ?? (quick ? path.join(os.tmpdir(), 'newslens-bench-results.json') : path.join(repo, 'test', 'bench', 'results.json'))),
    md: value('--md') ? path.resolve(value('--md')!) : undefined,
    label: value('--label'),
  };
}

const t00 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t00) / 1000).toFixed(0).padStart(5)} s] ${s}`);

/** Temp folders to remove on exit. */
const temps = new Set<string>();
function cleanup(): void {
  killAll();
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
  temps.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

/** Line and UTF-16 character of an offset. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A capitalised name inside a sentence (not its first word), for the hover sent before the index is there. */
function namePosition(text: string): { line: number; character: number } {
  const m = /(?<=[\p{Ll},] )\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)+/u.exec(text) ?? /\p{Lu}\p{Ll}+/u.exec(text);
  return positionAt(text, m ? m.index + 1 : 0);
}

const CLAIMS = [
  (x: number) => `Số người tham gia tăng ${x}% so với năm ngoái.`,
  (x: number) => `Doanh thu của ngành giảm ${x}% trong quý vừa qua.`,
  (x: number) => `Giá nhà tại khu vực này tăng ${x}% chỉ trong sáu tháng.`,
  (x: number) => `Tỷ lệ thất nghiệp đã lên tới ${x}% vào cuối năm.`,
  (x: number) => `Lượng khách du lịch tăng ${x}% so với cùng kỳ.`,
];
const FAMILY = ['Đoàn', 'Khổng', 'Lạc', 'Mạc', 'Ninh', 'Ông', 'Quách', 'Tạ', 'Thân', 'Tôn', 'Văn', 'Kiều', 'Cù', 'Giáp', 'Khúc'];
const MIDDLE = ['Khắc', 'Hoằng', 'Sĩ', 'Thiện', 'Trọng', 'Bá', 'Cảnh', 'Duy', 'Đình', 'Hữu'];
const GIVEN = ['Vỹ', 'Khiêm', 'Thạch', 'Doãn', 'Tường', 'Khải', 'Lãm', 'Quỳnh', 'Toản', 'Uy', 'Diệp', 'Hiển'];

/** Person names no article of the corpus contains. */
function newNames(corpusText: string, count: number): string[] {
  const out: string[] = [];
  const rnd = prng(2024);
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < 100000; tries++) {
    const name = `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const last = name.split(' ').slice(1).join(' ');
    if (!corpusText.includes(last)) out.push(name);
  }
  return out;
}

/** The longest wait for one edit's diagnostics: a server that sends none must not hold the phase for its whole time. */
const EDIT_WAIT_MS = 180000;

interface Target {
  uri: string;
  position: { line: number; character: number };
}

/** Times `count` requests of one method at random targets; stops at the deadline. */
async function timeRequests(
  s: Session,
  method: string,
  count: number,
  targets: Target[],
  rnd: () => number,
  deadline: number,
  params: (t: Target) => unknown,
): Promise<{ ms: number[]; failed: number; timedOut: boolean; empty: number }> {
  const ms: number[] = [];
  let failed = 0;
  let empty = 0;
  for (let i = 0; i < count; i++) {
    const t = targets[Math.floor(rnd() * targets.length)];
    const left = deadline - performance.now();
    if (left <= 0) return { ms, failed, timedOut: true, empty };
    const t0 = performance.now();
    try {
      const r = await within(s.request<unknown>(method, params(t)), left, method);
      ms.push(performance.now() - t0);
      if (r === null || (Array.isArray(r) && !r.length)) empty++;
    } catch (e) {
      if (e instanceof TimeoutError) return { ms, failed, timedOut: true, empty };
      if (s.hasExited) throw e;
      failed++;
    }
  }
  return { ms, failed, timedOut: false, empty };
}

/** Waits past the server's debounce, then for a request: anything scheduled before it has run. */
async function barrier(s: Session, uri: string, ms: number): Promise<void> {
  await sleep(400);
  await within(s.request('textDocument/documentSymbol', { textDocument: { uri } }), ms, 'barrier');
}

interface DocSymbol {
  name: string;
  kind: number;
  selectionRange: { start: { line: number; character: number }; end: { line: number; character: number } };
  children?: DocSymbol[];
}

async function runSize(n: number, gen: Generator, names: string[], o: Options): Promise<RunResult> {
  let t = performance.now();
  const folder: GeneratedFolder = writeArticles(gen, n);
  temps.add(folder.root);
  const r: RunResult = { n, bytes: folder.bytes, chars: folder.chars, generateMs: performance.now() - t, loadBefore: os.loadavg()[0], problems: [] };
  log(`N = ${n}: ${(folder.bytes / 1e6).toFixed(1)} MB in ${folder.root} (${(r.generateMs / 1000).toFixed(1)} s)`);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-bench-cache-'));
  temps.add(cacheDir);
  const serverJs = path.join(o.dist, 'server.js');
  const profDir = (what: string) => (o.cpuProf ? path.join(o.cpuProf, `n${n}-${what}`) : undefined);
  const uriOf = (k: number) => URI.file(folder.files[k]).toString();
  const textOf = (k: number) => fs.readFileSync(folder.files[k], 'utf8');
  const problem = (phase: string, e: unknown) => {
    const msg = `${phase}: ${e instanceof TimeoutError ? e.message || 'timeout' : ((e as Error).message ?? String(e))}`;
    r.problems.push(msg);
    log(`  ${msg}`);
  };
  const rnd = prng(n);
  const pick = (exclude: Set<number>) => {
    for (;;) {
      const k = Math.floor(rnd() * n);
      if (!exclude.has(k)) {
        exclude.add(k);
        return k;
      }
    }
  };

  // Cold: a fresh cache folder.
  let coldOk = false;
  const cold = new Session({ serverJs, root: folder.root, cacheDir, cpuProfDir: profDir('cold') });
  try {
    const t0 = await within(cold.start(), 60000, 'initialize');
    const firstText = textOf(0);
    const hoverSent = performance.now();
    let answeredAt: number | undefined;
    const first = cold.request('textDocument/hover', { textDocument: { uri: uriOf(0) }, position: namePosition(firstText) }).then((v) => {
      answeredAt = performance.now();
      return v;
    });
    first.catch(() => undefined);
    try {
      const at = await within(cold.indexed(), o.timeoutMs, 'cold index');
      r.coldIndexMs = at - t0;
      r.msPerArticle = r.coldIndexMs / n;
      if (cold.lastProgressEndAt !== undefined) r.coldProgressEndMs = cold.lastProgressEndAt - t0;
      coldOk = true;
      const lastDiagnostics = await cold.diagnosticsQuiet(5000);
      if (lastDiagnostics !== undefined) r.coldDiagnosticsMs = Math.max(at, lastDiagnostics) - t0;
      log(
        `  cold index ${(r.coldIndexMs / 1000).toFixed(2)} s (${r.msPerArticle.toFixed(2)} ms/article), ${cold.diagnosticsReceived} diagnostics, the last at ${((r.coldDiagnosticsMs ?? r.coldIndexMs) / 1000).toFixed(2)} s`,
      );
    } catch (e) {
      const after = `after ${((performance.now() - t0) / 1000).toFixed(0)} s, peak RSS ${cold.memory().peakMB?.toFixed(0)} MB`;
      problem('cold index', e instanceof TimeoutError ? e : new Error(`${(e as Error).message}, ${after}`));
    }
    try {
      await within(first, coldOk ? 60000 : 1000, 'first answer');
      r.firstAnswerMs = answeredAt! - hoverSent;
      r.firstAnswerEarly = cold.indexedAt !== undefined && answeredAt! < cold.indexedAt;
    } catch (e) {
      if (coldOk) problem('cold first answer', e);
    }

    if (coldOk) {
      // Hover, definition, references at names of random articles, five of them open.
      const exclude = new Set<number>([0]);
      const open = Array.from({ length: Math.min(5, n - 1) }, () => pick(exclude));
      for (const k of open)
        await cold.notify('textDocument/didOpen', { textDocument: { uri: uriOf(k), languageId: 'news-article', version: 1, text: textOf(k) } });
      const sample = [...open, ...Array.from({ length: Math.min(o.quick ? 20 : 60, n - 1 - open.length) }, () => pick(exclude))];
      const targets: Target[] = [];
      const symbolMs: number[] = [];
      const deadline = performance.now() + o.timeoutMs;
      try {
        await barrier(cold, uriOf(open[0]), o.timeoutMs);
        for (const k of sample) {
          t = performance.now();
          const syms = await within(
            cold.request<DocSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: uriOf(k) } }),
            Math.max(1, deadline - performance.now()),
            'documentSymbol',
          );
          symbolMs.push(performance.now() - t);
          for (const g of syms ?? []) {
            if (g.name === 'Dates') continue;
            for (const c of g.children ?? [g]) {
              const { start, end } = c.selectionRange;
              targets.push({
                uri: uriOf(k),
                position: { line: start.line, character: start.character + (end.line === start.line && end.character - start.character > 1 ? 1 : 0) },
              });
            }
          }
        }
        r.documentSymbol = latency(symbolMs);
      } catch (e) {
        problem('symbols', e);
      }
      if (!targets.length) for (const k of sample) targets.push({ uri: uriOf(k), position: namePosition(textOf(k)) });
      log(`  ${targets.length} name positions in ${sample.length} articles (${open.length} open)`);
      const qrnd = prng(n + 1);
      const methods: [keyof RunResult & ('hover' | 'definition' | 'references'), string, (x: Target) => unknown][] = [
        ['hover', 'textDocument/hover', (x) => ({ textDocument: { uri: x.uri }, position: x.position })],
        ['definition', 'textDocument/definition', (x) => ({ textDocument: { uri: x.uri }, position: x.position })],
        ['references', 'textDocument/references', (x) => ({ textDocument: { uri: x.uri }, position: x.position, context: { includeDeclaration: true } })],
      ];
      for (const [key, method, params] of methods) {
        try {
          const q = await timeRequests(cold, method, o.requests, targets, qrnd, performance.now() + o.timeoutMs, params);
          r[key] = { ...latency(q.ms, q.failed), planned: o.requests, empty: q.empty };
          if (q.timedOut) problem(key, new TimeoutError(`timeout after ${q.ms.length} of ${o.requests} requests`));
          log(`  ${key}: p50 ${r[key]!.p50?.toFixed(1)} ms, p99 ${r[key]!.p99?.toFixed(1)} ms (${q.ms.length} answers, ${q.empty} empty, ${q.failed} errors)`);
        } catch (e) {
          problem(key, e);
        }
      }

      // Edits: five open articles, each edit appends an unsourced claim; every fifth also a new person.
      const edited = Array.from({ length: Math.min(5, n - exclude.size) }, () => pick(exclude));
      const docs = edited.map((k) => ({ uri: uriOf(k), text: textOf(k), version: 1 }));
      const all: number[] = [];
      const withName: number[] = [];
      let versioned = false;
      try {
        for (const d of docs) await cold.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'news-article', version: 1, text: d.text } });
        if (docs.length) await barrier(cold, docs[0].uri, o.timeoutMs);
        const editDeadline = performance.now() + o.timeoutMs;
        for (let i = 0; i < o.edits && docs.length; i++) {
          const d = docs[(i + Math.floor(i / 5)) % docs.length];
          const newName = i % 5 === 4 ? names[Math.floor(i / 5) % names.length] : undefined;
          d.text += `${CLAIMS[i % CLAIMS.length](11 + ((i * 37) % 89))}${newName ? ` Ông ${newName} cho biết đây là con số kỷ lục.` : ''}\n`;
          const version = ++d.version;
          let off = () => {};
          const fresh = new Promise<number>((resolve) => {
            off = cold.onDiagnostics((p, at) => {
              if (p.uri !== d.uri) return;
              if (typeof p.version === 'number') {
                versioned = true;
                if (p.version !== version) return;
              }
              resolve(at);
            });
          });
          const t0 = performance.now();
          await cold.notify('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ text: d.text }] });
          try {
            const at = await within(fresh, Math.max(1, Math.min(EDIT_WAIT_MS, editDeadline - performance.now())), `fresh diagnostics of edit ${i + 1}`);
            all.push(at - t0);
            if (newName) withName.push(at - t0);
          } finally {
            off();
          }
          await sleep(200);
        }
      } catch (e) {
        problem('edit', e);
        // What the server said meanwhile (with NEWSLENS_TRACE set, the times of its stages).
        if (e instanceof TimeoutError) console.log(cold.output().split('\n').slice(-40).join('\n'));
      }
      r.editDiagnostics = { ...latency(all), planned: o.edits };
      r.editDiagnosticsNewName = { ...latency(withName), planned: Math.floor(o.edits / 5) };
      r.diagnosticsVersioned = versioned;
      log(
        `  edit → diagnostics: p50 ${r.editDiagnostics.p50?.toFixed(0)} ms, p99 ${r.editDiagnostics.p99?.toFixed(0)} ms; new name p50 ${r.editDiagnosticsNewName.p50?.toFixed(0)} ms (${all.length} of ${o.edits} edits${versioned ? ', versioned' : ', no versions'})`,
      );
    }
    r.peakRssColdMB = cold.memory().peakMB;
  } catch (e) {
    problem('cold', e);
  } finally {
    if (r.problems.length && (cold.hasExited || r.problems.some((p) => !p.includes('timeout')))) {
      const out = cold.output();
      if (out) console.log(out);
    }
    r.peakRssColdMB ??= cold.memory().peakMB;
    await cold.stop();
  }

  // Warm: a new server on the same folder and cache folder.
  if (coldOk) {
    const warm = new Session({ serverJs, root: folder.root, cacheDir, cpuProfDir: profDir('warm') });
    try {
      const t0 = await within(warm.start(), 60000, 'initialize');
      const hoverSent = performance.now();
      let answeredAt: number | undefined;
      const first = warm.request('textDocument/hover', { textDocument: { uri: uriOf(0) }, position: namePosition(textOf(0)) }).then(() => {
        answeredAt = performance.now();
      });
      first.catch(() => undefined);
      const at = await within(warm.indexed(), o.timeoutMs, 'warm reopen');
      r.warmReopenMs = at - t0;
      await within(first, 60000, 'warm first answer')
        .then(() => (r.warmFirstAnswerMs = answeredAt! - hoverSent))
        .catch(() => undefined);
      // An edit at once: answered when the collection, rebuilt in the background after a warm start, is ready for it.
      const uri = uriOf(0);
      const edited = `${textOf(0)}${CLAIMS[0](42)}\n`;
      const answered = new Promise<number>((resolve) => {
        const off = warm.onDiagnostics((p, when) => {
          if (p.uri === uri && p.version === 2) {
            off();
            resolve(when);
          }
        });
      });
      await warm.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text: textOf(0) } });
      await warm.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
      await within(answered, o.timeoutMs, 'warm edit')
        .then((when) => (r.warmEditMs = when - t0))
        .catch((e) => problem('warm edit', e));
      log(
        `  warm reopen ${(r.warmReopenMs / 1000).toFixed(2)} s, an edit made then answered at ${r.warmEditMs !== undefined ? (r.warmEditMs / 1000).toFixed(2) : '?'} s`,
      );
      r.peakRssWarmMB = warm.memory().peakMB;
    } catch (e) {
      problem('warm reopen', e);
      if (!(e instanceof TimeoutError)) console.log(warm.output());
    } finally {
      r.peakRssWarmMB ??= warm.memory().peakMB;
      await warm.stop();
    }
  } else r.problems.push('warm reopen: skipped (no cold index)');
  const peaks = [r.peakRssColdMB, r.peakRssWarmMB].filter((x): x is number => x !== undefined);
  if (peaks.length) r.peakRssMB = Math.max(...peaks);
  log(`  peak RSS ${r.peakRssMB?.toFixed(0)} MB (cold ${r.peakRssColdMB?.toFixed(0)}, warm ${r.peakRssWarmMB?.toFixed(0)})`);

  // CLI: analyse the folder as JSON to /dev/null.
  try {
    const c = await runCli(path.join(o.dist, 'cli.js'), folder.root, o.timeoutMs);
    r.cliPeakRssMB = c.peakMB;
    if (c.signal || (c.code !== 0 && c.code !== 1)) {
      const fatal = /FATAL ERROR:.*$/m.exec(c.stderr)?.[0];
      throw new Error(
        `exited after ${(c.ms / 1000).toFixed(0)} s (code ${c.code}, signal ${c.signal}${outOfMemory(c.stderr) ? ', out of memory' : ''}, peak RSS ${c.peakMB?.toFixed(0)} MB): ${fatal ?? c.stderr.trim().slice(-500)}`,
      );
    }
    r.cliMs = c.ms;
    r.cliMBps = folder.bytes / 1e6 / (c.ms / 1000);
    log(`  CLI ${(c.ms / 1000).toFixed(2)} s, ${r.cliMBps.toFixed(2)} MB/s, peak RSS ${c.peakMB?.toFixed(0)} MB`);
  } catch (e) {
    problem('cli', e);
  }

  r.loadAfter = os.loadavg()[0];
  fs.rmSync(folder.root, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
  temps.delete(folder.root);
  temps.delete(cacheDir);
  return r;
}

function runCli(
  cliJs: string,
  root: string,
  timeoutMs: number,
): Promise<{ ms: number; code: number | null; signal: string | null; stderr: string; peakMB?: number }> {
  return new Promise((resolve, reject) => {
    const devNull = fs.openSync('/dev/null', 'w');
    const t0 = performance.now();
    const child = spawn(process.execPath, [cliJs, 'analyze', '--json', root], { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    let peakMB: number | undefined;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => (stderr = (stderr + s).slice(-20000)));
    const poll = setInterval(() => {
      try {
        const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakMB = Math.max(peakMB ?? 0, Number(m[1]) / 1024);
      } catch {
        // Exited.
      }
    }, 100);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new TimeoutError('timeout'));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - t0;
      clearInterval(poll);
      clearTimeout(timer);
      fs.closeSync(devNull);
      resolve({ ms, code, signal, stderr, peakMB });
    });
  });
}

function profileFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('profileTop' in parsed) {
    const files = parsed.profileTop.flatMap(profileFiles);
    if (!files.length) throw new Error('--profile-top: no .cpuprofile file');
    console.log(profileTable(files, 15));
    return 0;
  }
  const o = parsed;
  for (const f of ['server.js', 'cli.js']) if (!fs.existsSync(path.join(o.dist, f))) throw new Error(`${path.join(o.dist, f)} is missing: npm run build`);
  const raw = await readCorpus(o.corpus);
  const bases = raw.map(toBase).filter((b): b is NonNullable<typeof b> => !!b);
  const corpusText = raw.map((a) => a.text.normalize('NFC')).join('\n');
  const names = newNames(corpusText, Math.max(1, Math.ceil(o.edits / 5)));
  const gen = new Generator(bases);
  log(
    `corpus ${o.corpus}: ${bases.length} articles, ${(corpusText.length / 1e6).toFixed(2)} M characters; sizes ${o.sizes.join(', ')}; server ${path.join(o.dist, 'server.js')}`,
  );
  const results = {
    date: new Date().toISOString(),
    label: o.label,
    commit: git(['rev-parse', 'HEAD']),
    dirty: !!git(['status', '--porcelain', '--untracked-files=no', '--', 'server', 'dist']),
    server: path.join(o.dist, 'server.js'),
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    corpus: path.basename(o.corpus),
    corpusArticles: bases.length,
    quick: o.quick,
    requests: o.requests,
    edits: o.edits,
    timeoutMin: o.timeoutMs / 60000,
    cpuProf: o.cpuProf,
    runs: [] as RunResult[],
  };
  const write = (profiles: string) => {
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    fs.writeFileSync(o.out, JSON.stringify(results, null, 2) + '\n');
    if (o.md) {
      const head = `News Lens benchmark, ${results.date}${o.label ? ` (${o.label})` : ''}: commit ${results.commit?.slice(0, 7)}${results.dirty ? '+' : ''}, node ${results.node}, ${results.cpu}, ${results.memoryGB} GB; corpus ${results.corpus} (${bases.length} articles); ${o.requests} requests per method, ${o.edits} edits.`;
      const notes = results.runs.flatMap((r) => [
        `- N = ${r.n}: load average ${r.loadBefore?.toFixed(1)} before, ${r.loadAfter?.toFixed(1)} after (${os.cpus().length} CPUs)`,
        ...r.problems.map((p) => `- N = ${r.n}: ${p}`),
      ]);
      fs.mkdirSync(path.dirname(o.md), { recursive: true });
      fs.writeFileSync(o.md, [head, '', table(results.runs), ...(notes.length ? ['', ...notes] : []), ...(profiles ? ['', profiles] : [])].join('\n') + '\n');
    }
  };
  let profiles = '';
  for (const n of o.sizes) {
    results.runs.push(await runSize(n, gen, names, o));
    if (o.cpuProf) {
      for (const what of ['cold', 'warm']) {
        const files = profileFiles(path.join(o.cpuProf, `n${n}-${what}`));
        if (!files.length) continue;
        const t = `Top self time, N = ${n}, ${what} server:\n\n${profileTable(files, 15)}`;
        console.log(`\n${t}\n`);
        profiles += `${profiles ? '\n\n' : ''}${t}`;
      }
    }
    write(profiles);
  }
  console.log(`\n${table(results.runs)}\n`);
  for (const r of results.runs) for (const p of r.problems) console.log(`N = ${r.n}: ${p}`);
  console.log(`results: ${o.out}${o.md ? `, ${o.md}` : ''}`);
  // The smoke test fails when a phase did; timings are never asserted.
  return o.quick && results.runs.some((r) => r.problems.length) ? 1 : 0;
}

main().then(
  (code) => {
    cleanup();
    process.exit(code);
  },
  (e) => {
    console.error(`bench: ${(e as Error).stack ?? e}`);
    cleanup();
    process.exit(1);
  },
);
