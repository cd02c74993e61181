/** @module Seeded randomness: string and number hashing plus a small PRNG, so every simulated quantity is reproducible. */

/** 32-bit FNV-1a over UTF-16 code units, finished with an avalanche so nearby strings spread apart. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return avalanche(hash);
}

/** murmur3's finaliser: every input bit affects every output bit. */
function avalanche(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Combines numbers (seeds, day indexes, salts) into one 32-bit seed. Order matters, so
 * `mixSeeds(a, b)` and `mixSeeds(b, a)` give different streams.
 */
export function mixSeeds(...values: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    // Fold doubles in as two 32-bit halves so large day indexes and fractional seeds both count.
    const low = value >>> 0;
    const high = Math.floor(value / 0x1_0000_0000) >>> 0;
    hash = avalanche(hash ^ Math.imul(low, 0xcc9e2d51));
    hash = avalanche(hash ^ Math.imul(high + 0x27d4eb2f, 0x1b873593));
  }
  return hash;
}

/**
 * A fast, seedable generator (mulberry32). Not cryptographic: it only has to make a vehicle's day
 * look plausible and come out the same on every process.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let value = this.#state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `probability`. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Approximately normal (sum of three uniforms), bounded to mean ± 3 spreads: jitter never runs away. */
  around(mean: number, spread: number): number {
    return mean + spread * 2 * (this.next() + this.next() + this.next() - 1.5);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** One element, chosen with the given relative weights (same length as `items`). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let target = this.next() * total;
    for (let index = 0; index < items.length; index++) {
      target -= weights[index] ?? 0;
      const item = items[index];
      if (target < 0 && item !== undefined) return item;
    }
    return this.pick(items);
  }
}

/** A generator seeded from any mix of numbers and strings, e.g. `randomFor(vehicleSeed, day, 'plan')`. */
export function randomFor(...parts: readonly (number | string)[]): Random {
  return new Random(mixSeeds(...parts.map((part) => (typeof part === 'number' ? part : hashString(part)))));
}
