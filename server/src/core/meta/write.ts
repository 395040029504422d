/**
 * Edits newslens.json without losing what is in it: JSON edits through jsonc-parser keep the
 * user's formatting and unknown fields; a file that does not parse is never overwritten; writes
 * go to a temporary file first and are renamed into place, so a reader sees the old file or the
 * new one, never half of one. Two writers do not lose each other's change: News Lens writers take
 * a lock file beside the config, and every writer re-reads the file right before its rename, so a
 * save by the user that came in between is edited again rather than overwritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parse, parseTree, type ParseError, type JSONPath } from 'jsonc-parser';

export class ConfigWriteError extends Error {}

const BOM = '\uFEFF';
let written = 0;

/**
 * Writes a file atomically: a temporary file in the same folder (a name no other writer, process
 * or thread, uses), flushed to disk, then a rename. The file's permissions are kept. A symbolic
 * link is not replaced (it would be cut, or lead the write out of the folder): that is an error.
 */
export function writeFileAtomic(file: string, data: string): void {
  let mode: number | undefined;
  try {
    const st = fs.lstatSync(file);
    if (st.isSymbolicLink()) throw new Error(`${file} is a symbolic link; News Lens does not write through links, edit its target by hand`);
    mode = st.mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++written}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** The formatting the file already uses, so that an edit does not change its line breaks or indentation. */
function formatting(source: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(source)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
}

/**
 * A new value, or a function of the value now at the path (undefined where there is none): a
 * function is called on the file as it is right before the write, so that a change made to the
 * same entry meanwhile (an alias the user added) is built upon rather than overwritten.
 */
export type ConfigValue = unknown | ((current: unknown) => unknown);

/** Sets a value at a JSON path in a config file's text, creating the file's text if it is empty. */
export function editConfigText(file: string, text: string | undefined, at: JSONPath, value: ConfigValue): string {
  const bom = text?.startsWith(BOM) ? BOM : '';
  const source = text === undefined || !text.trim() ? '{}\n' : text.slice(bom.length);
  const errors: ParseError[] = [];
  const root = parse(source, errors, { allowTrailingComma: true });
  if (errors.length) throw new ConfigWriteError(`${file} could not be parsed (${errors.length} error(s)); fix it by hand, News Lens will not overwrite it`);
  if (!root || typeof root !== 'object' || Array.isArray(root))
    throw new ConfigWriteError(`${file} does not hold a JSON object; fix it by hand, News Lens will not overwrite it`);
  if (typeof value === 'function') {
    const node = findNodeAtLocation(parseTree(source, [], { allowTrailingComma: true })!, at);
    value = value(node ? getNodeValue(node) : undefined);
  }
  try {
    return bom + applyEdits(source, modify(source, at, value, { formattingOptions: formatting(source) }));
  } catch (e) {
    // jsonc-parser refuses to put a key into an array or a string ("articles": [] and the like).
    throw new ConfigWriteError(`${file}: cannot set ${at.join('.')} (${(e as Error).message}); fix the file by hand, News Lens will not overwrite it`);
  }
}

/** The config's text, undefined when there is none; a file that is not UTF-8 is refused (writing it back would garble it). */
function readConfig(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ConfigWriteError(`${file} is not valid UTF-8; News Lens will not overwrite it`);
  }
}

const LOCK_WAIT_MS = 3000;
const LOCK_STALE_MS = 10000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a lock file was left by a writer that is gone: its process no longer runs, or it is old. */
function stale(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8').split(' ')[0]);
    if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    if (pid > 0 && pid !== process.pid) process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Runs `fn` holding `.NAME.lock` beside the file, so that News Lens writers (servers, the CLI) take turns. */
function withLock<T>(file: string, fn: () => T): T {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
  const token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  const until = Date.now() + LOCK_WAIT_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      fs.writeFileSync(lock, token, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (stale(lock)) fs.rmSync(lock, { force: true });
      else if (Date.now() > until)
        throw new ConfigWriteError(
          `${file} is being written by another News Lens process (${lock}); try again, or delete the lock file if no other is running`,
        );
      else sleep(wait);
    }
  }
  try {
    return fn();
  } finally {
    try {
      if (fs.readFileSync(lock, 'utf8') === token) fs.rmSync(lock, { force: true });
    } catch {
      // Taken away as stale by another writer: nothing to release.
    }
  }
}

/** Test seam: runs between reading the file and re-reading it before the rename (a save by the user lands here). */
export const raceHooks: { beforeWrite?: (file: string) => void } = {};

/**
 * Sets one value in a newslens.json on disk; returns the new text. The file is re-read right
 * before the rename: if it changed since it was read (the user saved it), the edit is made again
 * on what is there now, and a file that no longer parses is left as it is, with an error.
 */
export function editConfigFile(file: string, at: JSONPath, value: ConfigValue): string {
  return withLock(file, () => {
    for (let attempt = 0; ; attempt++) {
      const text = readConfig(file);
      const next = editConfigText(file, text, at, value);
      if (next === text) return next;
      raceHooks.beforeWrite?.(file);
      if (readConfig(file) !== text) {
        if (attempt < 10) continue;
        throw new ConfigWriteError(`${file} kept changing while News Lens was writing it; nothing was written, try again`);
      }
      writeFileAtomic(file, next);
      return next;
    }
  });
}
