#!/usr/bin/env node
/** news-lens: the analysis of the language server, without an editor; export and import of annotations. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigs, listArticles, readArticleFile } from './core/collect';
import type { NewsLensConfig } from './core/meta/config';
import type { CollectionResult, EntityMention } from './core/types';
import { describeValue } from './core/dates/calendar';
import { WorkspaceIndex } from './index/workspaceIndex';
import { conflictSubject, environmentLocale, t, useLocale } from './l10n/messages';
import { sentenceText } from './core/facts/extract';
import { now, trace, traced } from './index/trace';
import { openCache, openStateCache, saveState, settleInWorkers, summarizePending } from './index/summarize';
import { exportCollection, FORMATS, importBrat, type Format } from './core/annotations/export';
import { writeFileAtomic } from './core/meta/write';
import { explainMentions, explanationText, type MentionExplanation } from './core/explain';
import { provinceMerger } from './core/lang/reform';
import { unitChange } from './core/lang/reformUnits';
import type { PrepareInput } from './core/summary';

const USAGE = `usage: news-lens analyze [--json] [--explain] [--cache DIR] [--locale LOCALE] PATH...
       news-lens compare [--locale LOCALE] PATH...
       news-lens export --format brat|conll|jsonl|webanno PATH... --out DIR
       news-lens import --format brat DIR [--out DIR]
  analyze  analyses the .txt articles in PATH (files or folders, recursively), honouring
           newslens.json and each article's NAME.ann (brat standoff: the user's decisions)
  --json   print the analysis as JSON (documents, mentions, claims, entities)
  --explain  say for each name which of the recognizer's rules found it and who decided its kind
           (the article's own evidence or the collection); in the JSON as each mention's "explain"
  --cache  keep per-article summaries in DIR, so that unchanged articles are not analysed again
  --locale the report's language (vi, en); by default the environment's (LANG)
  compare  where the articles in PATH disagree: figures and days two reports of one event state
           differently, each with both sentences; exit status 0 either way
  export   writes the analysis, the user's decisions merged in, in a format to DIR
  import   reads a brat corpus (NAME.txt + NAME.ann) and reports what it holds; with --out,
           copies it to a folder News Lens opens as it is`;

interface Loaded {
  result: CollectionResult;
  texts: Map<string, string>;
  failed: boolean;
  /** Where the articles disagree, compared only when asked for (analyze, compare; not export). */
  conflicts(): JsonConflict[];
  /** What each article (by its path in the result) was analysed from, for --explain. */
  inputs(): Map<string, PrepareInput>;
}

function usage(message: string): number {
  process.stderr.write(`news-lens: ${message}\n${USAGE}\n`);
  return 2;
}

/** Reads and analyses the articles under the given paths, on all cores, with the warm cache in `cacheDir`. */
async function load(paths: string[], cacheDir?: string): Promise<Loaded> {
  let failed = false;
  const files: { file: string; root: string }[] = [];
  for (const p of paths) {
    try {
      const root = fs.statSync(p).isDirectory() ? p : path.dirname(p);
      for (const f of listArticles(p)) files.push({ file: f, root });
    } catch (e) {
      process.stderr.write(`news-lens: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      failed = true;
    }
  }
  const configs = new Map<string, NewsLensConfig | null>();
  for (const { file, root } of files) findConfigs(path.dirname(file), root, configs);
  const index = new WorkspaceIndex();
  for (const [file, c] of configs) {
    if (!c) continue;
    for (const p of c.problems) process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message} (ignoring this file's settings)\n`);
    index.setConfig(path.resolve(file), fs.readFileSync(file, 'utf8'));
  }
  const texts = new Map<string, string>();
  const anns = new Map<string, string>();
  for (const { file } of files) {
    let text: string;
    try {
      const f = readArticleFile(file);
      if (f.binary) {
        process.stderr.write(`news-lens: ${file} is skipped: ${f.warning ?? 'not a text file'}\n`);
        continue;
      }
      if (f.warning) process.stderr.write(`${file}:1: ${f.warning}\n`);
      text = f.text;
    } catch (e) {
      process.stderr.write(`news-lens: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      failed = true;
      continue;
    }
    const shown = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
    const uri = path.resolve(file);
    texts.set(shown, text);
    index.setDocument(uri, uri, text, shown);
    const ann = file.replace(/\.txt$/i, '.ann');
    if (fs.existsSync(ann)) {
      anns.set(uri, ann);
      index.setAnnotations(uri, fs.readFileSync(ann, 'utf8'));
    }
  }
  const warn = (m: string) => process.stderr.write(`news-lens: ${m}\n`);
  const cache = cacheDir ? openCache(path.resolve(cacheDir), 'cli', warn) : undefined;
  const state = cacheDir ? openStateCache(path.resolve(cacheDir), 'cli', warn) : undefined;
  index.defer(true);
  let t0 = now();
  const { computed, written, rebuilt } = await summarizePending(index, { cache, state, warn: (m) => process.stderr.write(`${m}\n`) });
  await rebuilt;
  trace('prepare', t0, `${computed} articles analysed`);
  await written;
  index.defer(false);
  t0 = now();
  await index.flushWith(settleInWorkers());
  trace('collection', t0);
  if (computed) await saveState(index, state);
  const result = index.get().result;
  const pathOf = (uri: string) => index.document(uri)?.path ?? uri;
  const side = (x: { uri: string; fact: { start: number; end: number; text: string } }) => ({
    path: pathOf(x.uri),
    start: x.fact.start,
    end: x.fact.end,
    text: x.fact.text,
  });
  const conflicts = (): JsonConflict[] =>
    index.conflicts().map((c) => ({ kind: c.kind, about: c.about, a: side(c.a), b: side(c.b), ...(c.update ? { update: true } : {}) }));
  for (const [uri, ann] of anns) {
    const decisions = index.decisions(uri);
    for (const e of decisions?.file.errors ?? []) process.stderr.write(`${ann}:${e.line}: ${e.message} (this .ann is not used)\n`);
    if (!decisions?.file.errors.length) for (const p of decisions?.problems ?? []) process.stderr.write(`${ann}: ${p.message}\n`);
  }
  const inputs = () => new Map(index.inputs().map(({ input }) => [input.path, input]));
  return { result, texts, failed, conflicts, inputs };
}

/** The result with each entity mention's explanation (which rule found it, who decided its kind). */
function explained(r: CollectionResult, inputs: Map<string, PrepareInput>): CollectionResult {
  const documents = r.documents.map((d) => {
    const input = inputs.get(d.path);
    if (!input) return d;
    const names = d.mentions.filter((m): m is EntityMention => m.kind !== 'date');
    const explanations = explainMentions(input, names);
    const why = new Map(names.map((m, k) => [m, explanations[k]]));
    return { ...d, mentions: d.mentions.map((m) => (why.has(m as EntityMention) ? { ...m, explain: why.get(m as EntityMention) } : m)) };
  });
  return { ...r, documents };
}

/** A disagreement between two articles as analyze --json gives it (issue 15). */
interface JsonConflict {
  kind: 'figure' | 'date' | 'attribution';
  about: string;
  a: { path: string; start: number; end: number; text: string };
  b: { path: string; start: number; end: number; text: string };
  /** The later article says the value changed, or the articles' dates differ. */
  update?: boolean;
}

/**
 * The JSON of analyze --json (claims the user dismissed are not claims), written a slice of
 * documents at a time, so that the JSON of thousands of articles is never one string in memory.
 * Each slice is cut out of the JSON of an object holding only it, which is indented as the whole is.
 */
function writeJson(r: CollectionResult, conflicts: JsonConflict[], write: (s: string) => void): void {
  const docs = r.documents.map((d) => ({ ...d, claims: d.claims.filter((c) => !c.dismissed) }));
  const { documents: _, ...rest } = r;
  const open = '{\n "documents": [\n';
  const close = '\n ]\n}';
  write(docs.length ? open : '{\n "documents": [],\n');
  const SLICE = 200;
  for (let i = 0; i < docs.length; i += SLICE) {
    const text = JSON.stringify({ documents: docs.slice(i, i + SLICE) }, null, 1);
    write(text.slice(open.length, text.length - close.length) + (i + SLICE < docs.length ? ',\n' : '\n ],\n'));
  }
  // The other members, without the object's opening brace.
  write(JSON.stringify({ ...rest, conflicts }, null, 1).slice(2) + '\n');
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[], withValues: string[]): string[] {
  return args.filter((a, i) => !a.startsWith('-') && !withValues.includes(args[i - 1]));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command === 'compare') {
    const unknown = rest.filter((a) => a.startsWith('-') && a !== '--locale');
    const paths = positional(rest, ['--locale']);
    if (unknown.length || !paths.length) return usage(unknown.length ? `unknown option ${unknown[0]}` : 'no PATH given');
    useLocale(option(rest, '--locale') ?? environmentLocale());
    const { texts, failed, conflicts } = await load(paths);
    process.stdout.write(compareReport(conflicts(), texts));
    return failed ? 1 : 0;
  }
  if (command === 'analyze') {
    const unknown = rest.filter((a) => a.startsWith('-') && !['--json', '--explain', '--cache', '--locale'].includes(a));
    const paths = positional(rest, ['--cache', '--locale']);
    useLocale(option(rest, '--locale') ?? environmentLocale());
    if (unknown.length || !paths.length) return usage(unknown.length ? `unknown option ${unknown[0]}` : 'no PATH given');
    if (rest.includes('--cache') && !option(rest, '--cache')) return usage('--cache needs a DIR');
    const loaded = await load(paths, option(rest, '--cache'));
    const { failed, conflicts } = loaded;
    const result = rest.includes('--explain') ? explained(loaded.result, loaded.inputs()) : loaded.result;
    const found = conflicts();
    const write = (text: string) => void process.stdout.write(text);
    traced('output', () => (rest.includes('--json') ? writeJson(result, found, write) : write(report(result, found))));
    return failed ? 1 : 0;
  }
  if (command === 'export') {
    const format = option(rest, '--format') as Format | undefined;
    const out = option(rest, '--out');
    const paths = positional(rest, ['--format', '--out']);
    if (!format || !FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}`);
    if (!out) return usage('--out DIR is needed');
    if (!paths.length) return usage('no PATH given');
    const { result, texts, failed } = await load(paths);
    const written = exportCollection({ result, texts }, format, out);
    process.stderr.write(`news-lens: wrote ${written.length} file(s) to ${out}\n`);
    return failed ? 1 : 0;
  }
  if (command === 'import') {
    const format = option(rest, '--format');
    const out = option(rest, '--out');
    const [dir] = positional(rest, ['--format', '--out']);
    if (format !== 'brat') return usage('--format brat is the format that can be imported');
    if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return usage(`${dir ?? 'DIR'} is not a folder`);
    const docs = importBrat(dir);
    let bad = false;
    const counts = new Map<string, number>();
    for (const d of docs) {
      for (const e of d.decisions?.file.errors ?? []) {
        process.stderr.write(`${d.ann}:${e.line}: ${e.message}\n`);
        bad = true;
      }
      for (const p of d.decisions?.problems.filter((x) => !x.line) ?? []) process.stderr.write(`${d.ann}: ${p.message}\n`);
      for (const l of d.decisions?.file.lines ?? []) if (l.t) counts.set(l.t.type, (counts.get(l.t.type) ?? 0) + 1);
    }
    process.stdout.write(
      `${docs.length} article(s), ${docs.filter((d) => d.ann).length} with annotations: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}\n`,
    );
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      for (const d of docs) {
        writeFileAtomic(path.join(out, path.basename(d.txt)), d.text);
        if (d.ann) writeFileAtomic(path.join(out, path.basename(d.ann)), fs.readFileSync(d.ann, 'utf8'));
      }
      process.stdout.write(`copied to ${out}; open it in VS Code or run news-lens analyze ${out}\n`);
    }
    return bad ? 1 : 0;
  }
  return usage(command ? `unknown command "${command}"` : 'no command given');
}

function compareReport(conflicts: JsonConflict[], texts: Map<string, string>): string {
  if (!conflicts.length) return `${t('The articles do not disagree on any figure, day or speaker.')}\n`;
  const lines = [t('{0} disagreements between articles:', conflicts.length)];
  for (const c of conflicts) {
    lines.push('', `${conflictSubject(c.kind, c.about)}${c.update ? ` ${t('(an update)')}` : ''}: "${c.a.text}" ≠ "${c.b.text}"`);
    for (const side of [c.a, c.b]) lines.push(`  ${side.path}@${side.start}: ${sentenceText(texts.get(side.path) ?? '', side.start, side.end)}`);
  }
  return lines.join('\n') + '\n';
}

function report(r: CollectionResult, conflicts: JsonConflict[] = []): string {
  const lines: string[] = [];
  for (const d of r.documents) {
    const ents = d.mentions.filter((m) => m.kind !== 'date');
    const dates = d.mentions.filter((m) => m.kind === 'date');
    const claims = d.claims.filter((c) => !c.dismissed);
    const flagged = claims.filter((c) => c.status !== 'sourced');
    const date = d.date ? (d.dateSource ? t('article date {0}, from {1}', d.date, d.dateSource) : t('article date {0}', d.date)) : t('article date unknown');
    lines.push(`${d.path}  (${date})`);
    lines.push(
      `  ${t('{0} entity mentions, {1} dates, {2} claims ({3} unsourced, {4} vague)', ents.length, dates.length, claims.length, flagged.filter((c) => c.status === 'unsourced').length, flagged.filter((c) => c.status === 'vague').length)}`,
    );
    for (const m of ents) {
      const why = (m as { explain?: MentionExplanation }).explain;
      if (why) lines.push(`  ${m.text} [${m.kind}] ← ${explanationText(why)}`);
    }
    for (const m of dates) if ('value' in m) lines.push(`  ${t('date')}  ${m.text} → ${m.value} (${describeValue(m.value)})`);
    for (const c of flagged)
      lines.push(`  ${c.status === 'vague' ? t('vague') : t('unsourced')} @${c.start}-${c.end}${c.cue ? ` ${t('cue "{0}"', c.cue)}` : ''}`);
  }
  if (conflicts.length) {
    lines.push('', t('{0} disagreements between articles:', conflicts.length));
    for (const c of conflicts)
      lines.push(
        `  ${c.kind} (${c.about})${c.update ? ` ${t('(an update)')}` : ''}: ${c.a.path}@${c.a.start} "${c.a.text}" ≠ ${c.b.path}@${c.b.start} "${c.b.text}"`,
      );
  }
  lines.push('', t('{0} entities:', r.entities.length));
  for (const e of [...r.entities].sort((a, b) => b.mentions - a.mentions)) {
    const merger = e.kind === 'location' ? provinceMerger(e.name) : undefined;
    // A district's name alone, where only one district bears it: the level abolished in 2025.
    const district = e.kind === 'location' && !merger ? unitChange(e.name, undefined, []) : undefined;
    const reform = merger
      ? ` (${t('since 1 July 2025 part of {0}', merger.now)})`
      : district?.level === 'district'
        ? ` (${t('{0} of {1} until 30 June 2025', district.old, district.province)})`
        : '';
    lines.push(
      `  ${e.id.padEnd(5)} ${e.kind.padEnd(12)} ${e.name}${e.aliases.length ? ` (${t('also {0}', e.aliases.join(', '))})` : ''}${reform}: ${e.documents === 1 ? t('{0} mentions in 1 article', e.mentions) : t('{0} mentions in {1} articles', e.mentions, e.documents)}`,
    );
  }
  return lines.join('\n') + '\n';
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
