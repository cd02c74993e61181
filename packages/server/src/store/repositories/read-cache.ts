/**
 * @module A short-lived in-process cache for the lookups every Vehicle API request makes (token,
 * grant, vehicle), the application a batch's Battery Capacity link names, and the one every vehicle
 * event makes (its delivery targets). Writes through this process's repositories clear it at once;
 * other processes' writes are seen after at most the TTL.
 */

/** One cached lookup, bounded in size and age. */
export class CacheRegion<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #clock: () => Date;
  readonly #maxEntries: number;

  constructor(ttlMs: number, clock: () => Date, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#clock = clock;
    this.#maxEntries = maxEntries;
  }

  /** The cached value for `key`, or what `load` answers (then cached). A TTL of 0 disables caching. */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    if (this.#ttlMs <= 0) return load();
    const now = this.#clock().getTime();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.value;
    const value = await load();
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, expiresAt: now + this.#ttlMs });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** The regions the repositories share. */
export interface ReadCache {
  readonly accessTokens: CacheRegion<unknown>;
  readonly activeGrants: CacheRegion<unknown>;
  readonly vehicles: CacheRegion<unknown>;
  /** Where a vehicle's events go: subscription, grant and webhook changes clear it. */
  readonly deliveryTargets: CacheRegion<unknown>;
  readonly applications: CacheRegion<unknown>;
  /** Clears every region (after a transaction commits, whatever it wrote). */
  clear(): void;
}

export function createReadCache(ttlMs: number, clock: () => Date): ReadCache {
  const regions = {
    accessTokens: new CacheRegion<unknown>(ttlMs, clock),
    activeGrants: new CacheRegion<unknown>(ttlMs, clock),
    vehicles: new CacheRegion<unknown>(ttlMs, clock),
    deliveryTargets: new CacheRegion<unknown>(ttlMs, clock),
    applications: new CacheRegion<unknown>(ttlMs, clock),
  };
  return {
    ...regions,
    clear: () => {
      for (const region of Object.values(regions)) region.clear();
    },
  };
}

/** Wraps `write` so that it clears `region` after it ran (whether it succeeded or not). */
export function clearing<A extends unknown[], R>(region: { clear(): void }, write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await write(...args);
    } finally {
      region.clear();
    }
  };
}
