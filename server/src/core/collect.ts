/**
 * Finding articles and their newslens.json files on disk, for the CLI and the language server alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, type NewsLensConfig } from './meta/config';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

/** Every .txt file below a folder (or the file itself), sorted. */
export function listArticles(p: string): string[] {
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) out.push(full);
    }
  };
  walk(p);
  return out;
}

/** newslens.json files in `dir` and its ancestors up to and including `root`. */
export function findConfigs(dir: string, root: string, cache = new Map<string, NewsLensConfig | null>()): NewsLensConfig[] {
  const out: NewsLensConfig[] = [];
  let d = path.resolve(dir);
  const top = path.resolve(root);
  for (;;) {
    const file = path.join(d, CONFIG_FILE);
    if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? parseConfig(file, fs.readFileSync(file, 'utf8')) : null);
    const c = cache.get(file);
    if (c) out.push(c);
    if (d === top || !d.startsWith(top)) break;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return out;
}

/** Reads an article as UTF-8 without its byte order mark. */
export function readArticle(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}
