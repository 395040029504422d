/**
 * Finds candidate names of persons, organisations and places in one article. Works on syllable
 * tokens of the normalised text and decides with the language data: gazetteers, titles before a
 * name, organisation head nouns, location cue words, credits. Kinds it cannot decide stay open;
 * the collection pass (resolve/collection.ts) settles them with evidence from all articles.
 */
import type { EntityKind, Sentence, Span } from '../types';
import type { Token } from '../text/tokens';
import { lang, longest, type GazetteerEntry } from '../lang/knowledge';
import { phraseTrie, type PhraseNode } from './phrases';

export interface Candidate extends Span {
  text: string;
  kind?: EntityKind;
  /** 3: gazetteer or registry, 2: a title, cue or head noun says so, 1: a weak default. */
  strength: number;
  title?: string;
  origin: string;
  /** Gazetteer or registry id when the name is known. */
  id?: string;
  tokenCount: number;
  /** First word of its sentence: capitalised for that reason alone, perhaps. */
  initial: boolean;
  /** Every token is a foreign (non-Vietnamese) word. */
  foreign: boolean;
  /** The token before the name, lower case (for prepositions such as "tại"). */
  before?: string;
  /** A speech verb follows the name ("Trump nói"). */
  speaker?: boolean;
}

export interface Recognized {
  candidates: Candidate[];
  /** Long form ↔ acronym pairs seen as "Long Name (ACRO)". */
  acronyms: [string, string][];
  /** Spans judged not to be names (products, codes): the collection pass leaves them alone too. */
  suppressed: Span[];
}

export type Lookup = (key: string) => GazetteerEntry | undefined;

/** A gazetteer name of n tokens. */
interface GazetteerHit {
  n: number;
  entry: GazetteerEntry;
}

const MAX_GAZ = 8;
const TITLE_LEN = longest([...lang.titleWords, ...lang.orgDescriptors, ...lang.locationCues]);
const HEAD_LEN = longest(lang.orgHeads);
// Every phrase a matchPhrase test can accept is in the trie it is given.
const TITLE_TRIE = phraseTrie(lang.titleWords, lang.orgDescriptors, lang.locationCues);
const HEAD_TRIE = phraseTrie(lang.orgHeads);
const LEGAL_TRIE = phraseTrie(lang.legalForms);
const MODIFIER_TRIE = phraseTrie(lang.orgModifiers);
const PRODUCT_TRIE = phraseTrie(lang.productClassifiers);
const COMPOUND_TRIE = phraseTrie(lang.orgHeads, lang.locationCues, lang.orgNameWords);
const FUNCTION_WORDS = new Set([
  ...lang.notSentenceEnd,
  ...['trong', 'trên', 'dưới', 'tại', 'ở', 'từ', 'về', 'đến', 'tới', 'sau', 'trước', 'theo', 'khi', 'nhưng', 'nên', 'vì', 'đã', 'sẽ', 'đang', 'vừa', 'cũng', 'có', 'được', 'bị', 'ra', 'này', 'đó', 'vẫn', 'nói', 'cho', 'là', 'thì', 'mới', 'còn', 'lại', 'đều', 'gặp', 'thăm'],
]);

export function recognizeEntities(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  blocked: Span[],
  lookup: Lookup,
): Recognized {
  const candidates: Candidate[] = [];
  const acronyms: [string, string][] = [];
  const suppressed: Span[] = [];
  // Tokens inside a date, marked once (dates and tokens are both in text order).
  const blockedTok = new Uint8Array(tokens.length);
  {
    let k = 0;
    for (const b of [...blocked].sort((x, y) => x.start - y.start)) {
      while (k < tokens.length && tokens[k].end <= b.start) k++;
      for (let j = k; j < tokens.length && tokens[j].start < b.end; j++) blockedTok[j] = 1;
    }
  }
  const isBlocked = (t: Token) => blockedTok[t.index] === 1;
  let s = 0;
  const sentenceOf = (t: Token) => {
    while (s < sentences.length - 1 && sentences[s].end <= t.start) s++;
    return sentences[s];
  };
  const joinable = (a: Token, b: Token) => onlySpaces(text, a.end, b.start);

  /** Longest phrase passing `test` at token i whose words are separated by spaces; `trie` holds every such phrase. */
  const matchPhrase = (i: number, max: number, trie: PhraseNode, test: (k: string) => boolean, end = tokens.length): number => {
    let key = '';
    let best = 0;
    let node: PhraseNode | undefined = trie;
    for (let n = 1; n <= max && i + n <= end; n++) {
      const t = tokens[i + n - 1];
      if (n > 1 && !joinable(tokens[i + n - 2], t)) break;
      if (isBlocked(t)) break;
      node = node.next.get(t.lower);
      if (!node) break;
      key = n === 1 ? t.lower : `${key} ${t.lower}`;
      if (node.terminal && test(key)) best = n;
    }
    return best;
  };

  /** A gazetteer name at token i, the longest that ends by `end`. */
  const hitsAt: (GazetteerHit[] | undefined)[] = new Array(tokens.length);
  const matchGazetteer = (i: number, end = tokens.length): GazetteerHit | undefined => {
    if (i >= tokens.length) return undefined;
    // The recognisers ask about the same token many times, with different ends.
    const hits = (hitsAt[i] ??= gazetteerHits(i));
    for (let k = hits.length - 1; k >= 0; k--) if (i + hits[k].n <= end) return hits[k];
    return undefined;
  };

  /** Every gazetteer name at token i, shortest first: some word capitalised, or every word foreign. */
  const gazetteerHits = (i: number): GazetteerHit[] => {
    // The key of the first keyWords tokens, extended only when a lookup needs it.
    let key = '';
    let keyWords = 0;
    const found: GazetteerHit[] = [];
    let anyCap = false;
    let allForeign = true;
    for (let n = 1; n <= MAX_GAZ && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1];
      if (n > 1 && !joinable(tokens[i + n - 2], t)) break;
      if (isBlocked(t)) break;
      anyCap ||= t.cap;
      allForeign &&= t.foreign;
      // Neither can come back for a longer key, but a later word can still be capitalised.
      if (!anyCap && !allForeign) continue;
      for (; keyWords < n; keyWords++) key = keyWords === 0 ? tokens[i].lower : `${key} ${tokens[i + keyWords].lower}`;
      const entry = lookup(key);
      if (!entry) continue;
      const first = tokens[i];
      const startOk = first.cap || first.foreign || first.upper || entry?.lowerStart;
      // "UN", "WHO", "IS" are names only in capitals; "Trung", "Việt" only in compounds ("Mỹ-Trung").
      const caseOk = !entry?.upperOnly || tokens.slice(i, i + n).every((x) => x.upper);
      const compoundOk = !lang.compoundOnly.has(key) || /[-–]\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start)) || /^\s*[-–]/.test(text.slice(t.end, t.end + 3));
      if (!compoundOk) continue;
      if ((n > 1 || t.cap || t.foreign) && startOk && caseOk) found.push({ n, entry });
    }
    return found;
  };

  /** "Bộ Ngoại giao Mỹ", "Hội đồng Bảo an Liên Hợp Quốc", "Đại học liên bang Viễn Đông". */
  const matchOrgHead = (i: number): number => {
    if (!tokens[i].cap) return 0;
    const h = matchPhrase(i, HEAD_LEN, HEAD_TRIE, (k) => lang.orgHeads.has(k));
    if (!h) return 0;
    const headKey = tokens.slice(i, i + h).map((x) => x.lower).join(' ');
    let j = i + h;
    let components = 0;
    while (j < tokens.length && joinable(tokens[j - 1], tokens[j]) && !isBlocked(tokens[j])) {
      const t = tokens[j];
      // "Công ty CP Sữa Việt Nam", "Ngân hàng TMCP Ngoại thương": the legal form is part of the name.
      const legal = matchPhrase(j, 3, LEGAL_TRIE, (k) => lang.legalForms.has(k));
      if (legal) {
        j += legal;
        continue;
      }
      if (!t.cap) {
        const m = matchPhrase(j, 2, MODIFIER_TRIE, (k) => lang.orgModifiers.has(k));
        if (m && j + m < tokens.length && tokens[j + m].cap && joinable(tokens[j + m - 1], tokens[j + m])) {
          j += m;
          continue;
        }
        break;
      }
      const pair = tokens[j + 1] && !tokens[j + 1].cap && joinable(t, tokens[j + 1]) ? `${t.lower} ${tokens[j + 1].lower}` : '';
      const g = lang.orgNameWords.has(pair) ? undefined : matchGazetteer(j);
      if (g) {
        // "Công ty Apple", "tập đoàn Samsung": the head only describes a name the gazetteer knows.
        if (components === 0 && g.entry.kind === 'organization' && lang.orgDescriptors.has(headKey)) return 0;
        j += g.n;
        components++;
        // Vietnamese organisation names end with their place: "Bộ Ngoại giao Mỹ".
        if (g.entry.kind === 'location') break;
        continue;
      }
      if (components === 0 && (t.foreign || t.upper) && lang.orgDescriptors.has(headKey)) return 0;
      if (lang.titleWords.has(t.lower) && components > 0) break;
      // "Bộ Ngoại giao Bùi Thanh Sơn": a Vietnamese family name and given names end the organisation.
      if (components > 0 && looksLikeVietnameseName(j)) break;
      j++;
      components++;
      const next = tokens[j];
      const after = tokens[j + 1];
      // The second syllable of a component ("Ngoại giao") is taken only where the name plausibly ends or goes on.
      const boundary =
        !after || !joinable(next, after) || after.cap || FUNCTION_WORDS.has(after.lower) || lang.attributionCues.has(after.lower) || lang.firstCueWords.has(after.lower) || (next && lang.orgNameWords.has(`${t.lower} ${next.lower}`));
      if (next && boundary && !t.foreign && !t.upper && !next.cap && !isBlocked(next) && joinable(t, next) && !FUNCTION_WORDS.has(next.lower) && !lang.attributionCues.has(next.lower) && !next.foreign && !next.number) j++;
    }
    return components > 0 ? j - i : 0;
  };

  // Counted once over the tokens, so that no test reads a run of capitalised words again for each of its words:
  // upperBefore[k], the tokens before k in capitals; foreignAhead[k], that the capitalised words joined
  // from token k on (k itself joined to the one before) include a foreign word or one in capitals.
  const upperBefore = new Int32Array(tokens.length + 1);
  for (let k = 0; k < tokens.length; k++) upperBefore[k + 1] = upperBefore[k] + (tokens[k].upper ? 1 : 0);
  const foreignAhead = new Uint8Array(tokens.length + 1);
  for (let k = tokens.length - 1; k >= 1; k--) {
    const entered = tokens[k].cap && joinable(tokens[k - 1], tokens[k]);
    foreignAhead[k] = entered && (tokens[k].foreign || tokens[k].upper || foreignAhead[k + 1] === 1) ? 1 : 0;
  }

  // In a Title Case headline ("Montenegro Gia Nhập NATO") capitals say nothing: only known names count.
  const lineStartOf = lineStarts(text);
  const titleCase = titleCaseLines(tokens, lineStartOf);
  let hint: { kind: EntityKind; title: string; at: number; product?: boolean } | undefined;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (isBlocked(t) || t.number) {
      i++;
      continue;
    }
    // Whether the token starts its sentence matters for few tokens, so it is worked out when asked.
    let initialMemo: boolean | undefined;
    const isInitial = () => (initialMemo ??= isSentenceInitial(text, sentenceOf(t), t));
    const g = matchGazetteer(i);
    // "ông Đoàn Anh Tuấn": after a person's title a family name is no organisation's head noun ("đoàn").
    const o = hint?.kind === 'person' && hint.at === i && looksLikeVietnameseName(i) ? 0 : matchOrgHead(i);
    if (o && (!g || o > g.n)) {
      emit(i, i + o, { kind: 'organization', strength: 2, origin: 'head noun' });
      i += o;
      continue;
    }
    // "chị Huế", "anh Hải": after a personal title, a one-word place is a person's given name.
    const personAfterTitle = g && g.n === 1 && g.entry.kind === 'location' && !t.foreign && hint && hint.at === i && hint.kind === 'person' && ['ông', 'bà', 'anh', 'chị', 'cô', 'em', 'cháu', 'bé'].includes(hint.title);
    // "chiếc Airbus A320": a maker's name after a product word names the product.
    const productMaker = g && g.entry.kind === 'organization' && hint?.product && hint.at === i;
    if (g && !personAfterTitle && !productMaker && !(g.n === 1 && lang.commonWords.has(t.lower) && isInitial()) && !vietnameseNameAhead(i, g.n)) {
      emit(i, i + g.n, { kind: g.entry.kind, strength: 3, origin: g.entry.origin, id: g.entry.id });
      i += g.n;
      continue;
    }
    let titleLen = matchPhrase(i, TITLE_LEN, TITLE_TRIE, (k) => lang.titleWords.has(k) || lang.orgDescriptors.has(k) || lang.locationCues.has(k));
    // "Chủ tịch Hồ Chí Minh": after a person's title, a capitalised "Hồ" is a family name, not a lake.
    if (titleLen === 1 && t.cap && hint?.kind === 'person' && hint.at === i && !lang.titleWords.has(t.lower) && !isInitial()) titleLen = 0;
    if (titleLen) {
      const key = tokens.slice(i, i + titleLen).map((x) => x.lower).join(' ');
      if (lang.productClassifiers.has(key)) {
        hint = { kind: 'person', title: key, at: i + titleLen, product: true };
        i += titleLen;
        continue;
      }
      const kind: EntityKind = lang.titleWords.has(key) ? 'person' : lang.orgDescriptors.has(key) ? 'organization' : 'location';
      let at = i + titleLen;
      // "Bộ trưởng Hàng không Ai Cập Sherif Fathy": the portfolio belongs to the title.
      if (lang.portfolioTitles.has(key)) at = skipPortfolio(at);
      hint = { kind, title: key, at };
      i = at;
      continue;
    }
    const product = matchPhrase(i, 3, PRODUCT_TRIE, (k) => lang.productClassifiers.has(k));
    if (product) {
      hint = { kind: 'person', title: '', at: i + product, product: true };
      i += product;
      continue;
    }
    // "đại biểu Quốc hội", "Quốc lộ 37": a capitalised syllable that starts a common compound is no name.
    const compound = t.cap && !t.foreign && tokens[i + 1] && !tokens[i + 1].cap && joinable(t, tokens[i + 1]) && matchPhrase(i, 2, COMPOUND_TRIE, (k) => k.includes(' ') && (lang.orgHeads.has(k) || lang.locationCues.has(k) || lang.orgNameWords.has(k)));
    if (compound === 2) {
      i += 2;
      continue;
    }
    if (t.cap || t.upper) {
      let j = i + 1;
      for (;;) {
        while (j < tokens.length && (tokens[j].cap || tokens[j].upper || /-\p{Lu}/u.test(tokens[j].text)) && !isBlocked(tokens[j]) && joinable(tokens[j - 1], tokens[j])) j++;
        // "Rio de Janeiro", "Sharm el-Sheikh": particles inside foreign names.
        const p = tokens[j];
        const q = tokens[j + 1];
        if (p && q && lang.nameParticles.has(p.lower) && joinable(tokens[j - 1], p) && joinable(p, q) && (q.cap || /-\p{Lu}/u.test(q.text)) && (tokens[j - 1].foreign || q.foreign)) {
          j += 2;
          continue;
        }
        if (p && /^\p{Ll}+-\p{Lu}/u.test(p.text) && joinable(tokens[j - 1], p)) {
          j += 1;
          continue;
        }
        break;
      }
      // "đảng Cộng hòa": after an organisation word, a capitalised word keeps its second syllable.
      if (hint && hint.at === i && hint.kind === 'organization' && j === i + 1 && !t.foreign && !t.upper) {
        const nx = tokens[j];
        if (nx && !nx.cap && !nx.foreign && !nx.number && joinable(t, nx) && !FUNCTION_WORDS.has(nx.lower) && !lang.attributionCues.has(nx.lower) && !isBlocked(nx)) j++;
      }
      if (titleCase.has(lineStartOf(t.start))) {
        i = j;
        continue;
      }
      if (hint?.product && hint.at === i) {
        suppressed.push({ start: tokens[i].start, end: tokens[j - 1].end });
        i = j;
        continue;
      }
      segmentRun(i, j, isInitial());
      i = j;
      continue;
    }
    i++;
  }
  // "đường Nguyễn Tất Thành, Nguyễn Văn Cừ và Ngô Gia Tự": names listed after one a cue typed share its kind.
  for (let k = 0; k + 1 < candidates.length; k++) {
    const a = candidates[k];
    const b = candidates[k + 1];
    const listed = /^\s*(?:,|và|hoặc|hay|cùng)\s*$/u.test(text.slice(a.end, b.start));
    const cueTyped = a.strength === 2 && (a.kind === 'location' || a.kind === 'organization') && /^(?:after|coordination)/.test(a.origin);
    if (listed && cueTyped && b.strength <= 2 && (!b.kind || (b.kind === 'person' && !b.title && /^(?:family name|rule)$/.test(b.origin)))) {
      b.kind = a.kind;
      b.strength = 2;
      b.origin = 'coordination';
    }
  }
  // "Long Name (ACRO)": the acronym names the same thing.
  for (let k = 0; k + 1 < candidates.length; k++) {
    const a = candidates[k];
    const b = candidates[k + 1];
    if (a.tokenCount <= 1 || !/^\s*\(\s*$/.test(text.slice(a.end, b.start)) || !/^\s*\)/.test(text.slice(b.end, b.end + 3))) continue;
    // An acronym names an organisation; a place in brackets is where it is ("Hồng Kông (TQ)").
    const known = a.id && b.id && a.id !== b.id;
    if (!known && a.kind !== 'location' && b.kind !== 'location' && (!a.kind || !b.kind || a.kind === b.kind) && /^[\p{Lu}\d&.-]{2,10}$/u.test(b.text)) acronyms.push([a.text, b.text]);
    // "Công ty CP Sữa Việt Nam (Vinamilk)": a short name in brackets after an organisation is its name too.
    else if (a.kind === 'organization' && !b.kind && b.tokenCount <= 2) {
      b.kind = 'organization';
      b.strength = 2;
      b.origin = 'bracketed short name';
      acronyms.push([a.text, b.text]);
    }
  }
  return { candidates, acronyms, suppressed };

  /** A family name followed by one to three capitalised Vietnamese syllables: a person's full name. */
  function looksLikeVietnameseName(j: number): boolean {
    if (!lang.vietnameseSurnames.has(tokens[j].lower) || !tokens[j].cap) return false;
    let k = j + 1;
    while (k < tokens.length && k - j <= 3 && tokens[k].cap && !tokens[k].foreign && !tokens[k].upper && joinable(tokens[k - 1], tokens[k])) k++;
    return k - j >= 2 && !matchGazetteer(j);
  }

  /** A ministry or department right after a title: a capitalised word and its lower-case second syllable. */
  function skipPortfolio(at: number): number {
    const a = tokens[at];
    const b = tokens[at + 1];
    if (!a || !b || !a.cap || a.foreign || a.upper || b.cap || b.foreign || b.number) return at;
    if (!joinable(tokens[at - 1], a) || !joinable(a, b) || matchGazetteer(at) || FUNCTION_WORDS.has(b.lower) || lang.attributionCues.has(b.lower)) return at;
    return at + 2;
  }

  /** A one-word place followed by a Vietnamese given name ("Đức Trung") is a person's name instead. */
  function vietnameseNameAhead(i: number, n: number): boolean {
    if (n !== 1) return false;
    const next = tokens[i + 1];
    if (!next || !next.cap || next.foreign || next.upper || !joinable(tokens[i], next) || isBlocked(next) || tokens[i].foreign) return false;
    if (titleCase.has(lineStartOf(tokens[i].start))) return false;
    const nextIsPlace = matchGazetteer(i + 1);
    // Capitalised Vietnamese syllables after a one-word place ("Đức Trung", "Thái Anh Văn") are a person's name.
    if (foreignAhead[i + 1]) return false;
    return (!nextIsPlace || nextIsPlace.n === 1) && !lang.commonWords.has(next.lower);
  }

  function segmentRun(from: number, to: number, initial: boolean): void {
    const lastWord = tokens[to - 1].lower;
    if (to - from > 1 && lang.englishOrgWords.has(lastWord) && tokens.slice(from, to).every((x) => x.foreign || x.upper || lookup(x.lower) || lang.englishStopWords.has(x.lower))) {
      const g = matchGazetteer(from, to);
      if (!g || g.n < to - from) {
        emit(from, to, { kind: 'organization', strength: 2, origin: 'organisation word' });
        return;
      }
    }
    let unknownStart = -1;
    // A title names only what follows it in the same phrase, not the next sentence's first word.
    let hintUsable = hint && hint.at === from && from > 0 && joinable(tokens[from - 1], tokens[from]) ? hint : undefined;
    const flush = (end: number) => {
      if (unknownStart < 0) return;
      const start = unknownStart;
      unknownStart = -1;
      let kind: EntityKind | undefined;
      let strength = 1;
      let title: string | undefined;
      let origin = 'rule';
      // "Chủ tịch NIOC": a title before an acronym names the person's organisation.
      if (hintUsable && hintUsable.kind === 'person' && end - start === 1 && tokens[start].upper) hintUsable = { ...hintUsable, kind: 'organization' };
      // "một lãnh đạo Quốc Dân Đảng": a run that ends in an organisation's head noun is the organisation.
      if (end - start >= 2 && tokens[end - 1].lower === 'đảng') hintUsable = { kind: 'organization', title: hintUsable?.title ?? '', at: start };
      if (hintUsable) {
        kind = hintUsable.kind;
        strength = 2;
        title = hintUsable.title;
        origin = `after "${hintUsable.title}"`;
        hintUsable = undefined;
      }
      let run = tokens.slice(start, end);
      // "bang Vermont Bernie Sanders": a given name inside a place or organisation run starts a person.
      if (kind && kind !== 'person' && run.length >= 3) {
        const k = run.findIndex((x, n) => n >= 1 && n < run.length - 1 && x.foreign && lang.givenNames.has(x.lower));
        if (k > 0) {
          emit(start, start + k, { kind, strength, title, origin });
          emit(start + k, end, { kind: 'person', strength: 2, origin: 'given name' });
          return;
        }
      }
      run = tokens.slice(start, end);
      // Codes, units, single letters ("MS804", "USD", "tia X") and headings in capitals are not names.
      if (run.some((x) => /\d/.test(x.text) && /\p{L}/u.test(x.text)) || (run.length === 1 && run[0].text.replace(/[^\p{L}]/gu, '').length < 2)) return;
      if (run.some((x) => lang.notNames.has(x.text) || /^[IVXLC]{1,6}$/.test(x.text))) return;
      // Initials of a person kept anonymous ("chị C.T.H") and English titles of works ("Only the End") are not names here.
      if (run.some((x) => /^(?:\p{Lu}\.){1,5}\p{Lu}?\.?$/u.test(x.text))) return;
      if (!kind && run.length > 1 && run.some((x) => lang.englishStopWords.has(x.lower))) return;
      if (run.length > 1 && run.every((x) => x.upper && !x.foreign)) return;
      const credit = creditKind(start);
      // "Đức Trung (Theo Reuters)", or a name alone on the article's last line: the byline's author.
      const after = text.slice(tokens[end - 1].end);
      const byline = /^\s*\((?:theo|nguồn)\s/iu.test(after.slice(0, 12)) || (end - start <= 4 && !/\S/.test(after) && /(?:^|\n)\s*$/.test(text.slice(Math.max(0, tokens[start].start - 4), tokens[start].start)));
      if (byline && !credit && !run.some((x) => x.upper)) {
        kind = 'person';
        strength = 2;
        origin = 'byline';
      } else if (credit) {
        kind = 'organization';
        strength = 2;
        origin = credit;
      } else if (!kind && run.some((x) => lang.englishOrgWords.has(x.lower)) && run.length > 1) {
        kind = 'organization';
        strength = 2;
        origin = 'organisation word';
      } else if (!kind && run.length >= 2 && run.length <= 4 && !run.some((x) => x.foreign || x.upper) && lang.vietnameseSurnames.has(run[0].lower)) {
        kind = 'person';
        strength = 2;
        origin = 'family name';
      } else if (!kind && run.length > 1 && run[0].foreign && lang.givenNames.has(run[0].lower) && !run.some((x) => x.upper)) {
        kind = 'person';
        strength = 2;
        origin = 'given name';
      } else if (!kind && run.length > 1 && run.every((x) => x.foreign || x.upper) && lang.englishPlaceWords.has(run[run.length - 1].lower)) {
        kind = 'location';
        strength = 2;
        origin = 'place word';
      } else if (!kind && run.every((x) => x.upper || /\d/.test(x.text))) {
        kind = 'organization';
        origin = 'acronym';
      }
      emit(start, end, { kind, strength, title, origin, initial: initial && start === from });
    };
    let j = from;
    while (j < to) {
      const g = matchGazetteer(j, to);
      // An acronym inside a run ("UBND TP Đặng Việt Dũng", "ĐT Mỹ") stands on its own.
      const acronymEdge = (tokens[j].upper && to - from > 1 && !g) || (unknownStart >= 0 && tokens[j - 1]?.upper && !tokens[j].upper);
      if (acronymEdge && unknownStart >= 0) flush(j);
      // A one-word place joins a Vietnamese name ("Lê Anh"), not a foreign one ("Balkan Montenegro").
      const absorbable = unknownStart >= 0 && upperBefore[j] === upperBefore[unknownStart];
      const personal = j === from && hintUsable?.kind === 'person' && g?.n === 1 && g.entry.kind === 'location' && !tokens[j].foreign && ['ông', 'bà', 'anh', 'chị', 'cô', 'em', 'cháu', 'bé'].includes(hintUsable.title);
      if (g && !personal && (g.n > 1 || unknownStart < 0 || !absorbable) && !(initial && j === from && g.n === 1 && lang.commonWords.has(tokens[j].lower)) && !vietnameseNameAhead(j, g.n)) {
        flush(j);
        emit(j, j + g.n, { kind: g.entry.kind, strength: 3, origin: g.entry.origin, id: g.entry.id });
        j += g.n;
        continue;
      }
      const placeNext = j + 1 < to && matchGazetteer(j + 1, to) && !matchGazetteer(j, to);
      if (unknownStart < 0 && lang.commonWords.has(tokens[j].lower) && !tokens[j].foreign && ((initial && j === from) || (j + 1 < to && tokens[j + 1].foreign) || placeNext)) {
        j++;
        continue;
      }
      // Inside a capitalised run only person titles and abbreviations ("TP", "UBND") are cues: "Hồ", "Núi" are parts of names.
      const title = unknownStart < 0 ? matchPhrase(j, TITLE_LEN, TITLE_TRIE, (k) => (lang.titleWords.has(k) && (k.includes(' ') || tokens[j].upper)) || ((lang.locationCues.has(k) || lang.orgDescriptors.has(k)) && tokens[j].upper), to) : 0;
      if (title && j + title < to && !(tokens[j].upper && tokens[j].text.length > 2 && lang.orgDescriptors.has(tokens[j].lower))) {
        const key = tokens.slice(j, j + title).map((x) => x.lower).join(' ');
        const kind: EntityKind = lang.titleWords.has(key) ? 'person' : lang.orgDescriptors.has(key) ? 'organization' : 'location';
        hintUsable = { kind, title: key, at: j + title };
        j += title;
        continue;
      }
      if (unknownStart < 0) unknownStart = j;
      j++;
      if (tokens[j - 1].upper && j < to && !tokens[j].upper) flush(j);
    }
    flush(to);
  }

  /** "Ảnh: KCNA" and "(Theo Reuters, Japan Times)" credit organisations. */
  function creditKind(i: number): string | undefined {
    // The credit marker is near: look back within the line, at most 120 characters.
    const lineStart = Math.max(lineStartOf(tokens[i].start), tokens[i].start - 120);
    const before = text.slice(lineStart, tokens[i].start);
    if (/(?:^|[\s.])(?:Ảnh|Nguồn|Video|Clip|Đồ họa)\s*:\s*(?:[\p{L}\s.,]*[,/]\s*)?$/u.test(before)) return 'credit';
    const open = before.lastIndexOf('(');
    if (open >= 0 && !before.slice(open).includes(')') && /^\(\s*(?:theo|nguồn)\s/iu.test(before.slice(open))) return 'credit';
    return undefined;
  }

  function emit(from: number, to: number, c: Partial<Candidate>): void {
    const first = tokens[from];
    const last = tokens[to - 1];
    const run = tokens.slice(from, to);
    const before = from > 0 ? tokens[from - 1].lower : undefined;
    const after = tokens[to] && joinable(last, tokens[to]) ? tokens[to].lower + (tokens[to + 1] ? ' ' + tokens[to + 1].lower : '') : '';
    const speaker = lang.attributionCues.has(after) || lang.attributionCues.has(after.split(' ')[0]) || /^(đã|cũng|vừa|sẽ) /.test(after);
    candidates.push({
      speaker,
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      strength: 1,
      origin: 'rule',
      tokenCount: to - from,
      initial: false,
      foreign: run.every((x) => x.foreign || x.upper),
      before,
      ...c,
    });
  }
}

/** The range [from, to) is not empty and holds only spaces, tabs and no-break spaces. */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  return true;
}

/** Start offsets of lines where most Vietnamese words are capitalised. */
function titleCaseLines(tokens: Token[], lineStartOf: (offset: number) => number): Set<number> {
  const out = new Set<number>();
  let lineStart = 0;
  let words = 0;
  let caps = 0;
  const close = () => {
    if (words >= 4 && caps / words >= 0.9) out.add(lineStart);
    words = caps = 0;
  };
  for (const t of tokens) {
    const ls = lineStartOf(t.start);
    if (ls !== lineStart) {
      close();
      lineStart = ls;
    }
    if (t.foreign || t.number || t.upper) continue;
    words++;
    if (t.cap) caps++;
  }
  close();
  return out;
}

/** The token begins its sentence, or a quotation, parenthesis or line inside it. Looks back a few characters only. */
function isSentenceInitial(text: string, sentence: Sentence | undefined, t: Token): boolean {
  if (!sentence) return true;
  const from = Math.max(sentence.start, t.start - 12);
  const before = text.slice(from, t.start);
  if (from === sentence.start && /^[\s"“‘'(«\[\-–—•*]*$/u.test(before)) return true;
  return /(?:[.!?:;…]|["“”]|\n)\s*["“‘'(«\-–]?\s*$/u.test(before) && !/,\s*$/.test(before);
}

/** Start offset of the line holding an offset, by binary search over the line breaks. */
function lineStarts(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : breaks[lo - 1] + 1;
  };
}
