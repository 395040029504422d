/**
 * Finding articles and their newslens.json files on disk, for the CLI and the language server alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, type NewsLensConfig } from './meta/config';
import { decodeArticle, type DecodedArticle } from './text/decode';

export type { DecodedArticle } from './text/decode';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

/**
 * Every .txt file below a folder (or the file itself), sorted. Symbolic links are followed only
 * where they lead to a place inside the folder given (and each file is listed once, by its own
 * path when the walk meets it there); the others are passed to `onSkip`.
 */
export function listArticles(p: string, onSkip?: (file: string, reason: string) => void): string[] {
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  const root = fs.realpathSync(p);
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  const found: { file: string; real: string; linked: boolean }[] = [];
  const walked = new Set<string>();
  const skipped = (name: string) => SKIP_DIRS.has(name) || name.startsWith('.');
  const isArticle = (name: string) => name.toLowerCase().endsWith('.txt');
  // `real` is the directory's real path: below a link it is the link's target, elsewhere the same place below `root`.
  const walk = (dir: string, real: string, linked: boolean) => {
    // Folders reached through links are walked once (links can make cycles); the others always, so
    // that their files are listed by their own paths.
    if (linked && walked.has(real)) return;
    walked.add(real);
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skipped(e.name)) walk(full, path.join(real, e.name), linked);
      } else if (e.isFile()) {
        if (isArticle(e.name)) found.push({ file: full, real: path.join(real, e.name), linked });
      } else if (e.isSymbolicLink() && !skipped(e.name)) {
        const target = safeRealpath(full);
        if (target === undefined) {
          if (isArticle(e.name)) onSkip?.(full, 'a symbolic link that leads nowhere');
        } else if (!inside(target)) {
          onSkip?.(full, `a symbolic link to ${target}, outside ${p}; not followed`);
        } else {
          const t = fs.statSync(target);
          if (t.isDirectory()) walk(full, target, true);
          else if (t.isFile() && isArticle(e.name)) found.push({ file: full, real: target, linked: true });
        }
      }
    }
  };
  walk(p, root, false);
  // A file reached both by its own path and through a link inside the folder is listed once, by its own path.
  const direct = new Set(found.filter((x) => !x.linked).map((x) => x.real));
  const listed = new Set<string>();
  return found
    .filter((x) => {
      if ((x.linked && direct.has(x.real)) || listed.has(x.real)) return false;
      listed.add(x.real);
      return true;
    })
    .map((x) => x.file);
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
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

/**
 * Reads an article: UTF-8 (a byte order mark is dropped) or UTF-16 (see `decodeArticle`); a binary
 * file reads as ''. Callers that report encoding problems use `readArticleFile`.
 */
export function readArticle(file: string): string {
  return readArticleFile(file).text;
}

/** Reads and decodes an article, with the encoding found and a warning when the text is not exactly the file's bytes. */
export function readArticleFile(file: string): DecodedArticle {
  return decodeArticle(fs.readFileSync(file));
}
