/**
 * Redis, which holds the shared limit counters, goes silent behind a proxy the test controls. The
 * API keeps answering (limits fail open) without a per-request wait, /readyz says the counters are
 * degraded, the log says so once, and counting resumes when Redis answers again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../helpers/tcp-fault-proxy.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { deleteKeys, describeRedis, redisUrl, uniqueKeyPrefix } from '../limits/redis-harness.js';

describeRedis('Redis faults', () => {
  let proxy: TcpFaultProxy;
  let harness: TestApp;
  let grant: SeededWorld;
  const keyPrefix = uniqueKeyPrefix();

  beforeAll(async () => {
    const direct = new URL(redisUrl);
    proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port === '' ? 6379 : direct.port) });
    harness = await buildTestApp({ env: { REDIS_URL: `redis://${proxy.host}:${proxy.port}`, CARPORT_REDIS_KEY_PREFIX: keyPrefix } });
    grant = await seedWorld(harness.app.carport.repositories, { mode: 'live' });
  });
  afterAll(async () => {
    proxy.setMode('pass');
    await harness.app.close();
    await proxy.close();
    await deleteKeys(keyPrefix);
  });

  const list = () => harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${grant.accessToken}` } });
  const readiness = async () => (await harness.app.inject({ method: 'GET', url: '/readyz' })).json<{ checks: { limits: string } }>().checks.limits;
  const outageLogLines = () => harness.log.lines.filter((line) => line.msg === 'limit counters unavailable; requests are admitted uncounted until they recover').length;

  it('fails open at once while Redis is silent, says so once, and counts again when it is back', async () => {
    await expect.poll(async () => (await list()).headers['ratelimit-limit'], { timeout: 5_000 }).toBeDefined();
    expect(await readiness()).toBe('ok');

    expect(outageLogLines()).toBe(0);
    proxy.setMode('freeze');
    proxy.reset();
    const started = performance.now();
    for (let index = 0; index < 20; index += 1) {
      const response = await list();
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
    // Twenty requests behind a 1 s command timeout each would take 20 s; with the circuit open only
    // the first may wait. The bound is that behaviour, with room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(await readiness()).toBe('degraded');
    const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(outageLogLines()).toBe(1);

    proxy.setMode('pass');
    await expect.poll(readiness, { timeout: 10_000, interval: 250 }).toBe('ok');
    await expect.poll(async () => (await list()).headers['ratelimit-limit'], { timeout: 5_000 }).toBeDefined();
    expect(harness.log.lines.some((line) => line.msg === 'limit counters recovered; requests are counted again')).toBe(true);
    expect(outageLogLines()).toBe(1);
  });
});
