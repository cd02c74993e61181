/**
 * Two Carport processes count limits in one Redis (a private server the test owns), which is killed
 * and later started again, empty. While it is away both processes admit every request uncounted and
 * at once, /readyz says the counters are degraded and each log says so once; once it is back both
 * count again in the one shared bucket, and a request beyond it is refused.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Store } from '../../src/store/index.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { uniqueKeyPrefix } from '../limits/redis-harness.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { describeWithRedisServer, startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { faultTestSecretKey, logLinesWith, startServerProcess, type ServerProcess } from './server-process.js';

/** The application bucket both processes share; it refills too slowly to matter during the test. */
const CAPACITY = 10;
/** Requests during the outage: more than the bucket holds, so only failing open admits them all. */
const OUTAGE_REQUESTS = 2 * CAPACITY;
/** Twenty requests waiting out a 1 s Redis timeout each would take 20 s; failing open at once takes far less. */
const OUTAGE_BOUND_MS = 8_000;

const outageMessage = 'limit counters unavailable; requests are admitted uncounted until they recover';
const recoveryMessage = 'limit counters recovered; requests are counted again';

describeWithRedisServer('Redis stopped and started under two processes', () => {
  describePostgres('on PostgreSQL', () => {
    let scratch: ScratchDatabase;
    let store: Store;
    let redis: PrivateRedis;
    let grant: SeededWorld;
    const processes: ServerProcess[] = [];

    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase();
      store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
      await migrateToLatest(store);
      grant = await seedWorld(createRepositories(store, { secretKey: faultTestSecretKey }), { mode: 'live' });
      redis = await startPrivateRedis();
    });
    afterAll(async () => {
      await Promise.all(processes.map((server) => server.stop()));
      await redis.stop();
      await store.close();
      await scratch.drop();
    });

    it('fails open at once while Redis is down and counts in the shared bucket again once it is back', async () => {
      const env = {
        DATABASE_URL: scratch.url,
        REDIS_URL: redis.url,
        CARPORT_REDIS_KEY_PREFIX: uniqueKeyPrefix(),
        CARPORT_PLANS: JSON.stringify({ free: { applicationRate: { capacity: CAPACITY, refillPerMinute: 0.001 } } }),
      };
      const start = async (name: string): Promise<ServerProcess> => {
        const server = await startServerProcess(name, env);
        processes.push(server);
        return server;
      };
      const [first, second] = await Promise.all([start('A'), start('B')]);
      const both = [first, second];
      /** `count` requests, one at a time, alternating between the processes. */
      const alternate = async (count: number) => {
        const answers: { status: number; remaining: string | null; ms: number }[] = [];
        for (let index = 0; index < count; index += 1) {
          const started = performance.now();
          const response = await fetch(`${both[index % 2]?.origin ?? ''}/v2.0/vehicles`, { headers: { authorization: `Bearer ${grant.accessToken}` }, signal: AbortSignal.timeout(OUTAGE_BOUND_MS) });
          await response.arrayBuffer();
          answers.push({ status: response.status, remaining: response.headers.get('ratelimit-remaining'), ms: performance.now() - started });
        }
        return answers;
      };
      const limitsCheck = async (server: ServerProcess) => {
        const response = await fetch(`${server.origin}/readyz`);
        return { status: response.status, limits: (await response.json() as { checks: { limits: string } }).checks.limits };
      };

      expect((await alternate(4)).map((answer) => [answer.status, answer.remaining])).toEqual([[200, '9'], [200, '8'], [200, '7'], [200, '6']]);

      await redis.stop();
      const started = performance.now();
      const outage = await alternate(OUTAGE_REQUESTS);
      const outageMs = performance.now() - started;
      expect(outage.map((answer) => [answer.status, answer.remaining])).toEqual(outage.map(() => [200, null]));
      expect(outageMs).toBeLessThan(OUTAGE_BOUND_MS);
      for (const server of both) expect(await limitsCheck(server)).toEqual({ status: 200, limits: 'degraded' });

      await redis.start();
      for (const server of both) await expect.poll(() => limitsCheck(server), { timeout: 20_000, interval: 250 }).toEqual({ status: 200, limits: 'ok' });
      // The restarted Redis is empty: a full bucket, which both processes now spend together.
      const after = await alternate(CAPACITY + 1);
      expect(after.map((answer) => answer.status)).toEqual([...Array.from({ length: CAPACITY }, () => 200), 429]);
      expect(after.slice(0, CAPACITY).map((answer) => answer.remaining)).toEqual(Array.from({ length: CAPACITY }, (_item, index) => String(CAPACITY - 1 - index)));

      // Log lines reach standard output through a buffer (flushed within 100 ms), so they are awaited.
      for (const server of both) {
        await expect.poll(() => logLinesWith([server], outageMessage).length, { message: server.name, timeout: 5_000, interval: 50 }).toBe(1);
        await expect.poll(() => logLinesWith([server], recoveryMessage).length, { message: server.name, timeout: 5_000, interval: 50 }).toBe(1);
      }
      expect([first.exit(), second.exit()]).toEqual([null, null]);
      console.log(
        `[faults] Redis stopped and started under two processes: requests during the outage=${outage.length} (200×${outage.filter((answer) => answer.status === 200).length}, uncounted) in ${Math.round(outageMs)} ms, slowest ${Math.round(Math.max(...outage.map((answer) => answer.ms)))} ms; after recovery 200×${after.filter((answer) => answer.status === 200).length}, 429×${after.filter((answer) => answer.status === 429).length}`,
      );
    }, 180_000);
  });
});
