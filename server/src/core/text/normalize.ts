import { canonicalSpelling } from './spelling';
import { memoize } from './memo';

/**
 * NFC normalisation that remembers where each normalised character came from, so that matching
 * can run on composed text while every offset reported points into the original (possibly NFD) text.
 */
export interface NormalizedText {
  original: string;
  text: string;
  /** Original offset for a normalised offset (start positions). */
  toOriginal(offset: number): number;
  /** Original offset for a normalised end offset. */
  toOriginalEnd(offset: number): number;
  /** Normalised offset for an original offset (the first normalised unit at or after it). */
  fromOriginal(offset: number): number;
}

/**
 * Code units of a cluster (a character and the combining marks after it) normalised at once.
 * NFC puts a run of marks in order by sorting it, in time that grows with the square of the run
 * (0.8 MB of alternating accents take two minutes); runs longer than this, which only "Zalgo"
 * strings have, are normalised in pieces of this size. No letter of any script has as many marks.
 */
const MAX_CLUSTER = 64;

export function normalize(original: string): NormalizedText {
  if (!hasLongCluster(original) && original.normalize('NFC') === original) {
    return { original, text: original, toOriginal: (o) => o, toOriginalEnd: (o) => o, fromOriginal: (o) => o };
  }
  const parts: string[] = [];
  // map[i] = original offset of normalised offset i; map has text.length + 1 entries.
  const map: number[] = [];
  const add = (at: number, src: string) => {
    const nfc = src.normalize('NFC');
    parts.push(nfc);
    if (nfc.length === src.length) {
      for (let k = 0; k < nfc.length; k++) map.push(at + k);
    } else {
      // A composed cluster: every unit of it maps to the cluster's start; its end to the cluster's end.
      for (let k = 0; k < nfc.length; k++) map.push(at);
    }
  };
  // The clusters /\P{M}\p{M}*|\p{M}+/gu finds, by a scan (the pattern runs out of stack on a long run of marks).
  const n = original.length;
  for (let k = 0; k < n;) {
    const at = k;
    k += sizeAt(original, k);
    while (k < n && isMarkAt(original, k)) k += sizeAt(original, k);
    for (let p = at; p < k;) {
      let q = Math.min(k, p + MAX_CLUSTER);
      // A piece does not end between the two halves of a surrogate pair.
      if (q < k && isTrail(original.charCodeAt(q)) && isLead(original.charCodeAt(q - 1))) q++;
      add(p, original.slice(p, q));
      p = q;
    }
  }
  map.push(original.length);
  const text = parts.join('');
  return {
    original,
    text,
    toOriginal: (o) => map[Math.max(0, Math.min(o, map.length - 1))],
    // The end of a normalised range [.., i) is where unit i starts in the original.
    toOriginalEnd: (o) => map[Math.max(0, Math.min(o, map.length - 1))],
    fromOriginal: (o) => {
      let lo = 0;
      let hi = map.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (map[mid] < o) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

const isLead = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Code units of the code point at k. */
function sizeAt(s: string, k: number): number {
  return isLead(s.charCodeAt(k)) && k + 1 < s.length && isTrail(s.charCodeAt(k + 1)) ? 2 : 1;
}

const MARK = /^\p{M}$/u;
/** 0: not yet known, 1: a combining mark, 2: not (a lone surrogate is not). */
const marks = new Uint8Array(0x10000);

/** The code point at k is a combining mark (\p{M}). */
function isMarkAt(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c < 0x300) return false;
  if (sizeAt(s, k) === 2) return MARK.test(s.slice(k, k + 2));
  let v = marks[c];
  if (v === 0) v = marks[c] = c >= 0xd800 && c <= 0xdfff ? 2 : MARK.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/** Some cluster is longer than MAX_CLUSTER code units (which NFC of the whole text could take minutes over). */
function hasLongCluster(s: string): boolean {
  let run = 0;
  for (let k = 0; k < s.length; k++) {
    // Marks, and the surrogates of astral ones, are all at or above U+0300.
    if (s.charCodeAt(k) >= 0x300 && (isMarkAt(s, k) || (isTrail(s.charCodeAt(k)) && k > 0 && isMarkAt(s, k - 1)))) {
      if (++run >= MAX_CLUSTER) return true;
    } else run = 0;
  }
  return false;
}

/** NFC, lower case, hyphens and apostrophes as spaces: the key names are compared by. */
export const nameKey = memoize(computeNameKey);

/** nameKey without diacritics, for foreign names written with or without accents. */
export const foldKey = memoize(computeFoldKey);

function computeNameKey(s: string): string {
  return canonicalSpelling(
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/[-‐‑–'’.]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function computeFoldKey(s: string): string {
  return nameKey(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}
