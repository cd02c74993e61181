/** @module Two Carport instances on one Redis and one SQLite file: a limit holds across both, even under concurrent requests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp } from '../helpers/test-app.js';
import { limitsProbeModule } from './limits-harness.js';
import { deleteKeys, describeRedis, redisUrl, uniqueKeyPrefix } from './redis-harness.js';

describeRedis('limits shared by two instances through Redis', () => {
  const keyPrefix = uniqueKeyPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'carport-shared-limits-'));
  let current = Date.parse('2026-11-22T10:00:00.000Z');
  let apps: FastifyInstance[] = [];
  let grant: SeededWorld;

  beforeAll(async () => {
    const env = {
      DATABASE_URL: '',
      CARPORT_DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      CARPORT_REDIS_KEY_PREFIX: keyPrefix,
      LOG_LEVEL: 'warn',
      CARPORT_PLANS: JSON.stringify({ free: { applicationRate: { capacity: 10, refillPerMinute: 1 }, vehicleRate: { capacity: 4, refillPerMinute: 1 } } }),
    };
    // One after the other: the second instance finds the file migrated.
    for (let index = 0; index < 2; index += 1) {
      const { app } = await buildTestApp({ env, now: () => new Date(current), modules: [limitsProbeModule] });
      apps.push(app);
    }
  });

  // A new application per test, so each starts with full buckets of its own.
  beforeEach(async () => {
    const [first] = apps;
    if (first === undefined) throw new Error('no app');
    grant = await seedWorld(first.carport.repositories, { vehicles: 1 });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKeys(keyPrefix);
  });

  /** Sends `count` requests at once, alternating between the two instances; returns their status codes. */
  async function burst(url: string, count: number): Promise<number[]> {
    const responses = await Promise.all(
      Array.from({ length: count }, async (_item, index) => {
        const app = apps[index % 2];
        if (app === undefined) throw new Error('no app');
        return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${grant.accessToken}` } });
      }),
    );
    return responses.map((response) => response.statusCode);
  }

  const admitted = (codes: number[]) => codes.filter((code) => code === 200).length;

  it('admits exactly one application bucket across both instances', async () => {
    const codes = await burst('/v2.0/vehicles', 30);
    expect(admitted(codes)).toBe(10);
    expect(codes.filter((code) => code === 429)).toHaveLength(20);
    // One token comes back a minute later, for whichever instance asks first.
    current += 60_000;
    const later = await burst('/v2.0/user', 6);
    expect(admitted(later)).toBe(1);
  });

  it('admits exactly one vehicle bucket across both instances', async () => {
    const codes = await burst(`/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`, 12);
    expect(admitted(codes)).toBe(4);
    const [firstApp, secondApp] = apps;
    const refusedOnFirst = await firstApp?.inject({ method: 'GET', url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`, headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(refusedOnFirst?.json()).toMatchObject({ type: 'RATE_LIMIT', code: 'VEHICLE' });
    expect(refusedOnFirst?.headers['retry-after']).toBe('60');
    current += 60_000;
    const onSecond = await secondApp?.inject({ method: 'GET', url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`, headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(onSecond?.statusCode).toBe(200);
    expect(onSecond?.headers['ratelimit-remaining']).toBe('0');
  });

  it('gives full buckets of a new plan on both instances once they read it', async () => {
    const url = `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`;
    expect(admitted(await burst(url, 6))).toBe(4);
    const [firstApp] = apps;
    // What `carport apps set-plan` writes: the plan in the database; the counters in Redis stay as they are.
    await firstApp?.carport.repositories.applications.update(grant.applicationId, { plan: 'build' });
    current += 5_001;
    // build's vehicle bucket holds 20: every instance now counts against it, not the spent one.
    const codes = await burst(url, 24);
    expect(admitted(codes)).toBe(20);
  });
});
