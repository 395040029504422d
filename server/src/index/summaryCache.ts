// A warm on-disk cache of per-article summaries, one file per workspace namespace.
//
// File format: a header line `news-lens-summary-cache 1<TAB><version as JSON>`, then one line per
// entry, `<key><TAB><value as JSON>`. Lines are kept unparsed until asked for, so loading costs
// one read and one split, and a damaged line loses only its own entry. Entries are kept as UTF-8
// bytes (slices of the file as read, or of what was set), off the JavaScript heap and half the size
// of strings of Vietnamese text; the collection keeps the same bytes as its packed summaries.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const FORMAT = 'news-lens-summary-cache 1';
const NL = 0x0a;
const TAB = 0x09;
const NEWLINE = Buffer.from('\n');
export const CACHE_SUBDIR = 'news-lens-cache';

/** The cache key of an article's text. */
export function contentKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** How values are written as one line of text (JSON unless said otherwise). */
export interface Codec<T> {
  encode(value: T): string | undefined;
  decode(raw: string): T;
}

interface Entry {
  raw: Buffer;
  /** Read or written in this session, so kept on flush. */
  used: boolean;
  /** In the file as last read or written. */
  onDisk: boolean;
}

export class SummaryCache<T> {
  /** Every warning so far, also passed to the logger. */
  readonly warnings: string[] = [];
  private readonly entries = new Map<string, Entry>();
  private loaded = false;
  private dirty = false;
  private disabled: boolean;
  private warnedDamage = false;
  private writing: Promise<void> = Promise.resolve();

  /**
   * Never throws. Without `dir` nothing is cached; a `dir` that cannot be created disables the
   * cache with a warning. `namespace` (e.g. the workspace folder's URI) becomes the file name,
   * hashed unless it is already a safe one. `version` is the analyser version plus the settings
   * fingerprint: a file written under another version is ignored.
   */
  static open<T>(dir: string | undefined, namespace: string, version: string, log?: (message: string) => void, codec?: Codec<T>): SummaryCache<T> {
    if (!dir) return new SummaryCache<T>(undefined, version, log, codec);
    const folder = path.join(dir, CACHE_SUBDIR);
    const file = path.join(folder, `${safeName(namespace)}.cache`);
    const cache = new SummaryCache<T>(file, version, log, codec);
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (e) {
      cache.disable(`cannot create the cache directory ${folder} (${errorMessage(e)}); caching is off`);
    }
    return cache;
  }

  private constructor(
    readonly file: string | undefined,
    private readonly version: string,
    private readonly log?: (message: string) => void,
    private readonly codec: Codec<T> = { encode: JSON.stringify, decode: JSON.parse },
  ) {
    this.disabled = file === undefined;
  }

  get enabled(): boolean {
    return !this.disabled;
  }

  /** A fresh copy of the value cached under `key`, or undefined. */
  get(key: string): T | undefined {
    if (this.disabled) return undefined;
    this.load();
    const e = this.entries.get(key);
    if (!e) return undefined;
    try {
      const value = this.codec.decode(e.raw.toString('utf8'));
      if (!e.onDisk) this.dirty = true;
      e.used = true;
      return value;
    } catch {
      this.entries.delete(key);
      this.dirty = true;
      if (!this.warnedDamage) this.warn(`a damaged entry in ${this.file} was dropped`);
      this.warnedDamage = true;
      return undefined;
    }
  }

  /** The value cached under `key` as written (the codec's text as UTF-8), or undefined. */
  getRaw(key: string): Buffer | undefined {
    if (this.disabled) return undefined;
    this.load();
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!e.onDisk) this.dirty = true;
    e.used = true;
    return e.raw;
  }

  /** Stores a JSON-serialisable value; it is copied now, so later changes to it are not cached. */
  set(key: string, value: T): void {
    if (this.disabled) return;
    this.load();
    if (/[\t\n\r]/.test(key)) return this.warn(`cache key ${JSON.stringify(key)} has a tab or newline; not cached`);
    let raw: string | undefined;
    try {
      raw = this.codec.encode(value);
    } catch (e) {
      return this.warn(`a value for ${key} cannot be serialised (${errorMessage(e)}); not cached`);
    }
    if (raw === undefined) return;
    this.entries.set(key, { raw: Buffer.from(raw, 'utf8'), used: true, onDisk: false });
    this.dirty = true;
  }

  /** Stores a value as its codec's text in UTF-8 (which the caller made, perhaps on another thread); the bytes are kept, not copied. */
  setRaw(key: string, raw: Uint8Array): void {
    if (this.disabled) return;
    this.load();
    if (/[\t\n\r]/.test(key)) return this.warn(`cache key ${JSON.stringify(key)} has a tab or newline; not cached`);
    this.entries.set(key, { raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), used: true, onDisk: false });
    this.dirty = true;
  }

  /**
   * Writes the file atomically (temp file, then rename), keeping only the entries read or written
   * in this session unless `prune` is false. Unused entries stay available in memory. A failed
   * write disables the cache with a warning; the promise never rejects.
   */
  flush(opts: { prune?: boolean } = {}): Promise<void> {
    this.writing = this.writing
      .then(async () => {
        const content = this.snapshot(opts.prune ?? true);
        if (content === undefined) return;
        const tmp = this.tempName();
        try {
          const file = await fs.promises.open(tmp, 'w');
          try {
            for (const parts of batches(content)) wholly(parts, (await file.writev(parts)).bytesWritten);
          } finally {
            await file.close();
          }
          await fs.promises.rename(tmp, this.file!);
        } catch (e) {
          await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
          this.disable(`cannot write the cache file ${this.file} (${errorMessage(e)}); caching is off`);
        }
      })
      .catch((e) => this.disable(`the cache failed (${errorMessage(e)}); caching is off`));
    return this.writing;
  }

  /**
   * Lets go of the entries in memory once they are on disk (the saved state is read only when a
   * workspace opens, and saved whole). A later flush writes only what was set after this.
   */
  async release(): Promise<void> {
    await this.writing;
    if (this.dirty || this.disabled) return;
    this.entries.clear();
    this.loaded = true;
  }

  /** flush() for when nothing may wait, e.g. on exit. */
  flushSync(opts: { prune?: boolean } = {}): void {
    const content = this.snapshot(opts.prune ?? true);
    if (content === undefined) return;
    const tmp = this.tempName();
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        for (const parts of batches(content)) wholly(parts, fs.writevSync(fd, parts));
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.file!);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      this.disable(`cannot write the cache file ${this.file} (${errorMessage(e)}); caching is off`);
    }
  }

  /** The file's new content as the parts to write one after another (not one copy of them all), or undefined when the file is already up to date. */
  private snapshot(prune: boolean): Buffer[] | undefined {
    if (this.disabled) return undefined;
    this.load();
    const kept = [...this.entries].filter(([, e]) => e.used || !prune);
    if (!this.dirty && kept.length === [...this.entries.values()].filter((e) => e.onDisk).length) return undefined;
    const parts: Buffer[] = [Buffer.from(`${FORMAT}\t${JSON.stringify(this.version)}\n`, 'utf8')];
    for (const e of this.entries.values()) e.onDisk = false;
    for (const [key, e] of kept) {
      parts.push(Buffer.from(`${key}\t`, 'utf8'), e.raw, NEWLINE);
      e.onDisk = true;
    }
    this.dirty = false;
    return parts;
  }

  private load(): void {
    if (this.loaded || this.disabled) return;
    this.loaded = true;
    let text: Buffer;
    try {
      text = fs.readFileSync(this.file!);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.dirty = true;
      return this.warn(`cannot read the cache file ${this.file} (${errorMessage(e)}); starting empty`);
    }
    const nl = text.indexOf(NL);
    const header = text.toString('utf8', 0, nl < 0 ? text.length : nl);
    this.dirty = true;
    if (!header.startsWith(`${FORMAT}\t`)) return this.warn(`the cache file ${this.file} is not a cache of this format; starting empty`);
    if (header.slice(FORMAT.length + 1) !== JSON.stringify(this.version)) {
      return this.warn(`the cache file ${this.file} was written by another analyser version or settings; starting empty`);
    }
    this.dirty = false;
    let bad = 0;
    for (let start = nl + 1; start < text.length;) {
      const end = text.indexOf(NL, start);
      // A last line without its newline was cut short.
      if (end < 0) {
        bad++;
        break;
      }
      const tab = text.indexOf(TAB, start);
      if (tab > start && tab < end) this.entries.set(text.toString('utf8', start, tab), { raw: text.subarray(tab + 1, end), used: false, onDisk: true });
      else bad++;
      start = end + 1;
    }
    if (bad > 0) {
      this.dirty = true;
      this.warn(`${bad} damaged line${bad > 1 ? 's' : ''} in the cache file ${this.file} ignored`);
    }
  }

  private tempName(): string {
    return `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  }

  private disable(message: string): void {
    this.disabled = true;
    this.entries.clear();
    this.warn(message);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.log?.(message);
  }
}

/** The file's parts in groups written by one system call each: one write per part would be one for every entry. */
function* batches(parts: Buffer[], size = 1024): Generator<Buffer[]> {
  for (let i = 0; i < parts.length; i += size) yield parts.slice(i, i + size);
}

/** Throws unless a write took all of its parts. */
function wholly(parts: Buffer[], bytesWritten: number): void {
  if (bytesWritten !== parts.reduce((n, b) => n + b.length, 0)) throw new Error('a write was cut short');
}

function safeName(namespace: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(namespace) ? namespace : createHash('sha256').update(namespace).digest('hex').slice(0, 32);
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
