/**
 * brat standoff (.ann) files: parsed into the user's decisions and written back unchanged where
 * they were not touched. brat counts offsets in Unicode code points; JavaScript and LSP count
 * UTF-16 code units, so every offset crosses `toUtf16` / `toCodePoints`.
 */
import type { MentionKind } from '../types';

export interface TextBound {
  id: string;
  type: string;
  /** Fragments in code points, end excluded ("4 7;12 16" is two). */
  spans: [number, number][];
  /** The text of the span; of a discontinuous one, its fragments' texts joined by a space. */
  text: string;
}

export interface Line {
  /** T, N, A, #, R, E, * or M; '' for a blank line; lines are kept as their raw text otherwise. */
  tag: string;
  /** The line as read, without its line break ('' for a line made here); written back as it is while its fields are unchanged. */
  raw: string;
  /** The line's number in the file as read (1-based). */
  line?: number;
  /** The line break after the line as read: '\n', '\r\n', or '' at the end of a file without one. */
  eol?: string;
  t?: TextBound;
  /** N: the annotation it normalises, and the reference (db:id). */
  n?: { id: string; target: string; db: string; ref: string; text: string; type?: string };
  /** A: attribute name, target, optional value. */
  a?: { id: string; name: string; target: string; value?: string };
  /** #: a note on a target. */
  note?: { id: string; target: string; text: string; type?: string };
}

export interface AnnFile {
  lines: Line[];
  /** Lines that cannot be used, by line number: the file is then not used and never overwritten. */
  errors: { line: number; message: string }[];
}

const KIND_OF: Record<string, MentionKind | 'claim'> = {
  per: 'person',
  person: 'person',
  pers: 'person',
  org: 'organization',
  organization: 'organization',
  organisation: 'organization',
  loc: 'location',
  location: 'location',
  gpe: 'location',
  date: 'date',
  timex3: 'date',
  timex: 'date',
  time: 'date',
  claim: 'claim',
};

/** The News Lens kind of a brat type name, case-insensitively; undefined for other types (kept as they are). */
export function kindOfType(type: string): MentionKind | 'claim' | undefined {
  return KIND_OF[type.toLowerCase()];
}

export const TYPE_OF: Record<MentionKind | 'claim', string> = {
  person: 'Person',
  organization: 'Organization',
  location: 'Location',
  date: 'Date',
  claim: 'Claim',
};

const BOM = '\uFEFF';

/** One line's fields, or what is wrong with it. */
function parseLine(raw: string): Omit<Line, 'raw' | 'line' | 'eol'> | { error: string } {
  if (!raw.trim()) return { tag: '' };
  const tag = raw[0];
  const fields = raw.split('\t');
  if (tag === 'T') {
    const typed = /^(\S+)\s+(.+)$/.exec(fields[1] ?? '');
    if (fields.length < 3 || !typed || !/^\d+\s+\d+(;\d+\s+\d+)*$/.test(typed[2])) return { error: 'a T line needs "Tn<TAB>Type start end<TAB>text"' };
    const spans = typed[2].split(';').map((p) => p.trim().split(/\s+/).map(Number) as [number, number]);
    if (spans.some(([s, e]) => !(s <= e))) return { error: 'a span ends before it starts' };
    if (spans.some(([s], i) => i > 0 && s < spans[i - 1][1])) return { error: 'the fragments of a span overlap or are out of order' };
    return { tag, t: { id: fields[0], type: typed[1], spans, text: fields.slice(2).join('\t') } };
  }
  if (tag === 'N') {
    const m = /^(\S+)\s+(\S+)\s+([^:\s]+):(\S+)$/.exec(fields[1] ?? '');
    if (!m) return { error: 'an N line needs "Nn<TAB>Reference Tn db:id<TAB>text"' };
    return { tag, n: { id: fields[0], target: m[2], db: m[3], ref: m[4], text: fields.slice(2).join('\t'), type: m[1] } };
  }
  if (tag === 'A' || tag === 'M') {
    const m = /^(\S+)\s+(\S+)(?:\s+(\S+))?$/.exec(fields[1] ?? '');
    if (!m) return { error: 'an A line needs "An<TAB>Name Tn [value]"' };
    return { tag, a: { id: fields[0], name: m[1], target: m[2], ...(m[3] !== undefined ? { value: m[3] } : {}) } };
  }
  if (tag === '#') {
    const m = /^(\S+)\s+(\S+)$/.exec(fields[1] ?? '');
    return m ? { tag, note: { id: fields[0], target: m[2], text: fields.slice(2).join('\t'), type: m[1] } } : { tag };
  }
  if ('RE*'.includes(tag)) return { tag };
  return { error: 'unknown annotation line' };
}

/**
 * Parses an .ann file. Every line is kept, blank ones too, with its line break, so that the file
 * is written back byte for byte where nothing changed; lines that cannot be read are errors.
 */
export function parseAnn(content: string): AnnFile {
  const lines: Line[] = [];
  const errors: { line: number; message: string }[] = [];
  const parts = content.split('\n');
  const firstLine = new Map<string, number>();
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (last && part === '') return;
    const cr = !last && part.endsWith('\r');
    const raw = cr ? part.slice(0, -1) : part;
    const eol = last ? '' : cr ? '\r\n' : '\n';
    const parsed = parseLine(i === 0 && raw.startsWith(BOM) ? raw.slice(1) : raw);
    if ('error' in parsed) {
      const shown = raw.replace(/^\uFEFF/, '').slice(0, 80);
      errors.push({ line: i + 1, message: `${parsed.error}: ${JSON.stringify(shown)}` });
      return;
    }
    // Ids name annotations for the lines that refer to them: two lines with one id is a broken file.
    const id = parsed.tag && parsed.tag !== '*' ? raw.replace(/^\uFEFF/, '').split('\t')[0] : '';
    if (id && firstLine.has(id)) {
      errors.push({ line: i + 1, message: `the id ${id} is already used on line ${firstLine.get(id)}` });
      return;
    }
    if (id) firstLine.set(id, i + 1);
    lines.push({ ...parsed, raw, line: i + 1, eol });
  });
  return { lines, errors };
}

/** Writes the lines back: lines whose fields did not change exactly as they were read, with their line breaks. */
export function serializeAnn(lines: Line[]): string {
  const eol = lines.find((l) => l.eol)?.eol ?? '\n';
  let out = '';
  lines.forEach((l, i) => {
    const last = i === lines.length - 1;
    out += toRaw(l) + (l.eol === undefined || (l.eol === '' && !last) ? eol : l.eol);
  });
  return out;
}

function fieldsKey(l: Omit<Line, 'raw' | 'line' | 'eol'>): string {
  const { t, n, a, note } = l;
  return JSON.stringify([
    l.tag,
    t && [t.id, t.type, t.spans, t.text],
    n && [n.id, n.target, n.db, n.ref, n.text, n.type ?? 'Reference'],
    a && [a.id, a.name, a.target, a.value],
    note && [note.id, note.target, note.text, note.type ?? 'AnnotatorNotes'],
  ]);
}

function toRaw(l: Line): string {
  const bom = l.raw.startsWith(BOM) ? BOM : '';
  if (l.raw) {
    const again = parseLine(l.raw.slice(bom.length));
    if (!('error' in again) && fieldsKey(again) === fieldsKey(l)) return l.raw;
  }
  if (l.t) return `${bom}${l.t.id}\t${l.t.type} ${l.t.spans.map(([s, e]) => `${s} ${e}`).join(';')}\t${l.t.text}`;
  if (l.n) return `${bom}${l.n.id}\t${l.n.type ?? 'Reference'} ${l.n.target} ${l.n.db}:${l.n.ref}\t${l.n.text}`;
  if (l.a) return `${bom}${l.a.id}\t${l.a.name} ${l.a.target}${l.a.value !== undefined ? ` ${l.a.value}` : ''}`;
  if (l.note) return `${bom}${l.note.id}\t${l.note.type ?? 'AnnotatorNotes'} ${l.note.target}\t${l.note.text}`;
  return l.raw;
}

/**
 * The fields of a T line for the text from `start` to `end` (UTF-16 units): brat's fragments, one
 * per line the span touches (the line breaks themselves are not in any), in code points; the text
 * is the fragments' texts joined by a space, as brat writes it.
 */
export function spanFields(text: string, start: number, end: number, cps = codePointIndex(text)): { spans: [number, number][]; text: string } {
  const base = cps.toCodePoints(start);
  const within = text.slice(start, end);
  const cp = (u: number) => cps.toCodePoints(start + u);
  const spans: [number, number][] = [];
  const texts: string[] = [];
  let from = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(within); ; m = breaks.exec(within)) {
    const to = m ? m.index : within.length;
    if (to > from) {
      spans.push([cp(from), cp(to)]);
      texts.push(within.slice(from, to));
    }
    if (!m) break;
    from = m.index + m[0].length;
  }
  if (!spans.length) return { spans: [[base, cp(within.length)]], text: within.replace(/[\r\n]+/g, ' ') };
  return { spans, text: texts.join(' ') };
}

/** Ids that the relations, events and equivalences of the file (lines kept as brat wrote them) refer to. */
export function referencedIds(lines: Line[]): Map<string, string> {
  const by = new Map<string, string>();
  for (const l of lines) {
    if (!'RE*'.includes(l.tag) || !l.tag) continue;
    const [id, args = ''] = l.raw.split('\t');
    for (const token of args.split(/[\s:]+/)) if (/^[TERN]\d+$/.test(token) && !by.has(token)) by.set(token, id);
  }
  return by;
}

/** Next free id with a prefix ("T", "N", "A", "#"). */
export function nextId(lines: Line[], prefix: string): string {
  let max = 0;
  for (const l of lines) {
    const id = l.t?.id ?? l.n?.id ?? l.a?.id ?? l.note?.id ?? l.raw.split('\t')[0];
    if (id.startsWith(prefix)) max = Math.max(max, Number(id.slice(prefix.length)) || 0);
  }
  return `${prefix}${max + 1}`;
}

/**
 * Offsets between UTF-16 units and code points in one text, each in O(log n) after one pass over
 * the text: the places of its surrogate pairs are listed once, so converting the offsets of many
 * annotations costs no rescan from the start per offset. A lone surrogate counts as one code point.
 */
export class CodePointIndex {
  /** UTF-16 offset of each surrogate pair's first unit, ascending. */
  private readonly pairs: number[] = [];
  /** Length of the text in code points. */
  readonly length: number;

  constructor(readonly text: string) {
    const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = re.exec(text); m; m = re.exec(text)) this.pairs.push(m.index);
    this.length = text.length - this.pairs.length;
  }

  /** How many pairs start before `u`; binary search. */
  private pairsBefore(u: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Code point offset of a UTF-16 offset: the code points that start before it (inside a pair counts the pair). */
  toCodePoints(u16: number): number {
    const u = Math.max(0, Math.min(u16, this.text.length));
    return u - this.pairsBefore(u - 1);
  }

  /** UTF-16 offset of a code point offset, at most the text's length. */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    // The k-th pair is code point pairs[k] - k, an ascending sequence: count those before cp.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(cp + lo, this.text.length);
  }
}

let last: CodePointIndex | undefined;

/** The index of a text, kept for the text last asked about (callers converting many offsets of one text pay one pass). */
export function codePointIndex(text: string): CodePointIndex {
  if (last?.text !== text) last = new CodePointIndex(text);
  return last;
}

/** UTF-16 offset of a code point offset in a text. */
export function toUtf16(text: string, cp: number): number {
  return codePointIndex(text).toUtf16(cp);
}

/** Code point offset of a UTF-16 offset in a text. */
export function toCodePoints(text: string, u16: number): number {
  return codePointIndex(text).toCodePoints(u16);
}
