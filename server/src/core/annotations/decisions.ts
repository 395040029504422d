/**
 * The user's decisions about one article, read from its .ann file: mentions added or confirmed,
 * automatic mentions rejected, links to entities, claim decisions. Offsets are UTF-16 units into
 * the article as it is now: a span whose text moved is found again nearby, one whose text is gone
 * is dropped and reported, never shifted onto other words.
 */
import type { ClaimStatus, MentionKind } from '../types';
import { codePointIndex, kindOfType, parseAnn, type AnnFile, type CodePointIndex, type Line, type TextBound } from './brat';

export interface UserMention {
  id: string;
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** Registry id from "N… Reference Tn newslens:id". */
  ref?: string;
  wikidata?: string;
  /** A date's value from "A… Value Tn 2019-04-24". */
  value?: string;
}

export interface ClaimDecision {
  id: string;
  start: number;
  end: number;
  status?: ClaimStatus;
  dismissed?: 'not-a-claim' | 'common-knowledge';
  source?: string;
}

export interface Decisions {
  added: UserMention[];
  rejected: { id: string; start: number; end: number; text: string }[];
  claims: ClaimDecision[];
  /** Spans of types News Lens does not know (MISC, Event…): kept, shown, written back unchanged. */
  other: { id: string; type: string; start: number; end: number; text: string }[];
  /** Annotations found again at another place (the file should be rewritten). */
  moved: { id: string; start: number; end: number }[];
  /** What cannot be used, by line number (from `file.errors`), and annotations dropped because their words are gone. */
  problems: { line?: number; message: string }[];
  /** Annotations used, but not all as written: mentions that cross or give the same words two kinds. */
  warnings: { line: number; message: string }[];
  /** The parsed file, for writing back; `errors` includes lines past the end of the article (see `textErrors`). */
  file: AnnFile;
}

const WINDOW = 400;

/** Where a T annotation's text is in the article now, in UTF-16 units; undefined when it is gone. */
function locate(text: string, t: TextBound, cps: CodePointIndex): { start: number; end: number; moved: boolean } | undefined {
  const start = cps.toUtf16(t.spans[0][0]);
  const end = cps.toUtf16(t.spans[t.spans.length - 1][1]);
  const here = t.spans.map(([s, e]) => text.slice(cps.toUtf16(s), cps.toUtf16(e))).join(' ');
  // brat joins a discontinuous span's fragments with a space; older files wrote line breaks as spaces.
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  if (flat(here) === flat(t.text)) return { start, end, moved: false };
  if (!t.text.trim()) return undefined;
  // Found again nearby: the nearest occurrence within the window, any run of white space (a line
  // break where a fragment ended) matching any other.
  const words = t.text
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const lead = t.text.length - t.text.trimStart().length;
  const from = Math.max(0, start - WINDOW);
  const window = text.slice(from, Math.min(text.length, start + WINDOW + t.text.length * 2));
  const re = new RegExp(words.join('\\s+'), 'g');
  let best: { start: number; end: number } | undefined;
  for (let m = re.exec(window); m; m = re.exec(window)) {
    const at = from + m.index - lead;
    if (at < 0 || at > start + WINDOW) break;
    if (!best || Math.abs(at - start) < Math.abs(best.start - start))
      best = { start: at, end: from + m.index + m[0].length + (t.text.length - t.text.trimEnd().length) };
    re.lastIndex = m.index + 1;
  }
  return best && { ...best, moved: true };
}

/**
 * Lines that cannot be used with this text: a T annotation that runs past the end of the article
 * and is not found again nearby (the .ann is likely another text's). Like lines that do not parse,
 * they make the file unused and never overwritten until they are fixed.
 */
export function textErrors(lines: Line[], text: string, cps = codePointIndex(text)): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  const length = cps.length;
  for (const l of lines) {
    if (!l.t) continue;
    const endCp = l.t.spans[l.t.spans.length - 1][1];
    if (endCp <= length) continue;
    if (locate(text, l.t, cps)) continue;
    out.push({
      line: l.line ?? 0,
      message: `${l.t.id} "${l.t.text.slice(0, 60)}" (${l.t.type}) ends at ${endCp}, past the end of the article (${length} characters): it may belong to another version of the text`,
    });
  }
  return out;
}

/**
 * `edited`: the article is an editor's unsaved text, so annotations past its end are words the
 * user deleted (dropped with a message on save), not a sign that the .ann belongs to another text.
 */
export function readDecisions(annText: string, articleText: string, edited = false): Decisions {
  const parsed = parseAnn(annText);
  const cps = codePointIndex(articleText);
  const file: AnnFile = {
    lines: parsed.lines,
    errors: [...parsed.errors, ...(edited ? [] : textErrors(parsed.lines, articleText, cps))].sort((a, b) => a.line - b.line),
  };
  const unusable = new Set(file.errors.map((e) => e.line));
  const d: Decisions = { added: [], rejected: [], claims: [], other: [], moved: [], problems: file.errors.map((e) => ({ ...e })), warnings: [], file };
  const attrs = new Map<string, { name: string; value?: string }[]>();
  const refs = new Map<string, { db: string; ref: string }[]>();
  const notes = new Map<string, string>();
  for (const l of file.lines) {
    if (l.note) notes.set(l.note.target, l.note.text);
    if (l.a) attrs.set(l.a.target, [...(attrs.get(l.a.target) ?? []), { name: l.a.name, value: l.a.value }]);
    if (l.n) refs.set(l.n.target, [...(refs.get(l.n.target) ?? []), { db: l.n.db, ref: l.n.ref }]);
  }
  const lineOf = new Map<string, number>();
  file.lines.forEach((l) => {
    if (!l.t || unusable.has(l.line ?? -1)) return;
    const t = l.t;
    lineOf.set(t.id, l.line ?? 0);
    const where = locate(articleText, t, cps);
    if (!where) {
      d.problems.push({ message: `${t.id} "${t.text}" (${t.type}) is no longer in the article; it was dropped` });
      return;
    }
    if (where.moved) d.moved.push({ id: t.id, start: where.start, end: where.end });
    const a = attrs.get(t.id) ?? [];
    const kind = kindOfType(t.type);
    if (a.some((x) => x.name === 'Rejected')) {
      d.rejected.push({ id: t.id, start: where.start, end: where.end, text: t.text });
    } else if (kind === 'claim') {
      const status = a.find((x) => x.name === 'Status')?.value;
      const dismissed = a.find((x) => x.name === 'Dismissed')?.value;
      d.claims.push({
        id: t.id,
        start: where.start,
        end: where.end,
        ...(status === 'sourced' || status === 'vague' || status === 'unsourced' ? { status } : {}),
        ...(dismissed === 'not-a-claim' || dismissed === 'common-knowledge' ? { dismissed } : {}),
        ...(a.find((x) => x.name === 'Source')?.value ? { source: a.find((x) => x.name === 'Source')!.value!.replace(/_/g, ' ') } : {}),
      });
    } else if (kind) {
      const r = refs.get(t.id) ?? [];
      const ref = r.find((x) => x.db === 'newslens')?.ref;
      const wikidata = r.find((x) => /^wikidata$/i.test(x.db))?.ref;
      // A date's value: an attribute, or (as brat exports it) the annotator's note.
      const note = notes.get(t.id);
      const value = a.find((x) => x.name === 'Value')?.value ?? (kind === 'date' && note && /^[\dX]{4}|^\d{3}$/.test(note) ? note : undefined);
      d.added.push({
        id: t.id,
        start: where.start,
        end: where.end,
        text: articleText.slice(where.start, where.end),
        kind,
        ...(ref ? { ref } : {}),
        ...(wikidata ? { wikidata } : {}),
        ...(value ? { value } : {}),
      });
    } else {
      d.other.push({ id: t.id, type: t.type, start: where.start, end: where.end, text: t.text });
    }
  });
  d.warnings = overlapWarnings(d.added, lineOf);
  return d;
}

/**
 * Mentions of yours that overlap in a way one place cannot show: spans that cross (each has words
 * the other has not), or the same words as two kinds. The analysis uses the later line's.
 */
function overlapWarnings(added: UserMention[], lineOf: Map<string, number>): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  const byStart = [...added].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < byStart.length; i++) {
    const a = byStart[i];
    for (let j = i + 1; j < byStart.length && byStart[j].start < a.end; j++) {
      const b = byStart[j];
      const crossing = a.start < b.start && a.end < b.end && b.start < a.end;
      const twoKinds = a.start === b.start && a.end === b.end && a.kind !== b.kind;
      if (!crossing && !twoKinds) continue;
      const [first, later] = (lineOf.get(a.id) ?? 0) < (lineOf.get(b.id) ?? 0) ? [a, b] : [b, a];
      const how = crossing
        ? `crosses ${first.id} "${first.text}" (${first.kind})`
        : `annotates the words of ${first.id} again, as a ${later.kind} rather than a ${first.kind}`;
      out.push({ line: lineOf.get(later.id) ?? 0, message: `${later.id} "${later.text}" (${later.kind}) ${how}; only ${later.id}, the later line, is used` });
    }
  }
  return out.sort((x, y) => x.line - y.line);
}
