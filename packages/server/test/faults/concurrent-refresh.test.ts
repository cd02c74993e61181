/**
 * Two Carport processes on one PostgreSQL database (and one process on SQLite) receive the same
 * refresh at once, as a client retrying over two connections does: both answer the same new pair,
 * and it keeps working. Before, the loser was taken for a thief and the family, winner included, revoked.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld } from '../helpers/test-world.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';

interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
}

async function raceRefreshes(first: FastifyInstance, second: FastifyInstance): Promise<void> {
  const grant = await seedWorld(first.carport.repositories);
  const secret = await first.carport.repositories.applications.rotateSecret(grant.clientId);
  const basic = `Basic ${Buffer.from(`${grant.clientId}:${secret ?? ''}`).toString('base64')}`;
  const refresh = (app: FastifyInstance, refreshToken: string) =>
    app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
  let refreshToken = grant.refreshToken;
  for (let round = 0; round < 10; round += 1) {
    const [left, right] = await Promise.all([refresh(first, refreshToken), refresh(second, refreshToken)]);
    expect([left.statusCode, right.statusCode], `round ${round}`).toEqual([200, 200]);
    const pair = left.json<TokenPair>();
    expect(right.json<TokenPair>()).toEqual(pair);
    for (const app of [first, second]) {
      const vehicles = await app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${pair.access_token}` } });
      expect(vehicles.statusCode, `round ${round}`).toBe(200);
    }
    refreshToken = pair.refresh_token;
  }
}

describe('concurrent refreshes on SQLite, one process', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await buildTestApp({ env: { CARPORT_READ_CACHE_TTL_MS: '0' } });
  });
  afterAll(async () => {
    await harness.app.close();
  });

  it('answer the same pair, which keeps working', async () => {
    await raceRefreshes(harness.app, harness.app);
  });
});

describePostgres('concurrent refreshes on PostgreSQL, two processes', () => {
  let scratch: ScratchDatabase;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    const env = { DATABASE_URL: scratch.url, CARPORT_READ_CACHE_TTL_MS: '0' };
    first = await buildTestApp({ env });
    second = await buildTestApp({ env });
  });
  afterAll(async () => {
    await first.app.close();
    await second.app.close();
    await scratch.drop();
  });

  it('answer the same pair, which keeps working in both', async () => {
    await raceRefreshes(first.app, second.app);
  });
});
