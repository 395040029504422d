/**
 * Finds candidate names of persons, organisations and places in one article. Works on syllable
 * tokens of the normalised text and decides with the language data: gazetteers, titles before a
 * name, organisation head nouns, location cue words, credits. Kinds it cannot decide stay open;
 * the collection pass (resolve/collection.ts) settles them with evidence from all articles.
 */
import type { EntityKind, Sentence, Span } from '../types';
import type { Token } from '../text/tokens';
import { lang, type GazetteerEntry } from '../lang/knowledge';
import type { PhraseNode } from './phrases';
import {
  TITLE_LEN,
  HEAD_LEN,
  TITLE_TRIE,
  HEAD_TRIE,
  LEGAL_TRIE,
  ADMIN_TRIE,
  ADMIN_LEN,
  NUMBERED_TRIE,
  FACILITY_TRIE,
  FACILITY_LEN,
  LOWER_NAME_TRIE,
  LOWER_NAME_LEN,
  TRAILING_TRIE,
  TRAILING_LEN,
  STARTER_TRIE,
  STARTER_LEN,
  FIRST_WORDS,
  isAdminType,
  isNumberedType,
  isFacilityHead,
  isStarter,
  isOrgHead,
  isLegalForm,
  isLowerNameWord,
  isTrailingNameWord,
  SPEECH_AUXILIARIES,
  NUMBERED_CODE_STARTS,
  NUMBER_NAME,
  ADDRESS_WORDS,
  INITIALS,
  FUNCTION_WORDS,
  PERSONAL_TITLES,
} from './vocabulary';
import { lowerBound } from '../sorted';
import { CANDIDATE_RULES, TOKEN_RULES, type CandidateRule, type GazetteerHit, type Scan, type TokenRule } from './rules';

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
  /** The rule that made it (rules.ts), recorded only when explaining. */
  rule?: string;
}

export interface Recognized {
  candidates: Candidate[];
  /** Long form ↔ acronym pairs seen as "Long Name (ACRO)". */
  acronyms: [string, string][];
  /** Spans judged not to be names (products, codes): the collection pass leaves them alone too. */
  suppressed: Span[];
}

/**
 * A name's key to what it names. `startsKey`, when the lookup has it, says whether a key is one it
 * knows or the start of one, up to a space or a hyphen (lang.gazetteerKeys holds those of the
 * gazetteer, see keyPrefixes): a longer name is then looked for only while the words so far begin
 * some key, instead of at every word up to MAX_GAZ.
 */
export type Lookup = ((key: string) => GazetteerEntry | undefined) & { startsKey?: (key: string) => boolean };

const MAX_GAZ = 8;
const NO_HITS: GazetteerHit[] = [];
/** Which rules run (tests leave one out), and whether each candidate records the rule that made it (--explain). */
export interface RecognizeOptions {
  tokenRules?: readonly TokenRule[];
  candidateRules?: readonly CandidateRule[];
  explain?: boolean;
}

export function recognizeEntities(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  blocked: Span[],
  lookup: Lookup,
  opts: RecognizeOptions = {},
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
  // Whether each token follows the one before it after spaces only, looked up instead of read again at every test.
  const spacedFromPrevious = new Uint8Array(tokens.length);
  for (let k = 1; k < tokens.length; k++) spacedFromPrevious[k] = onlySpaces(text, tokens[k - 1].end, tokens[k].start) ? 1 : 0;
  const joinable = (a: Token, b: Token) => (b.index === a.index + 1 ? spacedFromPrevious[b.index] === 1 : onlySpaces(text, a.end, b.start));
  /** An abbreviation glued to what follows by a dot, with or without spaces: "TP.Móng Cái", "TP. Buôn Ma Thuột", "L.T. T". */
  const dotJoined = (a: Token, b: Token) =>
    b.start > a.end && text.charCodeAt(a.end) === 0x2e && (b.start === a.end + 1 || onlySpaces(text, a.end + 1, b.start));
  /** Line or sentence start just before a token, judged from a few characters. */
  const afterBreak = (t: Token) => t.start === 0 || /(?:^|[.!?:;…"“(\n])\s*$/u.test(text.slice(Math.max(0, t.start - 4), t.start));
  const keyOf = (from: number, to: number) => {
    let key = tokens[from].lower;
    for (let k = from + 1; k < to; k++) key = `${key} ${tokens[k].lower}`;
    return key;
  };
  /** Last syllables of the Vietnamese persons' full names found so far: "Hùng" alone is Nguyễn Duy Hùng. */
  const givenOfNamed = new Set<string>();
  /** Their last two syllables: "Xuân Trường" after Lương Xuân Trường is the person, not the district. */
  const tailsOfNamed = new Set<string>();

  // For each token, the tries (firstWordIndex) with a phrase its word starts.
  const firstWordOf = new Int32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) firstWordOf[k] = FIRST_WORDS.get(tokens[k].lower) ?? 0;
  const startsPhrase = (k: number, trie: PhraseNode) => (trie.bit === undefined ? trie.next.has(tokens[k].lower) : (firstWordOf[k] & trie.bit) !== 0);

  /** Longest phrase passing `test` at token i whose words are separated by spaces; `trie` holds every such phrase. */
  const matchPhrase = (i: number, max: number, trie: PhraseNode, test: (k: string) => boolean, end = tokens.length): number => {
    if (i >= tokens.length || !startsPhrase(i, trie)) return 0;
    let best = 0;
    let node: PhraseNode | undefined = trie;
    for (let n = 1; n <= max && i + n <= end; n++) {
      const t = tokens[i + n - 1];
      if (n > 1 && !joinable(tokens[i + n - 2], t)) break;
      if (isBlocked(t)) break;
      node = node.next.get(t.lower);
      if (!node) break;
      if (node.terminal && test(node.key)) best = n;
    }
    return best;
  };

  /** hyphenSeparator between token k and the one before, worked out once (-1 while not yet known). */
  const hyphenAt = new Int8Array(tokens.length).fill(-1);
  const hyphenBefore = (k: number): '' | '-' | ' ' => {
    let h = hyphenAt[k];
    if (h < 0) {
      const sep = hyphenSeparator(text, tokens[k - 1].end, tokens[k].start);
      h = hyphenAt[k] = sep === '' ? 0 : sep === '-' ? 1 : 2;
    }
    return h === 0 ? '' : h === 1 ? '-' : ' ';
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

  // "Bà Rịa-Vũng Tàu", "Thừa Thiên - Huế" are one name: words may be joined by a hyphen too.
  const sepBefore = (k: number) => (spacedFromPrevious[k] === 1 ? ' ' : hyphenBefore(k));

  /** Every gazetteer name at token i, shortest first: some word capitalised, or every word foreign. */
  const gazetteerHits = (i: number): GazetteerHit[] => {
    // The key of the first keyWords tokens, extended only when a lookup needs it.
    let key = '';
    let keyWords = 0;
    const startsKey = lookup.startsKey;
    if (startsKey && !startsKey(tokens[i].lower)) return NO_HITS;
    let found: GazetteerHit[] | undefined;
    let anyCap = false;
    let allForeign = true;
    for (let n = 1; n <= MAX_GAZ && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1];
      if (n > 1 && !sepBefore(i + n - 1)) break;
      if (isBlocked(t)) break;
      anyCap ||= t.cap;
      allForeign &&= t.foreign;
      // Neither can come back for a longer key, but a later word can still be capitalised.
      if (!anyCap && !allForeign) continue;
      for (; keyWords < n; keyWords++) key = keyWords === 0 ? tokens[i].lower : `${key}${sepBefore(i + keyWords)}${tokens[i + keyWords].lower}`;
      // A longer key goes on from this one after a space or a hyphen, so startsKey would accept this one too.
      if (startsKey && !startsKey(key)) break;
      const entry = lookup(key);
      if (!entry) continue;
      const first = tokens[i];
      const startOk = first.cap || first.foreign || first.upper || entry?.lowerStart;
      // "UN", "WHO", "IS" are names only in capitals; "Trung", "Việt" only in compounds ("Mỹ-Trung").
      const caseOk = !entry?.upperOnly || tokens.slice(i, i + n).every((x) => x.upper);
      const compoundOk =
        !lang.compoundOnly.has(key) || /[-–]\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start)) || /^\s*[-–]/.test(text.slice(t.end, t.end + 3));
      if (!compoundOk) continue;
      if ((n > 1 || t.cap || t.foreign) && startOk && caseOk) (found ??= []).push({ n, entry });
    }
    return found ?? NO_HITS;
  };

  /** The end of a run of lower-case phrases passing `test` from token j, each joined to the one before by spaces. */
  const phraseRun = (j: number, trie: PhraseNode, max: number, test: (k: string) => boolean): number => {
    let k = j;
    while (k < tokens.length && !tokens[k].cap && (k === j || joinable(tokens[k - 1], tokens[k]))) {
      const n = matchPhrase(k, max, trie, test);
      if (!n) break;
      k += n;
    }
    return k;
  };

  /** The end of an administrative unit's name at token j: the longest listed name, else (unless `listedOnly`) a short capitalised run. */
  const adminNameEnd = (j: number, listedOnly: boolean): number => {
    const first = tokens[j];
    if (!first || !first.cap || first.upper || first.number || isBlocked(first)) return 0;
    // Listed names may hold a hyphen: "Bà Rịa - Vũng Tàu" (keys join their words with spaces).
    let key = '';
    let best = 0;
    for (let n = 1; n <= 5 && j + n <= tokens.length; n++) {
      const t = tokens[j + n - 1];
      if (n > 1 && !joinable(tokens[j + n - 2], t) && !hyphenBefore(j + n - 1)) break;
      if (!t.cap || isBlocked(t)) break;
      key = n === 1 ? t.lower : `${key} ${t.lower}`;
      if (lang.adminNames.has(key)) best = n;
    }
    if (best) {
      // "P.An Hải Tây": a direction word after a listed name belongs to an older or finer unit's name.
      const after = tokens[j + best];
      return after && after.cap && joinable(tokens[j + best - 1], after) && lang.adminNameSuffixes.has(after.lower) ? j + best + 1 : j + best;
    }
    // "tỉnh Tạ Văn Long": a person's full name after the type word is not the unit's.
    if (listedOnly || (lang.vietnameseSurnames.has(first.lower) && fullNameLength(j) >= 3)) return 0;
    let k = j + 1;
    while (
      k < tokens.length &&
      k - j < 3 &&
      tokens[k].cap &&
      !tokens[k].upper &&
      !isBlocked(tokens[k]) &&
      joinable(tokens[k - 1], tokens[k]) &&
      !looksLikeVietnameseName(k) &&
      !startsSentence(k)
    )
      k++;
    // "thôn Hạ Thanh 1": a village's number, where no counted noun follows it ("xã Tam Thanh 2 người").
    const n = tokens[k];
    const afterNumber = tokens[k + 1];
    if (
      n &&
      joinable(tokens[k - 1], n) &&
      NUMBER_NAME.test(n.text) &&
      !isBlocked(n) &&
      (!afterNumber || !joinable(n, afterNumber) || FUNCTION_WORDS.has(afterNumber.lower))
    )
      k++;
    return k;
  };

  /** A unit's type word at token i and the unit's name after it ("huyện Thạch Thất", "TP.Móng Cái"): the name's token range. */
  const adminPlaceAt = (i: number): { start: number; end: number } | undefined => {
    const t = tokens[i];
    if (!t || !startsPhrase(i, ADMIN_TRIE)) return undefined;
    const n = matchPhrase(i, ADMIN_LEN, ADMIN_TRIE, isAdminType);
    if (!n) return undefined;
    const key = keyOf(i, i + n);
    // "hàng xóm": the type word's syllable ends a compound with the word before it.
    if (i > 0 && joinable(tokens[i - 1], t) && lang.cueCompounds.has(`${tokens[i - 1].lower} ${t.lower}`)) return undefined;
    const abbreviation = lang.adminAbbreviations.has(key);
    // Abbreviations in capitals ("TP", "Q"); type words in lower case, or capitalised where a sentence or line starts.
    if (abbreviation ? !/^\p{Lu}+$/u.test(t.text) : t.cap && !afterBreak(t)) return undefined;
    const last = tokens[i + n - 1];
    const next = tokens[i + n];
    if (!next) return undefined;
    const glued = joinable(last, next) || (abbreviation && dotJoined(last, next));
    if (!glued) return undefined;
    // One-letter abbreviations ("Q.", "P.", "H.") only before a listed name, and glued by a dot.
    const short = abbreviation && key.length <= 2 && key !== 'tp';
    if (short && !dotJoined(last, next)) return undefined;
    let start = i + n;
    // "xóm 9 Bờ Đậu": a hamlet's number before its name stays outside the name (a unit named by its number alone is numberedAt's).
    const after = tokens[start + 1];
    if (!abbreviation && NUMBER_NAME.test(next.text) && !lang.numberedTypes.has(key) && after?.cap && joinable(next, after)) start++;
    const end = adminNameEnd(start, short);
    return end ? { start, end } : undefined;
  };

  /** The end of a unit named by a number at token i ("quận 2", "phường 9", "Q.1"), or 0. */
  const numberedAt = (i: number): number => {
    const t = tokens[i];
    if (!t || isBlocked(t)) return 0;
    if (t.text.length <= 8 && NUMBERED_CODE_STARTS.has(t.text.charCodeAt(0)) && lang.numberedCode.test(t.text)) return i + 1;
    if (!startsPhrase(i, NUMBERED_TRIE)) return 0;
    const n = matchPhrase(i, 2, NUMBERED_TRIE, isNumberedType);
    const next = tokens[i + n];
    if (n && next && joinable(tokens[i + n - 1], next) && NUMBER_NAME.test(next.text) && !isBlocked(next)) return i + n + 1;
    return 0;
  };

  /** "số 14" after a named part, or a number after a unit's head ("Trung đoàn Bộ binh 271"): the end, or 0. */
  const unitNumberAt = (j: number, headKey: string, components: number): number => {
    const t = tokens[j];
    const next = tokens[j + 1];
    if (!t || isBlocked(t)) return 0;
    if (t.lower === 'số' && components > 0 && next && joinable(t, next) && NUMBER_NAME.test(next.text) && !isBlocked(next)) return j + 2;
    if (lang.numberedHeads.has(headKey) && NUMBER_NAME.test(t.text)) return j + 1;
    return 0;
  };

  /** A head noun that belongs to a place's or business's name, and the name after it ("sân bay Nội Bài"). */
  const facilityAt = (i: number): { end: number; kind: EntityKind } | undefined => {
    if (!startsPhrase(i, FACILITY_TRIE)) return undefined;
    const n = matchPhrase(i, FACILITY_LEN, FACILITY_TRIE, isFacilityHead);
    if (!n) return undefined;
    // "tàu sân bay": an aircraft carrier, not an airport.
    if (i > 0 && tokens[i - 1].lower === 'tàu' && joinable(tokens[i - 1], tokens[i])) return undefined;
    // "chùa Quán Sứ": a capitalised one-syllable head inside a sentence is part of another name.
    if (n === 1 && tokens[i].cap && !afterBreak(tokens[i])) return undefined;
    const kind = lang.facilityHeads.get(keyOf(i, i + n))!;
    const k = i + n;
    const next = tokens[k];
    if (!next || !joinable(tokens[k - 1], next) || isBlocked(next) || !next.cap) return undefined;
    const g = matchGazetteer(k);
    // "cửa hàng Apple", "chợ Trung Quốc": a known organisation or a country is not the facility's own name.
    if (g && (g.entry.kind === 'organization' || g.entry.id.startsWith('country_'))) return undefined;
    let end = g ? k + g.n : k;
    for (;;) {
      while (
        end < tokens.length &&
        end - k < 5 &&
        (tokens[end].cap || tokens[end].upper) &&
        !isBlocked(tokens[end]) &&
        joinable(tokens[end - 1], tokens[end]) &&
        !startsSentence(end)
      )
        end++;
      // "sân bay Charles de Gaulle": a particle inside a foreign name.
      const p = tokens[end];
      const q = tokens[end + 1];
      if (end > k && p && q && lang.nameParticles.has(p.lower) && q.cap && q.foreign && joinable(tokens[end - 1], p) && joinable(p, q)) {
        end += 2;
        continue;
      }
      break;
    }
    return { end, kind };
  };

  /** A word that only starts sentences ("Theo", "Tuy nhiên", "Sau đó") at token j, not joined to a capital after it. */
  function startsSentence(j: number): boolean {
    const t = tokens[j];
    if (!t.cap || !startsPhrase(j, STARTER_TRIE)) return false;
    const n = matchPhrase(j, STARTER_LEN, STARTER_TRIE, isStarter);
    if (!n) return false;
    const after = tokens[j + n];
    return !after || !after.cap || !joinable(tokens[j + n - 1], after);
  }

  /**
   * After an organisation, "chi nhánh" and a place, or (after a known one, `named` false) a district's name alone: the end
   * of the branch's name, or 0. "Ngân hàng Nông nghiệp … - chi nhánh Bình Chánh": the branch may follow a spaced dash.
   */
  function branchEnd(k: number, named = false): number {
    const t = tokens[k];
    if (!t || isBlocked(t)) return 0;
    const says = t.lower === 'chi' && tokens[k + 1]?.lower === 'nhánh' && joinable(t, tokens[k + 1]);
    if (!(joinable(tokens[k - 1], t) || (says && hyphenBefore(k) === ' ')) || (named && !says)) return 0;
    const from = says ? k + 2 : k;
    const a = tokens[from];
    if (!a || !a.cap || (from > k && !joinable(tokens[from - 1], a))) return 0;
    for (let n = Math.min(4, tokens.length - from); n >= 2; n--) {
      if (!tokens.slice(from + 1, from + n).every((x, m) => x.cap && joinable(tokens[from + m], x))) continue;
      if (lang.districtNames.has(keyOf(from, from + n))) return from + n;
    }
    if (from > k) {
      const unit = adminPlaceAt(from);
      if (unit) return unit.end;
      const g = matchGazetteer(from);
      if (g && g.entry.kind === 'location') return from + g.n;
    }
    return 0;
  }

  /** "Theo Công an TP Cam Ranh": an organisation's head noun inside a capitalised run starts the organisation. */
  function orgHeadAhead(j: number): boolean {
    const t = tokens[j];
    if (!t.cap || !startsPhrase(j, HEAD_TRIE)) return false;
    // Only after words that start sentences or are plain words ("Theo", "Hiện"), not inside a person's name ("Lê Trường Lưu").
    for (let k = j - 1; k >= 0 && k >= j - 2 && tokens[k].cap && (k === j - 1 || joinable(tokens[k], tokens[k + 1])); k--) {
      if (!startsPhrase(k, STARTER_TRIE) && !lang.commonWords.has(tokens[k].lower)) return false;
      if (k === 0 || !tokens[k - 1].cap || !joinable(tokens[k - 1], tokens[k])) return matchOrgHead(j) > 0;
    }
    return false;
  }

  /** "ông al-Sisi", "Thái tử bin Salman": a particle starts a foreign name after a person's title. */
  function particleStart(i: number): boolean {
    const hint = scan.hint;
    if (hint?.at !== i || hint.kind !== 'person') return false;
    const t = tokens[i];
    if (/^\p{Ll}{1,3}-\p{Lu}/u.test(t.text)) return lang.nameParticles.has(t.lower.split('-')[0]);
    const q = tokens[i + 1];
    return lang.nameParticles.has(t.lower) && !!q && q.cap && q.foreign && joinable(t, q);
  }

  /** "Bộ Ngoại giao Mỹ", "Hội đồng Bảo an Liên Hợp Quốc", "Đại học liên bang Viễn Đông". */
  const matchOrgHead = (i: number): number => {
    if (!tokens[i].cap) return 0;
    const h = matchPhrase(i, HEAD_LEN, HEAD_TRIE, isOrgHead);
    if (!h) return 0;
    // "Đài Loan": a head noun that starts a known place's name is that place.
    const place = matchGazetteer(i);
    if (place && place.entry.kind === 'location' && place.n >= h) return 0;
    // "Đoàn Văn Chuyên": a family name and two given names are a person, though "đoàn" heads organisations.
    if (h === 1 && lang.vietnameseSurnames.has(tokens[i].lower) && fullNameLength(i) >= 3) return 0;
    const headKey = keyOf(i, i + h);
    const personNamed = lang.personNamedHeads.has(headKey);
    let j = i + h;
    let components = 0;
    while (j < tokens.length && joinable(tokens[j - 1], tokens[j]) && !isBlocked(tokens[j])) {
      const t = tokens[j];
      // "Công an tỉnh Cà Mau", "UBND huyện Thanh Trì", "Cảnh sát PCCC quận 9": a unit ends the organisation's name.
      if (!matchGazetteer(j)) {
        const unit = adminPlaceAt(j);
        const numbered = unit ? 0 : numberedAt(j);
        if (unit || numbered) {
          j = unit ? unit.end : numbered;
          components++;
          break;
        }
      }
      // "Đội Cảnh sát giao thông số 14", "Trung đoàn Bộ binh 271": a number ends it too.
      const numberEnd = unitNumberAt(j, headKey, components);
      if (numberEnd) {
        j = numberEnd;
        components++;
        break;
      }
      // "Công ty CP Sữa Việt Nam", "Ngân hàng TMCP Ngoại thương": the legal form is part of the name.
      const legal = matchPhrase(j, 3, LEGAL_TRIE, isLegalForm);
      if (legal) {
        // "Ngân hàng TMCP Đầu tư và Phát triển": a capitalised legal word of two syllables is a part of the name.
        if (legal >= 2 && t.cap) components++;
        j += legal;
        continue;
      }
      if (!t.cap) {
        // "Đầu tư và Phát triển": "và" joins two capitalised parts, not two organisations ("Bộ Y tế và Bộ Công an").
        const nx = tokens[j + 1];
        const nx2 = tokens[j + 2];
        if (
          t.lower === 'và' &&
          components > 0 &&
          nx &&
          nx2 &&
          nx.cap &&
          joinable(t, nx) &&
          joinable(nx, nx2) &&
          lang.orgNameWords.has(`${nx.lower} ${nx2.lower}`) &&
          !matchPhrase(j + 1, HEAD_LEN, HEAD_TRIE, isOrgHead)
        ) {
          j++;
          continue;
        }
        // Lower-case descriptors before the capitalised part, a unit or a number: "Ủy ban chứng khoán Nhà nước".
        const m = phraseRun(j, LOWER_NAME_TRIE, LOWER_NAME_LEN, isLowerNameWord);
        if (m > j) {
          const after = tokens[m];
          // "Dàn nhạc giao hưởng Việt Nam", "Quân đội nhân dân Việt Nam": descriptors and a country name the
          // body (the outermost name wins); only "của" before the country makes them a description.
          const goesOn =
            after &&
            joinable(tokens[m - 1], after) &&
            !isBlocked(after) &&
            ((after.cap && !looksLikeVietnameseName(m)) || !!adminPlaceAt(m) || !!numberedAt(m) || !!unitNumberAt(m, headKey, 1));
          if (goesOn) {
            j = m;
            continue;
          }
        }
        // "Bộ Tư lệnh Cảnh sát biển": a few descriptors may end the name.
        // So may they after a head with a capitalised word after its first ("Phòng Cảnh sát kinh tế").
        const namedHead = h >= 2 && tokens.slice(i + 1, i + h).some((x) => x.cap);
        const trailing = components > 0 || namedHead ? phraseRun(j, TRAILING_TRIE, TRAILING_LEN, isTrailingNameWord) : j;
        if (trailing > j && components === 0) components++;
        if (trailing > j) j = trailing;
        break;
      }
      const pair = tokens[j + 1] && !tokens[j + 1].cap && joinable(t, tokens[j + 1]) ? `${t.lower} ${tokens[j + 1].lower}` : '';
      const g = lang.orgNameWords.has(pair) ? undefined : matchGazetteer(j);
      if (g) {
        // "Công ty Apple", "tập đoàn Samsung": the head only describes a name the gazetteer knows.
        if (components === 0 && g.entry.kind === 'organization' && lang.orgDescriptors.has(headKey)) return 0;
        j += g.n;
        components++;
        // Vietnamese organisation names end with their place ("Bộ Ngoại giao Mỹ"), unless a capitalised
        // descriptor follows it ("Ngân hàng TMCP Sài Gòn Công Thương").
        if (g.entry.kind === 'location') {
          const a = tokens[j];
          const b = tokens[j + 1];
          if (a && b && a.cap && b.cap && joinable(tokens[j - 1], a) && joinable(a, b) && lang.orgNameWords.has(`${a.lower} ${b.lower}`) && !matchGazetteer(j))
            continue;
          break;
        }
        continue;
      }
      if (components === 0 && (t.foreign || t.upper) && lang.orgDescriptors.has(headKey)) return 0;
      // "Ban Ki-moon": a head noun's syllable as a family name before a given name of hyphenated syllables.
      if (components === 0 && h === 1 && /^\p{Lu}\p{Ll}*-\p{Ll}+$/u.test(t.text)) return 0;
      if (lang.titleWords.has(t.lower) && components > 0) break;
      // "Bộ Ngoại giao Bùi Thanh Sơn": a Vietnamese family name and given names end the organisation ("Công Thương" does not).
      const capPair = tokens[j + 1] && joinable(t, tokens[j + 1]) ? `${t.lower} ${tokens[j + 1].lower}` : '';
      if (components > 0 && !lang.orgNameWords.has(capPair) && looksLikeVietnameseName(j)) {
        // "Trường THPT Chu Văn An": after its level, a school's name may be a person's, and ends it.
        if (personNamed) j += vietnameseNameLength(j);
        break;
      }
      j++;
      components++;
      const next = tokens[j];
      const after = tokens[j + 1];
      // The second syllable of a component ("Ngoại giao") is taken only where the name plausibly ends or goes on.
      const pairKey = next ? `${t.lower} ${next.lower}` : '';
      const boundary =
        !after ||
        !joinable(next, after) ||
        after.cap ||
        FUNCTION_WORDS.has(after.lower) ||
        lang.attributionCues.has(after.lower) ||
        lang.firstCueWords.has(after.lower) ||
        NUMBER_NAME.test(after.text) ||
        lang.orgNameWords.has(pairKey) ||
        lang.lowerNameWords.has(pairKey);
      // In a run of capitalised syllables ("Sử Thành Phú thi công") the name has ended: no lower-case syllable joins it.
      const inCapitalRun = j - 2 >= i + h && tokens[j - 2].cap && !lang.orgNameWords.has(pairKey) && !lang.lowerNameWords.has(pairKey);
      if (
        next &&
        boundary &&
        !inCapitalRun &&
        !t.foreign &&
        !t.upper &&
        !next.cap &&
        !isBlocked(next) &&
        joinable(t, next) &&
        !FUNCTION_WORDS.has(next.lower) &&
        !lang.attributionCues.has(next.lower) &&
        !next.foreign &&
        !next.number
      )
        j++;
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
  // isInitial(i), worked out when first asked: it matters for few tokens.
  let initialOf = -1;
  let initialAnswer = false;
  const isInitial = (i: number) => {
    if (initialOf !== i) {
      initialOf = i;
      initialAnswer = isSentenceInitial(text, sentenceOf(tokens[i]), tokens[i]);
    }
    return initialAnswer;
  };
  const scan: Scan = {
    text,
    tokens,
    lookup,
    hint: undefined,
    candidates,
    acronyms,
    suppressed,
    rule: '',
    explaining: !!opts.explain,
    isBlocked,
    isInitial,
    joinable,
    keyOf,
    matchPhrase,
    matchGazetteer,
    matchOrgHead,
    looksLikeVietnameseName,
    vietnameseNameAhead,
    branchEnd,
    numberedAt,
    facilityAt,
    adminPlaceAt,
    fullNameLength,
    skipPortfolio,
    startsSentence,
    orgHeadAhead,
    particleStart,
    hyphenBefore,
    dotJoined,
    inTitleCaseLine: (t) => titleCase.has(lineStartOf(t.start)),
    segmentRun,
    emit,
  };
  const tokenRules = opts.tokenRules ?? TOKEN_RULES;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    let next = -1;
    if (!isBlocked(t) && !t.number) {
      for (const rule of tokenRules) {
        scan.rule = rule.name;
        next = rule.apply(scan, i);
        if (next >= 0) break;
      }
    }
    i = next >= 0 ? next : i + 1;
  }
  for (const rule of opts.candidateRules ?? CANDIDATE_RULES) rule.apply(scan);
  return { candidates, acronyms, suppressed };

  /** The number of capitalised Vietnamese syllables from token j on (at most four), joined by spaces. */
  function fullNameLength(j: number): number {
    let k = j + 1;
    while (k < tokens.length && k - j < 4 && tokens[k].cap && !tokens[k].foreign && !tokens[k].upper && joinable(tokens[k - 1], tokens[k])) k++;
    return k - j;
  }

  /** The syllables of the Vietnamese full name at token j, not running into a second one ("Chu Văn An Nguyễn Văn B"). */
  function vietnameseNameLength(j: number): number {
    const n = fullNameLength(j);
    return n === 4 && lang.vietnameseSurnames.has(tokens[j + 3].lower) && looksLikeVietnameseName(j + 3) ? 3 : n;
  }

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
    // "giám đốc Bệnh viện Bạch Mai", "giám đốc Công ty Xây dựng Hòa Bình": an organisation with its name is no portfolio.
    if (!lang.orgNameWords.has(`${a.lower} ${b.lower}`) && matchOrgHead(at) > 2) return at;
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
    const hint = scan.hint;
    // "chị L.T. T": initials after a personal title are one anonymised person, though "L.T" reads as an acronym.
    if (
      hint?.kind === 'person' &&
      hint.at === from &&
      lang.anonymisingTitles.has(hint.title) &&
      from > 0 &&
      joinable(tokens[from - 1], tokens[from]) &&
      tokens.slice(from, to).every((x) => INITIALS.test(x.text))
    ) {
      emit(from, to, { kind: 'person', strength: 1, title: hint.title, origin: 'initials after a title' });
      return;
    }
    // "MINH ANH" alone on the last line: a byline in capitals, not two acronyms.
    if (to - from >= 2 && to - from <= 4 && tokens.slice(from, to).every((x) => x.upper && !x.foreign) && lastLine(from, to)) {
      emit(from, to, { kind: 'person', strength: 2, origin: 'byline' });
      return;
    }
    const lastWord = tokens[to - 1].lower;
    if (
      to - from > 1 &&
      lang.englishOrgWords.has(lastWord) &&
      tokens.slice(from, to).every((x) => x.foreign || x.upper || lookup(x.lower) || lang.englishStopWords.has(x.lower))
    ) {
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
      let initialRun = initial && start === from;
      // "chị L.T. T", "bệnh nhân T", "anh N.V.A": initials after a personal title stand for a person kept anonymous.
      if (hintUsable?.kind === 'person' && lang.anonymisingTitles.has(hintUsable.title) && tokens.slice(start, end).every((x) => INITIALS.test(x.text))) {
        // Weak, so that the collection does not look for "T" as a known name elsewhere.
        emit(start, end, { kind: 'person', strength: 1, title: hintUsable.title, origin: 'initials after a title' });
        hintUsable = undefined;
        return;
      }
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
      const credit = creditKind(start);
      // "Đức Trung (Theo Reuters)", a name alone on the article's last line ("MINH ANH", "T.N"): the byline's author.
      const after = text.slice(tokens[end - 1].end);
      const byline = /^\s*\((?:theo|nguồn)\s/iu.test(after.slice(0, 12)) || (end - start <= 4 && lastLine(start, end));
      if (
        byline &&
        !credit &&
        !kind &&
        run.every((x) => INITIALS.test(x.text) || (x.upper && !x.foreign)) &&
        run.some((x) => x.upper || x.text.includes('.'))
      ) {
        emit(start, end, { kind: 'person', strength: 2, origin: 'byline' });
        return;
      }
      // "PC45": a police department named by its code.
      if (!kind && run.length === 1 && lang.unitCode.test(run[0].text)) {
        emit(start, end, { kind: 'organization', strength: 2, origin: 'unit code' });
        return;
      }
      // "Quyết định 264/QĐ-UBND": a document's code after its number.
      if (tokens[start].start > 0 && text.charCodeAt(tokens[start].start - 1) === 0x2f) return;
      // Codes, units, single letters ("MS804", "USD", "tia X") and headings in capitals are not names.
      if (run.some((x) => /\d/.test(x.text) && /\p{L}/u.test(x.text)) || (run.length === 1 && run[0].text.replace(/[^\p{L}]/gu, '').length < 2)) return;
      // "Nguyễn Thị V": a Vietnamese name's last initial is no Roman numeral.
      const initialled = run.length >= 2 && lang.vietnameseSurnames.has(run[0].lower) && run[run.length - 1].text.length === 1;
      if (run.some((x, n) => lang.notNames.has(x.text) || (/^[IVXLC]{1,6}$/.test(x.text) && !(initialled && n === run.length - 1)))) return;
      // Initials of a person kept anonymous ("chị C.T.H") and English titles of works ("Only the End") are not names here.
      if (run.some((x) => /^(?:\p{Lu}\.){1,5}\p{Lu}?\.?$/u.test(x.text))) return;
      if (!kind && run.length > 1 && run.some((x) => lang.englishStopWords.has(x.lower))) return;
      if (run.length > 1 && run.every((x) => x.upper && !x.foreign)) return;
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
      } else if (!kind && run.length <= 4 && !run.some((x) => x.foreign || x.upper) && houseNumberBefore(start)) {
        // "số 16 Tông Đản", "địa chỉ 123 Lê Thanh Nghị": after a house number, a street named after a person.
        kind = 'location';
        strength = 2;
        origin = 'address';
      } else if (
        !kind &&
        run.length >= 2 &&
        run.length <= 4 &&
        lang.districtNames.has(run.map((x) => x.lower).join(' ')) &&
        !tailsOfNamed.has(run.map((x) => x.lower).join(' '))
      ) {
        // "Hoàng Mai", "Thạch Thất": a district's or province's name is a place, though it looks like a person's.
        // Weak: where the collection knows the words as a person's name ("Xuân Trường"), that wins.
        kind = 'location';
        origin = 'district';
      } else if (
        !kind &&
        run.length === 1 &&
        !run[0].foreign &&
        !run[0].upper &&
        givenOfNamed.has(run[0].lower) &&
        !(initialRun && lang.commonWords.has(run[0].lower))
      ) {
        // "Ra tù, Hùng về …": the given name alone of a person the article has named in full.
        kind = 'person';
        strength = 2;
        origin = 'given name of a named person';
        initialRun = false;
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
      emit(start, end, { kind, strength, title, origin, initial: initialRun });
    };
    let j = from;
    while (j < to) {
      const g = matchGazetteer(j, to);
      // An acronym inside a run ("UBND TP Đặng Việt Dũng", "ĐT Mỹ") stands on its own.
      const acronymEdge = (tokens[j].upper && to - from > 1 && !g) || (unknownStart >= 0 && tokens[j - 1]?.upper && !tokens[j].upper);
      if (acronymEdge && unknownStart >= 0) flush(j);
      // A one-word place joins a Vietnamese name ("Lê Anh"), not a foreign one ("Balkan Montenegro").
      const absorbable = unknownStart >= 0 && upperBefore[j] === upperBefore[unknownStart];
      const personal =
        j === from && hintUsable?.kind === 'person' && g?.n === 1 && g.entry.kind === 'location' && !tokens[j].foreign && PERSONAL_TITLES.has(hintUsable.title);
      if (
        g &&
        !personal &&
        (g.n > 1 || unknownStart < 0 || !absorbable) &&
        !(initial && j === from && g.n === 1 && lang.commonWords.has(tokens[j].lower)) &&
        !vietnameseNameAhead(j, g.n)
      ) {
        flush(j);
        emit(j, j + g.n, { kind: g.entry.kind, strength: 3, origin: g.entry.origin, id: g.entry.id });
        j += g.n;
        continue;
      }
      const placeNext = j + 1 < to && matchGazetteer(j + 1, to) && !matchGazetteer(j, to);
      if (
        unknownStart < 0 &&
        lang.commonWords.has(tokens[j].lower) &&
        !tokens[j].foreign &&
        ((initial && j === from) || (j + 1 < to && tokens[j + 1].foreign) || placeNext)
      ) {
        j++;
        continue;
      }
      // Inside a capitalised run only person titles and abbreviations ("TP", "UBND") are cues: "Hồ", "Núi" are parts of names.
      const title =
        unknownStart < 0
          ? matchPhrase(
              j,
              TITLE_LEN,
              TITLE_TRIE,
              (k) =>
                (lang.titleWords.has(k) && (k.includes(' ') || tokens[j].upper)) ||
                ((lang.locationCues.has(k) || lang.orgDescriptors.has(k)) && tokens[j].upper),
              to,
            )
          : 0;
      if (title && j + title < to && !(tokens[j].upper && tokens[j].text.length > 2 && lang.orgDescriptors.has(tokens[j].lower))) {
        const key = keyOf(j, j + title);
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

  /** A house number ("16", "123A", "12/3") just before token k, itself after "số", "nhà", "tại", "ở" or "địa chỉ". */
  function houseNumberBefore(k: number): boolean {
    const n = tokens[k - 1];
    const w = tokens[k - 2];
    if (!n || !w || isBlocked(n) || !joinable(n, tokens[k]) || !/^\d{1,4}[A-Z]?(?:\/\d{1,4}[A-Z]?)*$/u.test(text.slice(n.start, tokens[k].start).trim()))
      return false;
    return joinable(w, n) && ADDRESS_WORDS.has(w.lower);
  }

  /** Tokens [from, to) are alone on the article's last line. */
  function lastLine(from: number, to: number): boolean {
    return !/\S/.test(text.slice(tokens[to - 1].end)) && /(?:^|\n)\s*$/.test(text.slice(Math.max(0, tokens[from].start - 4), tokens[from].start));
  }

  /** "Ảnh: KCNA" and "(Theo Reuters, Japan Times)" credit organisations. */
  function creditKind(i: number): string | undefined {
    // The credit marker is near: look back within the line, at most 120 characters.
    const lineStart = Math.max(lineStartOf(tokens[i].start), tokens[i].start - 120);
    const before = text.slice(lineStart, tokens[i].start);
    // The pattern needs the colon: most lines have none, and are not read once for each place the pattern could start.
    if (before.includes(':') && /(?:^|[\s.])(?:Ảnh|Nguồn|Video|Clip|Đồ họa)\s*:\s*(?:[\p{L}\s.,]*[,/]\s*)?$/u.test(before)) return 'credit';
    const open = before.lastIndexOf('(');
    if (open >= 0 && !before.slice(open).includes(')') && /^\(\s*(?:theo|nguồn)\s/iu.test(before.slice(open))) return 'credit';
    return undefined;
  }

  function emit(from: number, to: number, c: Partial<Candidate>): void {
    const first = tokens[from];
    const last = tokens[to - 1];
    const run = tokens.slice(from, to);
    const before = from > 0 ? tokens[from - 1].lower : undefined;
    // The one or two words after the name: a speech verb there ("nói", "cho biết") or an auxiliary before one ("đã nói").
    const next = tokens[to] && joinable(last, tokens[to]) ? tokens[to] : undefined;
    const second = next && tokens[to + 1];
    const cue =
      !!next &&
      lang.firstCueWords.has(next.lower) &&
      (lang.attributionCues.has(next.lower) || (!!second && lang.attributionCues.has(`${next.lower} ${second.lower}`)));
    const speaker = cue || (!!second && SPEECH_AUXILIARIES.has(next.lower));
    if (c.kind === 'person' && to - from >= 2 && lang.vietnameseSurnames.has(first.lower) && run.every((x) => !x.foreign && !x.upper)) {
      givenOfNamed.add(last.lower);
      if (to - from >= 3) tailsOfNamed.add(`${tokens[to - 2].lower} ${last.lower}`);
    }
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
      ...(scan.explaining ? { rule: scan.rule } : {}),
    });
  }
}

/** The separator a name's key uses for a hyphen between two words: "-" for "Rịa-Vũng", " " for "Thiên - Huế"; '' if there is none. */
function hyphenSeparator(text: string, from: number, to: number): '' | '-' | ' ' {
  if (to - from > 5) return '';
  const s = text.slice(from, to);
  if (s === '-' || s === '‐' || s === '‑') return '-';
  return /^[ \t\u00a0]+[-–][ \t\u00a0]+$/u.test(s) ? ' ' : '';
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
  if (from === sentence.start && /^[\s"“‘'(«[\-–—•*]*$/u.test(before)) return true;
  return /(?:[.!?:;…]|["“”]|\n)\s*["“‘'(«\-–]?\s*$/u.test(before) && !/,\s*$/.test(before);
}

/** Start offset of the line holding an offset, by binary search over the line breaks. */
function lineStarts(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    const lo = lowerBound(breaks, offset);
    return lo === 0 ? 0 : breaks[lo - 1] + 1;
  };
}
