/** Percentiles, the markdown table of a benchmark run, and the top self-time functions of a .cpuprofile. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Latency {
  count: number;
  p50?: number;
  p99?: number;
  max?: number;
  /** Requests that got an error. */
  failed?: number;
  /** How many were to be timed (fewer were when the phase ran out of time). */
  planned?: number;
  /** Answers that were null or an empty list. */
  empty?: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function latency(ms: number[], failed = 0): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : undefined);
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s.length ? s[s.length - 1] : undefined, ...(failed ? { failed } : {}) };
}

export interface RunResult {
  n: number;
  bytes: number;
  chars: number;
  generateMs: number;
  coldIndexMs?: number;
  /** From initialized to the last diagnostics of the cold index (they stream out after the figures). */
  coldDiagnosticsMs?: number;
  msPerArticle?: number;
  /** Time of the work-done progress end, when it came before the stats. */
  coldProgressEndMs?: number;
  firstAnswerMs?: number;
  /** Whether the first hover was answered before the index was complete. */
  firstAnswerEarly?: boolean;
  warmReopenMs?: number;
  warmFirstAnswerMs?: number;
  /** From initialized to the diagnostics of an edit made at once after the warm reopen (it waits for the collection's rebuild). */
  warmEditMs?: number;
  hover?: Latency;
  definition?: Latency;
  references?: Latency;
  documentSymbol?: Latency;
  editDiagnostics?: Latency;
  /** The edits that added a name the collection had never seen (every fifth). */
  editDiagnosticsNewName?: Latency;
  /** Whether the server's publishDiagnostics carried document versions. */
  diagnosticsVersioned?: boolean;
  peakRssMB?: number;
  peakRssColdMB?: number;
  peakRssWarmMB?: number;
  cliMs?: number;
  cliMBps?: number;
  cliPeakRssMB?: number;
  /** One-minute load average of the machine before and after: other work skews timings. */
  loadBefore?: number;
  loadAfter?: number;
  /** Phases that ran out of time or failed, with why. */
  problems: string[];
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const sec = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(ms < 10000 ? 2 : 1));
const pair = (l: Latency | undefined) =>
  !l || !l.count
    ? '—'
    : `${fmt(l.p50, l.p50! < 10 ? 1 : 0)} / ${fmt(l.p99, l.p99! < 10 ? 1 : 0)}${l.planned && l.count < l.planned ? ` (${l.count} of ${l.planned})` : ''}`;
/** An empty cell says why: the phase ran out of time, or the process died (of memory). */
const orTimeout = (r: RunResult, phase: string, v: string) => {
  if (v !== '—') return v;
  // A phase that could not run for want of an index says why the index is missing.
  const p =
    r.problems.find((x) => x.startsWith(phase) && !x.includes('skipped')) ?? (phase === 'cli' ? undefined : r.problems.find((x) => x.startsWith('cold index')));
  if (!p) return v;
  if (p.includes('out of memory')) return 'OOM';
  if (p.includes('exited')) return 'crash';
  if (p.includes('timeout')) return 'timeout';
  return v;
};

/** One row per N. */
export function table(runs: RunResult[]): string {
  const head = [
    'N',
    'MB',
    'cold index s (all diagnostics)',
    'ms/article',
    'warm reopen s (first edit)',
    'first answer s',
    'hover p50/p99 ms',
    'definition p50/p99 ms',
    'references p50/p99 ms',
    'edit→diagnostics p50/p99 ms',
    'new-name edit p50/p99 ms',
    'peak RSS MB',
    'CLI s',
    'CLI MB/s',
  ];
  const rows = runs.map((r) => [
    r.n.toLocaleString('en-US'),
    (r.bytes / 1e6).toFixed(1),
    orTimeout(r, 'cold', sec(r.coldIndexMs)) + (r.coldDiagnosticsMs !== undefined ? ` (${sec(r.coldDiagnosticsMs)})` : ''),
    orTimeout(r, 'cold', fmt(r.msPerArticle, 2)),
    orTimeout(r, 'warm', sec(r.warmReopenMs)) + (r.warmEditMs !== undefined ? ` (edit ${sec(r.warmEditMs)})` : ''),
    orTimeout(r, 'cold', sec(r.firstAnswerMs)) + (r.firstAnswerEarly ? ' (early)' : ''),
    orTimeout(r, 'hover', pair(r.hover)),
    orTimeout(r, 'definition', pair(r.definition)),
    orTimeout(r, 'references', pair(r.references)),
    orTimeout(r, 'edit', pair(r.editDiagnostics)),
    orTimeout(r, 'edit', pair(r.editDiagnosticsNewName)),
    fmt(r.peakRssMB),
    orTimeout(r, 'cli', sec(r.cliMs)),
    orTimeout(r, 'cli', fmt(r.cliMBps, 2)),
  ]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A source map's mappings, per generated line: [column, source, line] triples, by column. */
class SourceMap {
  private readonly lines: Int32Array[] = [];
  private readonly sources: string[];

  constructor(map: { sources: string[]; mappings: string }) {
    // As the bundle names them, relative to its folder's parent: server/src/…, node_modules/….
    this.sources = map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
    let src = 0;
    let srcLine = 0;
    for (const line of map.mappings.split(';')) {
      const segs: number[] = [];
      let col = 0;
      for (const seg of line.split(',')) {
        if (!seg) continue;
        const v: number[] = [];
        let value = 0;
        let shift = 0;
        for (const ch of seg) {
          const d = B64.indexOf(ch);
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            v.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        col += v[0];
        if (v.length >= 4) {
          src += v[1];
          srcLine += v[2];
          segs.push(col, src, srcLine);
        }
      }
      this.lines.push(Int32Array.from(segs));
    }
  }

  /** Source file and 1-based line of a 0-based generated position. */
  find(line: number, column: number): string | undefined {
    const segs = this.lines[line];
    if (!segs || !segs.length) return undefined;
    let best = -1;
    for (let i = 0; i < segs.length; i += 3) {
      if (segs[i] <= column) best = i;
      else break;
    }
    if (best < 0) best = 0;
    return `${this.sources[segs[best + 1]]}:${segs[best + 2] + 1}`;
  }
}

const maps = new Map<string, SourceMap | null>();
function sourceOf(url: string, line: number, column: number): string | undefined {
  const file = url.replace(/^file:\/\//, '');
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file)?.find(line, column);
}

export interface SelfTime {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

/** Sums self time per function (name + source file and line) over .cpuprofile files, idle time left out. */
export function topSelfTime(files: string[], top = 15): { total: number; entries: SelfTime[] } {
  const sums = new Map<string, SelfTime>();
  let total = 0;
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    // Sample i lasted until sample i+1 (deltas[i+1]); the last one, until endTime.
    let t = p.startTime;
    const stamps = deltas.map((d) => (t += d));
    for (let i = 0; i < samples.length; i++) {
      const dt = ((i + 1 < stamps.length ? stamps[i + 1] : p.endTime) - stamps[i]) / 1000;
      if (!(dt > 0)) continue;
      const n = byId.get(samples[i]);
      if (!n) continue;
      const f = n.callFrame;
      // (program), (garbage collector) and (idle) have a name and no url.
      const name = f.functionName || (f.url ? '(anonymous)' : '(native)');
      if (name === '(idle)') continue;
      const where = f.url ? (sourceOf(f.url, f.lineNumber, f.columnNumber) ?? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}`) : '';
      const key = `${name}\u0000${where}`;
      const e = sums.get(key) ?? { name, where, selfMs: 0, percent: 0 };
      e.selfMs += dt;
      total += dt;
      sums.set(key, e);
    }
  }
  const entries = [...sums.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  for (const e of entries) e.percent = total ? (100 * e.selfMs) / total : 0;
  return { total, entries };
}

export function profileTable(files: string[], top = 15): string {
  const { total, entries } = topSelfTime(files, top);
  const short = (name: string) => (name.length > 60 ? `${name.slice(0, 57)}…` : name).replace(/\|/g, '\\|');
  const rows = entries.map((e, i) => `| ${i + 1} | \`${short(e.name)}\` | ${e.where || '—'} | ${e.selfMs.toFixed(0)} | ${e.percent.toFixed(1)} |`);
  return [
    `${files.length} profile(s), ${(total / 1000).toFixed(1)} s sampled`,
    '',
    '| # | function | where | self ms | % |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
