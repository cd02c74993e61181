/** @module Redis for the limit tests: a probe, a `describe` that skips without Redis (fails on CI), and a key prefix per test run. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

/** The Redis the tests use (this machine runs one on loopback). */
export const redisUrl = process.env.CARPORT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probeRedis(): Promise<string | undefined> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  // The connection's own error says why (ECONNREFUSED, ...); connect() rejects with only "Connection is closed.".
  let cause: unknown;
  client.on('error', (error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    const reason = cause ?? error;
    return reason instanceof Error ? reason.message : 'unknown error';
  } finally {
    client.disconnect();
  }
}

/** Why Redis cannot be used, or undefined when it answers. Probed once per test file. */
export const redisUnreachable: string | undefined = await probeRedis();

/** `describe` for tests that need Redis: skipped with the reason when it is down, except on CI. */
export function describeRedis(title: string, body: () => void): void {
  if (redisUnreachable === undefined) {
    describe(title, body);
  } else if (process.env.CI !== undefined && process.env.CI !== '') {
    describe(title, () => {
      it('connects to Redis', () => {
        throw new Error(`Redis unreachable at ${redisUrl} (${redisUnreachable}); CI must run the Redis variant`);
      });
    });
  } else {
    const skipped = `${title} (skipped: Redis unreachable at ${redisUrl}: ${redisUnreachable})`;
    // Vitest reports a skipped suite by its count only; printing the title says why in every run.
    console.warn(skipped);
    describe.skip(skipped, body);
  }
}

/** A key prefix no other test run shares. */
export function uniqueKeyPrefix(): string {
  return `carport-test:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (keys also expire on their own; this keeps Redis tidy). */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
