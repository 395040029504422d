/**
 * Districts and communes across the reform of 1 July 2025 (lang/vi/units-2025.json, from
 * ../shared/data/vn-admin): the district level was abolished and most communes and wards were
 * merged. An article before the reform names the units then in force, one after it the new ones, so
 * which unit a name means depends on the article's date, its type word ("xã", "phường", "huyện")
 * and the province or district the article names with it: many names recur across the country.
 */
import units2025 from './vi/units-2025.json';
import { phraseKey } from './knowledge';
import { afterReform } from './reform';

interface Data {
  provinces: string[];
  /** [type, name, province] */
  units: [string, string, number][];
  /** [type, name, province] */
  districts: [string, string, number][];
  /** [type, name, district, ...units of 2025, -1-k where the commune went only partly into unit k] */
  communes: [string, string, number, ...number[]][];
}
const data = units2025 as unknown as Data;

/** A unit of 2025 as news names it: "phường Ba Đình". */
export interface NewUnit {
  name: string;
  province: string;
  /** Only part of the old unit went into it. */
  partly: boolean;
}

/** A commune of the list in force until 30 June 2025, with its district: "phường Phúc Xá", "quận Ba Đình". */
export interface OldUnit {
  name: string;
  district: string;
  /** Only part of it went into the new unit. */
  partly: boolean;
}

export type UnitChange =
  | {
      /** A commune, ward or township of the list in force until 30 June 2025. */
      level: 'commune';
      old: string;
      district: string;
      province: string;
      now: NewUnit[];
      articleAfter?: boolean;
    }
  | {
      /** A district, town or provincial city: the level abolished on 1 July 2025. */
      level: 'district';
      old: string;
      province: string;
      /** The units of 2025 its communes went into. */
      now: NewUnit[];
      articleAfter?: boolean;
    }
  | {
      /** A commune or ward of 1 July 2025, named in an article after the reform. */
      level: 'new';
      name: string;
      province: string;
      /** The communes it was made of. */
      from: OldUnit[];
      articleAfter: true;
    };

const COMMUNE_TYPES = new Set(['xã', 'phường', 'thị trấn', 'đặc khu']);
const DISTRICT_TYPES = new Set(['huyện', 'quận', 'thị xã', 'thành phố']);
/** How news abbreviates the type words ("Q.1", "TP.Móng Cái", "H.Thái Thụy"). */
const ABBREVIATIONS: Record<string, string> = { q: 'quận', p: 'phường', h: 'huyện', tx: 'thị xã', tt: 'thị trấn', tp: 'thành phố', x: 'xã' };
const TYPE_BEFORE = /(thị trấn|thị xã|thành phố|đặc khu|phường|huyện|quận|xã|tp|tx|tt|q|p|h|x)\.?\s*$/iu;

/** The unit type word written right before a place's name (offset `start` of the text), in full: "xã", "quận". */
export function unitTypeBefore(text: string, start: number): string | undefined {
  const m = TYPE_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
  if (!m) return undefined;
  const before = text.charAt(start - m[0].length - 1);
  if (before && /[\p{L}\p{N}]/u.test(before)) return undefined;
  const word = m[1].toLowerCase();
  return ABBREVIATIONS[word] ?? word;
}

const named = (type: string, name: string) => `${type} ${name}`;

let index:
  { communes: Map<string, number[]>; districts: Map<string, number[]>; units: Map<string, number[]>; provinces: Set<string>; origins: OldUnit[][] } | undefined;

function built() {
  if (index) return index;
  const byName = (rows: [string, string, ...unknown[]][]) => {
    const m = new Map<string, number[]>();
    rows.forEach((r, k) => {
      const key = phraseKey(r[1]);
      const list = m.get(key);
      if (list) list.push(k);
      else m.set(key, [k]);
    });
    return m;
  };
  const origins: OldUnit[][] = data.units.map(() => []);
  for (const c of data.communes) {
    const d = data.districts[c[2]];
    for (const u of c.slice(3) as number[]) origins[u < 0 ? -1 - u : u].push({ name: named(c[0], c[1]), district: named(d[0], d[1]), partly: u < 0 });
  }
  index = {
    communes: byName(data.communes),
    districts: byName(data.districts),
    units: byName(data.units),
    provinces: new Set(data.provinces.map((p) => phraseKey(p))),
    origins,
  };
  return index;
}

const newUnit = (u: number): NewUnit => {
  const k = u < 0 ? -1 - u : u;
  const [type, name, p] = data.units[k];
  return { name: named(type, name), province: data.provinces[p], partly: u < 0 };
};

/** Keeps the candidates the article's other places point at, when the name alone is ambiguous. */
function pick(candidates: number[], placesOf: (k: number) => string[], places: Set<string>): number | undefined {
  if (candidates.length === 1) return candidates[0];
  const near = candidates.filter((k) => placesOf(k).some((p) => places.has(phraseKey(p))));
  return near.length === 1 ? near[0] : undefined;
}

/**
 * What a place's name meant across the reform, read at the article's date: `type` is the type word
 * written before it (unitTypeBefore), `places` the article's other place names. A district is only
 * looked up without a type word or with a district's; a commune only after a commune's type word.
 * Undefined when the name is no unit of either list, or several that the article does not tell apart.
 */
export function unitChange(name: string, type: string | undefined, places: Iterable<string>, articleDate?: string): UnitChange | undefined {
  const ix = built();
  let key = phraseKey(name);
  // "phường 9", "quận 3": a unit named by its number carries its type word in its span.
  const numbered = /^(phường|quận|xã)\s+(\d{1,3}[a-z]?)$/u.exec(key);
  if (numbered) [type, key] = [numbered[1], numbered[2]];
  const around = new Set([...places].map((p) => phraseKey(p)));
  const after = afterReform(articleDate);
  const districtPlaces = (k: number) => [data.districts[k][1], data.provinces[data.districts[k][2]]];
  if (type && COMMUNE_TYPES.has(type)) {
    if (after) {
      const u = pick(
        (ix.units.get(key) ?? []).filter((k) => data.units[k][0] === type),
        (k) => [data.provinces[data.units[k][2]]],
        around,
      );
      if (u !== undefined) {
        const [t, n, p] = data.units[u];
        return { level: 'new', name: named(t, n), province: data.provinces[p], from: ix.origins[u], articleAfter: true };
      }
    }
    const c = pick(
      (ix.communes.get(key) ?? []).filter((k) => data.communes[k][0] === type),
      (k) => {
        const d = data.communes[k][2];
        return [...districtPlaces(d), ...(data.communes[k].slice(3) as number[]).map((u) => newUnit(u).province)];
      },
      around,
    );
    if (c === undefined) return undefined;
    const [t, n, d, ...into] = data.communes[c];
    const [dt, dn, dp] = data.districts[d];
    return { level: 'commune', old: named(t, n), district: named(dt, dn), province: data.provinces[dp], now: into.map(newUnit), articleAfter: after };
  }
  if (type && !DISTRICT_TYPES.has(type)) return undefined;
  // "Thái Nguyên" alone is the province, not the provincial city of its name ("thành phố Thái Nguyên").
  if (!type && ix.provinces.has(key)) return undefined;
  const d = pick(
    (ix.districts.get(key) ?? []).filter((k) => !type || data.districts[k][0] === type),
    districtPlaces,
    around,
  );
  if (d === undefined) return undefined;
  const [t, n, p] = data.districts[d];
  const now = new Map<string, NewUnit>();
  data.communes.forEach((c) => {
    if (c[2] !== d) return;
    for (const u of c.slice(3) as number[]) {
      const x = newUnit(u);
      if (!now.has(x.name)) now.set(x.name, { ...x, partly: false });
    }
  });
  return { level: 'district', old: named(t, n), province: data.provinces[p], now: [...now.values()], articleAfter: after };
}
