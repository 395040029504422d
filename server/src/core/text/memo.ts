/** A bounded cache for pure functions of a string (name keys are asked for the same words again and again). */
export function memoize<T>(f: (s: string) => T, limit = 200000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      v = f(s);
      cache.set(ownCopy(s), v);
    }
    return v;
  };
}

/**
 * The string in memory of its own. A slice of an article's text (a name, a word) may keep the whole
 * text alive while it is a key here; a copy keeps only itself.
 */
function ownCopy(s: string): string {
  // V8 copies slices shorter than 13 code units anyway.
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
