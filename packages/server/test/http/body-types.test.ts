/**
 * JSON bodies keep the types the client sent: `{"limit": true}` is not a 100 % charge limit and
 * `{"latitude": "37"}` is not a number. Query strings and path parameters, text by nature, are still
 * read as the numbers their schemas ask for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validationBody } from '../helpers/error-bodies.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('request value types', () => {
  let harness: TestApp | undefined;
  let grant: SeededWorld;
  afterEach(async () => {
    await harness?.app.close();
    harness = undefined;
  });

  async function start(): Promise<TestApp> {
    harness = await buildTestApp();
    grant = await seedWorld(harness.app.carport.repositories, { permissions: ['read_vehicle_info', 'control_charge', 'control_navigation', 'control_security'] });
    return harness;
  }

  function post(app: TestApp['app'], path: string, payload: string) {
    return app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}${path}`,
      headers: { authorization: `Bearer ${grant.accessToken}`, 'content-type': 'application/json' },
      payload,
    });
  }

  it.each([
    ['{"limit": true}', 'must be number or must be string'],
    ['{"limit": false}', 'must be number or must be string'],
    ['{"limit": null}', 'must be number or must be string'],
    ['{"limit": [0.8]}', 'must be number or must be string'],
    ['{"limit": "abc"}', 'must be number or must match pattern "^(0?\\.[5-9][0-9]*|1(\\.0*)?)$"'],
  ])('refuses the charge limit body %s', async (payload, message) => {
    const { app } = await start();
    const response = await post(app, '/charge/limit', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], 'body.limit', message));
  });

  it.each([
    ['{"latitude": "37.4", "longitude": -122.1}', 'body.latitude'],
    ['{"latitude": 37.4, "longitude": true}', 'body.longitude'],
    ['{"latitude": 37.4, "longitude": null}', 'body.longitude'],
  ])('refuses the destination body %s', async (payload, field) => {
    const { app } = await start();
    const response = await post(app, '/navigation/destination', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], field, 'must be number'));
  });

  it.each(['{"action": ["LOCK"]}', '{"action": true}', '{"action": 1}'])('refuses the lock body %s, naming the actions', async (payload) => {
    const { app } = await start();
    const response = await post(app, '/security', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], 'body.action', 'must be one of LOCK, UNLOCK'));
  });

  it('still reads query-string numbers as numbers', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'GET', url: '/v2.0/vehicles?limit=1&offset=0', headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ paging: { count: 1, offset: 0 }, vehicles: [grant.vehicleIds[0]] });
  });
});
