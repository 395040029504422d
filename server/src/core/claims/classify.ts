/**
 * Labels each sentence as a claim with a named source, a vague source or none, the way an editor
 * reads attribution: a cue (verb or "theo") and the phrase it attaches to, quotes that run over
 * several sentences, pronouns that point back to the last named speaker.
 */
import type { Claim, EntityMention, Sentence, Span } from '../types';
import type { Token } from '../text/tokens';
import { lang, longest } from '../lang/knowledge';

const CUE_LEN = longest(lang.attributionCues);
const VAGUE_LEN = longest(lang.vague);
const ANAPHOR_LEN = longest(lang.anaphoric);
/**
 * How far from a cue its source is looked for: back to the sentence's subject, on after "theo" to
 * the clause's end. No sentence of the ViMs articles is 1,400 characters long; past this a sentence
 * is run-on text (a page without full stops), and a source further away is no longer its subject.
 */
const SOURCE_WINDOW = 2000;

interface Found {
  status: 'sourced' | 'vague';
  cue: string;
  cueSpan: Span;
  source?: EntityMention;
  sourceText?: string;
  inherited?: boolean;
}

export function classifyClaims(text: string, tokens: Token[], sentences: Sentence[], mentions: EntityMention[]): Claim[] {
  const claims: Claim[] = [];
  let previous: Claim | undefined;
  let quoteOpen = false;
  let quoteOwner: Claim | undefined;
  const pendingQuote: Claim[] = [];
  let tk = 0;
  let mk = 0;
  const lines = new Lines(text);
  for (const s of sentences) {
    const body = text.slice(s.start, s.end);
    while (tk < tokens.length && tokens[tk].start < s.start) tk++;
    while (mk < mentions.length && mentions[mk].start < s.start) mk++;
    const startsInQuote = quoteOpen || /^\s*["“«]/.test(body);
    const quotes = countQuotes(body, quoteOpen);
    const nonClaim = s.nonClaim ?? nonClaimKind(text, s, lines);
    if (nonClaim) {
      previous = undefined;
      quoteOpen = quotes.open;
      continue;
    }
    const toks: Token[] = [];
    for (let k = tk; k < tokens.length && tokens[k].start < s.end; k++) if (tokens[k].end <= s.end) toks.push(tokens[k]);
    const ms: EntityMention[] = [];
    for (let k = mk; k < mentions.length && mentions[k].start < s.end; k++) if (mentions[k].end <= s.end) ms.push(mentions[k]);
    const found = findAttribution(text, s, toks, ms);
    let claim: Claim;
    if (found) {
      claim = { start: s.start, end: s.end, status: found.status, cue: found.cue, cueSpan: found.cueSpan, inherited: found.inherited };
      if (found.source) claim.source = found.source.entity;
      if (found.sourceText) claim.sourceText = found.sourceText;
      if (found.inherited && previous?.source) claim.source = previous.source;
    } else if (startsInQuote && quoteOwner && quoteOwner.status === 'sourced') {
      claim = { start: s.start, end: s.end, status: 'sourced', cue: quoteOwner.cue, source: quoteOwner.source, sourceText: quoteOwner.sourceText, inherited: true };
    } else {
      claim = { start: s.start, end: s.end, status: 'unsourced' };
    }
    claims.push(claim);
    // A quote that opens here and closes later takes the attribution given where it closes.
    if (startsInQuote && claim.status === 'unsourced') pendingQuote.push(claim);
    if (!quotes.open && pendingQuote.length) {
      const owner = claim.status !== 'unsourced' && quotes.closedHere ? claim : undefined;
      for (const c of pendingQuote) {
        if (owner && c !== claim) Object.assign(c, { status: owner.status, cue: owner.cue, source: owner.source, sourceText: owner.sourceText, inherited: true });
      }
      pendingQuote.length = 0;
    }
    if (claim.status === 'sourced' && (quotes.open || /["”»]\s*[.!?]?\s*$/.test(body) || startsInQuote)) quoteOwner = claim;
    else if (!quotes.open) quoteOwner = claim.status === 'sourced' ? claim : undefined;
    quoteOpen = quotes.open;
    previous = claim;
  }
  return claims;
}

function countQuotes(body: string, openBefore: boolean): { open: boolean; closedHere: boolean } {
  let open = openBefore;
  let closedHere = false;
  for (const ch of body) {
    if (ch === '“' || ch === '«') open = true;
    else if (ch === '”' || ch === '»') {
      if (open) closedHere = true;
      open = false;
    } else if (ch === '"') {
      if (open) closedHere = true;
      open = !open;
    }
  }
  return { open, closedHere };
}

/**
 * The lines of a text, for the sentences of one pass in text order: where each line starts and
 * ends, found by binary search over the line breaks, its bounds without white space and whether
 * it holds a photo credit, worked out once per line. No sentence rescans its line.
 */
export class Lines {
  private readonly breaks: number[] = [];
  private last?: { start: number; end: number; from: number; to: number; credit?: boolean };
  private firstNonSpace?: number;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.breaks.push(i);
  }

  /** The line around a sentence, as `text.lastIndexOf('\n', s.start - 1) + 1` and `text.indexOf('\n', s.end)` give it. */
  lineOf(s: Span): { start: number; end: number; from: number; to: number; credit?: boolean } {
    const b = this.breaks;
    // The last break at or before max(0, s.start - 1).
    const at = Math.max(0, s.start - 1);
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    const start = lo === 0 ? 0 : b[lo - 1] + 1;
    // The first break at or after s.end.
    let k = lo;
    while (k < b.length && b[k] < s.end) k++;
    const end = k < b.length ? b[k] : this.text.length;
    if (this.last && this.last.start === start && this.last.end === end) return this.last;
    // The line's bounds once trimmed (trim and \s agree on what white space is).
    let from = start;
    while (from < end && /\s/.test(this.text[from])) from++;
    let to = end;
    while (to > from && /\s/.test(this.text[to - 1])) to--;
    return (this.last = { start, end, from, to });
  }

  /** Where the text's first character that is not white space is (text.search(/\S/)). */
  first(): number {
    return (this.firstNonSpace ??= this.text.search(/\S/));
  }
}

/** Captions with their credit, bylines, headings: sentences that claim nothing. */
export function nonClaimKind(text: string, s: Span, lines: Lines = new Lines(text)): Sentence['nonClaim'] {
  const body = text.slice(s.start, s.end).trim();
  const ln = lines.lineOf(s);
  const lineStart = ln.start;
  const lineEnd = ln.end;
  const lineLength = ln.to - ln.from;
  const line = () => text.slice(ln.from, ln.to);
  const lower = body.toLowerCase();
  // A short line that ends with a photo credit is a caption, whatever it says.
  if (lineLength < 400 && /(?:^|[\s.:])(?:Ảnh|Nguồn|Video|Clip|Đồ họa|Đồ hoạ)\s*:\s*\S[^.!?]{0,60}$/u.test(line())) return 'caption';
  for (const start of lang.captionStarts) if (lower.startsWith(start + ' ') && (ln.credit ??= /(?:Ảnh|Nguồn)\s*:/u.test(line()))) return 'caption';
  if (/^\(\s*(?:theo|nguồn)\s+[^()]{2,80}\)\.?$/iu.test(body)) return 'byline';
  if (/^[\p{Lu}][\p{Ll}]+(?:\s[\p{Lu}][\p{Ll}]+){0,3}\s*\((?:theo|nguồn)\s[^)]*\)\.?$/u.test(body)) return 'byline';
  // The trimmed body lies within the trimmed line: the same length is the same text.
  const wholeLine = lineLength === body.length;
  const words = body.split(/\s+/).length;
  if (wholeLine && !/[.!?…:;,]["”»)]*$/.test(body) && words <= 16) return 'heading';
  if (wholeLine && words <= 4 && /^[\p{Lu}]/u.test(body)) return 'byline';
  // The article's first line, short and with text after it, is its headline (even as a question).
  if (wholeLine && lineStart === lines.first() && words <= 18 && /\n\s*\S/.test(text.slice(lineEnd)) && !/[.]["”»]?$/.test(body)) return 'heading';
  return undefined;
}

const firstWords = new WeakMap<Set<string>, Set<string>>();

function phraseAt(toks: Token[], i: number, max: number, set: Set<string>): number {
  let firsts = firstWords.get(set);
  if (!firsts) firstWords.set(set, (firsts = new Set([...set].map((k) => k.split(' ')[0]))));
  if (!firsts.has(toks[i].lower)) return 0;
  let key = '';
  let best = 0;
  for (let n = 1; n <= max && i + n <= toks.length; n++) {
    key = n === 1 ? toks[i].lower : `${key} ${toks[i + n - 1].lower}`;
    if (set.has(key)) best = n;
  }
  return best;
}

function findAttribution(text: string, s: Sentence, toks: Token[], ms: EntityMention[]): Found | undefined {
  const results: Found[] = [];
  const lists: Lists = { toks, ms, sortedToks: inOrder(toks), sortedMs: inOrder(ms) };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // "theo X": at the start of a clause.
    if (t.lower === 'theo') {
      // "Theo X", ", theo X", "Cũng theo X": at the start of a clause, perhaps after an adverb.
      const before = text.slice(Math.max(s.start, t.start - 60), t.start).toLowerCase().replace(new RegExp(`(?:(?:${lang.theoPrefixes.join('|')}),?\\s+)+$`, 'u'), '');
      const clauseStart = /^[\s"“(]*$/.test(before) || /[,;:–-]\s*$/.test(before) || /\(\s*$/.test(before);
      const next = toks[i + 1];
      const nextTwo = next && toks[i + 2] ? `${next.lower} ${toks[i + 2].lower}` : '';
      if (clauseStart && next && !lang.notAttributionAfterTheo.has(next.lower) && !lang.notAttributionAfterTheo.has(nextTwo)) {
        const end = clauseEnd(text, t.end, Math.min(s.end, t.end + SOURCE_WINDOW));
        const region = { start: next.start, end };
        const f = judgeSource(text, region, lists, { start: t.start, end: t.end }, 'theo', 'after');
        if (f) results.push(f);
      }
      continue;
    }
    let n = phraseAt(toks, i, CUE_LEN, lang.attributionCues);
    // "… cho Reuters biết": told someone; the subject is the source.
    if (!n && t.lower === 'biết' && toks.slice(Math.max(0, i - 5), i).some((x) => x.lower === 'cho')) n = 1;
    if (!n) continue;
    // "các cáo buộc", "tiếng nói": the cue word used as a noun; "chưa bình luận": nothing was said.
    const prev = toks[i - 1]?.lower;
    const prevTwo = i > 1 ? `${toks[i - 2].lower} ${prev}` : '';
    // "nói chung", "nói riêng": set phrases, not somebody speaking.
    const falseCue = phraseAt(toks, i, 5, lang.falseCues);
    if (falseCue || (prev && (lang.nounMarkers.has(prev) || lang.negations.has(prev) || lang.negations.has(prevTwo)))) {
      i += n - 1;
      continue;
    }
    const cueSpan = { start: t.start, end: toks[i + n - 1].end };
    const cue = text.slice(cueSpan.start, cueSpan.end);
    const regionStart = clauseStartBefore(text, s.start, t.start);
    // ", nhấn mạnh rằng …": a cue after a comma continues the sentence's subject.
    const continues = /,\s*(?:(?:và|đồng thời|cũng|còn)\s+)*$/u.test(text.slice(Math.max(s.start, t.start - 40), t.start));
    const subject = { start: Math.max(s.start, t.start - SOURCE_WINDOW), end: t.start };
    const f = judgeSource(text, continues ? subject : { start: regionStart, end: t.start }, lists, cueSpan, cue, continues ? 'subject' : 'nearest');
    if (f) results.push(f);
    i += n - 1;
  }
  // The first reporting clause decides; later cues belong to what is reported.
  const first = results.find((r) => !r.inherited);
  if (first) return first;
  const lower = text.slice(s.start, s.end).toLowerCase();
  for (const v of lang.vagueAnywhere) {
    const at = lower.indexOf(v);
    // "được biết đến là" is "known as", not "it is known that".
    if (at >= 0 && /^[^\p{L}]?$/u.test(lower[at + v.length] ?? '') && (at === 0 || !/\p{L}/u.test(lower[at - 1])) && !/^\s*đến/u.test(lower.slice(at + v.length))) {
      return { status: 'vague', cue: v, cueSpan: { start: s.start + at, end: s.start + at + v.length } };
    }
  }
  return results.find((r) => r.inherited);
}

/** Where the subject of a cue at `at` begins: after the last clause break, skipping quoted speech. */
function clauseStartBefore(text: string, sentenceStart0: number, at: number): number {
  // A clause is not longer than this; looking further back only costs time on run-on text.
  const sentenceStart = Math.max(sentenceStart0, at - 400);
  const before = text.slice(sentenceStart, at);
  const closeQuote = Math.max(before.lastIndexOf('”'), before.lastIndexOf('"'), before.lastIndexOf('»'));
  let from = closeQuote >= 0 ? closeQuote + 1 : 0;
  const tail = before.slice(from);
  const comma = Math.max(tail.lastIndexOf(','), tail.lastIndexOf(';'));
  // Keep the part before a comma when the clause after it is too short to hold a subject.
  if (comma >= 0 && /[\p{L}]{2,}/u.test(tail.slice(comma + 1)) && tail.slice(comma + 1).trim().split(/\s+/).length >= 1) from += comma + 1;
  return sentenceStart + from;
}

function clauseEnd(text: string, from: number, limit: number): number {
  const rest = text.slice(from, limit);
  const m = /[,;:.!?)]/.exec(rest);
  return m ? from + m.index : limit;
}

/** A sentence's tokens and mentions, and whether each list is in text order (then a region's are found by binary search). */
interface Lists {
  toks: Token[];
  ms: EntityMention[];
  sortedToks: boolean;
  sortedMs: boolean;
}

function inOrder(list: readonly Span[]): boolean {
  for (let k = 0; k < list.length; k++) if (list[k].end < list[k].start || (k > 0 && list[k].start < list[k - 1].start)) return false;
  return true;
}

/** The items of a list that lie within a region, in their order, as `filter` gives them; without reading the whole list when it is in text order. */
function within<T extends Span>(list: T[], sorted: boolean, region: Span): T[] {
  if (!sorted) return list.filter((x) => x.start >= region.start && x.end <= region.end);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < region.start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let k = lo; k < list.length && list[k].start <= region.end; k++) if (list[k].end <= region.end) out.push(list[k]);
  return out;
}

function judgeSource(
  text: string,
  region: Span,
  lists: Lists,
  cueSpan: Span,
  cue: string,
  /** after: the phrase after "theo"; nearest: the phrase before the cue; subject: the sentence's first name. */
  mode: 'after' | 'nearest' | 'subject',
): Found | undefined {
  const inRegion = within(lists.ms, lists.sortedMs, region);
  const regionToks = within(lists.toks, lists.sortedToks, region);
  // A vague head ("các nhà phân tích", "giới quan sát") makes the source vague even with a place after it.
  let first = 0;
  while (first < regionToks.length && lang.clauseStarters.has(regionToks[first].lower)) first++;
  for (let k = 0; k < regionToks.length; k++) {
    const n = phraseAt(regionToks, k, VAGUE_LEN, lang.vague);
    if (!n) continue;
    const vagueEnd = regionToks[k + n - 1].end;
    const namedBefore = inRegion.some((m) => m.end <= regionToks[k].start && m.kind !== 'location');
    const namedAfter = inRegion.some((m) => m.start >= vagueEnd && m.kind !== 'location');
    // "nguồn tin của VOA" names its source; "các nhà ngoại giao Bình Nhưỡng" (a place only) does not.
    if (!namedBefore && !namedAfter) {
      return { status: 'vague', cue, cueSpan, sourceText: text.slice(regionToks[k].start, vagueEnd) };
    }
  }
  const named =
    mode === 'subject'
      ? inRegion[0]
      : [...inRegion].sort((a, b) => rank(a) - rank(b) || (mode === 'after' ? a.start - b.start : b.start - a.start))[0];
  if (named) {
    return { status: 'sourced', cue, cueSpan, source: named, sourceText: text.slice(region.start, region.end).trim() };
  }
  // "Theo cáo trạng", "theo thông tin ban đầu": a document nobody is named for is a vague source.
  if (mode === 'after' && regionToks.length && (lang.documentSources.has(regionToks[0].lower) || (regionToks[1] && lang.documentSources.has(`${regionToks[0].lower} ${regionToks[1].lower}`)))) {
    return { status: 'vague', cue, cueSpan, sourceText: text.slice(region.start, region.end).trim() };
  }
  // "Ông nói", "quan chức này cho biết": the source named before.
  const lastWords = regionToks.slice(first);
  // Only a phrase ending among the last three words counts, so only the last few can start one.
  for (let k = Math.max(0, lastWords.length - 2 - ANAPHOR_LEN); k < lastWords.length; k++) {
    const n = phraseAt(lastWords, k, ANAPHOR_LEN, lang.anaphoric);
    if (n && (k + n === lastWords.length || k + n >= lastWords.length - 2)) {
      return { status: 'sourced', cue, cueSpan, inherited: true, sourceText: text.slice(lastWords[k].start, lastWords[k + n - 1].end) };
    }
  }
  // "một phụ tá ... của điện Kremlin", "một nghị sĩ": a person described by role.
  if (regionToks.some((t) => lang.titleWords.has(t.lower)) && regionToks.length <= 12) {
    return { status: 'sourced', cue, cueSpan, sourceText: text.slice(region.start, region.end).trim() };
  }
  return undefined;
}

function rank(m: EntityMention): number {
  return m.kind === 'person' ? 0 : m.kind === 'organization' ? 1 : 2;
}
