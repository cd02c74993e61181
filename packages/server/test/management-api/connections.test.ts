/** @module `GET`/`DELETE /v2.0/management/connections` through `inject()`: filters, paging, validation, revocation. */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';
import { seedApplication, seedConnectedOwner } from '../helpers/test-world.js';
import type { ConnectionRecord, VehicleMode } from '../../src/store/index.js';

/** The Management API's view of a connection. */
function listed(connection: ConnectionRecord): { userId: string; vehicleId: string; connectedAt: string; mode: VehicleMode } {
  return { userId: connection.userId, vehicleId: connection.applicationVehicleId, connectedAt: connection.connectedAt, mode: connection.mode };
}

const validationBody = (requestId: string, description: string, detail: { field: string; message: string }[]) => ({
  type: 'VALIDATION',
  code: 'PARAMETER',
  description,
  docURL: 'http://carport.test/docs/errors#validation-parameter',
  statusCode: 400,
  requestId,
  resolution: { type: null },
  suggestedUserMessage: 'Something went wrong with this request. Please try again or contact the app developer.',
  detail,
});

async function get(app: FastifyInstance, authorization: string, query: string) {
  return app.inject({ method: 'GET', url: `/v2.0/management/connections${query}`, headers: { authorization } });
}

describe('Management API connections', () => {
  let harness: TestApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it('lists the application’s connections newest first, with every filter', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const other = await seedApplication(repositories);
    const simulated = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2, mode: 'simulated' })).connections;
    const live = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1, mode: 'live' })).connections;
    const legacy = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1, mode: 'test' })).connections;
    await seedConnectedOwner(repositories, other.applicationId, { vehicles: 2 });

    const all = await get(harness.app, seeded.authorization, '');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ connections: [...legacy, ...live, ...simulated.slice().reverse()].map(listed), paging: { cursor: null } });

    const [firstSimulated, secondSimulated] = simulated;
    if (firstSimulated === undefined || secondSimulated === undefined) throw new Error('seeding failed');
    const byUser = await get(harness.app, seeded.authorization, `?user_id=${firstSimulated.userId}`);
    expect(byUser.json()).toEqual({ connections: [listed(secondSimulated), listed(firstSimulated)], paging: { cursor: null } });
    const byVehicle = await get(harness.app, seeded.authorization, `?vehicle_id=${firstSimulated.applicationVehicleId}`);
    expect(byVehicle.json()).toEqual({ connections: [listed(firstSimulated)], paging: { cursor: null } });
    for (const [mode, expected] of [['live', live], ['simulated', simulated.slice().reverse()], ['test', legacy]] as const) {
      const byMode = await get(harness.app, seeded.authorization, `?mode=${mode}`);
      expect(byMode.json()).toEqual({ connections: expected.map(listed), paging: { cursor: null } });
    }
    const combined = await get(harness.app, seeded.authorization, `?user_id=${firstSimulated.userId}&mode=live`);
    expect(combined.json()).toEqual({ connections: [], paging: { cursor: null } });
    const foreignVehicle = await get(harness.app, other.authorization, `?vehicle_id=${firstSimulated.applicationVehicleId}`);
    expect(foreignVehicle.json()).toEqual({ connections: [], paging: { cursor: null } });
  });

  it('pages with an opaque cursor that is null on the last page', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const connections = [...(await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 5 })).connections].reverse().map(listed);
    const first = await get(harness.app, seeded.authorization, '?limit=2');
    const firstBody = first.json<{ connections: unknown[]; paging: { cursor: string } }>();
    expect(firstBody.connections).toEqual(connections.slice(0, 2));
    expect(firstBody.paging.cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const second = await get(harness.app, seeded.authorization, `?limit=2&cursor=${firstBody.paging.cursor}`);
    const secondBody = second.json<{ connections: unknown[]; paging: { cursor: string } }>();
    expect(secondBody.connections).toEqual(connections.slice(2, 4));
    const last = await get(harness.app, seeded.authorization, `?limit=2&cursor=${secondBody.paging.cursor}`);
    expect(last.json()).toEqual({ connections: connections.slice(4), paging: { cursor: null } });
    const exact = await get(harness.app, seeded.authorization, '?limit=5');
    expect(exact.json()).toEqual({ connections, paging: { cursor: null } });
  });

  it('refuses altered, foreign and empty cursors, and out-of-range limits, with exact bodies', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const other = await seedApplication(repositories);
    await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 3 });
    const page = (await get(harness.app, seeded.authorization, '?limit=1')).json<{ paging: { cursor: string } }>();
    const [payload = '', signature = ''] = page.paging.cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(['2999-01-01T00:00:00.000Z', 'ffffffff'])).toString('base64url');
    for (const cursor of [`${forgedPayload}.${signature}`, `${payload}.${signature.slice(1)}x`, 'not-a-cursor', `${payload}.${signature}.x`]) {
      const response = await get(harness.app, seeded.authorization, `?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(
        validationBody(String(response.headers['sc-request-id']), 'The cursor is not one this API returned for this application.', [
          { field: 'query.cursor', message: 'is not a valid cursor' },
        ]),
      );
    }
    const foreign = await get(harness.app, other.authorization, `?cursor=${page.paging.cursor}`);
    expect(foreign.statusCode).toBe(400);
    const empty = await get(harness.app, seeded.authorization, '?cursor=&user_id=');
    expect(empty.json()).toEqual(
      validationBody(String(empty.headers['sc-request-id']), '`cursor` and `user_id` must not be empty.', [
        { field: 'query.cursor', message: 'must not be empty' },
        { field: 'query.user_id', message: 'must not be empty' },
      ]),
    );
    const tooMany = await get(harness.app, seeded.authorization, '?limit=101&mode=parked');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ type: 'VALIDATION', code: null, statusCode: 400 });
    expect(tooMany.json<{ detail: { field: string }[] }>().detail.map((item) => item.field)).toEqual(expect.arrayContaining(['query.limit', 'query.mode']));
  });

  it('answers 401 AUTHENTICATION without a valid management token', async () => {
    harness = await buildTestApp();
    await seedApplication(harness.app.carport.repositories);
    const wrong = await get(harness.app, `Basic ${Buffer.from('default:mt_wrong').toString('base64')}`, '');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ type: 'AUTHENTICATION', code: null, description: 'The management token is not valid.' });
    const missing = await harness.app.inject({ method: 'DELETE', url: '/v2.0/management/connections?user_id=x' });
    expect(missing.statusCode).toBe(401);
  });

  it('deletes by vehicle: the grant ends and the user’s tokens survive, even with no vehicle left', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const deletedIds: string[] = [];
    harness.app.carport.connectionEvents.onRevoked((event) => {
      deletedIds.push(...event.connections.map((connection) => `${connection.id} ${event.reason}`));
    });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const [kept, dropped] = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2 })).connections;
    const [single] = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1 })).connections;
    if (kept === undefined || dropped === undefined || single === undefined) throw new Error('seeding failed');
    const twoVehicleToken = await repositories.tokens.issue({ applicationId: seeded.applicationId, userId: kept.userId });
    const oneVehicleToken = await repositories.tokens.issue({ applicationId: seeded.applicationId, userId: single.userId });

    const response = await harness.app.inject({
      method: 'DELETE',
      url: `/v2.0/management/connections?vehicle_id=${dropped.applicationVehicleId}`,
      headers: { authorization: seeded.authorization },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ connections: [{ userId: dropped.userId, vehicleId: dropped.applicationVehicleId }] });
    expect(deletedIds).toEqual([`${dropped.id} management_api_deleted`]);
    expect(await repositories.connections.findActiveByApplicationVehicleId(seeded.applicationId, dropped.applicationVehicleId)).toBeNull();
    expect((await repositories.tokens.findByAccessToken(twoVehicleToken.accessToken))?.revokedAt).toBeNull();

    await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections?vehicle_id=${single.applicationVehicleId}`, headers: { authorization: seeded.authorization } });
    // The user stays: the token still answers `/user` and an empty `/vehicles`.
    expect((await repositories.tokens.findByAccessToken(oneVehicleToken.accessToken))?.revokedAt).toBeNull();
    const again = await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections?vehicle_id=${single.applicationVehicleId}`, headers: { authorization: seeded.authorization } });
    expect(again.json()).toEqual({ connections: [] });
  });

  it('deletes by user: every connection of that user, who keeps their tokens', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const owned = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2 })).connections;
    const [bystander] = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1 })).connections;
    const userId = owned[0]?.userId ?? '';
    const token = await repositories.tokens.issue({ applicationId: seeded.applicationId, userId });
    const response = await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections?user_id=${userId}`, headers: { authorization: seeded.authorization } });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ connections: unknown[] }>().connections).toEqual(
      expect.arrayContaining(owned.map((connection) => ({ userId, vehicleId: connection.applicationVehicleId }))),
    );
    expect(response.json<{ connections: unknown[] }>().connections).toHaveLength(2);
    expect((await repositories.tokens.findByAccessToken(token.accessToken))?.revokedAt).toBeNull();
    const remaining = await get(harness.app, seeded.authorization, '');
    expect(remaining.json()).toEqual({ connections: bystander === undefined ? [] : [listed(bystander)], paging: { cursor: null } });
  });

  it('refuses a DELETE naming both, neither or an empty filter, with exact bodies', async () => {
    harness = await buildTestApp();
    const seeded = await seedApplication(harness.app.carport.repositories);
    const del = (query: string) => harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections${query}`, headers: { authorization: seeded.authorization } });
    const both = await del('?user_id=a&vehicle_id=b');
    expect(both.statusCode).toBe(400);
    expect(both.json()).toEqual(
      validationBody(String(both.headers['sc-request-id']), 'Send either `user_id` or `vehicle_id`, not both.', [
        { field: 'query.user_id', message: 'must not be sent with vehicle_id' },
        { field: 'query.vehicle_id', message: 'must not be sent with user_id' },
      ]),
    );
    const neither = await del('');
    expect(neither.statusCode).toBe(400);
    expect(neither.json()).toEqual(
      validationBody(String(neither.headers['sc-request-id']), 'Send either `user_id` or `vehicle_id`.', [
        { field: 'query.user_id', message: 'is required when vehicle_id is absent' },
        { field: 'query.vehicle_id', message: 'is required when user_id is absent' },
      ]),
    );
    const empty = await del('?vehicle_id=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual(
      validationBody(String(empty.headers['sc-request-id']), '`vehicle_id` must not be empty.', [{ field: 'query.vehicle_id', message: 'must not be empty' }]),
    );
  });

  it('ends the webhook subscriptions of the connections it deletes', async () => {
    harness = await buildTestApp({ now: tickingClock() });
    const { repositories } = harness.app.carport;
    const seeded = await seedApplication(repositories);
    const [connection] = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1 })).connections;
    if (connection === undefined) throw new Error('seeding failed');
    const webhook = await repositories.webhooks.create({ applicationId: seeded.applicationId, name: 'Charging', callbackUrl: 'https://app.example/hook', kind: 'event', mode: 'simulated' });
    expect(await repositories.subscriptions.subscribe(webhook.id, connection.id)).not.toBeNull();
    const response = await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections?user_id=${connection.userId}`, headers: { authorization: seeded.authorization } });
    expect(response.statusCode).toBe(200);
    expect(await repositories.subscriptions.listByConnection(connection.id)).toEqual([]);
  });
});
