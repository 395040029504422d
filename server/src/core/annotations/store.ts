/**
 * Changes to an article's .ann file: each user decision becomes brat lines, untouched lines stay
 * as they were, byte for byte. Offsets given in UTF-16 units are written as code points, a span
 * over line breaks as brat's fragments. An annotation that a decision replaces keeps its id and
 * its place, so relations, events and notes that refer to it stay valid.
 */
import * as fs from 'node:fs';
import type { MentionKind } from '../types';
import { codePointIndex, kindOfType, nextId, parseAnn, referencedIds, serializeAnn, spanFields, TYPE_OF, type CodePointIndex, type Line } from './brat';
import { textErrors } from './decisions';
import { writeFileAtomic } from '../meta/write';

export class AnnWriteError extends Error {}

export type AnnEdit =
  | { action: 'annotate'; start: number; end: number; kind: MentionKind }
  | { action: 'remove'; offset: number }
  | { action: 'accept' | 'reject'; start: number; end: number; kind: MentionKind }
  | { action: 'link'; start: number; end: number; kind: MentionKind; ref: string; name: string }
  | { action: 'claim'; start: number; end: number; status?: 'sourced' | 'vague' | 'unsourced'; dismissed?: 'not-a-claim' | 'common-knowledge'; source?: string }
  | { action: 'acceptAll'; mentions: { start: number; end: number; kind: MentionKind }[] };

function spanOf(l: Line, cps: CodePointIndex): { start: number; end: number } | undefined {
  if (!l.t) return undefined;
  return { start: cps.toUtf16(l.t.spans[0][0]), end: cps.toUtf16(l.t.spans[l.t.spans.length - 1][1]) };
}

/** Removes a T line and the A, N and # lines about it (callers check that no relation or event refers to it). */
function drop(lines: Line[], id: string): Line[] {
  return lines.filter((l) => l.t?.id !== id && l.a?.target !== id && l.n?.target !== id && l.note?.target !== id);
}

function textBound(lines: Line[], text: string, start: number, end: number, type: string, cps: CodePointIndex): Line {
  return { tag: 'T', raw: '', t: { id: nextId(lines, 'T'), type, ...spanFields(text, start, end, cps) } };
}

/** A News Lens mention kind's T line (not a claim, not a type News Lens does not know). */
function isMention(l: Line): boolean {
  const k = l.t && kindOfType(l.t.type);
  return !!k && k !== 'claim';
}

/** Attributes a mention decision replaces; the file's other lines about the annotation are kept. */
const MENTION_DECISIONS = new Set(['Confirmed', 'Rejected']);
const CLAIM_DECISIONS = new Set(['Status', 'Dismissed', 'Source']);

/** The .ann refuses edits while some of its lines cannot be used with this text. */
function assertUsable(lines: Line[], text: string, cps: CodePointIndex): void {
  const bad = textErrors(lines, text, cps);
  if (bad.length)
    throw new AnnWriteError(`line ${bad[0].line} of the .ann cannot be used with this article (${bad[0].message}); fix it by hand, it will not be overwritten`);
}

function attr(lines: Line[], name: string, target: string, value?: string): Line {
  return { tag: 'A', raw: '', a: { id: nextId(lines, 'A'), name, target, ...(value !== undefined ? { value } : {}) } };
}

/** Lines of the .ann after one edit. */
export function applyEdit(lines: Line[], text: string, e: AnnEdit): Line[] {
  const cps = codePointIndex(text);
  assertUsable(lines, text, cps);
  let out = [...lines];
  const at = (start: number, end: number, pred: (l: Line) => boolean = () => true) =>
    out.find((l) => {
      const s = spanOf(l, cps);
      return s && s.start === start && s.end === end && pred(l);
    });
  /** The decision's T line: the one already at the span, in place (its type changed if needed), or a new one. */
  const reuse = (old: Line | undefined, start: number, end: number, type: string, replaced: Set<string>): Line => {
    if (!old) {
      const t = textBound(out, text, start, end, type, cps);
      out.push(t);
      return t;
    }
    const id = old.t!.id;
    // The same kind under brat's name (PER for Person) is left as it is; another kind changes the type,
    // and the entity link and date value that went with the old kind go.
    const same = kindOfType(old.t!.type) === kindOfType(type);
    const t: Line = same ? old : { ...old, t: { ...old.t!, type } };
    out = out
      .filter((l) => !(l.a?.target === id && (replaced.has(l.a.name) || (!same && l.a.name === 'Value'))))
      .filter((l) => !(!same && l.n?.target === id && l.n.db === 'newslens'))
      .map((l) => (l === old ? t : l));
    return t;
  };
  const decide = (start: number, end: number, kind: MentionKind, attribute?: 'Confirmed' | 'Rejected') => {
    const t = reuse(at(start, end, isMention), start, end, TYPE_OF[kind], MENTION_DECISIONS);
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
    case 'acceptAll': {
      // Many mentions at once: spans already annotated and the next free ids are found once, not per mention.
      const taken = new Set<string>();
      for (const l of out) {
        const s = spanOf(l, cps);
        if (s) taken.add(`${s.start}:${s.end}`);
      }
      let t = Number(nextId(out, 'T').slice(1));
      let a = Number(nextId(out, 'A').slice(1));
      for (const m of e.mentions) {
        const key = `${m.start}:${m.end}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const id = `T${t++}`;
        out.push({ tag: 'T', raw: '', t: { id, type: TYPE_OF[m.kind], ...spanFields(text, m.start, m.end, cps) } });
        out.push({ tag: 'A', raw: '', a: { id: `A${a++}`, name: 'Confirmed', target: id } });
      }
      break;
    }
    case 'link': {
      const t = decide(e.start, e.end, e.kind, 'Confirmed');
      out = out.filter((l) => !(l.n?.target === t.t!.id && l.n.db === 'newslens'));
      // A reference is one token in brat's N line: white space in an id becomes "_", as the export writes it.
      out.push({ tag: 'N', raw: '', n: { id: nextId(out, 'N'), target: t.t!.id, db: 'newslens', ref: e.ref.replace(/\s+/g, '_'), text: e.name } });
      break;
    }
    case 'remove': {
      const hit = out.find((l) => {
        const s = spanOf(l, cps);
        return s && s.start <= e.offset && e.offset <= s.end && isMention(l);
      });
      if (!hit) throw new AnnWriteError('no annotation of yours at the cursor');
      const by = referencedIds(out).get(hit.t!.id);
      if (by) throw new AnnWriteError(`${hit.t!.id} "${hit.t!.text}" is an argument of ${by}, which News Lens keeps as it is; remove both by hand or in brat`);
      out = drop(out, hit.t!.id);
      break;
    }
    case 'claim': {
      const t = reuse(
        at(e.start, e.end, (l) => kindOfType(l.t!.type) === 'claim'),
        e.start,
        e.end,
        TYPE_OF.claim,
        CLAIM_DECISIONS,
      );
      if (e.status) out.push(attr(out, 'Status', t.t!.id, e.status));
      if (e.dismissed) out.push(attr(out, 'Dismissed', t.t!.id, e.dismissed));
      if (e.source) out.push(attr(out, 'Source', t.t!.id, e.source.replace(/\s+/g, '_')));
      break;
    }
  }
  return out;
}

/** Moves annotations whose text was found again elsewhere to their new offsets (as fragments where the span crosses line breaks). */
export function applyMoves(lines: Line[], text: string, moved: { id: string; start: number; end: number }[]): Line[] {
  const cps = codePointIndex(text);
  assertUsable(lines, text, cps);
  const by = new Map(moved.map((m) => [m.id, m]));
  return lines.map((l) => {
    const m = l.t && by.get(l.t.id);
    return m ? { ...l, t: { ...l.t!, ...spanFields(text, m.start, m.end, cps) } } : l;
  });
}

/**
 * Reads, edits and atomically writes NAME.ann; a file that does not parse, or is not valid UTF-8,
 * is never overwritten, and a file the edit does not change is not written at all.
 */
export function editAnnFile(annPath: string, edit: (lines: Line[]) => Line[]): string {
  let current = '';
  if (fs.existsSync(annPath)) {
    try {
      current = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fs.readFileSync(annPath));
    } catch {
      throw new AnnWriteError(`${annPath} is not valid UTF-8; News Lens reads .ann files as UTF-8 and will not overwrite it`);
    }
  }
  const parsed = parseAnn(current);
  if (parsed.errors.length) {
    throw new AnnWriteError(
      `${annPath} has ${parsed.errors.length} line(s) News Lens cannot read (line ${parsed.errors[0].line}); fix it by hand, it will not be overwritten`,
    );
  }
  const next = serializeAnn(edit(parsed.lines));
  if (next !== current) writeFileAtomic(annPath, next);
  return next;
}
