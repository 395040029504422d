/**
 * The recognizer's rules, in the order they run. At each token the token rules are tried in turn,
 * and the first that applies decides what starts there (a name with its span and kind, a cue that
 * types the name after it, or words that are no name) and where the scan goes on; after the scan
 * the candidate rules revise what was found with what lies between candidates. Each rule says what
 * it looks at and what it decides, with a sentence that shows it (test/unit/entityRules.test.ts runs
 * each without the rule too). `--explain` on the CLI names the rule behind each mention.
 *
 * What the rules share (the tokens, the gazetteer's hits, the phrase tries, the cue the scan saw
 * last) is worked out once per article by recognizeEntities and handed to them as a Scan.
 */
import type { EntityKind, Span } from '../types';
import type { Token } from '../text/tokens';
import { lang, phraseKey, type GazetteerEntry } from '../lang/knowledge';
import type { PhraseNode } from './phrases';
import {
  COMPOUND_TRIE,
  DEPARTMENT_LEN,
  DEPARTMENT_TRIE,
  FUNCTION_WORDS,
  INITIALS,
  isCompound,
  isDepartment,
  isProductClassifier,
  isTitleOrCue,
  NUMBER_NAME,
  PERSONAL_TITLES,
  PRODUCT_TRIE,
  TITLE_LEN,
  TITLE_TRIE,
} from './vocabulary';
import type { Candidate } from './recognize';

/** A cue the scan has just read: the kind it gives the name starting at token `at`. */
export interface Hint {
  kind: EntityKind;
  title: string;
  at: number;
  /** A product word ("chiếc", "tàu"): what follows names a product, not its maker. */
  product?: boolean;
}

/** A gazetteer name of n tokens. */
export interface GazetteerHit {
  n: number;
  entry: GazetteerEntry;
}

/** One article as the rules see it. */
export interface Scan {
  readonly text: string;
  readonly tokens: Token[];
  readonly lookup: (key: string) => GazetteerEntry | undefined;
  /** The cue read last, if any. */
  hint: Hint | undefined;
  readonly candidates: Candidate[];
  readonly acronyms: [string, string][];
  readonly suppressed: Span[];
  /** The rule running, which emit() records when explaining (--explain). */
  rule: string;
  readonly explaining: boolean;
  isBlocked(t: Token): boolean;
  /** Token i starts its sentence. */
  isInitial(i: number): boolean;
  joinable(a: Token, b: Token): boolean;
  keyOf(from: number, to: number): string;
  matchPhrase(i: number, max: number, trie: PhraseNode, test: (k: string) => boolean, end?: number): number;
  matchGazetteer(i: number, end?: number): GazetteerHit | undefined;
  matchOrgHead(i: number): number;
  looksLikeVietnameseName(j: number): boolean;
  vietnameseNameAhead(i: number, n: number): boolean;
  branchEnd(k: number, named?: boolean): number;
  numberedAt(i: number): number;
  facilityAt(i: number): { end: number; kind: EntityKind } | undefined;
  adminPlaceAt(i: number): { start: number; end: number } | undefined;
  fullNameLength(j: number): number;
  skipPortfolio(at: number): number;
  startsSentence(j: number): boolean;
  orgHeadAhead(j: number): boolean;
  particleStart(i: number): boolean;
  hyphenBefore(k: number): '' | '-' | ' ';
  dotJoined(a: Token, b: Token): boolean;
  /** The token is on a Title Case line (a headline), where capitals say nothing. */
  inTitleCaseLine(t: Token): boolean;
  /** Splits a run of capitalised words into names and types each (recognize.ts). */
  segmentRun(from: number, to: number, initial: boolean): void;
  emit(from: number, to: number, c: Partial<Candidate>): void;
}

/**
 * A sentence that shows a rule, and the candidates the recognizer finds in it (the words that start
 * a sentence left out), with their kinds (null: left to the collection). Without the rule it finds
 * something else.
 */
export interface RuleExample {
  text: string;
  names: [string, EntityKind | null][];
}

export interface TokenRule {
  name: string;
  looksAt: string;
  decides: string;
  example: RuleExample;
  /** The token to go on from when the rule applies at token i, else -1. */
  apply(s: Scan, i: number): number;
}

export interface CandidateRule {
  name: string;
  looksAt: string;
  decides: string;
  example: RuleExample;
  apply(s: Scan): void;
}

const isPersonTitle = (k: string) => lang.titleWords.has(k);

const headNoun: TokenRule = {
  name: 'head noun',
  looksAt: 'an organisation head noun ("Bộ", "Công ty", "Hội đồng") and the words of its name after it',
  decides: 'an organisation, longer than any gazetteer name at the same token',
  example: { text: 'Ông cho biết Công ty Cổ phần Xây dựng Hòa Bình đã trúng thầu.', names: [['Công ty Cổ phần Xây dựng Hòa Bình', 'organization']] },
  apply(s, i) {
    // "ông Đoàn Anh Tuấn": after a person's title a family name is no organisation's head noun ("đoàn").
    const o = s.hint?.kind === 'person' && s.hint.at === i && s.looksLikeVietnameseName(i) ? 0 : s.matchOrgHead(i);
    if (!o) return -1;
    const g = s.matchGazetteer(i);
    if (g && o <= g.n) return -1;
    // "Ngân hàng Nông nghiệp và Phát triển nông thôn - chi nhánh Bình Chánh": the branch is part of the name.
    const end = s.branchEnd(i + o, true) || i + o;
    s.emit(i, end, { kind: 'organization', strength: 2, origin: 'head noun' });
    return end;
  },
};

const knownName: TokenRule = {
  name: 'known name',
  looksAt: 'the gazetteer and the registry (the longest name at the token), and a branch named after a known organisation',
  decides: 'the name with its kind and id, strongly',
  example: { text: 'Ông cho biết Vietcombank chi nhánh Hà Nội đã giải ngân.', names: [['Vietcombank chi nhánh Hà Nội', 'organization']] },
  apply(s, i) {
    const g = s.matchGazetteer(i);
    if (!g) return -1;
    const t = s.tokens[i];
    const hint = s.hint;
    // "chị Huế", "anh Hải": after a personal title, a one-word place is a person's given name.
    const personAfterTitle =
      g.n === 1 && g.entry.kind === 'location' && !t.foreign && hint && hint.at === i && hint.kind === 'person' && PERSONAL_TITLES.has(hint.title);
    // "chiếc Airbus A320": a maker's name after a product word names the product.
    const productMaker = g.entry.kind === 'organization' && hint?.product && hint.at === i;
    if (personAfterTitle || productMaker || (g.n === 1 && lang.commonWords.has(t.lower) && s.isInitial(i)) || s.vietnameseNameAhead(i, g.n)) return -1;
    // "Thái tử bin Salman", "Nga hoàng": a person's title that starts with a place's name is the title.
    if (g.n === 1 && s.matchPhrase(i, TITLE_LEN, TITLE_TRIE, isPersonTitle) > 1) return -1;
    // "Agribank Bình Chánh", "Vietcombank chi nhánh Hà Nội": a known organisation's branch is named with its place.
    const branch = g.entry.kind === 'organization' ? s.branchEnd(i + g.n) : 0;
    if (branch) {
      s.emit(i, branch, { kind: 'organization', strength: 2, origin: 'branch' });
      return branch;
    }
    s.emit(i, i + g.n, { kind: g.entry.kind, strength: 3, origin: g.entry.origin, id: g.entry.id });
    return i + g.n;
  },
};

const numberedUnit: TokenRule = {
  name: 'numbered unit',
  looksAt: 'a unit type word and a number ("quận 2", "phường 9"), or a unit code ("Q.1")',
  decides: 'a place named by its number, type word included',
  example: { text: 'Vụ cháy xảy ra tại một căn nhà ở quận 3 vào tối qua.', names: [['quận 3', 'location']] },
  apply(s, i) {
    const numbered = s.numberedAt(i);
    if (!numbered) return -1;
    s.emit(i, numbered, { kind: 'location', strength: 2, origin: 'numbered unit' });
    return numbered;
  },
};

const facility: TokenRule = {
  name: 'facility',
  looksAt: 'a facility head noun ("sân bay", "chợ", "khách sạn") and the capitalised name after it',
  decides: 'one name with its head noun: a place or a business',
  example: { text: 'Hành khách chờ nhiều giờ ở sân bay Nội Bài vì thời tiết xấu.', names: [['sân bay Nội Bài', 'location']] },
  apply(s, i) {
    const f = s.facilityAt(i);
    if (!f) return -1;
    s.emit(i, f.end, { kind: f.kind, strength: 2, origin: 'facility' });
    return f.end;
  },
};

const department: TokenRule = {
  name: 'department',
  looksAt: 'a department\'s head word ("khoa") and a listed speciality written with a capital after it ("Cấp cứu", "Hồi sức tích cực")',
  decides: 'a hospital\'s or a faculty\'s department, an organisation ("khoa cấp cứu" in lower case is no name)',
  example: { text: 'Bệnh nhân được chuyển lên Khoa Hồi sức tích cực trong đêm.', names: [['Khoa Hồi sức tích cực', 'organization']] },
  apply(s, i) {
    const next = s.tokens[i + 1];
    if (!lang.departmentHeads.has(s.tokens[i].lower) || !next?.cap || !s.joinable(s.tokens[i], next)) return -1;
    const n = s.matchPhrase(i + 1, DEPARTMENT_LEN, DEPARTMENT_TRIE, isDepartment);
    if (!n) return -1;
    s.emit(i, i + 1 + n, { kind: 'organization', strength: 2, origin: 'department' });
    return i + 1 + n;
  },
};

const administrativeUnit: TokenRule = {
  name: 'administrative unit',
  looksAt: 'a unit type word ("huyện", "phường", "TP.") and the listed or capitalised name after it',
  decides: 'the unit\'s name as a place (the type word stays out, except where the name alone is a person\'s, as "thành phố Hồ Chí Minh")',
  example: { text: 'Người dân phường Hoàng Văn Thụ đã được hỗ trợ kịp thời.', names: [['Hoàng Văn Thụ', 'location']] },
  apply(s, i) {
    const unit = s.adminPlaceAt(i);
    if (!unit) return -1;
    const nameKey = s.keyOf(unit.start, unit.end);
    if (lang.notStandalone.has(nameKey)) {
      const entry = s.lookup(s.keyOf(i, unit.end)) ?? s.lookup(`thành phố ${nameKey}`);
      s.emit(i, unit.end, { kind: 'location', strength: 3, origin: entry?.origin ?? 'administrative unit', id: entry?.id });
      return unit.end;
    }
    s.emit(unit.start, unit.end, { kind: 'location', strength: 2, origin: 'administrative unit' });
    return unit.end;
  },
};

const titleOrCue: TokenRule = {
  name: 'title or cue',
  looksAt: 'a person\'s title ("Chủ tịch", "ông"), an organisation descriptor or a place cue ("đường", "tỉnh") before a name',
  decides: 'the kind of the name right after it (as a hint the next rules read); a product word makes it no name',
  example: { text: 'Hôm qua, tờ Asahi Shimbun đưa tin về vụ việc.', names: [['Asahi Shimbun', 'organization']] },
  apply(s, i) {
    const t = s.tokens[i];
    let titleLen = s.matchPhrase(i, TITLE_LEN, TITLE_TRIE, isTitleOrCue);
    // "Chủ tịch Hồ Chí Minh": after a person's title, a capitalised "Hồ" is a family name, not a lake.
    if (titleLen === 1 && t.cap && s.hint?.kind === 'person' && s.hint.at === i && !lang.titleWords.has(t.lower) && !s.isInitial(i)) titleLen = 0;
    // "yêu cầu HTX", "bệnh tiểu đường": the cue's syllable ends a compound with the word before it.
    if (titleLen && i > 0 && s.joinable(s.tokens[i - 1], t) && lang.cueCompounds.has(`${s.tokens[i - 1].lower} ${t.lower}`)) titleLen = 0;
    if (!titleLen) return -1;
    // "Chủ tịch UBND xã Tân Triều": a title that ends with an organisation's head ("chủ tịch ubnd") leaves
    // the head to the organisation when a unit follows it; "Chủ tịch UBND Nguyễn Văn Bình" keeps it.
    if (titleLen > 1 && lang.orgHeads.has(s.tokens[i + titleLen - 1].lower) && s.adminPlaceAt(i + titleLen)) titleLen--;
    const key = s.keyOf(i, i + titleLen);
    if (lang.productClassifiers.has(key)) {
      s.hint = { kind: 'person', title: key, at: i + titleLen, product: true };
      return i + titleLen;
    }
    let kind: EntityKind = lang.titleWords.has(key) ? 'person' : lang.orgDescriptors.has(key) ? 'organization' : 'location';
    let at = i + titleLen;
    // "Phó chủ tịch UBND tỉnh Tạ Văn Long": a person's full name after a unit's type word is the unit's official.
    if (
      kind === 'location' &&
      lang.adminUnitTypes.has(key) &&
      at < s.tokens.length &&
      lang.vietnameseSurnames.has(s.tokens[at].lower) &&
      s.fullNameLength(at) >= 3
    )
      kind = 'person';
    // "Bộ trưởng Hàng không Ai Cập Sherif Fathy": the portfolio belongs to the title.
    if (lang.portfolioTitles.has(key)) at = s.skipPortfolio(at);
    s.hint = { kind, title: key, at };
    return at;
  },
};

const productWord: TokenRule = {
  name: 'product word',
  looksAt: 'a product classifier ("chiếc", "dòng", "mẫu") before a capitalised run',
  decides: 'that the run names a product, which is no entity',
  example: { text: 'Hãng vừa ra mắt mẫu Galaxy Note tại thị trường trong nước.', names: [] },
  apply(s, i) {
    const product = s.matchPhrase(i, 3, PRODUCT_TRIE, isProductClassifier);
    if (!product) return -1;
    s.hint = { kind: 'person', title: '', at: i + product, product: true };
    return i + product;
  },
};

const legalReference: TokenRule = {
  name: 'legal reference',
  looksAt: 'a word that cites a part of a legal text ("Điều", "Khoản") and its number',
  decides: 'that the two are no name, whatever cue comes before ("Căn cứ Điều 3": no military base)',
  example: { text: 'Căn cứ Điều 3 của nghị định, cơ quan chức năng đã xử phạt tài xế.', names: [] },
  apply(s, i) {
    const t = s.tokens[i];
    const next = s.tokens[i + 1];
    if (!t.cap || !lang.legalReferences.has(t.lower) || !next || !s.joinable(t, next) || !/^\d/u.test(next.text)) return -1;
    return i + 2;
  },
};

const commonCompound: TokenRule = {
  name: 'common compound',
  looksAt: 'a capitalised syllable that starts a common two-syllable compound ("Quốc hội" in "đại biểu Quốc hội", "Quốc lộ")',
  decides: 'that the two syllables are no name',
  example: { text: 'Các đại biểu Quốc hội đã thảo luận ở tổ về dự án luật.', names: [] },
  apply(s, i) {
    const t = s.tokens[i];
    const next = s.tokens[i + 1];
    if (!t.cap || t.foreign || !next || next.cap || !s.joinable(t, next)) return -1;
    return s.matchPhrase(i, 2, COMPOUND_TRIE, isCompound) === 2 ? i + 2 : -1;
  },
};

const capitalisedRun: TokenRule = {
  name: 'capitalised run',
  looksAt:
    'capitalised words joined by spaces (with hyphens, initials, particles and numbers where names have them), stopping at a word that only starts sentences',
  decides:
    "the run's extent; the run is then split into names and typed (segmentRun: bylines, credits, family names, districts, given names, acronyms, the cue before it)",
  example: { text: 'Cuộc điều tra do ông Olivieri-Munroe dẫn đầu đã kết thúc.', names: [['Olivieri-Munroe', 'person']] },
  apply(s, i) {
    const { tokens, text } = s;
    const t = tokens[i];
    if (!t.cap && !t.upper && !s.particleStart(i)) return -1;
    const hint = s.hint;
    let j = i + 1;
    for (;;) {
      // "… Nguyễn Văn An Theo đó, …": a word that only starts sentences ends a run whose full stop was lost.
      while (
        j < tokens.length &&
        (tokens[j].cap || tokens[j].upper || /-\p{Lu}/u.test(tokens[j].text)) &&
        !s.isBlocked(tokens[j]) &&
        s.joinable(tokens[j - 1], tokens[j]) &&
        !(j - i >= 2 && s.startsSentence(j)) &&
        !s.orgHeadAhead(j)
      )
        j++;
      const p = tokens[j];
      const q = tokens[j + 1];
      // "Olivieri-Munroe", "Jamaat-ur-Ahrar", "Joong-Ang Ilbo": a hyphen inside a foreign name; not "Nga-Ukraine".
      if (
        p &&
        p.cap &&
        !s.isBlocked(p) &&
        text.slice(tokens[j - 1].end, p.start) === '-' &&
        (p.foreign || tokens[j - 1].foreign) &&
        !s.matchGazetteer(j) &&
        !s.matchGazetteer(j - 1)
      ) {
        j++;
        continue;
      }
      // "chị L.T. T": initials joined by a dot and a space.
      if (p && INITIALS.test(tokens[j - 1].text) && INITIALS.test(p.text) && s.dotJoined(tokens[j - 1], p)) {
        j++;
        continue;
      }
      // "cầu Kỳ Hà 3", "ấp Mỹ Thạch 3": after a place's cue, a number ending the name, where no counted noun follows ("cầu Thanh Trì 2 người").
      if (
        p &&
        hint?.kind === 'location' &&
        hint.at === i &&
        NUMBER_NAME.test(p.text) &&
        !s.isBlocked(p) &&
        s.joinable(tokens[j - 1], p) &&
        (!q || !s.joinable(p, q) || FUNCTION_WORDS.has(q.lower))
      ) {
        j++;
        break;
      }
      // "cao tốc TP.HCM - Long Thành - Dầu Giây": places joined by dashes after a route's cue are one road.
      if (p && q && hint?.kind === 'location' && hint.at === i && lang.routeCues.has(hint.title) && s.hyphenBefore(j) && p.cap) {
        j++;
        continue;
      }
      // "Rio de Janeiro", "Sharm el-Sheikh": particles inside foreign names.
      if (
        p &&
        q &&
        lang.nameParticles.has(p.lower) &&
        s.joinable(tokens[j - 1], p) &&
        s.joinable(p, q) &&
        (q.cap || /-\p{Lu}/u.test(q.text)) &&
        (tokens[j - 1].foreign || q.foreign)
      ) {
        j += 2;
        continue;
      }
      if (p && /^\p{Ll}+-\p{Lu}/u.test(p.text) && s.joinable(tokens[j - 1], p)) {
        j += 1;
        continue;
      }
      break;
    }
    // "đảng Cộng hòa": after an organisation word, a capitalised word keeps its second syllable.
    if (hint && hint.at === i && hint.kind === 'organization' && j === i + 1 && !t.foreign && !t.upper) {
      const nx = tokens[j];
      if (
        nx &&
        !nx.cap &&
        !nx.foreign &&
        !nx.number &&
        s.joinable(t, nx) &&
        !FUNCTION_WORDS.has(nx.lower) &&
        !lang.attributionCues.has(nx.lower) &&
        !s.isBlocked(nx)
      )
        j++;
    }
    if (s.inTitleCaseLine(t)) return j;
    if (
      hint?.kind === 'location' &&
      hint.at === i &&
      lang.routeCues.has(hint.title) &&
      j - i > 1 &&
      !s.joinable(tokens[j - 2], tokens[j - 1]) &&
      s.hyphenBefore(j - 1)
    ) {
      s.emit(i, j, { kind: 'location', strength: 2, title: hint.title, origin: `after "${hint.title}"` });
      return j;
    }
    if (hint?.product && hint.at === i) {
      s.suppressed.push({ start: tokens[i].start, end: tokens[j - 1].end });
      return j;
    }
    s.segmentRun(i, j, s.isInitial(i));
    return j;
  },
};

const isCountry = (g: GazetteerHit | undefined) => !!g && g.n === 1 && g.entry.id.startsWith('country_');

const language: TokenRule = {
  name: 'language',
  looksAt: 'a country\'s short name or one capitalised word right after "tiếng", "song ngữ" or "phụ đề" ("tiếng Anh", "tiếng Việt", "song ngữ Việt - Anh")',
  decides: 'that it names a language, which is no mention of the country',
  example: { text: 'Cuốn sách có chú thích song ngữ Việt - Anh và một bản tiếng Nhật.', names: [] },
  apply(s, i) {
    const { tokens } = s;
    const before = tokens[i - 1];
    const t = tokens[i];
    const after = tokens[i + 1];
    // A country's short name, or one capitalised word alone ("tiếng Việt", "tiếng Khmer").
    const single = t.cap && !(after && after.cap && s.joinable(t, after));
    if (!before || !s.joinable(before, t) || !(isCountry(s.matchGazetteer(i)) || single)) return -1;
    const two = i > 1 && s.joinable(tokens[i - 2], before) ? `${tokens[i - 2].lower} ${before.lower}` : '';
    // "Nga lên tiếng Mỹ …": "tiếng" ending a speech cue is no language.
    if (!lang.languageWords.has(two) && !(lang.languageWords.has(before.lower) && !lang.attributionCues.has(two))) return -1;
    // "song ngữ Việt - Anh": the second language after a dash.
    if (after && /^\s*[-–]\s*$/.test(s.text.slice(t.end, after.start)) && isCountry(s.matchGazetteer(i + 1))) return i + 2;
    return i + 1;
  },
};

/** The token rules, in the order they are tried at each token. */
export const TOKEN_RULES: readonly TokenRule[] = [
  headNoun,
  language,
  knownName,
  numberedUnit,
  facility,
  department,
  administrativeUnit,
  titleOrCue,
  productWord,
  legalReference,
  commonCompound,
  capitalisedRun,
];

const coordination: CandidateRule = {
  name: 'coordination',
  looksAt: 'names listed with ",", "và", "hoặc" after one that a cue typed as a place or an organisation',
  decides: 'that the names listed after it share its kind',
  example: {
    text: 'Cơ quan chức năng đã phong tỏa đường Nguyễn Tất Thành và Ngô Gia Tự trong ba giờ.',
    names: [
      ['Nguyễn Tất Thành', 'location'],
      ['Ngô Gia Tự', 'location'],
    ],
  },
  apply(s) {
    const { candidates, text } = s;
    for (let k = 0; k + 1 < candidates.length; k++) {
      const a = candidates[k];
      const b = candidates[k + 1];
      const listed = /^\s*(?:,|và|hoặc|hay|cùng)\s*$/u.test(text.slice(a.end, b.start));
      const cueTyped = a.strength === 2 && (a.kind === 'location' || a.kind === 'organization') && /^(?:after|coordination|administrative unit)/.test(a.origin);
      if (listed && cueTyped && b.strength <= 2 && (!b.kind || (b.kind === 'person' && !b.title && /^(?:family name|rule)$/.test(b.origin)))) {
        b.kind = a.kind;
        b.strength = 2;
        b.origin = 'coordination';
        if (s.explaining) b.rule = this.name;
      }
    }
  },
};

const bracketedShortName: CandidateRule = {
  name: 'bracketed short name',
  looksAt: 'a name in brackets right after a longer one: "Long Name (ACRO)", "Công ty CP Sữa Việt Nam (Vinamilk)"',
  decides: "that the two name the same thing (an acronym pair for the collection); an untyped short name takes the organisation's kind",
  example: {
    text: 'Đại diện Công ty CP Thép Nam Kim (Namkim) cho biết doanh thu tăng.',
    names: [
      ['Công ty CP Thép Nam Kim', 'organization'],
      ['Namkim', 'organization'],
    ],
  },
  apply(s) {
    const { candidates, text, acronyms } = s;
    for (let k = 0; k + 1 < candidates.length; k++) {
      const a = candidates[k];
      const b = candidates[k + 1];
      if (a.tokenCount <= 1 || !/^\s*\(\s*$/.test(text.slice(a.end, b.start)) || !/^\s*\)/.test(text.slice(b.end, b.end + 3))) continue;
      // An acronym names an organisation; a place in brackets is where it is ("Hồng Kông (TQ)").
      const known = a.id && b.id && a.id !== b.id;
      if (!known && a.kind !== 'location' && b.kind !== 'location' && (!a.kind || !b.kind || a.kind === b.kind) && /^[\p{Lu}\d&.-]{2,10}$/u.test(b.text))
        acronyms.push([a.text, b.text]);
      else if (a.kind === 'organization' && !b.kind && b.tokenCount <= 2) {
        b.kind = 'organization';
        b.strength = 2;
        b.origin = 'bracketed short name';
        if (s.explaining) b.rule = this.name;
        acronyms.push([a.text, b.text]);
      }
    }
  },
};

const placeBeforeProvince: CandidateRule = {
  name: 'place before its province',
  looksAt: 'a name of two or three syllables nothing typed, followed by a comma and a province ("Tân Rai, Lâm Đồng", "Phú Lương, Thái Nguyên")',
  decides: 'that the name is a place inside that province',
  example: {
    text: 'Bô-xít được vận chuyển từ Tân Rai, Lâm Đồng về cảng.',
    names: [
      ['Tân Rai', 'location'],
      ['Lâm Đồng', 'location'],
    ],
  },
  apply(s) {
    const { candidates, text } = s;
    for (let k = 0; k + 1 < candidates.length; k++) {
      const a = candidates[k];
      const b = candidates[k + 1];
      if (a.kind || a.foreign || a.tokenCount < 2 || a.tokenCount > 3 || b.kind !== 'location' || !/^,\s*$/.test(text.slice(a.end, b.start))) continue;
      if (!lang.provinceNames.has(phraseKey(b.text))) continue;
      // The province ends the phrase: "Tân Rai, Lâm Đồng về …", "(Buôn Đôn, Đắk Lắk)", not "Lê Anh, Hà Nội và …" in a list of names.
      if (!/^(?:\s*[),.;:]|\s+(?:về|đến|tới|ra|vào|sang|lên|xuống|cho|là|với)\s|\s*$)/u.test(text.slice(b.end, b.end + 8))) continue;
      a.kind = 'location';
      a.strength = 2;
      a.origin = 'before its province';
      if (s.explaining) a.rule = this.name;
    }
  },
};

/** The candidate rules, in the order they run once the scan is over. */
export const CANDIDATE_RULES: readonly CandidateRule[] = [coordination, bracketedShortName, placeBeforeProvince];
