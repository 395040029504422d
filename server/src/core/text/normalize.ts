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

const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

export function normalize(original: string): NormalizedText {
  if (original.normalize('NFC') === original) {
    return { original, text: original, toOriginal: (o) => o, toOriginalEnd: (o) => o, fromOriginal: (o) => o };
  }
  const parts: string[] = [];
  // map[i] = original offset of normalised offset i; map has text.length + 1 entries.
  const map: number[] = [];
  for (const m of original.matchAll(CLUSTER)) {
    const src = m[0];
    const at = m.index!;
    const nfc = src.normalize('NFC');
    parts.push(nfc);
    if (nfc.length === src.length) {
      for (let k = 0; k < nfc.length; k++) map.push(at + k);
    } else {
      // A composed cluster: every unit of it maps to the cluster's start; its end to the cluster's end.
      for (let k = 0; k < nfc.length; k++) map.push(at);
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

/** NFC, lower case, hyphens and apostrophes as spaces: the key names are compared by. */
export const nameKey = memoize(computeNameKey);

/** nameKey without diacritics, for foreign names written with or without accents. */
export const foldKey = memoize(computeFoldKey);

function computeNameKey(s: string): string {
  return canonicalSpelling(s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[-‐‑–'’.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim());
}

function computeFoldKey(s: string): string {
  return nameKey(s)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd');
}
