/**
 * The user's decisions about one article, read from its .ann file: mentions added or confirmed,
 * automatic mentions rejected, links to entities, claim decisions. Offsets are UTF-16 units into
 * the article as it is now: a span whose text moved is found again nearby, one whose text is gone
 * is dropped and reported, never shifted onto other words.
 */
import type { ClaimStatus, MentionKind } from '../types';
import { kindOfType, parseAnn, toUtf16, type AnnFile, type TextBound } from './brat';

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
  problems: { line?: number; message: string }[];
  /** The parsed file, for writing back. */
  file: AnnFile;
}

const WINDOW = 400;

/** Where a T annotation's text is in the article now, in UTF-16 units; undefined when it is gone. */
function locate(text: string, t: TextBound): { start: number; end: number; moved: boolean } | undefined {
  const start = toUtf16(text, t.spans[0][0]);
  const end = toUtf16(text, t.spans[t.spans.length - 1][1]);
  const here = t.spans.map(([s, e]) => text.slice(toUtf16(text, s), toUtf16(text, e))).join(' ');
  // brat writes a span's line breaks as spaces.
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  if (flat(here) === flat(t.text)) return { start, end, moved: false };
  if (!t.text) return undefined;
  // Found again nearby: the nearest occurrence within the window.
  let best: number | undefined;
  const flatText = text.replace(/\s/g, ' ');
  const needle = t.text.replace(/\s/g, ' ');
  for (let at = flatText.indexOf(needle, Math.max(0, start - WINDOW)); at >= 0 && at <= start + WINDOW; at = flatText.indexOf(needle, at + 1)) {
    if (best === undefined || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best === undefined ? undefined : { start: best, end: best + needle.length, moved: true };
}

export function readDecisions(annText: string, articleText: string): Decisions {
  const file = parseAnn(annText);
  const d: Decisions = { added: [], rejected: [], claims: [], other: [], moved: [], problems: file.errors.map((e) => ({ ...e })), file };
  const attrs = new Map<string, { name: string; value?: string }[]>();
  const refs = new Map<string, { db: string; ref: string }[]>();
  const notes = new Map<string, string>();
  for (const l of file.lines) {
    if (l.note) notes.set(l.note.target, l.note.text);
    if (l.a) attrs.set(l.a.target, [...(attrs.get(l.a.target) ?? []), { name: l.a.name, value: l.a.value }]);
    if (l.n) refs.set(l.n.target, [...(refs.get(l.n.target) ?? []), { db: l.n.db, ref: l.n.ref }]);
  }
  file.lines.forEach((l) => {
    if (!l.t) return;
    const t = l.t;
    const where = locate(articleText, t);
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
        id: t.id, start: where.start, end: where.end,
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
      d.added.push({ id: t.id, start: where.start, end: where.end, text: articleText.slice(where.start, where.end), kind, ...(ref ? { ref } : {}), ...(wikidata ? { wikidata } : {}), ...(value ? { value } : {}) });
    } else {
      d.other.push({ id: t.id, type: t.type, start: where.start, end: where.end, text: t.text });
    }
  });
  return d;
}
