/** @module Tests of the migrations: complete, idempotent, reversible, and safe to race on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, NO_MIGRATIONS, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/store/migrator.js';
import { foundation } from '../../src/store/migrations/0001_foundation.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, openDatabase, pendingMigrations, TABLE_NAMES, type Store } from '../../src/store/index.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld } from './fixtures.js';
import { runTogether } from './processes.js';
import { seedWorld } from '../helpers/test-world.js';

const allNames = Object.keys(migrations);
const opened: Store[] = [];
const scratches: ScratchDatabase[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await Promise.all(scratches.splice(0).map((scratch) => scratch.drop()));
});

function track(store: Store): Store {
  opened.push(store);
  return store;
}

async function open(databaseUrl: string): Promise<Store> {
  return track(await openDatabase({ databaseUrl, dataDir: tmpdir() }));
}

async function openFile(dataDir: string): Promise<Store> {
  return track(await openDatabase({ databaseUrl: undefined, dataDir }));
}

async function countRows(store: Store): Promise<number[]> {
  return Promise.all(
    TABLE_NAMES.map(async (table) => {
      const rows = await store.db.selectFrom(table).selectAll().execute();
      return rows.length;
    }),
  );
}

/** Migrations behaviour shared by both engines; `fresh` yields an empty, unmigrated database. */
function migrationSuite(fresh: () => Promise<Store>): void {
  it('lists every migration as pending on an empty database, in order', async () => {
    const store = await fresh();
    expect(allNames).toEqual(Object.keys(migrations).sort());
    expect(allNames.slice(0, 3)).toEqual(['0001_foundation', '0002_authorization', '0003_webhooks']);
    expect(await pendingMigrations(store)).toEqual(allNames);
  });

  it('applies all migrations, creating every table, then has nothing pending', async () => {
    const store = await fresh();
    expect(await migrateToLatest(store)).toEqual(allNames);
    expect(await pendingMigrations(store)).toEqual([]);
    expect(await countRows(store)).toEqual(TABLE_NAMES.map(() => 0));
  });

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const store = await fresh();
    await migrateToLatest(store);
    expect(await migrateToLatest(store)).toEqual([]);
    expect(await pendingMigrations(store)).toEqual([]);
  });

  it('rolls a failed run back completely and names the failing migration', async () => {
    const store = await fresh();
    const broken: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        throw new Error('boom');
      },
    };
    await expect(applyMigrations(store, { '0001_foundation': foundation, '0002_broken': broken })).rejects.toThrow(
      /Database migration 0002_broken failed: boom/,
    );
    // Nothing of the run survives: neither the broken migration's table nor the first migration's.
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).not.toContain('half_done');
    expect(tables).not.toContain('applications');
    expect(await pendingMigrations(store)).toEqual(allNames);
    expect(await migrateToLatest(store)).toEqual(allNames);
  });

  it('reads grants and tokens revoked before revocation reasons were stored with no reason (0010 down, then up)', async () => {
    const store = await fresh();
    await migrateToLatest(store);
    const repositories = repositoriesFor(store, createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    const tokens = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id });
    await repositories.connections.revoke(seeded.connection.id, 'owner_revoked');
    await repositories.tokens.revokeFamily(tokens.record.familyId, 'refresh_token_reused');
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
    const down = await migrator.migrateTo('0009_finished_connect_flows');
    expect(down.error).toBeUndefined();
    const since0010 = ['0010_revocation_reasons', '0011_management_token_grace', '0012_provider_credentials', '0013_vehicle_provider_id', '0014_outbox_claim_indexes', '0018_vehicle_telemetry'];
    expect(await pendingMigrations(store)).toEqual(since0010);
    expect(await migrateToLatest(store)).toEqual(since0010);
    expect(await repositories.connections.findById(seeded.connection.id)).toMatchObject({ revokedAt: '2026-11-22T02:24:42.000Z', revocationReason: null });
    expect(await repositories.tokens.findByAccessToken(tokens.accessToken)).toMatchObject({ revokedAt: '2026-11-22T02:24:42.000Z', revocationReason: null });
  });

  it('records the simulated provider for vehicles stored before vehicles recorded their provider (0013 backfill)', async () => {
    const store = await fresh();
    await migrateToLatest(store);
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
    expect((await migrator.migrateTo('0012_provider_credentials')).error).toBeUndefined();
    const legacy = store.db as unknown as Kysely<{ vehicles: { id: string; make: string; provider_vehicle_id: string; mode: string; created_at: string } }>;
    await legacy.insertInto('vehicles').values({ id: '00000000-0000-4000-8000-000000000013', make: 'TESLA', provider_vehicle_id: 'fleet-13', mode: 'live', created_at: '2026-11-22T02:24:42.000Z' }).execute();
    expect(await migrateToLatest(store)).toEqual(['0013_vehicle_provider_id', '0014_outbox_claim_indexes', '0018_vehicle_telemetry']);
    const repositories = repositoriesFor(store, createTestClock());
    expect(await repositories.vehicles.findById('00000000-0000-4000-8000-000000000013')).toMatchObject({ providerVehicleId: 'fleet-13', providerId: 'simulated' });
  });

  it('migrates down to nothing and up again', async () => {
    const store = await fresh();
    await migrateToLatest(store);
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await pendingMigrations(store)).toEqual(allNames);
    expect(await migrateToLatest(store)).toEqual(allNames);
  });
}

describe('migrations [sqlite]', () => {
  migrationSuite(() => open('sqlite::memory:'));

  it('serialises processes migrating one new file at once; each migration runs exactly once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'carport-migrate-'));
    try {
      const applied = await runTogether<string[]>('migrate', directory, ['p1', 'p2', 'p3', 'p4']);
      expect(applied.flat().sort()).toEqual(allNames);
      expect(await pendingMigrations(await openDatabase({ databaseUrl: undefined, dataDir: directory }).then(track))).toEqual([]);
    } finally {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('serialises two stores of one process migrating one file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'carport-migrate-'));
    try {
      const [first, second] = [await openFile(directory), await openFile(directory)];
      const applied = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
      expect(applied.flat().sort()).toEqual(allNames);
    } finally {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describePostgres('migrations [postgres]', () => {
  const fresh = async () => {
    const scratch = await createScratchPostgresDatabase();
    scratches.push(scratch);
    return open(scratch.url);
  };

  migrationSuite(fresh);

  it('lets two processes migrate the same database at once; each migration runs exactly once', async () => {
    const scratch = await createScratchPostgresDatabase();
    scratches.push(scratch);
    const [first, second] = [await open(scratch.url), await open(scratch.url)];
    const applied = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
    expect(applied.flat().sort()).toEqual(allNames);
    expect(await pendingMigrations(first)).toEqual([]);
    expect(await pendingMigrations(second)).toEqual([]);
  });
});
