/**
 * Runs the date patterns only where a match can begin. A global scan of the text tries every
 * character, and with a dozen case-insensitive Unicode patterns that each open with a lookbehind
 * that costs far more than the matching. Each pattern instead says what its matches begin with
 * (its possible first words, a digit, white space before a digit); one pass over the positions that
 * follow no letter or digit finds, for every pattern, the positions that begin that way, and the
 * pattern is tried there, sticky, in text order. That finds exactly the matches a global scan
 * finds, provided the description covers every way the pattern can begin.
 */

/** What the matches of one pattern can begin with; every pattern begins with `(?<![\p{L}\p{N}])`. */
export interface Starts {
  /** Phrases whose first word a match can begin with (in any case). */
  words: Iterable<string>;
  digit?: boolean;
  /**
   * White space followed by a digit (a bare year: ", 2019"), at the first place in the run of white
   * space that follows no letter or digit. The pattern must skip the white space it begins with
   * (`\s*` before the digits, nothing else that can match white space), so that where it fails
   * there it fails further in too, and where it matches a global scan matches there as well.
   */
  spaceBeforeDigit?: boolean;
}

/** A trie of the folded first words; `mask` has bit p set where a word of pattern p ends. */
interface Node {
  mask: number;
  next: Map<number, Node>;
}

/** The root's children by folded code unit below ROOT_CODES, looked up at every word start and gap without a map. */
const ROOT_CODES = 0x2000;

/** For each pattern, the positions of a text where its matches can begin, in text order. */
export function startFinder(patterns: Starts[]): (text: string) => number[][] {
  if (patterns.length > 31) throw new Error('at most 31 date patterns fit a mask');
  const root: Node = { mask: 0, next: new Map() };
  let digitMask = 0;
  let spaceMask = 0;
  patterns.forEach((s, p) => {
    for (const phrase of s.words) addWord(root, phrase.split(/\s/)[0], 1 << p);
    if (s.digit) digitMask |= 1 << p;
    if (s.spaceBeforeDigit) spaceMask |= 1 << p;
  });
  const rootChildren = new Array<Node | undefined>(ROOT_CODES);
  for (const [c, child] of root.next) if (c < ROOT_CODES) rootChildren[c] = child;
  return (text) => {
    const out: number[][] = patterns.map(() => []);
    const add = (mask: number, k: number) => {
      for (let p = 0; mask; p++, mask >>>= 1) if (mask & 1) out[p].push(k);
    };
    let afterLetter = false;
    // The end of the run of white space last looked at: no run is read again for each of its characters.
    let spaceEnd = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (!afterLetter) {
        if (c >= 0x30 && c <= 0x39) add(digitMask, k);
        else if (isSpace(c)) {
          // Only where the run can first begin a match: a match tried further in would take the same digits.
          if (spaceMask && spaceEnd <= k) {
            spaceEnd = spaceRunEnd(text, k);
            if (isDigit(text.charCodeAt(spaceEnd))) add(spaceMask, k);
          }
        } else {
          const f = foldCode(c);
          const first = f < ROOT_CODES ? rootChildren[f] : root.next.get(f);
          if (first) add(wordMask(first, text, k + 1), k);
        }
      }
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < text.length && isTrail(text.charCodeAt(k + 1))) {
        // The lookbehind sees the whole astral character, and no match begins inside it.
        afterLetter = LETTER_OR_DIGIT.test(text.slice(k, k + 2));
        k++;
      } else afterLetter = isLetterOrDigit(c);
    }
    return out;
  };
}

function addWord(root: Node, word: string, bit: number): void {
  if (!word) throw new Error('a date pattern cannot begin with an empty word');
  let node = root;
  for (let j = 0; j < word.length; j++) {
    const c = foldCode(word.charCodeAt(j));
    let child = node.next.get(c);
    if (!child) {
      child = { mask: 0, next: new Map() };
      node.next.set(c, child);
    }
    node = child;
  }
  node.mask |= bit;
}

/** The patterns some of whose first words begin with what led to `from` and go on with the text at k. */
function wordMask(from: Node, text: string, k: number): number {
  let mask = from.mask;
  let node: Node | undefined = from;
  for (let j = k; j < text.length; j++) {
    node = node.next.get(foldCode(text.charCodeAt(j)));
    if (!node) break;
    mask |= node.mask;
  }
  return mask;
}

/** The global matches of a sticky pattern (flags `iuy`), as `exec` with `g` would give them. */
export function matchesAt(re: RegExp, text: string, positions: number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (const k of positions) {
    if (k < from) continue;
    re.lastIndex = k;
    const m = re.exec(text);
    if (!m) continue;
    from = m[0].length === 0 ? k + 1 : k + m[0].length;
    out.push(m);
  }
  return out;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;
/** 0: not yet known, 1: a letter or digit, 2: neither (a lone surrogate is neither). */
const letterOrDigit = new Uint8Array(0x10000);

function isLetterOrDigit(c: number): boolean {
  let v = letterOrDigit[c];
  if (v === 0) {
    v = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    letterOrDigit[c] = v;
  }
  return v === 1;
}

function isTrail(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const SPACE = /\s/;
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return SPACE.test(String.fromCharCode(c));
}

/** Where the run of white space at k ends. */
function spaceRunEnd(text: string, k: number): number {
  let j = k;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return j;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** 0: not yet known; otherwise the folded code unit plus one. */
const folded = new Uint32Array(0x10000);

/**
 * What a code unit matches in a case-insensitive Unicode pattern, for the letters date words use:
 * its lower case, with the long s as s (checked against every code point). Surrogates stay as they are.
 */
function foldCode(c: number): number {
  let f = folded[c];
  if (f === 0) {
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    f = (c >= 0xd800 && c <= 0xdfff ? c : ch === 'ſ' ? 0x73 : lower.length === 1 ? lower.charCodeAt(0) : c) + 1;
    folded[c] = f;
  }
  return f - 1;
}
