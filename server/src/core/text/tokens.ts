/** Syllable tokens of normalised (NFC) text, with the facts the recognisers ask about. */
import { isVietnameseSyllable } from './syllable';
import { canonicalSpelling } from './spelling';
import { memoize } from './memo';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** First letter is upper case. */
  cap: boolean;
  /** Two or more letters, all upper case (KCNA, TP.HCM). */
  upper: boolean;
  /** Only digits (and separators). */
  number: boolean;
  /** Not a possible Vietnamese syllable: a foreign word or name. */
  foreign: boolean;
  index: number;
}

/** What a token is, which depends on its text alone. */
interface Facts {
  lower: string;
  cap: boolean;
  upper: boolean;
  number: boolean;
  foreign: boolean;
}

const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanWords(text, (at, end, cut, hash) => {
    // Most words have no hyphen or dot, so there is nothing to split.
    if (!cut) pushWord(out, text, at, end, hash);
    else for (const [s, piece] of splitPiece(text.slice(at, end), at)) push(out, s, piece);
  });
  return out;
}

/**
 * The words of a text, as the global Unicode pattern
 * /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐‑.'’&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\+?/gu would find them
 * (the pattern always succeeds greedily, so a forward scan gives the same words), but with the
 * character classes looked up in a table: about three times faster.
 */
export function forEachWord(text: string, f: (at: number, word: string) => void): void {
  scanWords(text, (at, end) => f(at, text.slice(at, end)));
}

/**
 * forEachWord's scan, giving each word as its range, whether a joiner splitPiece may cut at (-‐‑.)
 * is inside it, and a hash of its code units (for the cache of recent words).
 */
function scanWords(text: string, f: (at: number, end: number, cut: boolean, hash: number) => void): void {
  const n = text.length;
  let k = 0;
  while (k < n) {
    if (classAt(text, k) !== LETTER_OR_DIGIT) {
      k += sizeAt(text, k);
      continue;
    }
    const start = k;
    let cut = false;
    let hash = 0x811c9dc5;
    for (;;) {
      // The code units of letters, marks and digits: in the table when outside the surrogates.
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c < 0xd800 || c > 0xdfff) {
          let v = classes[c];
          if (v === 0) v = classes[c] = classify(String.fromCharCode(c));
          if (v === OTHER) break;
          hash = Math.imul(hash ^ c, 0x01000193);
          k++;
        } else {
          if (classAt(text, k) === OTHER) break;
          const size = sizeAt(text, k);
          for (let j = k; j < k + size; j++) hash = Math.imul(hash ^ text.charCodeAt(j), 0x01000193);
          k += size;
        }
      }
      if (k + 1 < n && isJoiner(text.charCodeAt(k)) && classAt(text, k + 1) === LETTER_OR_DIGIT) {
        const j = text.charCodeAt(k);
        if (j === 0x2d || j === 0x2010 || j === 0x2011 || j === 0x2e) cut = true;
        hash = Math.imul(hash ^ j, 0x01000193);
        k++;
        continue;
      }
      break;
    }
    if (k < n && text.charCodeAt(k) === 0x2b) {
      hash = Math.imul(hash ^ 0x2b, 0x01000193);
      k++;
    }
    f(start, k, cut, hash);
  }
}

const LETTER_OR_DIGIT = 1;
const MARK = 2;
const OTHER = 3;
/** Classes of code units outside the surrogates; 0 while not yet looked up. */
const classes = new Uint8Array(0x10000);
const astralClasses = new Map<string, number>();

function classify(ch: string): number {
  return /^[\p{L}\p{N}]$/u.test(ch) ? LETTER_OR_DIGIT : /^\p{M}$/u.test(ch) ? MARK : OTHER;
}

/** The class of the code point at k (a lone surrogate is OTHER). */
function classAt(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (c >= 0xd800 && c <= 0xdfff) {
    if (sizeAt(text, k) === 1) return OTHER;
    const pair = text.slice(k, k + 2);
    let v = astralClasses.get(pair);
    if (v === undefined) {
      if (astralClasses.size >= 10000) astralClasses.clear();
      v = classify(pair);
      astralClasses.set(pair, v);
    }
    return v;
  }
  let v = classes[c];
  if (v === 0) v = classes[c] = classify(String.fromCharCode(c));
  return v;
}

/** Code units of the code point at k. */
function sizeAt(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (c < 0xd800 || c > 0xdbff || k + 1 >= text.length) return 1;
  const d = text.charCodeAt(k + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** -‐‑.'’& */
function isJoiner(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x2e || c === 0x27 || c === 0x2019 || c === 0x26;
}

/** Splits "Mỹ-Triều" (two names) and "đó.Ông" (a lost space) but keeps "Jong-un", "TP.HCM", "30.000". */
function splitPiece(word: string, at: number): [number, string][] {
  const parts: [number, string][] = [];
  let from = 0;
  for (let i = 1; i < word.length - 1; i++) {
    const c = word[i];
    if (c !== '-' && c !== '‐' && c !== '‑' && c !== '.') continue;
    const before = word.slice(from, i);
    const after = word.slice(i + 1);
    const capAfter = UPPER.test(after);
    const split =
      // "TP.Yên Bái": an abbreviation glued to a name.
      (c === '.' && /^\p{Lu}{1,3}$/u.test(before) && /^\p{Lu}\p{Ll}/u.test(after)) ||
      (c !== '.' && capAfter && UPPER.test(before) && !/^\p{Lu}+$/u.test(before)) ||
      (c === '.' && capAfter && LOWER.test(before.slice(-1)) && before.length > 1 && !/^\p{Lu}/u.test(before) && after.length > 1);
    if (split) {
      parts.push([at + from, before]);
      from = i + 1;
    }
  }
  parts.push([at + from, word.slice(from)]);
  return parts;
}

/**
 * The last word seen at each slot of its hash, with its facts: most words of an article are words
 * seen before, and one compared in place is neither copied out of the text nor hashed again.
 * Words of 13 code units or more are left out (V8 would keep them as slices of the whole text).
 */
const RECENT = 8192;
const recentWord: string[] = new Array<string>(RECENT).fill('');
const recentFacts: Facts[] = new Array<Facts>(RECENT);

function pushWord(out: Token[], text: string, start: number, end: number, hash: number): void {
  const slot = hash & (RECENT - 1);
  const known = recentWord[slot];
  if (known.length === end - start && sameText(text, start, known)) {
    pushToken(out, start, known, recentFacts[slot]);
    return;
  }
  const s = text.slice(start, end);
  const f = factsOf(s);
  if (s.length < 13) {
    recentWord[slot] = s;
    recentFacts[slot] = f;
  }
  pushToken(out, start, s, f);
}

/** text at `at` reads `word`. */
function sameText(text: string, at: number, word: string): boolean {
  for (let j = 0; j < word.length; j++) if (text.charCodeAt(at + j) !== word.charCodeAt(j)) return false;
  return true;
}

function push(out: Token[], start: number, s: string): void {
  pushToken(out, start, s, factsOf(s));
}

function pushToken(out: Token[], start: number, s: string, f: Facts): void {
  out.push({
    start,
    end: start + s.length,
    text: s,
    lower: f.lower,
    cap: f.cap,
    upper: f.upper,
    number: f.number,
    foreign: f.foreign,
    index: out.length,
  });
}

/** The same words come back in every article, so their facts are computed once each. */
const factsOf = memoize(computeFacts, 100000);

function computeFacts(s: string): Facts {
  const letters = s.replace(/[^\p{L}]/gu, '');
  const number = /^[\d.,]+$/.test(s);
  return {
    lower: canonicalSpelling(s.toLowerCase()),
    cap: UPPER.test(s) || (/^\d/.test(s) && /\p{Lu}/u.test(s)),
    upper: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
    number,
    foreign: !number && letters.length > 0 && !s.split(/[-‐‑]/).every((p) => isVietnameseSyllable(canonicalSpelling(p.toLowerCase()))),
  };
}
