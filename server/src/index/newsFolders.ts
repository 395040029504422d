/**
 * Which folders hold news articles (`newsLens.enable`): with `auto`, a folder whose .txt files
 * read as news prose, or that has a newslens.json (or an ancestor up to the workspace folder has
 * one); with `on`, every folder; with `off`, none. A code repository's LICENSE.txt, logs and
 * requirements files are then not articles, and get no diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/meta/config';
import { readsAsNews } from '../core/text/newsProse';
import { decodeArticle } from '../core/text/decode';

export type EnableMode = 'auto' | 'on' | 'off';

/** Files of a folder read to decide it, spread over its sorted list. */
const SAMPLE_FILES = 12;
/** Bytes read of each: the detector looks at the start of a text only. */
const SAMPLE_BYTES = 32768;

export interface FolderVerdict {
  news: boolean;
  /** Why, for the output channel. */
  why: string;
}

export class NewsFolders {
  private verdicts = new Map<string, FolderVerdict>();

  constructor(
    private mode: EnableMode = 'auto',
    private roots: string[] = [],
    private hasConfig: (file: string) => boolean = (f) => fs.existsSync(f),
  ) {}

  /** Starts again (new settings, a reindex): every folder is decided anew when asked. */
  reset(mode: EnableMode, roots: string[]): void {
    this.mode = mode;
    this.roots = roots;
    this.verdicts.clear();
  }

  /** Forgets one folder's verdict, after its files or its newslens.json changed. */
  forget(dir: string): void {
    this.verdicts.delete(dir);
  }

  isNews(file: string): boolean {
    return this.verdict(path.dirname(file)).news;
  }

  verdict(dir: string): FolderVerdict {
    if (this.mode === 'on') return { news: true, why: 'newsLens.enable is on' };
    if (this.mode === 'off') return { news: false, why: 'newsLens.enable is off' };
    let v = this.verdicts.get(dir);
    if (!v) this.verdicts.set(dir, (v = this.decide(dir)));
    return v;
  }

  private decide(dir: string): FolderVerdict {
    const root = this.roots.filter((r) => dir === r || dir.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
    for (let d = dir; ; d = path.dirname(d)) {
      if (this.hasConfig(path.join(d, CONFIG_FILE))) return { news: true, why: `${path.join(d, CONFIG_FILE)} says so` };
      if (d === root || path.dirname(d) === d || root === undefined) break;
    }
    let names: string[];
    try {
      names = fs
        .readdirSync(dir)
        .filter((n) => n.toLowerCase().endsWith('.txt'))
        .sort();
    } catch {
      return { news: false, why: 'the folder cannot be read' };
    }
    const sample = names.length <= SAMPLE_FILES ? names : Array.from({ length: SAMPLE_FILES }, (_, k) => names[Math.floor((k * names.length) / SAMPLE_FILES)]);
    let news = 0;
    const reasons = new Map<string, number>();
    for (const n of sample) {
      const v = readsAsNews(readStart(path.join(dir, n)));
      if (v.news) news++;
      else reasons.set(v.why, (reasons.get(v.why) ?? 0) + 1);
    }
    if (sample.length && news * 2 >= sample.length) return { news: true, why: `${news} of ${sample.length} .txt files read as news` };
    const most = [...reasons].sort((a, b) => b[1] - a[1])[0];
    return { news: false, why: most ? `its .txt files read as ${most[0]} (${most[1]} of ${sample.length})` : 'no .txt files' };
  }
}

function readStart(file: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    // A character cut at the end of the sample becomes a replacement character, which is harmless here.
    const d = decodeArticle(buf.subarray(0, n));
    return d.binary ? '' : d.text;
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
