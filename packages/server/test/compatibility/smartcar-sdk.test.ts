/** @module The official `smartcar` SDK's `getCompatibility` and `getCompatibilityMatrix` against a listening Carport. */
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { testConfig } from '../helpers/test-app.js';

describe('official smartcar SDK against the Compatibility API', () => {
  let server: RunningServer;
  let credentials: { clientId: string; clientSecret: string };
  const previousOrigin = process.env.SMARTCAR_API_ORIGIN;

  beforeAll(async () => {
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false', LOG_LEVEL: 'warn' }));
    // The SDK reads its origin from the environment on every call.
    process.env.SMARTCAR_API_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'SDK', redirectUris: ['https://app.example/cb'] });
    credentials = { clientId: created.application.clientId, clientSecret: created.clientSecret };
  });

  afterAll(async () => {
    if (previousOrigin === undefined) delete process.env.SMARTCAR_API_ORIGIN;
    else process.env.SMARTCAR_API_ORIGIN = previousOrigin;
    await server.app.close();
  });

  it('getCompatibility answers a VIN (country defaulting to US) and with an explicit country', async () => {
    const answer = await smartcar.getCompatibility('5YJ3E1EA2KF317000', ['read_vin', 'read_engine_oil'], credentials);
    expect(answer).toMatchObject({
      compatible: true,
      reason: null,
      capabilities: [
        { capable: true, endpoint: '/vin', permission: 'read_vin', reason: null },
        { capable: false, endpoint: '/engine/oil', permission: 'read_engine_oil', reason: 'SMARTCAR_NOT_CAPABLE' },
      ],
    });
    const canada = await smartcar.getCompatibility('5YJ3E1EA2KF317000', ['read_vin'], 'CA', credentials);
    expect(canada).toMatchObject({ compatible: true, reason: null, capabilities: [] });
  });

  it('getCompatibility surfaces a VALIDATION error for an invalid VIN and AUTHENTICATION for a wrong secret', async () => {
    const invalid = await smartcar.getCompatibility('5YJSA1CN5DFP00101', ['read_vin'], credentials).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ statusCode: 400, type: 'VALIDATION' });
    const refused = await smartcar
      .getCompatibility('5YJ3E1EA2KF317000', ['read_vin'], { clientId: credentials.clientId, clientSecret: 'wrong' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 401, type: 'AUTHENTICATION' });
  });

  it('getCompatibilityMatrix filters by make, type and scope', async () => {
    const matrix = await smartcar.getCompatibilityMatrix('US', { ...credentials, make: 'TESLA NISSAN', type: 'BEV', scope: ['read_battery'] });
    expect(Object.keys(matrix).filter((key) => key !== 'meta')).toEqual(['NISSAN', 'TESLA']);
    expect(matrix.TESLA).toEqual(
      expect.arrayContaining([expect.objectContaining({ model: '3', type: 'BEV', endpoints: ['EV battery'], permissions: ['read_battery'] })]),
    );
  });
});
