/**
 * @module Removing vehicles from a user: the Management API's DELETE (by user or by vehicle) and the
 * Vehicle API's disconnect, which also takes the application's management token.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';

function errorBody(type: string, code: string | null, requestId: unknown, description: string) {
  const definition = findError(type, code);
  return {
    type,
    code,
    description,
    docURL: `http://carport.test/docs/errors#${`${type}${code === null ? '' : `-${code}`}`.toLowerCase()}`,
    statusCode: definition?.statusCode,
    requestId,
    resolution: { type: definition?.resolution },
    suggestedUserMessage: definition?.suggestedUserMessage,
  };
}

const deletedByManagementApi = "This access token no longer grants access to this vehicle because the application deleted this vehicle's connection through the Management API.";
const disconnectedByApplication = 'This access token no longer grants access to this vehicle because the application disconnected this vehicle.';
const basic = (token: string) => `Basic ${Buffer.from(`default:${token}`).toString('base64')}`;

describe('removing vehicles from a user', () => {
  let harness: TestApp;
  afterEach(async () => {
    await harness.app.close();
  });

  const request = async (method: 'GET' | 'DELETE' | 'POST', url: string, authorization: string, payload?: InjectOptions['payload']): Promise<LightMyRequestResponse> => {
    const options: InjectOptions = { method, url, headers: { authorization } };
    return harness.app.inject(payload === undefined ? options : { ...options, payload });
  };
  const bearer = (grant: SeededWorld) => `Bearer ${grant.accessToken}`;
  const deleteConnections = (grant: SeededWorld, query: string) => request('DELETE', `/v2.0/management/connections?${query}`, basic(grant.managementToken));
  /** What a client can compare between two answers: everything but the request id and the description, which says why. */
  const comparable = (response: LightMyRequestResponse) => {
    const body = response.json<Record<string, unknown>>();
    return { statusCode: response.statusCode, contentType: response.headers['content-type'], body: { ...body, requestId: 'any', description: 'any' } };
  };

  it('deleting a user’s connections removes the vehicles, not the user: the token still answers /user and /vehicles', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const grant = await seedWorld(harness.app.carport.repositories, { vehicles: 2 });
    const deleted = await deleteConnections(grant, `user_id=${grant.userId}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ connections: grant.vehicleIds.map((vehicleId) => ({ userId: grant.userId, vehicleId })) });

    const user = await request('GET', '/v2.0/user', bearer(grant));
    expect(user.statusCode).toBe(200);
    expect(user.json()).toEqual({ id: grant.userId });
    const vehicles = await request('GET', '/v2.0/vehicles', bearer(grant));
    expect(vehicles.statusCode).toBe(200);
    expect(vehicles.json()).toEqual({ paging: { count: 0, offset: 0 }, vehicles: [] });
    const odometer = await request('GET', `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/odometer`, bearer(grant));
    expect(odometer.statusCode).toBe(403);
    expect(odometer.json()).toEqual(errorBody('PERMISSION', null, odometer.headers['sc-request-id'], deletedByManagementApi));
  });

  it('a vehicle deleted through the Management API answers as one disconnected by the application, but for the reason; the rest stay', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const grant = await seedWorld(harness.app.carport.repositories, { vehicles: 3 });
    const [removed = '', disconnected = '', kept = ''] = grant.vehicleIds;
    expect((await deleteConnections(grant, `vehicle_id=${removed}`)).json()).toEqual({ connections: [{ userId: grant.userId, vehicleId: removed }] });
    const disconnect = await request('DELETE', `/v2.0/vehicles/${disconnected}/application`, bearer(grant));
    expect(disconnect.statusCode).toBe(200);
    expect(disconnect.json()).toEqual({ status: 'success' });

    expect((await request('GET', '/v2.0/vehicles', bearer(grant))).json()).toEqual({ paging: { count: 1, offset: 0 }, vehicles: [kept] });
    for (const [method, path, payload] of [
      ['GET', '', undefined],
      ['GET', '/odometer', undefined],
      ['GET', '/permissions', undefined],
      ['POST', '/batch', { requests: [{ path: '/odometer' }] }],
      ['DELETE', '/application', undefined],
    ] as const) {
      const fromRemoved = await request(method, `/v2.0/vehicles/${removed}${path}`, bearer(grant), payload);
      const fromDisconnected = await request(method, `/v2.0/vehicles/${disconnected}${path}`, bearer(grant), payload);
      expect(fromRemoved.json(), `${method} ${path}`).toEqual(errorBody('PERMISSION', null, fromRemoved.headers['sc-request-id'], deletedByManagementApi));
      expect(fromDisconnected.json(), `${method} ${path}`).toEqual(errorBody('PERMISSION', null, fromDisconnected.headers['sc-request-id'], disconnectedByApplication));
      expect(comparable(fromRemoved), `${method} ${path}`).toEqual(comparable(fromDisconnected));
    }
  });

  it('disconnects with the application’s management token, as Bearer and as Basic default:<token>', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const grant = await seedWorld(repositories, { vehicles: 3 });
    const other = await seedWorld(repositories);
    const [first = '', second = '', third = ''] = grant.vehicleIds;

    const viaBearer = await request('DELETE', `/v2.0/vehicles/${first}/application`, `Bearer ${grant.managementToken}`);
    expect(viaBearer.statusCode).toBe(200);
    expect(viaBearer.json()).toEqual({ status: 'success' });
    const viaBasic = await request('DELETE', `/v2.0/vehicles/${second}/application`, basic(grant.managementToken));
    expect(viaBasic.statusCode).toBe(200);
    expect(viaBasic.json()).toEqual({ status: 'success' });
    expect(await repositories.connections.findActiveByApplicationVehicleId(grant.applicationId, first)).toBeNull();
    expect(await repositories.connections.findActiveByApplicationVehicleId(grant.applicationId, second)).toBeNull();
    expect((await request('GET', '/v2.0/vehicles', bearer(grant))).json()).toEqual({ paging: { count: 1, offset: 0 }, vehicles: [third] });

    // Another application's management token reaches none of this application's vehicles.
    const foreign = await request('DELETE', `/v2.0/vehicles/${third}/application`, `Bearer ${other.managementToken}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual(errorBody('PERMISSION', null, foreign.headers['sc-request-id'], 'This application has no active connection to this vehicle.'));
    const again = await request('DELETE', `/v2.0/vehicles/${first}/application`, basic(grant.managementToken));
    expect(again.statusCode).toBe(403);
    expect(again.json()).toEqual(errorBody('PERMISSION', null, again.headers['sc-request-id'], 'This application has no active connection to this vehicle.'));

    const wrongBasic = await request('DELETE', `/v2.0/vehicles/${third}/application`, basic('not-a-token'));
    expect(wrongBasic.statusCode).toBe(401);
    expect(wrongBasic.headers['www-authenticate']).toBe('Basic realm="carport-management"');
    expect(wrongBasic.json()).toEqual(errorBody('AUTHENTICATION', null, wrongBasic.headers['sc-request-id'], 'The management token is not valid.'));
    const wrongBearer = await request('DELETE', `/v2.0/vehicles/${third}/application`, 'Bearer not-a-token');
    expect(wrongBearer.statusCode).toBe(401);
    expect(wrongBearer.headers['www-authenticate']).toBe('Bearer realm="carport"');
    expect(wrongBearer.json()).toEqual(errorBody('AUTHENTICATION', null, wrongBearer.headers['sc-request-id'], 'The access token is not valid.'));

    // Only the disconnect takes it: every other vehicle route still wants an access token.
    for (const [method, path] of [['GET', '/odometer'], ['GET', '/permissions'], ['GET', '']] as const) {
      const refused = await request(method, `/v2.0/vehicles/${third}${path}`, `Bearer ${grant.managementToken}`);
      expect(refused.statusCode, path).toBe(401);
      expect(refused.json()).toEqual(errorBody('AUTHENTICATION', null, refused.headers['sc-request-id'], 'The access token is not valid.'));
    }
    const basicElsewhere = await request('GET', `/v2.0/vehicles/${third}/odometer`, basic(grant.managementToken));
    expect(basicElsewhere.statusCode).toBe(401);
    expect(basicElsewhere.json()).toEqual(
      errorBody('AUTHENTICATION', null, basicElsewhere.headers['sc-request-id'], 'The Authorization header is not of the form `Bearer <access token>`.'),
    );
    expect(await repositories.connections.findActiveByApplicationVehicleId(grant.applicationId, third)).not.toBeNull();
  });
});
