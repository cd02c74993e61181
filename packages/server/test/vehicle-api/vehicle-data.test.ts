import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { FakeProvider, fakeRegistry, fakeTeslaAccounts } from '../helpers/fake-provider.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { seedWorld } from '../helpers/test-world.js';

describe('vehicle data and commands over the catalog routes', () => {
  let harness: TestApp;
  let provider: FakeProvider;
  let token: string;
  let vehicleId: string;
  const now = new Date('2026-11-22T10:00:00.000Z');
  /** Carport's clock: fixed at `now` unless a test moves it. */
  let clock = now;

  beforeEach(async () => {
    clock = now;
    provider = new FakeProvider('TESLA', fakeTeslaAccounts());
    harness = await buildTestApp({ providers: fakeRegistry(provider), now: () => clock });
    const repositories = harness.app.carport.repositories;
    const world = await seedWorld(repositories, {
      application: { name: 'App' },
      mode: 'live',
      owner: { providerAccountId: 'acct-owner@example.com', email: null },
      vehicles: [{ providerVehicleId: 'tesla-model-3', vin: '5YJ3E1EA7KF317000', model: 'Model 3', year: 2019 }],
      permissions: ['read_odometer', 'read_battery', 'read_location', 'control_security', 'read_charge'],
    });
    vehicleId = world.vehicleId;
    token = world.accessToken;
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}${path}`, headers: { authorization: `Bearer ${token}`, ...headers } });
  const errorBody = (type: string, code: string | null, requestId: unknown, description?: string) => {
    const definition = findError(type, code);
    return {
      type,
      code,
      description: description ?? definition?.description,
      docURL: `http://carport.test/docs/errors#${`${type}${code === null ? '' : `-${code}`}`.toLowerCase()}`,
      statusCode: definition?.statusCode,
      requestId,
      resolution: { type: definition?.resolution },
      suggestedUserMessage: definition?.suggestedUserMessage,
    };
  };

  it('answers a read with its body and the data-age, fetched-at, unit-system and request-id headers', async () => {
    const response = await get('/odometer');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ distance: 12_345.6 });
    expect(response.headers['sc-data-age']).toBe('2026-11-22T09:30:00.000Z');
    expect(response.headers['sc-fetched-at']).toBe('2026-11-22T10:00:00.000Z');
    expect(response.headers['sc-unit-system']).toBe('metric');
    expect(response.headers['sc-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('converts to imperial units on request and refuses an unknown unit system', async () => {
    const imperial = await get('/odometer', { 'sc-unit-system': 'imperial' });
    expect(imperial.json()).toEqual({ distance: 7671.2 });
    expect(imperial.headers['sc-unit-system']).toBe('imperial');
    const battery = await get('/battery', { 'sc-unit-system': 'imperial' });
    expect(battery.json()).toEqual({ percentRemaining: 0.8, range: 198.84 });
    const refused = await get('/odometer', { 'sc-unit-system': 'furlongs' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      ...errorBody('VALIDATION', null, refused.headers['sc-request-id'], 'SC-Unit-System must be metric or imperial.'),
      detail: [{ field: 'headers.sc-unit-system', message: 'must be metric or imperial; got "furlongs"' }],
    });
  });

  it('answers PERMISSION for an ungranted permission and for a vehicle that is not the caller’s', async () => {
    const ungranted = await get('/vin');
    expect(ungranted.statusCode).toBe(403);
    expect(ungranted.json()).toEqual(errorBody('PERMISSION', null, ungranted.headers['sc-request-id'], 'The vehicle owner has not granted the `read_vin` permission this endpoint requires.'));
    const foreign = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles/00000000-0000-4000-8000-000000000000/odometer', headers: { authorization: `Bearer ${token}` } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual(errorBody('PERMISSION', null, foreign.headers['sc-request-id'], "No vehicle with this id is connected to this application by this token's owner; GET /v2.0/vehicles lists the vehicles this access token can use."));
  });

  it('tells a malformed vehicle id apart from a vehicle the caller cannot use, keeping PERMISSION', async () => {
    const malformed = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles/my-tesla/odometer', headers: { authorization: `Bearer ${token}` } });
    expect(malformed.statusCode).toBe(403);
    expect(malformed.json()).toEqual(
      errorBody('PERMISSION', null, malformed.headers['sc-request-id'], 'This is not a vehicle id: vehicle ids are the UUIDs that GET /v2.0/vehicles lists for this access token.'),
    );
  });

  it('answers the seeds’ errors for make-specific paths', async () => {
    const upper = await get('/TESLA/compass');
    expect(upper.statusCode).toBe(403);
    expect(upper.json()).toMatchObject({ type: 'PERMISSION', code: null });
    const otherMake = await get('/audi/charge');
    expect(otherMake.statusCode).toBe(501);
    expect(otherMake.json()).toEqual(errorBody('COMPATIBILITY', 'MAKE_NOT_COMPATIBLE', otherMake.headers['sc-request-id']));
    const notCapable = await get('/tesla/charge');
    expect(notCapable.statusCode).toBe(501);
    expect(notCapable.json()).toEqual(errorBody('COMPATIBILITY', 'VEHICLE_NOT_CAPABLE', notCapable.headers['sc-request-id']));
  });

  it('answers a batch path by path, fetching from the provider once', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${vehicleId}/batch`,
      headers: { authorization: `Bearer ${token}`, 'sc-unit-system': 'imperial' },
      payload: { requests: [{ path: '/odometer' }, { path: '/vin' }, { path: '/no-such-path' }, { path: '/location' }] },
    });
    expect(response.statusCode).toBe(200);
    const requestId = response.headers['sc-request-id'];
    const dataHeaders = { 'sc-data-age': '2026-11-22T09:30:00.000Z', 'sc-fetched-at': '2026-11-22T10:00:00.000Z', 'sc-unit-system': 'imperial' };
    expect(response.json()).toEqual({
      responses: [
        { path: '/odometer', code: 200, headers: dataHeaders, body: { distance: 7671.2 } },
        { path: '/vin', code: 403, headers: {}, body: errorBody('PERMISSION', null, requestId, 'The vehicle owner has not granted the `read_vin` permission this endpoint requires.') },
        { path: '/no-such-path', code: 404, headers: {}, body: errorBody('RESOURCE_NOT_FOUND', 'PATH', requestId) },
        { path: '/location', code: 200, headers: dataHeaders, body: { latitude: 52.52, longitude: 13.405 } },
      ],
    });
    expect(provider.readCalls).toBe(1);
  });

  it('takes SC-Fetched-At when the provider answered and never dates data after it was fetched', async () => {
    // The vehicle takes 2 s to answer; Carport's clock moves meanwhile.
    const read = provider.read.bind(provider);
    provider.read = (ref, requests) => {
      clock = new Date(clock.getTime() + 2000);
      return read(ref, requests);
    };
    // Recorded during the fetch: before it was fetched, so kept.
    provider.recordedAt = new Date('2026-11-22T10:00:01.000Z');
    const during = await get('/odometer');
    expect(during.statusCode).toBe(200);
    expect(during.json()).toEqual({ distance: 12_345.6 });
    expect(during.headers['sc-data-age']).toBe('2026-11-22T10:00:01.000Z');
    expect(during.headers['sc-fetched-at']).toBe('2026-11-22T10:00:02.000Z');
    expect(during.headers['sc-unit-system']).toBe('metric');

    // A provider clock ahead of Carport's (a vehicle's, or accelerated simulated time): clamped to the fetch.
    provider.recordedAt = new Date('2026-11-22T10:05:00.000Z');
    const ahead = await get('/odometer');
    expect(ahead.headers['sc-data-age']).toBe('2026-11-22T10:00:04.000Z');
    expect(ahead.headers['sc-fetched-at']).toBe('2026-11-22T10:00:04.000Z');
    const batch = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${vehicleId}/batch`,
      headers: { authorization: `Bearer ${token}` },
      payload: { requests: [{ path: '/odometer' }, { path: '/location' }] },
    });
    const headers = { 'sc-data-age': '2026-11-22T10:00:06.000Z', 'sc-fetched-at': '2026-11-22T10:00:06.000Z', 'sc-unit-system': 'metric' };
    expect(batch.json()).toEqual({
      responses: [
        { path: '/odometer', code: 200, headers, body: { distance: 12_345.6 } },
        { path: '/location', code: 200, headers, body: { latitude: 52.52, longitude: 13.405 } },
      ],
    });
  });

  it('answers /permissions in a batch as the endpoint itself does, paging included, without asking the provider', async () => {
    const single = await get('/permissions?limit=2&offset=1');
    expect(single.statusCode).toBe(200);
    expect(single.json()).toEqual({ permissions: ['read_battery', 'read_location'], paging: { count: 5, offset: 1 } });
    const whole = await get('/permissions');
    expect(whole.json()).toEqual({ permissions: ['read_odometer', 'read_battery', 'read_location', 'control_security', 'read_charge'], paging: { count: 5, offset: 0 } });
    const invalid = await get('/permissions?limit=51&offset=-1');
    expect(invalid.statusCode).toBe(400);
    const detail = [
      { field: 'query.limit', message: 'must be <= 50' },
      { field: 'query.offset', message: 'must be >= 0' },
    ];
    expect(invalid.json()).toEqual({ ...errorBody('VALIDATION', null, invalid.headers['sc-request-id']), detail });

    const response = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${vehicleId}/batch`,
      headers: { authorization: `Bearer ${token}` },
      payload: { requests: [{ path: '/permissions?limit=2&offset=1' }, { path: '/permissions' }, { path: '/permissions?limit=51&offset=-1' }] },
    });
    expect(response.statusCode).toBe(200);
    const requestId = response.headers['sc-request-id'];
    expect(response.json()).toEqual({
      responses: [
        { path: '/permissions?limit=2&offset=1', code: 200, headers: {}, body: single.json<unknown>() },
        { path: '/permissions', code: 200, headers: {}, body: whole.json<unknown>() },
        { path: '/permissions?limit=51&offset=-1', code: 400, headers: {}, body: { ...errorBody('VALIDATION', null, requestId), detail } },
      ],
    });
    expect(provider.readCalls).toBe(0);
  });

  it('sends a command once per Idempotency-Key and replays the first answer', async () => {
    const send = (key?: string) =>
      harness.app.inject({
        method: 'POST',
        url: `/v2.0/vehicles/${vehicleId}/security`,
        headers: { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
        payload: { action: 'LOCK' },
      });
    const first = await send('lock-1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'success', message: 'Successfully sent request to vehicle' });
    const retry = await send('lock-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(provider.commands).toHaveLength(1);
    expect(provider.commands[0]?.command).toEqual({ endpointId: 'lockUnlock', body: { action: 'LOCK' }, query: {} });
    await send();
    expect(provider.commands).toHaveLength(2);
    const mismatch = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${vehicleId}/security`,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'lock-1' },
      payload: { action: 'UNLOCK' },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ type: 'VALIDATION', description: 'This Idempotency-Key was already used for a different request.' });
  });

  it('validates command bodies and checks the command permission', async () => {
    const invalid = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/security`, headers: { authorization: `Bearer ${token}` }, payload: { action: 'OPEN' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ type: 'VALIDATION', detail: [{ field: 'body.action', message: 'must be one of LOCK, UNLOCK' }] });
    const ungranted = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/charge`, headers: { authorization: `Bearer ${token}` }, payload: { action: 'START' } });
    expect(ungranted.statusCode).toBe(403);
  });
});
