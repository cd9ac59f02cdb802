// Results of pure functions of one object, kept as long as the object lives. A ParseCache
// hands the same commands and RUN readings to later analyses, and several rules ask about
// the same ones, so each is worked out once.

/** `compute`, remembering its result for each key object it was given. */
export function memoisedByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const result = compute(key);
    results.set(key, result);
    return result;
  };
}
