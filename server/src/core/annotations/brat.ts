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
  text: string;
}

export interface Line {
  /** T, N, A, #, R, E, * or M; anything else is kept as raw text. */
  tag: string;
  raw: string;
  t?: TextBound;
  /** N: the annotation it normalises, and the reference (db:id). */
  n?: { id: string; target: string; db: string; ref: string; text: string };
  /** A: attribute name, target, optional value. */
  a?: { id: string; name: string; target: string; value?: string };
  /** #: a note on a target. */
  note?: { id: string; target: string; text: string };
}

export interface AnnFile {
  lines: Line[];
  errors: { line: number; message: string }[];
}

const KIND_OF: Record<string, MentionKind | 'claim'> = {
  per: 'person', person: 'person', pers: 'person',
  org: 'organization', organization: 'organization', organisation: 'organization',
  loc: 'location', location: 'location', gpe: 'location',
  date: 'date', timex3: 'date', timex: 'date', time: 'date',
  claim: 'claim',
};

/** The News Lens kind of a brat type name, case-insensitively; undefined for other types (kept as they are). */
export function kindOfType(type: string): MentionKind | 'claim' | undefined {
  return KIND_OF[type.toLowerCase()];
}

export const TYPE_OF: Record<MentionKind | 'claim', string> = {
  person: 'Person', organization: 'Organization', location: 'Location', date: 'Date', claim: 'Claim',
};

export function parseAnn(content: string): AnnFile {
  const lines: Line[] = [];
  const errors: { line: number; message: string }[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const tag = raw[0];
    const fields = raw.split('\t');
    const bad = (message: string) => errors.push({ line: i + 1, message: `${message}: ${JSON.stringify(raw.slice(0, 80))}` });
    if (tag === 'T') {
      const m = /^(\S+)\s+((?:\d+\s+\d+)(?:;\d+\s+\d+)*)$/.exec(fields[1] ?? '');
      const typed = /^(\S+)\s+(.+)$/.exec(fields[1] ?? '');
      if (fields.length < 3 || !typed || !/^\d+\s+\d+(;\d+\s+\d+)*$/.test(typed[2])) return bad('a T line needs "Tn<TAB>Type start end<TAB>text"');
      void m;
      const spans = typed[2].split(';').map((p) => p.trim().split(/\s+/).map(Number) as [number, number]);
      if (spans.some(([s, e]) => !(s <= e))) return bad('a span ends before it starts');
      lines.push({ tag, raw, t: { id: fields[0], type: typed[1], spans, text: fields.slice(2).join('\t') } });
    } else if (tag === 'N') {
      const m = /^(\S+)\s+(\S+)\s+([^:\s]+):(\S+)$/.exec(fields[1] ?? '');
      if (!m) return bad('an N line needs "Nn<TAB>Reference Tn db:id<TAB>text"');
      lines.push({ tag, raw, n: { id: fields[0], target: m[2], db: m[3], ref: m[4], text: fields[2] ?? '' } });
    } else if (tag === 'A' || tag === 'M') {
      const m = /^(\S+)\s+(\S+)(?:\s+(\S+))?$/.exec(fields[1] ?? '');
      if (!m) return bad('an A line needs "An<TAB>Name Tn [value]"');
      lines.push({ tag, raw, a: { id: fields[0], name: m[1], target: m[2], value: m[3] } });
    } else if (tag === '#') {
      const m = /^(\S+)\s+(\S+)$/.exec(fields[1] ?? '');
      lines.push({ tag, raw, note: m ? { id: fields[0], target: m[2], text: fields.slice(2).join('\t') } : undefined });
    } else if ('RE*'.includes(tag)) {
      lines.push({ tag, raw });
    } else bad('unknown annotation line');
  });
  return { lines, errors };
}

/** Writes the lines back: untouched lines exactly as they were read. */
export function serializeAnn(lines: Line[]): string {
  return lines.map((l) => toRaw(l)).join('\n') + (lines.length ? '\n' : '');
}

function toRaw(l: Line): string {
  if (l.t) return `${l.t.id}\t${l.t.type} ${l.t.spans.map(([s, e]) => `${s} ${e}`).join(';')}\t${l.t.text}`;
  if (l.n) return `${l.n.id}\tReference ${l.n.target} ${l.n.db}:${l.n.ref}\t${l.n.text}`;
  if (l.a) return `${l.a.id}\t${l.a.name} ${l.a.target}${l.a.value !== undefined ? ` ${l.a.value}` : ''}`;
  return l.raw;
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

/** UTF-16 offset of a code point offset in a text. */
export function toUtf16(text: string, cp: number): number {
  let u = 0;
  for (let c = 0; c < cp && u < text.length; c++) {
    const code = text.charCodeAt(u);
    u += code >= 0xd800 && code <= 0xdbff && u + 1 < text.length ? 2 : 1;
  }
  return u;
}

/** Code point offset of a UTF-16 offset in a text. */
export function toCodePoints(text: string, u16: number): number {
  let cp = 0;
  for (let u = 0; u < u16 && u < text.length; cp++) {
    const code = text.charCodeAt(u);
    u += code >= 0xd800 && code <= 0xdbff && u + 1 < text.length ? 2 : 1;
  }
  return cp;
}
