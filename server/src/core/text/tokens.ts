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

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐‑.'’&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\+?/gu;
const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;
/** A character at which splitPiece may cut a word. */
const CUT = /[-‐‑.]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    // Most words have no hyphen or dot, so there is nothing to split.
    if (!CUT.test(word)) push(out, m.index!, word);
    else for (const [s, piece] of splitPiece(word, m.index!)) push(out, s, piece);
  }
  return out;
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

function push(out: Token[], start: number, s: string): void {
  const f = factsOf(s);
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
