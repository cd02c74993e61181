/** @module Keyset paging of the Management API while connections are added and removed between pages, on SQLite and PostgreSQL. */
import { expect, it } from 'vitest';
import type { ConnectionRecord } from '../../src/store/index.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { buildTestApp } from '../helpers/test-app.js';
import { seedApplication, seedConnectedOwner } from '../helpers/test-world.js';

interface Listed {
  readonly userId: string;
  readonly vehicleId: string;
  readonly connectedAt: string;
}

describeEachDatabase('Management API paging under concurrent writes', (getStore) => {
  it('never misses or repeats a connection that existed throughout', async () => {
    // Connections are created three to a millisecond, so pages also split ties (ordered by id).
    let current = Date.parse('2026-11-22T10:00:00.000Z');
    const { app } = await buildTestApp({ store: getStore(), now: () => new Date(current) });
    try {
      const { repositories } = app.carport;
      const seeded = await seedApplication(repositories);
      const original: ConnectionRecord[] = [];
      for (let owner = 0; owner < 12; owner += 1) {
        original.push(...(await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 3 })).connections);
        current += 1;
      }
      const removed = new Set<string>();
      const seen: Listed[] = [];
      let cursor: string | null | undefined;
      let round = 0;
      do {
        round += 1;
        const query = cursor === undefined || cursor === null ? '?limit=4' : `?limit=4&cursor=${cursor}`;
        // A page request races new connections (some backdated, as a skewed clock would make them)
        // and the removal of a connection the client has not reached yet.
        const unseen = original.filter((connection) => !removed.has(connection.applicationVehicleId) && !seen.some((item) => item.vehicleId === connection.applicationVehicleId));
        const victim = round % 3 === 0 ? unseen.at(-1) : undefined;
        if (victim !== undefined) removed.add(victim.applicationVehicleId);
        current += round % 2 === 0 ? 5 : -40;
        const [response] = await Promise.all([
          app.inject({ method: 'GET', url: `/v2.0/management/connections${query}`, headers: { authorization: seeded.authorization } }),
          seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2 }).then((owner) => owner.connections),
          victim === undefined ? Promise.resolve([]) : repositories.connections.revokeForApplicationVehicle(seeded.applicationId, victim.applicationVehicleId, 'management_api_deleted'),
        ]);
        current += 45;
        expect(response.statusCode).toBe(200);
        const page = response.json<{ connections: Listed[]; paging: { cursor: string | null } }>();
        seen.push(...page.connections);
        cursor = page.paging.cursor;
      } while (cursor !== null && round < 100);

      const seenIds = seen.map((item) => item.vehicleId);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      for (const connection of original) {
        if (!removed.has(connection.applicationVehicleId)) expect(seenIds).toContain(connection.applicationVehicleId);
      }
      // Newest first throughout: each item sorts strictly after the one before it.
      for (let index = 1; index < seen.length; index += 1) {
        expect((seen[index - 1]?.connectedAt ?? '') >= (seen[index]?.connectedAt ?? '')).toBe(true);
      }
      expect(removed.size).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
