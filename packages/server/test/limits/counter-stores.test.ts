/** @module One suite for both counter stores (in process and Redis), so the Lua script and the TypeScript arithmetic agree. */
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BucketCheck, CounterStore, QuotaCheck } from '../../src/limits/counter-store.js';
import { MemoryCounterStore } from '../../src/limits/memory-counter-store.js';
import { RedisCounterStore } from '../../src/limits/redis-counter-store.js';
import { deleteKeys, describeRedis, redisUrl, uniqueKeyPrefix } from './redis-harness.js';

const t0 = Date.parse('2026-11-22T10:00:00.000Z');
const bucket = (key: string, capacity: number, intervalMs: number): BucketCheck => ({ kind: 'bucket', key, capacity, intervalMs });
const quota = (key: string, limit: number, resetAtMs: number): QuotaCheck => ({ kind: 'quota', key, limit, resetAtMs });

function counterStoreSuite(open: () => CounterStore) {
  let store: CounterStore;
  const fresh = () => {
    store = open();
    return store;
  };
  afterEach(async () => {
    await store.close();
  });

  it('empties a bucket, refuses with the wait until a token returns, and refills over time', async () => {
    const counters = fresh();
    const check = [bucket('b1', 3, 1_000)];
    const admitted = [];
    for (let index = 0; index < 3; index += 1) admitted.push(await counters.consume(check, 1, t0));
    expect(admitted).toEqual([
      { refusedIndex: -1, states: [{ remaining: 2, resetMs: 1_000, retryAfterMs: 0 }] },
      { refusedIndex: -1, states: [{ remaining: 1, resetMs: 2_000, retryAfterMs: 0 }] },
      { refusedIndex: -1, states: [{ remaining: 0, resetMs: 3_000, retryAfterMs: 0 }] },
    ]);
    expect(await counters.consume(check, 1, t0 + 400)).toEqual({ refusedIndex: 0, states: [{ remaining: 0, resetMs: 2_600, retryAfterMs: 600 }] });
    expect(await counters.consume(check, 1, t0 + 1_000)).toEqual({ refusedIndex: -1, states: [{ remaining: 0, resetMs: 3_000, retryAfterMs: 0 }] });
    expect(await counters.consume(check, 1, t0 + 60_000)).toEqual({ refusedIndex: -1, states: [{ remaining: 2, resetMs: 1_000, retryAfterMs: 0 }] });
  });

  it('refuses a cost above what is left whole, and never admits one above the capacity, even when full', async () => {
    const counters = fresh();
    const check = [bucket('b2', 3, 1_000)];
    // Never admitted: the answer points at the bucket being full, which it already is.
    expect(await counters.consume(check, 5, t0)).toEqual({ refusedIndex: 0, states: [{ remaining: 3, resetMs: 0, retryAfterMs: 0 }] });
    expect(await counters.consume(check, 2, t0)).toEqual({ refusedIndex: -1, states: [{ remaining: 1, resetMs: 2_000, retryAfterMs: 0 }] });
    // Two do not fit in the one left; the second comes back in a second.
    expect(await counters.consume(check, 2, t0)).toEqual({ refusedIndex: 0, states: [{ remaining: 1, resetMs: 2_000, retryAfterMs: 1_000 }] });
    expect(await counters.consume(check, 4, t0 + 500)).toEqual({ refusedIndex: 0, states: [{ remaining: 1, resetMs: 1_500, retryAfterMs: 1_500 }] });
    expect(await counters.consume(check, 2, t0 + 1_000)).toEqual({ refusedIndex: -1, states: [{ remaining: 0, resetMs: 3_000, retryAfterMs: 0 }] });
  });

  it('counts a quota up to its limit and refuses until the period ends', async () => {
    const counters = fresh();
    const check = [quota('q1', 2, t0 + 5_000)];
    expect(await counters.consume(check, 1, t0)).toEqual({ refusedIndex: -1, states: [{ remaining: 1, resetMs: 5_000, retryAfterMs: 0 }] });
    expect(await counters.consume(check, 2, t0 + 1_000)).toEqual({ refusedIndex: 0, states: [{ remaining: 1, resetMs: 4_000, retryAfterMs: 4_000 }] });
    expect(await counters.consume(check, 1, t0 + 1_000)).toEqual({ refusedIndex: -1, states: [{ remaining: 0, resetMs: 4_000, retryAfterMs: 0 }] });
    expect(await counters.consume(check, 1, t0 + 2_000)).toEqual({ refusedIndex: 0, states: [{ remaining: 0, resetMs: 3_000, retryAfterMs: 3_000 }] });
  });

  it('charges nothing when any check refuses, and names the first that did', async () => {
    const counters = fresh();
    const checks = [quota('q2', 1, t0 + 60_000), bucket('b3', 5, 1_000), bucket('b4', 1, 1_000)];
    expect((await counters.consume(checks, 1, t0)).refusedIndex).toBe(-1);
    const refused = await counters.consume(checks, 1, t0);
    expect(refused).toEqual({
      refusedIndex: 0,
      states: [
        { remaining: 0, resetMs: 60_000, retryAfterMs: 60_000 },
        { remaining: 3, resetMs: 2_000, retryAfterMs: 0 },
        { remaining: 0, resetMs: 1_000, retryAfterMs: 1_000 },
      ],
    });
    // b3 was charged once, not twice.
    expect(await counters.consume([bucket('b3', 5, 1_000)], 1, t0)).toEqual({ refusedIndex: -1, states: [{ remaining: 3, resetMs: 2_000, retryAfterMs: 0 }] });
  });

  it('admits exactly the capacity when many requests race', async () => {
    const counters = fresh();
    const outcomes = await Promise.all(Array.from({ length: 120 }, () => counters.consume([bucket('race', 25, 60_000)], 1, t0)));
    expect(outcomes.filter((outcome) => outcome.refusedIndex < 0)).toHaveLength(25);
  });
}

describe('in-process counter store', () => {
  counterStoreSuite(() => new MemoryCounterStore());

  it('drops cells once their bucket is full again or their period is over', async () => {
    const store = new MemoryCounterStore();
    for (let index = 0; index < 50; index += 1) await store.consume([bucket(`b${index}`, 2, 1_000), quota(`q${index}`, 9, t0 + 2_000)], 1, t0);
    expect(store.size).toBe(100);
    for (let index = 0; index < 1_100; index += 1) await store.consume([bucket('busy', 1, 1)], 1, t0 + 10_000 + index);
    expect(store.size).toBe(1);
    await store.close();
  });
});

describeRedis('Redis counter store', () => {
  const prefix = uniqueKeyPrefix();
  afterAll(async () => {
    await deleteKeys(prefix);
  });
  let run = 0;
  // Each test gets its own prefix under the run's, so keys never leak between tests.
  counterStoreSuite(() => {
    run += 1;
    return new RedisCounterStore({ url: redisUrl, keyPrefix: `${prefix}${run}:` });
  });

  it('never over-admits across two clients, and lets full buckets expire from Redis', async () => {
    const keyPrefix = `${prefix}shared:`;
    const first = new RedisCounterStore({ url: redisUrl, keyPrefix });
    const second = new RedisCounterStore({ url: redisUrl, keyPrefix });
    const raw = new Redis(redisUrl);
    try {
      const check = [bucket('shared', 40, 60_000)];
      const outcomes = await Promise.all(Array.from({ length: 200 }, (_item, index) => (index % 2 === 0 ? first : second).consume(check, 1, t0)));
      expect(outcomes.filter((outcome) => outcome.refusedIndex < 0)).toHaveLength(40);
      // The key lives exactly until the bucket would be full again, so Redis holds only active buckets.
      const ttl = await raw.pttl(`${keyPrefix}shared`);
      expect(ttl).toBeGreaterThan(40 * 60_000 - 5_000);
      expect(ttl).toBeLessThanOrEqual(40 * 60_000);
    } finally {
      raw.disconnect();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
