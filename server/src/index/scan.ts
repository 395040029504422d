/** Which files of a workspace folder are articles: `newsLens.include` minus `newsLens.exclude`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { CONFIG_FILE } from '../core/meta/config';

export interface ScanSettings {
  include: string;
  exclude: string;
}

export const DEFAULT_SCAN: ScanSettings = { include: '**/*.txt', exclude: '**/node_modules/**' };

export function isArticle(root: string, file: string, s: ScanSettings): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return minimatch(rel, s.include, { dot: false }) && !(s.exclude && minimatch(rel, s.exclude, { dot: true }));
}

/** Articles and newslens.json files below a workspace folder. */
export function scanFolder(root: string, s: ScanSettings): { articles: string[]; configs: string[] } {
  const articles: string[] = [];
  const configs: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        walk(full);
      } else if (e.isFile()) {
        if (e.name === CONFIG_FILE) configs.push(full);
        else if (isArticle(root, full, s)) articles.push(full);
      }
    }
  };
  walk(root);
  return { articles: articles.sort(), configs: configs.sort() };
}
