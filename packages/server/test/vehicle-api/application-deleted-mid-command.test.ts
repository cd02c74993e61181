/**
 * @module An application deleted after its access token was checked, while one of its commands runs
 * under an `Idempotency-Key`: the key can no longer be remembered for it (the store's foreign key
 * refuses it), and the caller is answered 401 `AUTHENTICATION` as its token is from then on, on both
 * engines. Before, the constraint violation was a 500.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { FakeProvider, fakeRegistry, fakeTeslaAccounts } from '../helpers/fake-provider.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { CapturedLog, testConfig, tickingClock } from '../helpers/test-app.js';
import { describeEachDatabase } from '../store/database-harness.js';

describeEachDatabase('an application deleted while its command runs', (getStore) => {
  let app: FastifyInstance;
  let provider: FakeProvider;
  let grant: SeededWorld;
  let log: CapturedLog;
  beforeEach(async () => {
    provider = new FakeProvider('TESLA', fakeTeslaAccounts());
    log = new CapturedLog();
    app = await buildApp(testConfig({ CARPORT_READ_CACHE_TTL_MS: '0' }), { store: getStore(), providers: fakeRegistry(provider), now: tickingClock(), logger: createLogger('info', log.stream) });
    grant = await seedWorld(app.carport.repositories, { permissions: ['control_security'] });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await app.close();
  });

  it('answers 401 AUTHENTICATION, sends nothing to the vehicle and remembers no key', async () => {
    const { applications, idempotency } = app.carport.repositories;
    const claim = idempotency.claim.bind(idempotency);
    // The grant was checked; the application is deleted (by an operator, say) before the key is claimed.
    vi.spyOn(idempotency, 'claim').mockImplementation(async (applicationId, key, fingerprint, ttlSeconds) => {
      expect(await applications.delete(applicationId)).toBe(true);
      return claim(applicationId, key, fingerprint, ttlSeconds);
    });

    const response = await app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/security`,
      headers: { authorization: `Bearer ${grant.accessToken}`, 'idempotency-key': 'lock-1' },
      payload: { action: 'LOCK' },
    });

    expect(response.statusCode, log.text()).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="carport"');
    expect(response.json()).toEqual({
      type: 'AUTHENTICATION',
      code: null,
      description: 'The access token is not valid.',
      docURL: 'http://carport.test/docs/errors#authentication',
      statusCode: 401,
      requestId: response.headers['sc-request-id'],
      resolution: { type: 'REAUTHENTICATE' },
      suggestedUserMessage: findError('AUTHENTICATION', null)?.suggestedUserMessage,
    });
    expect(await applications.findById(grant.applicationId)).toBeNull();
    expect(provider.commands).toEqual([]);
    expect(await getStore().db.selectFrom('idempotency_keys').selectAll().execute()).toEqual([]);
  });
});
