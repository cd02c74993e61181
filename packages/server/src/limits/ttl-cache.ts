/** @module A small time-bounded cache of lookups, so the request path reads plans from the database at most once per interval. */

interface Entry<V> {
  readonly value: Promise<V>;
  readonly expiresAtMs: number;
}

/**
 * Caches the promise of each load, so concurrent requests for one key share a single query; a failed
 * load is forgotten at once. Entries are dropped oldest-first beyond `maxEntries`.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #ttlMs: number;
  readonly #nowMs: () => number;
  readonly #maxEntries: number;

  constructor(options: { ttlMs: number; nowMs: () => number; maxEntries?: number }) {
    this.#ttlMs = options.ttlMs;
    this.#nowMs = options.nowMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The cached value of `key`, or the result of `load` (then cached for the interval). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const nowMs = this.#nowMs();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAtMs > nowMs) return entry.value;
    const value = load();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAtMs: nowMs + this.#ttlMs });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return value;
  }

  /** Forgets `key`, so the next read loads it afresh. */
  delete(key: string): void {
    this.#entries.delete(key);
  }
}
