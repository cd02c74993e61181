import { afterEach, describe, expect, it } from 'vitest';
import { validationBody } from '../helpers/error-bodies.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('numbers too large to be finite, and bodies the token endpoint cannot parse', () => {
  let harness: TestApp | undefined;
  let grant: SeededWorld;
  afterEach(async () => {
    await harness?.app.close();
    harness = undefined;
  });

  async function start(): Promise<TestApp> {
    harness = await buildTestApp();
    grant = await seedWorld(harness.app.carport.repositories, { permissions: ['read_vehicle_info', 'control_charge'] });
    return harness;
  }

  it.each([
    ['/v2.0/vehicles?limit=1e309', 'query.limit'],
    ['/v2.0/vehicles?offset=1e309', 'query.offset'],
    ['/v2.0/vehicles?offset=-Infinity', 'query.offset'],
    ['/v2.0/vehicles/{id}/permissions?offset=1e309', 'query.offset'],
  ])('GET %s answers 400 naming %s', async (url, field) => {
    const { app } = await start();
    const response = await app.inject({ method: 'GET', url: url.replace('{id}', grant.vehicleIds[0] ?? ''), headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], field, 'must be a finite number'));
  });

  it('refuses a management page offset of 1e309', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'GET',
      url: '/v2.0/management/connections?offset=1e309',
      headers: { authorization: `Basic ${Buffer.from(`default:${grant.managementToken}`).toString('base64')}` },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], 'query.offset', 'must be a finite number'));
  });

  it('refuses a JSON body number of 1e309', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/charge/limit`,
      headers: { authorization: `Bearer ${grant.accessToken}`, 'content-type': 'application/json' },
      payload: '{"limit": 1e309}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], 'body.limit', 'must be a finite number'));
  });

  it.each([
    ['application/json', '{"grant_type": "authorization_code",'],
    ['application/json', '{"grant_type": 1e309}'],
  ])('answers invalid_request for a %s token request it cannot parse: %s', async (type, payload) => {
    const { app } = await start();
    const response = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': type }, payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'The request could not be parsed.' });
  });
});
