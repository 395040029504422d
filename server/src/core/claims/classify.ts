/**
 * Labels each sentence as a claim with a named source, a vague source or none, the way an editor
 * reads attribution: a cue (verb or "theo") and the phrase it attaches to, quotes that run over
 * several sentences, pronouns that point back to the last named speaker.
 */
import type { Claim, EntityMention, Sentence, Span } from '../types';
import type { Token } from '../text/tokens';
import { LIST_ITEM } from '../text/sentences';
import { lang, longest, phraseKey } from '../lang/knowledge';
import { claimLang, misspeltCueAt } from './cueData';
import { phraseAt, phraseTrie } from './phraseTrie';
import { checkworthiness, type CheckedClaim } from './checkworthy';

const CUE_LEN = longest(claimLang.cues);
const ANAPHOR_LEN = longest(lang.anaphoric);
/** The phrase lists looked up at a token, as tries (a trie holds no phrase longer than its list's longest). */
const [CUES, ANAPHORIC, FALSE_CUES, ANONYMOUS, VAGUE, FINDING_HEADS, TITLES, BACKWARD_SPEECH] = [
  claimLang.cues,
  lang.anaphoric,
  lang.falseCues,
  claimLang.anonymous,
  lang.vague,
  claimLang.findingHeads,
  lang.titleWords,
  claimLang.backwardSpeech,
].map((list) => phraseTrie(list));
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
  /** "Đó là lời phát biểu của bà X": the source is also that of the quote before. */
  backward?: boolean;
  /** "Theo thông tin …": a document nobody is named for, which a named speaker later in the sentence outranks. */
  document?: boolean;
}

/** "Tuy nhiên, “…”": a sentence that opens with a quote after a word or two and a comma. */
const LEAD_QUOTE = /^\s*(?:[\p{L}]+\s+){0,2}[\p{L}]+,\s*["“«]/u;
/** "Theo đó, …" at a sentence's start: according to what the sentence before reported. */
const THEO_DO = /^\s*theo\s+đó(?![\p{L}\p{M}])/iu;
/** "Cùng với đó, …": a sentence that adds to the one before (lang/vi/cues.json continuers). */
const CONTINUER = new RegExp(`^\\s*(?:${lang.continuers.join('|')})(?![\\p{L}\\p{M}])`, 'iu');
const QUOTE_MARK = /["“”«»]/;
/** A sentence that ends by opening a numbered item ("… mô tả: 1.", "…, 2."): the item is the next sentence. */
const OPENS_ITEM = /[:;,]\s*\d{1,2}[.)]\s*$/u;
/** "cũng", "ngoài ra": adverbs that may stand before "theo" at a clause's start, at the end of the text before it. */
const THEO_PREFIXES = new RegExp(`(?:(?:${lang.theoPrefixes.join('|')}),?\\s+)+$`, 'u');
/**
 * Whether a sentence as written may hold one of the phrases that make it vague anywhere (most hold
 * none), found without lower-casing it: a letter matches, in any case, what it lower-cases to,
 * except "İ", which lower-cases to two letters.
 */
const VAGUE_ANYWHERE = new RegExp(lang.vagueAnywhere.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'iu');
const mayBeVagueAnywhere = (sentence: string): boolean => VAGUE_ANYWHERE.test(sentence) || sentence.includes('\u0130');

/** What a sentence that goes on with `owner` takes from it. */
function attributionOf(owner: Claim, cue = owner.cue): Pick<Claim, 'status' | 'cue' | 'source' | 'sourceText' | 'inherited'> {
  return { status: owner.status, cue, source: owner.source, sourceText: owner.sourceText, inherited: true };
}

export function classifyClaims(text: string, tokens: Token[], sentences: Sentence[], mentions: EntityMention[]): CheckedClaim[] {
  const claims: CheckedClaim[] = [];
  let previous: Claim | undefined;
  let request: Claim | undefined;
  /** A sourced sentence that ends with a colon, whose list's items may follow on lines of their own. */
  let list: Claim | undefined;
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
    // Most sentences hold no quote mark: then none opens or closes a quote.
    const marks = QUOTE_MARK.test(body);
    const startsInQuote = quoteOpen || (marks && (/^\s*["“«]/.test(body) || LEAD_QUOTE.test(body)));
    const quotes: Quotes = marks ? countQuotes(body, quoteOpen) : { open: quoteOpen, closedHere: false };
    const nonClaim = s.nonClaim ?? nonClaimKind(text, s, lines);
    if (nonClaim) {
      previous = undefined;
      list = undefined;
      request = undefined;
      quoteOpen = quotes.open;
      continue;
    }
    const toks = spansUpTo(tokens, tk, s.end);
    const ms = spansUpTo(mentions, mk, s.end);
    const found = findAttribution(text, s, { toks: toks.items, ms: ms.items, sortedToks: toks.sorted, sortedMs: ms.sorted });
    let claim: CheckedClaim;
    if (found) {
      claim = { start: s.start, end: s.end, status: found.status, cue: found.cue, cueSpan: found.cueSpan, inherited: found.inherited };
      if (found.source) claim.source = found.source.entity;
      if (found.sourceText) claim.sourceText = found.sourceText;
      if (found.inherited && previous?.source) claim.source = previous.source;
      // The quote just before, left without a speaker, is this source's.
      if (found.backward && previous && previous.status === 'unsourced' && /["”»]\s*[.!?]?\s*$/.test(text.slice(previous.start, previous.end))) {
        Object.assign(previous, attributionOf(claim));
      }
    } else if (startsInQuote && quoteOwner && quoteOwner.status !== 'unsourced') {
      claim = { start: s.start, end: s.end, ...attributionOf(quoteOwner) };
    } else if (request && opensRequestItem(toks.items)) {
      // "Bộ GD-ĐT đề nghị … Nâng cao năng lực … Nghiêm cấm …": the request's items, each a sentence.
      claim = { start: s.start, end: s.end, ...attributionOf(request) };
    } else if (previous && previous.status !== 'unsourced' && OPENS_ITEM.test(text.slice(previous.start, previous.end))) {
      // "… theo mô hình được ngân hàng X mô tả: 1. … , 2. …": the numbered items of what the source said.
      claim = { start: s.start, end: s.end, ...attributionOf(previous) };
    } else if (list && LIST_ITEM.test(body.trimStart())) {
      // "X cho biết:⏎1. …⏎2. …": the items, on lines of their own, of a list a source opened with a colon.
      claim = { start: s.start, end: s.end, ...attributionOf(list) };
    } else if (previous && previous.status === 'sourced' && CONTINUER.test(body)) {
      claim = { start: s.start, end: s.end, ...attributionOf(previous) };
    } else if (previous && previous.status !== 'unsourced' && THEO_DO.test(body)) {
      claim = { start: s.start, end: s.end, ...attributionOf(previous, 'theo đó') };
    } else {
      claim = { start: s.start, end: s.end, status: 'unsourced' };
    }
    claims.push(claim);
    if (claim.status !== 'unsourced' && /:\s*$/u.test(body)) list = claim;
    else if (!(list && claim.inherited && LIST_ITEM.test(body.trimStart()))) list = undefined;
    // A sourced request or instruction, whose items may follow as sentences of their own, for as long as each goes on with it.
    if (found) request = claim.status === 'sourced' && claim.cue && claimLang.directives.has(phraseKey(claim.cue)) ? claim : undefined;
    else if (!claim.inherited) request = undefined;
    // A quote that opens here and closes later takes the attribution given where it closes.
    if (startsInQuote && claim.status === 'unsourced') pendingQuote.push(claim);
    if (!quotes.open && pendingQuote.length) {
      const owner = claim.status !== 'unsourced' && quotes.closedHere ? claim : undefined;
      for (const c of pendingQuote) {
        if (owner && c !== claim) Object.assign(c, attributionOf(owner));
      }
      pendingQuote.length = 0;
    }
    if (claim.status !== 'unsourced' && (quotes.open || /["”»]\s*[.!?]?\s*$/.test(body) || startsInQuote)) quoteOwner = claim;
    else if (!quotes.open) quoteOwner = claim.status !== 'unsourced' ? claim : undefined;
    quoteOpen = quotes.open;
    previous = claim;
  }
  // What kind of claim each unsourced one is, once its status is final.
  for (const c of claims) if (c.status === 'unsourced') c.checkworthy = checkworthiness(text, c);
  return claims;
}

/** Whether a quote is open after a sentence, and whether one closed in it. */
interface Quotes {
  open: boolean;
  closedHere: boolean;
}

function countQuotes(body: string, openBefore: boolean): Quotes {
  let open = openBefore;
  let closedHere = false;
  // Each paragraph of a quote that runs over several opens with a quote mark again: a straight quote
  // that starts a sentence inside an open quote opens, it does not close.
  const lead = open && /^\s*"/.test(body) ? body.indexOf('"') : -1;
  // Code units: the marks are no surrogates, and only white space comes before the lead.
  for (let k = 0; k < body.length; k++) {
    if (k === lead) continue;
    const ch = body.charCodeAt(k);
    if (ch === 0x201c || ch === 0xab) open = true;
    else if (ch === 0x201d || ch === 0xbb) {
      if (open) closedHere = true;
      open = false;
    } else if (ch === 0x22) {
      if (open) closedHere = true;
      open = !open;
    }
  }
  return { open, closedHere };
}

/** A line of the text, with what the sentence rules ask about it, worked out for its first sentence. */
interface Line {
  start: number;
  end: number;
  /** Its bounds without white space. */
  from: number;
  to: number;
  /** It holds a photo credit ("Ảnh:", "Nguồn:"). */
  credit?: boolean;
  /** It is short and ends with a photo credit. */
  endsInCredit?: boolean;
  /** It is short and the line after it is only a photo credit. */
  creditAfter?: boolean;
}

/**
 * The lines of a text, for the sentences of one pass in text order: where each line starts and
 * ends, found by binary search over the line breaks, its bounds without white space and whether
 * it holds a photo credit, worked out once per line. No sentence rescans its line.
 */
export class Lines {
  private readonly breaks: number[] = [];
  private last?: Line;
  private firstNonSpace?: number;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.breaks.push(i);
  }

  /** The line around a sentence, as `text.lastIndexOf('\n', s.start - 1) + 1` and `text.indexOf('\n', s.end)` give it. */
  lineOf(s: Span): Line {
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

/** "hình ảnh ", "bức ảnh ": the words that open a caption, each with the space after it. */
const CAPTION_STARTS = [...lang.captionStarts].map((start) => start + ' ');
const CAPTION_HEAD = Math.max(...CAPTION_STARTS.map((start) => start.length));

/** Whether a UTF-16 code unit is white space as \s and trim() see it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x1680) return c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a trimmed text has at most n words, as `text.split(/\s+/).length` counts them: counted no further than word n + 1. */
function fewWords(trimmed: string, n: number): boolean {
  let words = 1;
  let space = false;
  for (let k = 0; k < trimmed.length && words <= n; k++) {
    const now = isSpace(trimmed.charCodeAt(k));
    if (now && !space) words++;
    space = now;
  }
  return words <= n;
}

/** Captions with their credit, bylines, headings: sentences that claim nothing. */
export function nonClaimKind(text: string, s: Span, lines: Lines = new Lines(text)): Sentence['nonClaim'] {
  const body = text.slice(s.start, s.end).trim();
  const ln = lines.lineOf(s);
  const lineStart = ln.start;
  const lineEnd = ln.end;
  const lineLength = ln.to - ln.from;
  const line = () => text.slice(ln.from, ln.to);
  // A short line that ends with a photo credit is a caption, whatever it says.
  if (
    (ln.endsInCredit ??= lineLength < 400 && hasColon(text, ln) && /(?:^|[\s.:(])(?:Ảnh|Nguồn|Video|Clip|Đồ họa|Đồ hoạ)\s*:\s*\S[^.!?]{0,60}\.?$/u.test(line()))
  )
    return 'caption';
  // "Dybala không dự Copa America.⏎(Ảnh: Getty).": a short line whose next line is only a photo credit.
  if ((ln.creditAfter ??= lineLength < 300 && creditLineAfter(text, ln.end))) return 'caption';
  // Only the sentence's first words can hold a caption's first words.
  const head = body.slice(0, CAPTION_HEAD).toLowerCase();
  for (const start of CAPTION_STARTS) if (head.startsWith(start) && (ln.credit ??= /(?:Ảnh|Nguồn)\s*:/u.test(line()))) return 'caption';
  // Most sentences have no brackets, and so none of the credits in brackets.
  const bracket = body.includes('(');
  // "… (ảnh BTC cung cấp).", "(Ảnh: Getty).", "Ảnh minh họa.", "… - Ảnh minh hoạ": a photo's credit ends the sentence.
  if ((bracket && /\(\s*ảnh\b[^()]{0,60}\)\s*\.?$/iu.test(body)) || /(?:^|[-–(]\s*)ảnh minh h(?:ọa|oạ)\s*\)?\s*\.?$/iu.test(body)) return 'caption';
  if (bracket && /^\(\s*(?:theo|nguồn)\s+[^()]{2,80}\)\.?$/iu.test(body)) return 'byline';
  if (bracket && /^[\p{Lu}][\p{Ll}]+(?:\s[\p{Lu}][\p{Ll}]+){0,3}\s*\((?:theo|nguồn)\s[^)]*\)\.?$/u.test(body)) return 'byline';
  // The trimmed body lies within the trimmed line: the same length is the same text.
  const wholeLine = lineLength === body.length;
  // Words are counted last in each test, and only as far as it asks.
  // "(TTXVN)", "Theo Reuters.", "MINH ANH", "T.N.": a credit or a reporter's name alone on its line.
  if (wholeLine && /^\([^()]+\)\.?$/u.test(body) && fewWords(body, 8)) return 'byline';
  if (wholeLine && (/^theo\s+[^,;:!?]+\.?$/iu.test(body) || (/^[\p{Lu}\d\s.&,-]+$/u.test(body) && /\p{Lu}/u.test(body))) && fewWords(body, 6)) return 'byline';
  if (wholeLine && !endsInStop(body) && fewWords(body, 16) && !sentenceLike(body, ln.from === lines.first())) return 'heading';
  if (wholeLine && /^[\p{Lu}]/u.test(body) && fewWords(body, 4)) return 'byline';
  // "… từ bên trong. Máy bay bị đặt bom": a heading run onto the end of the paragraph before it.
  if (
    !wholeLine &&
    endsLine(text, s, ln.to) &&
    fewWords(body, 10) &&
    /^\p{Lu}/u.test(body) &&
    !/[.!?…:;,"”»)]$/u.test(body) &&
    /[.!?]["”»]?\s*$/u.test(text.slice(ln.from, s.start))
  )
    return 'heading';
  // "Bước 1: …": a step of a procedure, an instruction and no claim.
  if (/^bước\s+\d+\s*[:.]/iu.test(body)) return 'heading';
  // The article's first line, short and with text after it, is its headline (even as a question).
  if (wholeLine && lineStart === lines.first() && fewWords(body, 18) && /\n\s*\S/.test(text.slice(lineEnd)) && !/[.]["”»]?$/.test(body)) return 'heading';
  return undefined;
}

/**
 * "vụ việc nói trên", "sự cố … nói trên thì": "mentioned above", where "nói trên" ends its clause or
 * a function word follows; "nói trên hãng thông tấn Interfax rằng" is speech.
 */
function aforesaid(text: string, toks: Token[], i: number): boolean {
  if (toks[i].lower !== 'nói' || toks[i + 1]?.lower !== 'trên') return false;
  const next = toks[i + 2];
  if (!next || /[^\s]/.test(text.slice(toks[i + 1].end, next.start))) return true;
  return claimLang.aforesaidFollowers.has(next.lower);
}

/** Whether a pronoun phrase ("quan chức này", "ông này") ends at token k. */
function anaphorEndsAt(toks: Token[], k: number): boolean {
  for (let n = 2; n <= ANAPHOR_LEN && k - n + 1 >= 0; n++) if (phraseAt(toks, k - n + 1, ANAPHORIC, n) === n) return true;
  return false;
}

/** Whether the line after a line break at `at` is only a photo credit ("(Ảnh: Getty).", "Ảnh: TTXVN"). */
function creditLineAfter(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const next = text.slice(at + 1, at + 100);
  const end = next.indexOf('\n');
  const line = (end >= 0 ? next.slice(0, end) : next).trim();
  return /^\(?\s*(?:Ảnh|Nguồn ảnh)\s*:\s*[^.!?()]{1,60}\)?\.?$/u.test(line);
}

/** Whether a text ends in a stop or a comma, perhaps before closing quotes or brackets, as /[.!?…:;,]["”»)]*$/ finds. */
function endsInStop(body: string): boolean {
  let k = body.length;
  while (k > 0 && '"”»)'.includes(body[k - 1])) k--;
  return k > 0 && '.!?…:;,'.includes(body[k - 1]);
}

/** Whether a line holds a colon. */
function hasColon(text: string, ln: Line): boolean {
  const at = text.indexOf(':', ln.from);
  return at >= 0 && at < ln.to;
}

/** Whether the sentence ends where its line ends (only white space between). */
function endsLine(text: string, s: Span, lineTo: number): boolean {
  let e = s.end;
  while (e < lineTo && /\s/.test(text[e])) e++;
  return e >= lineTo;
}

/**
 * A line without a final stop that is still a sentence: a quote closed with its speaker ("…", ông Tuyến
 * nói), a claim ending in its source (", theo Liên Hiệp Quốc"), or ten words or more with a tense word
 * ("đã", "đang", "từng") below the headline. Headlines and sub-headings are shorter and seldom say "đã".
 */
function sentenceLike(body: string, firstLine: boolean): boolean {
  if (/["”»]\s*,\s*\S/u.test(body)) return true;
  if (/,\s*theo\s+\S[^,]{0,60}$/iu.test(body)) return true;
  return !firstLine && !fewWords(body, 9) && /(?<![\p{L}\p{M}])(?:đã|đang|từng)(?![\p{L}\p{M}])/iu.test(body);
}

function findAttribution(text: string, s: Sentence, lists: Lists): Found | undefined {
  const results: Found[] = [];
  const toks = lists.toks;
  // The next token at or after an index that is no Vietnamese syllable, found walking forward once.
  let foreignAt = -1;
  const nextForeign = (i: number): number => {
    if (foreignAt < i) {
      foreignAt = i;
      while (foreignAt < toks.length && !toks[foreignAt].foreign) foreignAt++;
    }
    return foreignAt;
  };
  const backward = backwardSource(text, lists);
  if (backward) return backward;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // "theo X": at the start of a clause.
    if (t.lower === 'theo') {
      // "Theo X", ", theo X", "Cũng theo X": at the start of a clause, perhaps after an adverb.
      const before = text
        .slice(Math.max(s.start, t.start - 60), t.start)
        .toLowerCase()
        .replace(THEO_PREFIXES, '');
      const clauseStart = /^[\s"“(]*$/.test(before) || /[,;:–-]\s*$/.test(before) || /\(\s*$/.test(before);
      const next = toks[i + 1];
      const nextTwo = next && toks[i + 2] ? `${next.lower} ${toks[i + 2].lower}` : '';
      // "theo luật" is "by law", "theo luật sư" is "according to the lawyer".
      const titled = lang.titleWords.has(nextTwo);
      if (clauseStart && next && (titled || !lang.notAttributionAfterTheo.has(next.lower)) && !lang.notAttributionAfterTheo.has(nextTwo)) {
        const end = clauseEnd(text, t.end, Math.min(s.end, t.end + SOURCE_WINDOW));
        const region = { start: next.start, end };
        const f = judgeSource(text, region, lists, { start: t.start, end: t.end }, 'theo', 'after');
        if (f) results.push(f);
      }
      continue;
    }
    let n = phraseAt(toks, i, CUES);
    // "… cho Reuters biết": told someone; the subject is the source.
    if (!n && t.lower === 'biết' && toks.slice(Math.max(0, i - 5), i).some((x) => x.lower === 'cho')) n = 1;
    // "hco biết": a cue with one word misspelt, looked for only near a word that is no syllable.
    if (!n && nextForeign(i) < i + CUE_LEN) n = misspeltCueAt(toks, i);
    if (!n) continue;
    const key = cueKey(toks, i, n);
    // "chia sẻ hình ảnh", "trình bày ca khúc": the cue word in a sense that is no speech.
    const after = claimLang.nonSpeechAfter.get(key);
    if (after && i + n < toks.length && !/\S/.test(text.slice(toks[i + n - 1].end, toks[i + n].start)) && phraseAt(toks, i + n, phraseTrie(after))) {
      i += n - 1;
      continue;
    }
    // "đang ngồi tâm sự": chatting; "tâm sự: …", "tâm sự rằng …": speech.
    if (claimLang.contentCues.has(key)) {
      const rest = text.slice(toks[i + n - 1].end, toks[i + n - 1].end + 3);
      if (!/^\s*[:,"“]/.test(rest) && !(toks[i + n] && claimLang.contentThen.has(toks[i + n].lower))) {
        i += n - 1;
        continue;
      }
    }
    // "các cáo buộc", "tiếng nói": the cue word used as a noun; "chưa bình luận": nothing was said.
    const prev = toks[i - 1]?.lower;
    const prevTwo = i > 1 ? `${toks[i - 2].lower} ${prev}` : '';
    // "nói chung", "nói riêng": set phrases, not somebody speaking.
    const falseCue = phraseAt(toks, i, FALSE_CUES, 5) || aforesaid(text, toks, i);
    // "này", "đó" make a noun ("điều này cho thấy") unless they end a pronoun phrase ("quan chức này nói").
    const nounUse =
      prev !== undefined &&
      lang.nounMarkers.has(prev) &&
      !((prev === 'này' || prev === 'đó') && anaphorEndsAt(toks, i - 1)) &&
      !claimLang.markerCompounds.has(prevTwo) &&
      !(i > 2 && claimLang.issuedDocuments.has(`${toks[i - 3].lower} ${prevTwo}`));
    // "giải quyết kiến nghị của người dân", "theo yêu cầu của": a cue word before "của" is a noun.
    const ownedNoun = toks[i + n]?.lower === 'của';
    if (falseCue || nounUse || ownedNoun || (prev && (lang.negations.has(prev) || lang.negations.has(prevTwo)))) {
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
    // A request is its speaker's only with the speaker close before it ("Bộ GD-ĐT cũng đề nghị"), not
    // after "và" in a list of nouns; the name's own lower-case words ("Cục An toàn thực phẩm") may lie between.
    const directive = claimLang.directives.has(key);
    if (f && !(directive && (prev === 'và' || (f.source && f.source.end < toks[Math.max(0, i - 6)].start)))) results.push(f);
    i += n - 1;
  }
  // The first reporting clause decides; later cues belong to what is reported.
  const first = results.find((r) => !r.inherited);
  // "Theo thông tin phát đi hôm nay, Vietfoods cho biết …": the speaker named after the document.
  if (first?.document) return results.find((r) => !r.inherited && r.status === 'sourced' && r.source) ?? first;
  if (first) return first;
  const tail = quoteTail(text, s, lists);
  if (tail) return tail;
  const sentence = text.slice(s.start, s.end);
  if (!mayBeVagueAnywhere(sentence)) return results.find((r) => r.inherited);
  const lower = sentence.toLowerCase();
  for (const v of lang.vagueAnywhere) {
    const at = lower.indexOf(v);
    // "được biết đến là" is "known as", not "it is known that".
    if (
      at >= 0 &&
      /^[^\p{L}]?$/u.test(lower[at + v.length] ?? '') &&
      (at === 0 || !/\p{L}/u.test(lower[at - 1])) &&
      !/^\s*đến/u.test(lower.slice(at + v.length))
    ) {
      return { status: 'vague', cue: v, cueSpan: { start: s.start + at, end: s.start + at + v.length } };
    }
  }
  return results.find((r) => r.inherited);
}

/** The phrase key of the n tokens from token i. */
function cueKey(toks: Token[], i: number, n: number): string {
  let key = toks[i].lower;
  for (let k = i + 1; k < i + n; k++) key += ' ' + toks[k].lower;
  return key;
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
  if (
    comma >= 0 &&
    /[\p{L}]{2,}/u.test(tail.slice(comma + 1)) &&
    tail
      .slice(comma + 1)
      .trim()
      .split(/\s+/).length >= 1
  )
    from += comma + 1;
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

/** The items of a list from index `from` on that start before `end` and end by it, and whether they are in text order. */
function spansUpTo<T extends Span>(list: readonly T[], from: number, end: number): { items: T[]; sorted: boolean } {
  let k = from;
  let sorted = true;
  let crossing = false;
  let last = -Infinity;
  for (; k < list.length && list[k].start < end; k++) {
    const x = list[k];
    if (x.end > end) crossing = true;
    else {
      if (x.end < x.start || x.start < last) sorted = false;
      last = x.start;
    }
  }
  // Mostly none runs past `end`: then a slice is all.
  const items = list.slice(from, k);
  return { items: crossing ? items.filter((x) => x.end <= end) : items, sorted };
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

/** An organisation head in capitals followed by a unit's type word ("UBND tỉnh", "Công an TP"), as a span. */
function unitBodyAt(toks: readonly Token[]): Span | undefined {
  for (let k = 0; k + 1 < toks.length; k++) {
    const head = toks[k];
    if (!head.cap) continue;
    const two = toks[k + 2] ? `${head.lower} ${toks[k + 1].lower}` : '';
    const n = lang.orgHeads.has(two) ? 2 : lang.orgHeads.has(head.lower) ? 1 : 0;
    const unit = toks[k + n];
    if (!n || !unit) continue;
    if (toks[k + n + 1] && lang.adminUnitTypes.has(`${unit.lower} ${toks[k + n + 1].lower}`)) return { start: head.start, end: toks[k + n + 1].end };
    if (lang.adminUnitTypes.has(unit.lower)) return { start: head.start, end: unit.end };
  }
  return undefined;
}

/** The sentence opens with a verb that starts a request's item, with no subject before it ("Nâng cao …", "Nghiêm cấm …"). */
function opensRequestItem(toks: readonly Token[]): boolean {
  if (!toks.length) return false;
  const one = toks[0].lower;
  const two = toks[1] ? `${one} ${toks[1].lower}` : '';
  return claimLang.directiveItems.has(two) || claimLang.directiveItems.has(one);
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
  // "Việc bà Clinton khẳng định … là do …": the cue is inside a noun phrase, not the sentence's verb.
  if (mode === 'nearest' && regionToks[first]?.lower === 'việc') return undefined;
  for (let k = 0; k < regionToks.length; k++) {
    const n = phraseAt(regionToks, k, ANONYMOUS);
    if (n) return { status: 'vague', cue, cueSpan, sourceText: text.slice(region.start, regionToks[k + n - 1].end).trim() };
  }
  for (let k = 0; k < regionToks.length; k++) {
    const n = phraseAt(regionToks, k, VAGUE);
    if (!n) continue;
    const vagueEnd = regionToks[k + n - 1].end;
    const namedBefore = inRegion.some((m) => m.end <= regionToks[k].start && m.kind !== 'location');
    const namedAfter = inRegion.some((m) => m.start >= vagueEnd && m.kind !== 'location');
    // "nguồn tin của VOA" names its source; "các nhà ngoại giao Bình Nhưỡng" (a place only) does not.
    if (!namedBefore && !namedAfter) {
      return { status: 'vague', cue, cueSpan, sourceText: text.slice(regionToks[k].start, vagueEnd) };
    }
  }
  // "Thống kê cho thấy", "một khảo sát … cho thấy": a finding whose owner is not named.
  if (mode !== 'after' && !inRegion.some((m) => m.kind !== 'location')) {
    const head = regionToks[first] && ['một', 'các', 'những', 'cuộc', 'bản'].includes(regionToks[first].lower) ? first + 1 : first;
    if (regionToks[head] && phraseAt(regionToks, head, FINDING_HEADS)) {
      return { status: 'vague', cue, cueSpan, sourceText: text.slice(regionToks[head].start, region.end).trim() };
    }
  }
  const named =
    mode === 'subject' ? inRegion[0] : [...inRegion].sort((a, b) => rank(a) - rank(b) || (mode === 'after' ? a.start - b.start : b.start - a.start))[0];
  if (named) {
    return { status: 'sourced', cue, cueSpan, source: named, sourceText: text.slice(region.start, region.end).trim() };
  }
  // "UBND thành phố yêu cầu", "Công an huyện cho biết": a body named by its head and its unit, whose place
  // the article has given, is a source, though no entity (it has no name of its own).
  const body = unitBodyAt(regionToks);
  if (body) return { status: 'sourced', cue, cueSpan, sourceText: text.slice(body.start, body.end) };
  // "Theo cáo trạng", "theo thông tin ban đầu": a document nobody is named for is a vague source.
  if (
    mode === 'after' &&
    regionToks.length &&
    (lang.documentSources.has(regionToks[0].lower) || (regionToks[1] && lang.documentSources.has(`${regionToks[0].lower} ${regionToks[1].lower}`)))
  ) {
    return { status: 'vague', cue, cueSpan, sourceText: text.slice(region.start, region.end).trim(), document: true };
  }
  // "Ông nói", "quan chức này cho biết": the source named before.
  const lastWords = regionToks.slice(first);
  // Only a phrase ending among the last three words counts, so only the last few can start one.
  for (let k = Math.max(0, lastWords.length - 2 - ANAPHOR_LEN); k < lastWords.length; k++) {
    const n = phraseAt(lastWords, k, ANAPHORIC);
    if (n && (k + n === lastWords.length || k + n >= lastWords.length - 2)) {
      return { status: 'sourced', cue, cueSpan, inherited: true, sourceText: text.slice(lastWords[k].start, lastWords[k + n - 1].end) };
    }
  }
  // "Nhớ lại thời khắc đó, Khương nói:", "Thanh Lam cho biết thêm": a capitalised name the recognizer did
  // not take, alone between the clause's start and the cue; not a capitalised common word ("Dù nói…", "Khi công bố…").
  if (
    mode === 'nearest' &&
    lastWords.length >= 1 &&
    lastWords.length <= 3 &&
    lastWords.every((t) => t.cap && !t.number) &&
    !lang.commonWords.has(lastWords[0].lower)
  ) {
    return { status: 'sourced', cue, cueSpan, sourceText: text.slice(lastWords[0].start, lastWords[lastWords.length - 1].end) };
  }
  // "một phụ tá ... của điện Kremlin", "một nghị sĩ": a person described by role.
  // Titles are mostly two syllables or more ("bộ trưởng", "diễn viên"): look for phrases, not words.
  if (regionToks.length <= 12 && regionToks.some((_, k) => phraseAt(regionToks, k, TITLES) > 0)) {
    return { status: 'sourced', cue, cueSpan, sourceText: text.slice(region.start, region.end).trim() };
  }
  return undefined;
}

function rank(m: EntityMention): number {
  return m.kind === 'person' ? 0 : m.kind === 'organization' ? 1 : 2;
}

/**
 * "Đó là lời phát biểu của bà X.": a sentence that names the speaker of what came before it. It is
 * sourced, and an unattributed quote just before takes its source (see classifyClaims).
 */
function backwardSource(text: string, lists: Lists): Found | undefined {
  const toks = lists.toks;
  if (toks.length < 5 || !['đó', 'đây'].includes(toks[0].lower)) return undefined;
  let k = 1;
  if (toks[k].lower === 'chính') k++;
  if (toks[k]?.lower !== 'là') return undefined;
  k++;
  const n = phraseAt(toks, k, BACKWARD_SPEECH);
  if (!n) return undefined;
  // "của" within a few words of the speech noun, then the speaker.
  for (let j = k + n; j < Math.min(toks.length, k + n + 4); j++) {
    if (toks[j].lower !== 'của') continue;
    const region = { start: toks[j].end, end: Math.min(toks[toks.length - 1].end, (toks[j + 6] ?? toks[toks.length - 1]).end) };
    const named = within(lists.ms, lists.sortedMs, region).find((m) => m.kind === 'person' || m.kind === 'organization');
    if (!named) return undefined;
    const cueSpan = { start: toks[k].start, end: toks[k + n - 1].end };
    return {
      status: 'sourced',
      cue: text.slice(cueSpan.start, cueSpan.end),
      cueSpan,
      source: named,
      sourceText: text.slice(named.start, named.end),
      backward: true,
    };
  }
  return undefined;
}

/**
 * ‘“…”, Bí thư Thăng dẫn chứng.’, ‘“…”, ông Tuyến nói’: after a quote that closes in the sentence, a
 * comma and a short clause whose first words are a name, a title or a pronoun. That clause attributes
 * the quote, whatever its verb ("thẳng thắn", "dẫn chứng", "đề cập"), as the pattern `"Q", Name verb`.
 */
function quoteTail(text: string, s: Span, lists: Lists): Found | undefined {
  // Only the sentence's last 300 characters can hold a short closing clause.
  const from = Math.max(s.start, s.end - 300);
  const tailText = text.slice(from, s.end);
  const re = /[”"»]\s*[,–-]\s*/g;
  let m: RegExpExecArray | null;
  let at = -1;
  while ((m = re.exec(tailText))) at = from + m.index + m[0].length;
  if (at < 0) return undefined;
  const toks = within(lists.toks, lists.sortedToks, { start: at, end: s.end });
  if (!toks.length || toks.length > 16 || /["“”«»]/.test(text.slice(at, s.end))) return undefined;
  // ", nhưng việc họ …" starts a new clause; a speaker's clause starts with a name, a title or a pronoun.
  if (!toks[0].cap && !phraseAt(toks, 0, ANAPHORIC) && !phraseAt(toks, 0, TITLES, 4)) return undefined;
  const head = { start: toks[0].start, end: toks[Math.min(toks.length, 5) - 1].end };
  const cueSpan = { start: toks[0].start, end: toks[toks.length - 1].end };
  const cue = text.slice(cueSpan.start, cueSpan.end);
  const f = judgeSource(text, head, lists, cueSpan, cue, 'subject');
  if (!f) {
    // ‘”, Khương tự hào kể’: a capitalised name the recognizer did not take, with a verb after it.
    let k = 0;
    while (k < Math.min(4, toks.length) && toks[k].cap && !lang.clauseStarters.has(toks[k].lower)) k++;
    if (k === 0 || k >= toks.length) return undefined;
    return { status: 'sourced', cue, cueSpan, sourceText: text.slice(toks[0].start, toks[k - 1].end) };
  }
  // A source must stand first in the clause: ", ông X nói" and not ", nói với ông X".
  const firstName = within(lists.ms, lists.sortedMs, head)[0];
  if (f.source && firstName && firstName.start > toks[Math.min(2, toks.length - 1)].start) return undefined;
  return f;
}
