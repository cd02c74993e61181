import { afterEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';
import { seedWorld } from '../helpers/test-world.js';

function authenticationError(requestId: string, description: string) {
  const definition = findError('AUTHENTICATION', null);
  return {
    type: 'AUTHENTICATION',
    code: null,
    description,
    docURL: 'http://carport.test/docs/errors#authentication',
    statusCode: 401,
    requestId,
    resolution: { type: 'REAUTHENTICATE' },
    suggestedUserMessage: definition?.suggestedUserMessage,
  };
}

describe('Vehicle API authentication', () => {
  let harness: TestApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it.each([
    ['no Authorization header', undefined, 'The request has no access token. Send `Authorization: Bearer <access token>`.'],
    ['a Basic header', 'Basic YTpi', 'The Authorization header is not of the form `Bearer <access token>`.'],
    ['an unknown token', 'Bearer not-a-real-token', 'The access token is not valid.'],
  ])('answers %s with 401 AUTHENTICATION', async (_name, authorization, description) => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: authorization === undefined ? {} : { authorization } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="carport"');
    expect(response.json()).toEqual(authenticationError(String(response.headers['sc-request-id']), description));
  });

  it('refuses an expired token and a revoked token', async () => {
    let now = new Date('2026-11-22T10:00:00.000Z');
    harness = await buildTestApp({ now: () => now });
    const grant = await seedWorld(harness.app.carport.repositories);
    now = new Date('2026-11-22T12:00:00.000Z');
    const expired = await harness.app.inject({ method: 'GET', url: '/v2.0/user', headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual(
      authenticationError(String(expired.headers['sc-request-id']), 'The access token has expired. Exchange the refresh token for a new pair.'),
    );
    now = new Date('2026-11-22T11:00:00.000Z');
    await harness.app.carport.repositories.tokens.revokeFamily(grant.tokenFamilyId, 'refresh_token_reused');
    const revoked = await harness.app.inject({ method: 'GET', url: '/v2.0/user', headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toEqual(
      authenticationError(
        String(revoked.headers['sc-request-id']),
        'The access token has been revoked because a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen.',
      ),
    );
  });

  it('lists the owner’s vehicles with paging, and the user id', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const grant = await seedWorld(harness.app.carport.repositories, { vehicles: 3 });
    const headers = { authorization: `Bearer ${grant.accessToken}` };
    const all = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ paging: { count: 3, offset: 0 }, vehicles: grant.vehicleIds });
    const page = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles/?limit=1&offset=1', headers });
    expect(page.json()).toEqual({ paging: { count: 3, offset: 1 }, vehicles: [grant.vehicleIds[1]] });
    const sdkStyle = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles?limit=undefined&offset=undefined', headers });
    expect(sdkStyle.json()).toEqual({ paging: { count: 3, offset: 0 }, vehicles: grant.vehicleIds });
    const user = await harness.app.inject({ method: 'GET', url: '/v2.0/user/', headers });
    expect(user.statusCode).toBe(200);
    expect(user.json()).toEqual({ id: grant.userId });
  });

  it('validates paging parameters', async () => {
    harness = await buildTestApp();
    const grant = await seedWorld(harness.app.carport.repositories);
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles?limit=51&offset=-1', headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: 'VALIDATION',
      code: null,
      detail: [
        { field: 'query.limit', message: 'must be <= 50' },
        { field: 'query.offset', message: 'must be >= 0' },
      ],
    });
  });

  it('never shows another application’s vehicles', async () => {
    harness = await buildTestApp();
    const mine = await seedWorld(harness.app.carport.repositories, { vehicles: 1 });
    await seedWorld(harness.app.carport.repositories, { vehicles: 2 });
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${mine.accessToken}` } });
    expect(response.json()).toEqual({ paging: { count: 1, offset: 0 }, vehicles: mine.vehicleIds });
  });
});
