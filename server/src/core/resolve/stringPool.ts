/**
 * One copy of each short string in the settled articles' mentions, claims and mention keys: names, kinds,
 * origins and cue words recur in thousands of articles, and each object a worker sends back
 * comes with copies of its own.
 */
const pool = new Map<string, string>();
/** Longer strings (a claim's source text) seldom recur. */
const LONGEST = 40;

/** The pooled copy of a string (short ones only; a longer one is returned as it is). */
export function sharedString(v: string): string {
  if (v.length > LONGEST) return v;
  let c = pool.get(v);
  // A slice of an article's text would keep the whole text alive in the pool: the pool keeps a flat copy.
  if (c === undefined) pool.set(v, (c = v.length < 13 ? v : Buffer.from(v, 'utf16le').toString('utf16le')));
  return c;
}

/** Replaces the object's short string fields by their pooled copies; returns the object. */
export function shareStrings<T extends object>(o: T): T {
  const fields = o as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (typeof v === 'string') fields[k] = sharedString(v);
  }
  return o;
}
