/**
 * @module Compatibility answers agree with the simulated fleet: for vehicles a test-mode owner connects,
 * the by-VIN answer's capable endpoints are exactly the vehicle's declared capabilities.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointCatalog } from '../../src/catalog/endpoints/index.js';
import { findMake, makesByRegion } from '../../src/catalog/makes.js';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import { capabilityPath } from '../../src/compatibility/compatibility-by-vin.js';
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

describe('by-VIN answers and the simulated fleet', () => {
  it.each(makesByRegion('US').map((make) => make.id))('%s: capable endpoints equal the connected vehicles’ capabilities', async (makeId) => {
    const provider = app.carport.providers.find(makeId, 'test');
    const make = findMake(makeId);
    if (provider === undefined || make === undefined) throw new Error(`no test-mode provider for ${makeId}`);
    const signedIn = await provider.signIn(makeId, 'test', { username: '4-vehicles@smartcar.com', password: 'any' });
    if (!signedIn.ok) throw new Error(`sign-in refused for ${makeId}`);
    const vehicles = await provider.listVehicles(signedIn.account);
    expect(vehicles.length).toBe(4);
    for (const vehicle of vehicles) {
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
});
