#!/usr/bin/env node
/** news-lens: the analysis of the language server, without an editor. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCollection, makeLookup, prepareDocument, type PreparedDocument } from './core/analyze';
import { findConfigs, listArticles, readArticle } from './core/collect';
import { metaFor, type NewsLensConfig } from './core/meta/config';
import type { CollectionResult, RegistryEntity } from './core/types';
import { describeValue } from './core/dates/calendar';

const USAGE = `usage: news-lens analyze [--json] PATH...
  Analyses the .txt articles in PATH (files or folders, recursively), honouring newslens.json.
  --json   print the analysis as JSON (documents, mentions, claims, entities)`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command !== 'analyze') {
    process.stderr.write(`news-lens: ${command ? `unknown command "${command}"` : 'no command given'}\n${USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '--json');
  const paths = rest.filter((a) => !a.startsWith('-'));
  if (unknown.length || !paths.length) {
    process.stderr.write(`news-lens: ${unknown.length ? `unknown option ${unknown[0]}` : 'no PATH given'}\n${USAGE}\n`);
    return 2;
  }
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
  const cache = new Map<string, NewsLensConfig | null>();
  const configsOf = files.map(({ file, root }) => findConfigs(path.dirname(file), root, cache));
  const registry: RegistryEntity[] = [];
  for (const c of cache.values()) {
    if (!c) continue;
    for (const p of c.problems) process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message} (ignoring this file's settings)\n`);
    registry.push(...c.entities);
  }
  const lookup = makeLookup(registry);
  const prepared: PreparedDocument[] = [];
  files.forEach(({ file }, i) => {
    let text: string;
    try {
      text = readArticle(file);
    } catch (e) {
      process.stderr.write(`news-lens: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      failed = true;
      return;
    }
    const shown = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
    prepared.push(prepareDocument(shown, text, metaFor(path.resolve(file), configsOf[i].map((c) => ({ ...c, dir: path.resolve(c.dir) }))), lookup, path.resolve(file)));
  });
  const result = analyzeCollection(prepared, registry);
  process.stdout.write(json ? JSON.stringify(result, null, 1) + '\n' : report(result));
  return failed ? 1 : 0;
}

function report(r: CollectionResult): string {
  const lines: string[] = [];
  const byId = new Map(r.entities.map((e) => [e.id, e]));
  for (const d of r.documents) {
    const ents = d.mentions.filter((m) => m.kind !== 'date');
    const dates = d.mentions.filter((m) => m.kind === 'date');
    const flagged = d.claims.filter((c) => c.status !== 'sourced');
    lines.push(`${d.path}  (article date ${d.date ?? 'unknown'}${d.dateSource ? `, from ${d.dateSource}` : ''})`);
    lines.push(`  ${ents.length} entity mentions, ${dates.length} dates, ${d.claims.length} claims (${flagged.filter((c) => c.status === 'unsourced').length} unsourced, ${flagged.filter((c) => c.status === 'vague').length} vague)`);
    for (const m of dates) if ('value' in m) lines.push(`  date  ${m.text} → ${m.value} (${describeValue(m.value)})`);
    for (const c of flagged) {
      const text = d.sentences.length ? '' : '';
      lines.push(`  ${c.status === 'vague' ? 'vague    ' : 'unsourced'} @${c.start}-${c.end}${c.cue ? ` cue "${c.cue}"` : ''}${text}`);
    }
  }
  lines.push('', `${r.entities.length} entities:`);
  for (const e of [...r.entities].sort((a, b) => b.mentions - a.mentions)) {
    lines.push(`  ${e.id.padEnd(5)} ${e.kind.padEnd(12)} ${e.name}${e.aliases.length ? ` (also ${e.aliases.join(', ')})` : ''}: ${e.mentions} mentions in ${e.documents} article${e.documents === 1 ? '' : 's'}`);
  }
  void byId;
  return lines.join('\n') + '\n';
}

process.exitCode = main(process.argv.slice(2));
