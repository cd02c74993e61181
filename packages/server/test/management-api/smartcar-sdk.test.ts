/** @module The official `smartcar` SDK's `getConnections` and `deleteConnections` against a listening Carport on loopback. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import type { ConnectionRecord } from '../../src/store/index.js';
import { testConfig, tickingClock } from '../helpers/test-app.js';
import { type SeededApplication, seedApplication, seedConnectedOwner } from '../helpers/test-world.js';

interface SdkConnection {
  readonly userId: string;
  readonly vehicleId: string;
  readonly connectedAt?: string;
  readonly mode?: string;
}

/** The part of the SDK (plain CommonJS, untyped) these tests call. */
interface SmartcarSdk {
  getConnections(
    amt: string,
    filter?: { userId?: string; vehicleId?: string },
    paging?: { limit?: number; cursor?: string },
  ): Promise<{ connections: SdkConnection[]; paging: { cursor: string | null }; meta: { requestId?: string } }>;
  deleteConnections(amt: string, filter: { userId?: string; vehicleId?: string }): Promise<{ connections: SdkConnection[] }>;
}

interface SdkError extends Error {
  readonly statusCode: number;
  readonly type: string;
  readonly code?: string;
  readonly detail?: unknown;
}

const smartcar = createRequire(import.meta.url)('smartcar') as SmartcarSdk;

const asSdk = (connection: ConnectionRecord) => ({
  userId: connection.userId,
  vehicleId: connection.applicationVehicleId,
  connectedAt: connection.connectedAt,
  mode: connection.mode,
});

describe('official smartcar SDK against the Management API', () => {
  let server: RunningServer;
  let seeded: SeededApplication;
  let connections: ConnectionRecord[];
  const previousOrigin = process.env.SMARTCAR_MANAGEMENT_API_ORIGIN;

  beforeAll(async () => {
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false', LOG_LEVEL: 'warn' }), { now: tickingClock() });
    // The SDK reads its origins from the environment on every call.
    process.env.SMARTCAR_MANAGEMENT_API_ORIGIN = server.address;
    const { repositories } = server.app.carport;
    seeded = await seedApplication(repositories);
    connections = [...(await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 3 })).connections, ...(await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2, mode: 'live' })).connections];
  });

  afterAll(async () => {
    if (previousOrigin === undefined) delete process.env.SMARTCAR_MANAGEMENT_API_ORIGIN;
    else process.env.SMARTCAR_MANAGEMENT_API_ORIGIN = previousOrigin;
    await server.app.close();
  });

  it('getConnections pages through every connection, newest first, and filters', async () => {
    const seen: SdkConnection[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await smartcar.getConnections(seeded.managementToken, {}, { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
      seen.push(...page.connections);
      cursor = page.paging.cursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...connections].reverse().map(asSdk));

    const first = connections[0];
    if (first === undefined) throw new Error('seeding failed');
    const byUser = await smartcar.getConnections(seeded.managementToken, { userId: first.userId });
    expect(byUser.connections).toEqual(connections.slice(0, 3).reverse().map(asSdk));
    expect(byUser.paging).toEqual({ cursor: null });
    const byVehicle = await smartcar.getConnections(seeded.managementToken, { vehicleId: first.applicationVehicleId });
    expect(byVehicle.connections).toEqual([asSdk(first)]);
  });

  it('surfaces Carport’s errors as SmartcarError', async () => {
    const wrong = await smartcar.getConnections('mt_not-the-token').catch((error: unknown) => error as SdkError);
    expect(wrong).toMatchObject({ name: 'SmartcarError', statusCode: 401, type: 'AUTHENTICATION' });
    const tampered = await smartcar.getConnections(seeded.managementToken, {}, { cursor: 'e30.AAAA' }).catch((error: unknown) => error as SdkError);
    expect(tampered).toMatchObject({ statusCode: 400, type: 'VALIDATION', code: 'PARAMETER', detail: [{ field: 'query.cursor', message: 'is not a valid cursor' }] });
    const neither = await smartcar.deleteConnections(seeded.managementToken, {}).catch((error: unknown) => error as SdkError);
    expect(neither).toMatchObject({ statusCode: 400, type: 'VALIDATION', code: 'PARAMETER' });
  });

  it('deleteConnections removes one vehicle, then a whole user', async () => {
    const [firstLive, secondLive] = connections.slice(3);
    const firstSimulated = connections[0];
    if (firstLive === undefined || secondLive === undefined || firstSimulated === undefined) throw new Error('seeding failed');
    const one = await smartcar.deleteConnections(seeded.managementToken, { vehicleId: firstLive.applicationVehicleId });
    expect(one.connections).toEqual([{ userId: firstLive.userId, vehicleId: firstLive.applicationVehicleId }]);
    const user = await smartcar.deleteConnections(seeded.managementToken, { userId: firstSimulated.userId });
    expect(user.connections).toHaveLength(3);
    expect(user.connections).toEqual(expect.arrayContaining(connections.slice(0, 3).map((connection) => ({ userId: connection.userId, vehicleId: connection.applicationVehicleId }))));
    const left = await smartcar.getConnections(seeded.managementToken);
    expect(left.connections).toEqual([asSdk(secondLive)]);
  });
});
