/**
 * @module Compatibility answers agree with the simulated fleet and with each other: for vehicles a
 * test-mode owner connects, the by-VIN answer's capable endpoints are exactly the declared capabilities
 * of those sold in the US, and the matrix for the vehicle's region lists exactly its permissions; and
 * for every model, by VIN and the matrix name the same permissions.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointCatalog } from '../../src/catalog/endpoints/index.js';
import { findMake, makesByRegion } from '../../src/catalog/makes.js';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import { capabilityPath } from '../../src/compatibility/compatibility-by-vin.js';
import { supportedPermissions } from '../../src/connect/vehicle-permissions.js';
import { SimulatedVehicleProvider, keyOf } from '../../src/providers/simulated/index.js';
import { modelsOf } from '../../src/simulator/models/index.js';
import { simulatedVin } from '../../src/simulator/vin.js';
import { buildTestApp } from '../helpers/test-app.js';

let app: FastifyInstance;
let authorization: string;

beforeAll(async () => {
  ({ app } = await buildTestApp());
  const created = await app.carport.repositories.applications.createApplication({ name: 'Consistency', redirectUris: ['https://app.example/cb'] });
  authorization = `Basic ${Buffer.from(`${created.application.clientId}:${created.clientSecret}`).toString('base64')}`;
});

afterAll(async () => {
  await app.close();
});

const everyPermission = permissionCatalog.map((permission) => permission.name).join(' ');

interface MatrixEntry {
  readonly model: string;
  readonly permissions: readonly string[];
}

async function matrixOf(region: string, make: string): Promise<readonly MatrixEntry[]> {
  const response = await app.inject({ method: 'GET', url: `/v2.0/compatibility/matrix?region=${region}&make=${make}`, headers: { authorization } });
  return response.json<Record<string, MatrixEntry[]>>()[make] ?? [];
}

describe('by-VIN answers, the matrix and the simulated fleet', () => {
  it.each(makesByRegion('US').map((make) => make.id))('%s: capable endpoints equal the connected vehicles’ capabilities', async (makeId) => {
    const provider = app.carport.providers.find(makeId, 'test');
    const make = findMake(makeId);
    if (!(provider instanceof SimulatedVehicleProvider) || make === undefined) throw new Error(`no simulated test-mode provider for ${makeId}`);
    const runtime = await provider.runtime();
    const signedIn = await provider.signIn(makeId, 'test', { username: '4-vehicles@smartcar.com', password: 'any' });
    if (!signedIn.ok) throw new Error(`sign-in refused for ${makeId}`);
    const vehicles = await provider.listVehicles(signedIn.account);
    expect(vehicles.length).toBe(4);
    for (const vehicle of vehicles) {
      const profile = runtime.fleet.profile(keyOf(vehicle.ref));
      if (profile === undefined) throw new Error(`${vehicle.vin} is not registered`);
      // The matrix for the vehicle's own region lists its model with exactly the permissions it honours.
      const listed = (await matrixOf(profile.region, makeId)).find((entry) => entry.model === profile.model.matrixName);
      expect([...(listed?.permissions ?? [])].sort(), `${vehicle.vin} in ${profile.region}`).toEqual([...supportedPermissions(vehicle.capabilities)].sort());
      // By VIN answers capabilities for vehicles sold in the US only (the seeds), so only those compare.
      if (profile.region !== 'US') continue;
      const declaredIds = new Set<string>(vehicle.capabilities);
      const response = await app.inject({
        method: 'GET',
        url: `/v2.0/compatibility?vin=${vehicle.vin}&scope=${encodeURIComponent(everyPermission)}&country=US`,
        headers: { authorization },
      });
      const body = response.json<{ compatible: boolean; capabilities: { capable: boolean; endpoint: string; permission: string }[] }>();
      expect(body.compatible, vehicle.vin).toBe(true);
      const capable = body.capabilities.filter((entry) => entry.capable).map((entry) => `${entry.permission} ${entry.endpoint}`).sort();
      const declared = endpointCatalog
        .filter((endpoint) => endpoint.permission !== null && declaredIds.has(endpoint.id))
        .map((endpoint) => `${endpoint.permission ?? ''} ${capabilityPath(endpoint, make)}`)
        .sort();
      expect(capable, `${vehicle.vin} (${vehicle.model} ${vehicle.year})`).toEqual(declared);
    }
  });

  it.each(makesByRegion('US').map((make) => make.id))('%s: by VIN and the US matrix name the same permissions for each model', async (makeId) => {
    const matrix = await matrixOf('US', makeId);
    for (const model of modelsOf(makeId)) {
      const vin = simulatedVin({ model, batteryVariant: 0, year: model.lastYear, entropy: 7 });
      const response = await app.inject({
        method: 'GET',
        url: `/v2.0/compatibility?vin=${vin}&scope=${encodeURIComponent(everyPermission)}&country=US`,
        headers: { authorization },
      });
      const body = response.json<{ capabilities: { capable: boolean; permission: string }[] }>();
      const byVin = new Set(body.capabilities.filter((entry) => entry.capable).map((entry) => entry.permission));
      // Charging events guard no endpoint, so by VIN has no entry for them; the matrix lists them with read_charge.
      const listed = (matrix.find((entry) => entry.model === model.matrixName)?.permissions ?? []).filter((name) => name !== 'read_charge_events');
      expect([...byVin].sort(), `${model.name} ${vin}`).toEqual([...listed].sort());
    }
  });
});
