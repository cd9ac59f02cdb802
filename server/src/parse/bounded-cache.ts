// A size-bounded Map for the parse caches, cheap on the hit path that re-analysis takes for
// nearly every instruction.

/**
 * Keeps fewer than `limit` entries, in two generations of up to half that each. New and reused
 * entries go into the current generation; when it is full it becomes the old one and the old
 * one is dropped, so an entry survives as long as it is used at least once per generation. A
 * hit in the current generation costs one Map lookup (a strict LRU would move the entry on
 * every hit, which profiled at 7% of a re-analysis).
 */
export class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generationSize: number;

  constructor(limit: number) {
    this.generationSize = Math.max(0, Math.floor(limit / 2));
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.add(key, old);
    }
    return old;
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  set(key: K, value: V): void {
    if (this.generationSize === 0) return;
    this.previous.delete(key);
    this.add(key, value);
  }

  private add(key: K, value: V): void {
    this.current.set(key, value);
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}

/**
 * Longest text kept in a cache. Longer scripts and chunks are rare and would hold much memory;
 * they are read again each time.
 */
export const MAX_CACHED_TEXT = 64 * 1024;
