/**
 * Changes to an article's .ann file: each user decision becomes brat lines, untouched lines stay
 * as they were. Offsets given in UTF-16 units are written as code points.
 */
import * as fs from 'node:fs';
import type { MentionKind } from '../types';
import { nextId, parseAnn, serializeAnn, toCodePoints, toUtf16, TYPE_OF, type Line } from './brat';
import { writeFileAtomic } from '../meta/write';

export class AnnWriteError extends Error {}

export type AnnEdit =
  | { action: 'annotate'; start: number; end: number; kind: MentionKind }
  | { action: 'remove'; offset: number }
  | { action: 'accept' | 'reject'; start: number; end: number; kind: MentionKind }
  | { action: 'link'; start: number; end: number; kind: MentionKind; ref: string; name: string }
  | { action: 'claim'; start: number; end: number; status?: 'sourced' | 'vague' | 'unsourced'; dismissed?: 'not-a-claim' | 'common-knowledge'; source?: string }
  | { action: 'acceptAll'; mentions: { start: number; end: number; kind: MentionKind }[] };

function spanOf(l: Line, text: string): { start: number; end: number } | undefined {
  if (!l.t) return undefined;
  return { start: toUtf16(text, l.t.spans[0][0]), end: toUtf16(text, l.t.spans[l.t.spans.length - 1][1]) };
}

/** Removes a T line and every line that refers to it. */
function drop(lines: Line[], id: string): Line[] {
  return lines.filter((l) => l.t?.id !== id && l.a?.target !== id && l.n?.target !== id && l.note?.target !== id);
}

function textBound(lines: Line[], text: string, start: number, end: number, type: string): Line {
  const t = { id: nextId(lines, 'T'), type, spans: [[toCodePoints(text, start), toCodePoints(text, end)]] as [number, number][], text: text.slice(start, end) };
  return { tag: 'T', raw: '', t };
}

function attr(lines: Line[], name: string, target: string, value?: string): Line {
  return { tag: 'A', raw: '', a: { id: nextId(lines, 'A'), name, target, ...(value !== undefined ? { value } : {}) } };
}

/** Lines of the .ann after one edit. */
export function applyEdit(lines: Line[], text: string, e: AnnEdit): Line[] {
  let out = [...lines];
  const at = (start: number, end: number, pred: (l: Line) => boolean = () => true) =>
    out.find((l) => {
      const s = spanOf(l, text);
      return s && s.start === start && s.end === end && pred(l);
    });
  const decide = (start: number, end: number, kind: MentionKind, attribute?: 'Confirmed' | 'Rejected') => {
    const old = at(start, end, (l) => l.t!.type !== TYPE_OF.claim);
    if (old) out = drop(out, old.t!.id);
    const t = textBound(out, text, start, end, TYPE_OF[kind]);
    out.push(t);
    if (attribute) out.push(attr(out, attribute, t.t!.id));
    return t;
  };
  switch (e.action) {
    case 'annotate':
      decide(e.start, e.end, e.kind);
      break;
    case 'accept':
      decide(e.start, e.end, e.kind, 'Confirmed');
      break;
    case 'reject':
      decide(e.start, e.end, e.kind, 'Rejected');
      break;
    case 'acceptAll':
      for (const m of e.mentions) if (!at(m.start, m.end)) decide(m.start, m.end, m.kind, 'Confirmed');
      break;
    case 'link': {
      const t = decide(e.start, e.end, e.kind, 'Confirmed');
      out.push({ tag: 'N', raw: '', n: { id: nextId(out, 'N'), target: t.t!.id, db: 'newslens', ref: e.ref, text: e.name } });
      break;
    }
    case 'remove': {
      const hit = out.find((l) => {
        const s = spanOf(l, text);
        return s && s.start <= e.offset && e.offset <= s.end && l.t!.type !== TYPE_OF.claim;
      });
      if (!hit) throw new AnnWriteError('no annotation of yours at the cursor');
      out = drop(out, hit.t!.id);
      break;
    }
    case 'claim': {
      const old = at(e.start, e.end, (l) => l.t!.type === TYPE_OF.claim);
      if (old) out = drop(out, old.t!.id);
      const t = textBound(out, text, e.start, e.end, TYPE_OF.claim);
      out.push(t);
      if (e.status) out.push(attr(out, 'Status', t.t!.id, e.status));
      if (e.dismissed) out.push(attr(out, 'Dismissed', t.t!.id, e.dismissed));
      if (e.source) out.push(attr(out, 'Source', t.t!.id, e.source.replace(/\s+/g, '_')));
      break;
    }
  }
  return out;
}

/** Moves annotations whose text was found again elsewhere to their new offsets. */
export function applyMoves(lines: Line[], text: string, moved: { id: string; start: number; end: number }[]): Line[] {
  return lines.map((l) => {
    const m = l.t && moved.find((x) => x.id === l.t!.id);
    return m ? { ...l, t: { ...l.t!, spans: [[toCodePoints(text, m.start), toCodePoints(text, m.end)]] } } : l;
  });
}

/** Reads, edits and atomically writes NAME.ann; a file that does not parse is never overwritten. */
export function editAnnFile(annPath: string, edit: (lines: Line[]) => Line[]): string {
  const current = fs.existsSync(annPath) ? fs.readFileSync(annPath, 'utf8') : '';
  const parsed = parseAnn(current);
  if (parsed.errors.length) {
    throw new AnnWriteError(`${annPath} has ${parsed.errors.length} line(s) News Lens cannot read (line ${parsed.errors[0].line}); fix it by hand, it will not be overwritten`);
  }
  const next = serializeAnn(edit(parsed.lines));
  writeFileAtomic(annPath, next);
  return next;
}
