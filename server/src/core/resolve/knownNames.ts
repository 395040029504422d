/**
 * Names the collection is sure of, reference-counted per article, to find again where case or
 * spelling hides them. A name typed differently in different articles takes the reading most
 * articles give (ties broken by the reading itself), so the result does not depend on the order
 * in which articles arrive. An update reports the names whose reading changed.
 */
import type { EntityKind } from '../types';
import type { Candidate } from '../entities/recognize';
import { lang, phraseKey } from '../lang/knowledge';

export interface KnownName {
  kind: EntityKind;
  id?: string;
  tokens: number;
  foreign: boolean;
}

const encode = (k: KnownName) => `${k.kind}|${k.id ?? ''}|${k.tokens}|${+k.foreign}`;
const decode = (s: string): KnownName => {
  const [kind, id, tokens, foreign] = s.split('|');
  return { kind: kind as EntityKind, ...(id ? { id } : {}), tokens: Number(tokens), foreign: foreign === '1' };
};

/** One-word foreign names of the gazetteer: always known, and they win over what articles say. */
const GAZETTEER_SINGLES = new Map<string, KnownName>();
for (const [key, e] of lang.gazetteer) {
  if (!key.includes(' ') && /^[a-z][a-z-]{3,}$/.test(key)) GAZETTEER_SINGLES.set(key, { kind: e.kind, id: e.id, tokens: 1, foreign: true });
}

/** What one article contributes: sure names with their reading, and given names of Vietnamese full names. */
export function knownContributions(candidates: readonly Candidate[]): { names: [string, string][]; given: string[] } {
  const names: [string, string][] = [];
  const given: string[] = [];
  for (const c of candidates) {
    if (!c.kind || c.strength < 2) continue;
    const key = phraseKey(c.text);
    if (c.tokenCount >= 2 || c.foreign) names.push([key, encode({ kind: c.kind, id: c.id, tokens: c.tokenCount, foreign: c.foreign })]);
    // "Tiến Minh" for "Nguyễn Tiến Minh": Vietnamese names are also written without the family name.
    const words = key.split(' ');
    if (c.kind === 'person' && c.tokenCount >= 3 && !c.foreign && lang.vietnameseSurnames.has(words[0])) given.push(words.slice(-2).join(' '));
  }
  return { names, given };
}

export class KnownNames {
  private readings = new Map<string, Map<string, number>>();
  private given = new Map<string, number>();
  private chosen = new Map<string, { reading: string; name: KnownName }>();
  private touched = new Map<string, string | undefined>();
  /** Foreign one-word names by first letter, for the misspelling check. */
  private singles = new Map<string, Map<string, KnownName>>();

  constructor() {
    for (const [k, v] of GAZETTEER_SINGLES) this.setChosen(k, encode(v));
  }

  add(c: { names: [string, string][]; given: string[] }, sign: 1 | -1): void {
    for (const [key, reading] of c.names) {
      this.touch(key);
      let m = this.readings.get(key);
      if (!m) this.readings.set(key, (m = new Map()));
      const n = (m.get(reading) ?? 0) + sign;
      if (n > 0) m.set(reading, n);
      else m.delete(reading);
      if (!m.size) this.readings.delete(key);
    }
    for (const key of c.given) {
      this.touch(key);
      const n = (this.given.get(key) ?? 0) + sign;
      if (n > 0) this.given.set(key, n);
      else this.given.delete(key);
    }
  }

  get(key: string): KnownName | undefined {
    return this.chosen.get(key)?.name;
  }

  has(key: string): boolean {
    return this.chosen.has(key);
  }

  foreignSingles(first: string): Iterable<[string, KnownName]> {
    return this.singles.get(first)?.entries() ?? [];
  }

  /** Every known name with its reading, for a view of them elsewhere (see knownView). */
  chosenReadings(): [string, string][] {
    return [...this.chosen].map(([key, c]) => [key, c.reading]);
  }

  /** Names whose reading changed since the last call (added, removed or typed anew). */
  takeChanged(): string[] {
    const out: string[] = [];
    for (const [key, before] of this.touched) {
      const now = this.choose(key);
      if (now !== this.chosen.get(key)?.reading) this.setChosen(key, now);
      if (now !== before) {
        out.push(key);
      }
    }
    this.touched.clear();
    return out;
  }

  private touch(key: string): void {
    if (!this.touched.has(key)) this.touched.set(key, this.chosen.get(key)?.reading);
  }

  private choose(key: string): string | undefined {
    const gaz = GAZETTEER_SINGLES.get(key);
    if (gaz) return encode(gaz);
    const m = this.readings.get(key);
    if (m) {
      let best: string | undefined;
      let bestN = 0;
      for (const [r, n] of m) if (n > bestN || (n === bestN && best !== undefined && r < best)) [best, bestN] = [r, n];
      return best;
    }
    return this.given.has(key) ? encode({ kind: 'person', tokens: 2, foreign: false }) : undefined;
  }

  private setChosen(key: string, reading: string | undefined): void {
    this.singles.get(key[0])?.delete(key);
    if (reading === undefined) {
      this.chosen.delete(key);
      return;
    }
    const k = decode(reading);
    this.chosen.set(key, { reading, name: k });
    if (k.tokens === 1 && k.foreign && key.length >= 5) {
      let m = this.singles.get(key[0]);
      if (!m) this.singles.set(key[0], (m = new Map()));
      m.set(key, k);
    }
  }
}

/** Known names read back from `KnownNames.chosenReadings()`, answering as the collection would. */
export function knownView(readings: readonly [string, string][]): Pick<KnownNames, 'get' | 'foreignSingles'> {
  const names = new Map<string, KnownName>();
  const singles = new Map<string, Map<string, KnownName>>();
  for (const [key, reading] of readings) {
    const k = decode(reading);
    names.set(key, k);
    if (k.tokens === 1 && k.foreign && key.length >= 5) {
      let m = singles.get(key[0]);
      if (!m) singles.set(key[0], (m = new Map()));
      m.set(key, k);
    }
  }
  return { get: (key) => names.get(key), foreignSingles: (first) => singles.get(first)?.entries() ?? [] };
}
