/**
 * The provinces merged on 1 July 2025 (lang/vi/places.json, vietnamMergers2025, from
 * ../shared/data/vn-admin): an article names a province by the name of its day, so what an old
 * name means depends on the article's date. Before the reform it is the province then in force;
 * after it, the former province, now part of another.
 */
import places from './vi/places.json';
import { phraseKey } from './knowledge';

export const REFORM_DATE = '2025-07-01';

const MERGED = new Map<string, { old: string; now: string }>(
  Object.entries(places.vietnamMergers2025 as Record<string, string>)
    .filter(([old]) => !old.startsWith('_'))
    .map(([old, now]) => [phraseKey(old), { old, now }]),
);

export interface ProvinceMerger {
  /** The province's name before the reform, as the list writes it. */
  old: string;
  /** The province it has been part of since REFORM_DATE. */
  now: string;
  /** Whether the article is dated after the reform (undefined: no date, or one too coarse to tell). */
  articleAfter?: boolean;
}

/** The merger a place's name refers to, if it names a province merged in 2025, read at the article's date (YYYY-MM-DD, YYYY-MM or YYYY). */
export function provinceMerger(name: string, articleDate?: string): ProvinceMerger | undefined {
  const m = MERGED.get(phraseKey(name));
  if (!m) return undefined;
  return { ...m, articleAfter: afterReform(articleDate) };
}

/** Whether a date (YYYY-MM-DD, YYYY-MM or YYYY) is after the reform; undefined when none is given or it is too coarse to tell. */
export function afterReform(date: string | undefined): boolean | undefined {
  if (!date || !/^\d{4}/.test(date)) return undefined;
  const year = Number(date.slice(0, 4));
  if (year !== 2025) return year > 2025;
  // In 2025 the month tells: July on is after.
  if (!/^\d{4}-\d{2}/.test(date)) return undefined;
  return date.slice(0, 7) >= REFORM_DATE.slice(0, 7);
}
