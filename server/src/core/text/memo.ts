/** A bounded cache for pure functions of a string (name keys are asked for the same words again and again). */
export function memoize<T>(f: (s: string) => T, limit = 200000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
}
