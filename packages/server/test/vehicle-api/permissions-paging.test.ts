import { afterEach, describe, expect, it } from 'vitest';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import { seedWorld } from '../helpers/test-world.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('GET /vehicles/{id}/permissions paging', () => {
  let harness: TestApp | undefined;
  afterEach(async () => {
    await harness?.app.close();
    harness = undefined;
  });

  it('pages 25 permissions by default and at most 50', async () => {
    harness = await buildTestApp();
    const granted = permissionCatalog.map((permission) => permission.name);
    expect(granted.length).toBeGreaterThan(25);
    const grant = await seedWorld(harness.app.carport.repositories, { permissions: granted });
    const get = (query: string) =>
      harness?.app.inject({ method: 'GET', url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/permissions${query}`, headers: { authorization: `Bearer ${grant.accessToken}` } });
    const first = await get('');
    expect(first?.statusCode).toBe(200);
    expect(first?.json()).toEqual({ permissions: granted.slice(0, 25), paging: { count: granted.length, offset: 0 } });
    const rest = await get('?offset=25');
    expect(rest?.json()).toEqual({ permissions: granted.slice(25), paging: { count: granted.length, offset: 25 } });
    const all = await get('?limit=50');
    expect(all?.json()).toEqual({ permissions: granted, paging: { count: granted.length, offset: 0 } });
  });
});
