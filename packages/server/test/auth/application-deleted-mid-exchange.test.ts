/**
 * @module An application deleted after it authenticated at the token endpoint, while its code is
 * exchanged: the store's foreign key refuses the token pair, and the client is answered 401
 * `invalid_client` as it is from then on, on both engines, instead of a 500 `server_error`.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { CapturedLog, testConfig, tickingClock } from '../helpers/test-app.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { storeWorld } from '../store/fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('an application deleted while its code is exchanged', (getStore) => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildApp(testConfig({ CARPORT_READ_CACHE_TTL_MS: '0' }), { store: getStore(), providers: fakeRegistry(), now: tickingClock(), logger: createLogger('info', new CapturedLog().stream) });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await app.close();
  });

  it('answers 401 invalid_client and issues no tokens', async () => {
    const { repositories } = app.carport;
    const seeded = await seedWorld(repositories, storeWorld);
    const redirectUri = 'https://app.example/callback';
    const { code } = await repositories.authorizationCodes.create({ applicationId: seeded.application.id, userId: seeded.user.id, redirectUri, scope: ['read_battery'], connectionIds: [seeded.connection.id] });
    const { applications, tokens } = repositories;
    const issue = tokens.issue.bind(tokens);
    // The client authenticated and the code was spent; the application is deleted (by an operator, say) before the pair is stored.
    vi.spyOn(tokens, 'issue').mockImplementation(async (input) => {
      expect(await applications.delete(input.applicationId)).toBe(true);
      return issue(input);
    });

    const response = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${seeded.application.clientId}:${seeded.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
    });

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="carport"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.' });
    expect(await getStore().db.selectFrom('tokens').selectAll().execute()).toEqual([]);
  });
});
