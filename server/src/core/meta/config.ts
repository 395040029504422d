/**
 * The article folder's own file, newslens.json: article metadata (date, outlet) and the user's
 * entity registry. Parse errors are reported with file, line and column; analysis goes on without.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ArticleMeta, EntityKind, RegistryEntity } from '../types';
import { parseYmd } from '../dates/calendar';

export const CONFIG_FILE = 'newslens.json';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  offset: number;
  message: string;
}

export interface NewsLensConfig {
  file: string;
  /** Folder of the file, with forward slashes, no trailing slash. */
  dir: string;
  articles: Record<string, ArticleMeta>;
  entities: RegistryEntity[];
  problems: ConfigProblem[];
  /** The parsed JSON value, kept so edits can preserve what we do not model. */
  raw?: Record<string, unknown>;
}

const KINDS: EntityKind[] = ['person', 'organization', 'location'];

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A JSON object as parsed, its fields unchecked until read. */
type Loose = Record<string, unknown>;

export function parseConfig(file: string, text: string): NewsLensConfig {
  const dir = file.replace(/\\/g, '/').replace(/\/[^/]*$/, '') || '.';
  const cfg: NewsLensConfig = { file, dir, articles: {}, entities: [], problems: [] };
  const problem = (offset: number, message: string) => cfg.problems.push({ file, offset, message, ...position(text, offset) });
  const errors: ParseError[] = [];
  const value = parse(text.replace(/^\uFEFF/, ''), errors, { disallowComments: false, allowTrailingComma: true });
  for (const e of errors) problem(e.offset, `invalid JSON: ${printParseErrorCode(e.error)}`);
  if (errors.length) return cfg;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(0, 'newslens.json must hold a JSON object');
    return cfg;
  }
  cfg.raw = value;
  const at = (needle: string) => Math.max(0, text.indexOf(needle));
  const articles = value.articles ?? {};
  if (typeof articles !== 'object' || Array.isArray(articles)) problem(at('"articles"'), '"articles" must be an object keyed by file name');
  else {
    for (const [name, meta] of Object.entries(articles as Record<string, Loose>)) {
      if (!meta || typeof meta !== 'object') {
        problem(at(`"${name}"`), `article "${name}": expected an object`);
        continue;
      }
      const rel = name.replace(/\\/g, '/');
      if (rel.startsWith('/') || /^[a-z]:/i.test(rel) || rel.split('/').includes('..')) {
        problem(at(`"${name}"`), `article "${name}": a path outside this file's folder is ignored (names are relative to the folder of newslens.json)`);
        continue;
      }
      const m: ArticleMeta = {};
      if (meta.date !== undefined) {
        if (typeof meta.date === 'string' && parseYmd(meta.date)) {
          m.date = meta.date;
          m.dateSource = 'newslens.json';
        } else problem(at(`"${name}"`), `article "${name}": "date" must be a date as YYYY-MM-DD, got ${JSON.stringify(meta.date)}`);
      }
      for (const k of ['outlet', 'url', 'title'] as const) if (typeof meta[k] === 'string') m[k] = meta[k];
      cfg.articles[name.replace(/\\/g, '/')] = m;
    }
  }
  const entities = value.entities ?? {};
  if (typeof entities !== 'object' || Array.isArray(entities)) problem(at('"entities"'), '"entities" must be an object keyed by entity id');
  else {
    for (const [id, e] of Object.entries(entities as Record<string, Loose>)) {
      if (!e || typeof e !== 'object' || typeof e.name !== 'string') {
        problem(at(`"${id}"`), `entity "${id}": needs a "name" string`);
        continue;
      }
      const kind = KINDS.includes(e.kind as EntityKind) ? (e.kind as EntityKind) : undefined;
      if (!kind) {
        problem(at(`"${id}"`), `entity "${id}": "kind" must be one of ${KINDS.join(', ')}`);
        continue;
      }
      const aliases = Array.isArray(e.aliases) ? e.aliases.filter((a: unknown) => typeof a === 'string') : [];
      const exclude = Array.isArray(e.exclude)
        ? e.exclude
            .filter((x: Loose | null) => x && typeof x.file === 'string' && Number.isInteger(x.start) && typeof x.text === 'string')
            .map((x: Loose) => ({ file: `${dir}/${x.file as string}`, start: x.start as number, text: x.text as string }))
        : [];
      cfg.entities.push({
        id,
        name: e.name,
        kind,
        aliases,
        ...(typeof e.wikidata === 'string' ? { wikidata: e.wikidata } : {}),
        ...(exclude.length ? { exclude } : {}),
      });
    }
  }
  return cfg;
}

/** Metadata of an article from the nearest config that names it; the date may also come from the file name. */
export function metaFor(articlePath: string, configs: NewsLensConfig[]): ArticleMeta {
  const p = articlePath.replace(/\\/g, '/');
  const owning = configs.filter((c) => p.startsWith(c.dir + '/')).sort((a, b) => b.dir.length - a.dir.length);
  for (const c of owning) {
    const rel = p.slice(c.dir.length + 1);
    const m = c.articles[rel];
    if (m) return m.date ? { ...m } : { ...m, ...dateFromFileName(p) };
  }
  return dateFromFileName(p);
}

export function dateFromFileName(p: string): ArticleMeta {
  const name = p.replace(/^.*\//, '');
  const m = /(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(name);
  if (m && parseYmd(`${m[1]}-${m[2]}-${m[3]}`)) return { date: `${m[1]}-${m[2]}-${m[3]}`, dateSource: 'file name' };
  return {};
}
