/**
 * The refresh lock of manufacturer tokens on SQLite: two connections (as two processes have) on
 * one database file never run an account's refresh at once, and a lock row whose holder died is
 * taken over once its lease ran out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { testSecretKey } from '../helpers/test-app.js';

describe('the manufacturer token refresh lock on one SQLite file', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carport-refresh-lock-'));
  const stores: Store[] = [];
  const repositories: Repositories[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) {
      const store = await openDatabase({ databaseUrl: undefined, dataDir });
      await migrateToLatest(store);
      stores.push(store);
      repositories.push(createRepositories(store, { secretKey: testSecretKey }));
    }
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets one holder at a time refresh an account, across connections', async () => {
    let inside = 0;
    let mostInside = 0;
    const entered: number[] = [];
    const refreshes = Array.from({ length: 12 }, async (_, index) => {
      const credentials = repositories[index % 2]?.providerCredentials;
      if (credentials === undefined) throw new Error('no repositories');
      await credentials.withRefreshLock('owner-account-1', async () => {
        inside += 1;
        mostInside = Math.max(mostInside, inside);
        entered.push(index);
        // Yield to the other holders' attempts while holding the lock.
        await new Promise<void>((resolve) => setImmediate(resolve));
        inside -= 1;
      });
    });
    await Promise.all(refreshes);
    expect([mostInside, [...entered].sort((a, b) => a - b)]).toEqual([1, Array.from({ length: 12 }, (_, index) => index)]);
    const left = await stores[0]?.db.selectFrom('provider_refresh_locks').selectAll().execute();
    expect(left).toEqual([]);
  });

  it("takes over the lock row of a holder that died once its lease ran out, and leaves another account's alone", async () => {
    const db = stores[0]?.db;
    if (db === undefined) throw new Error('no store');
    await db.insertInto('provider_refresh_locks').values([
      { owner_account_id: 'owner-account-2', holder: 'a process that was killed', expires_at: new Date(Date.now() - 1_000).toISOString() },
      { owner_account_id: 'owner-account-3', holder: 'a live process', expires_at: new Date(Date.now() + 600_000).toISOString() },
    ]).execute();
    const held = await repositories[1]?.providerCredentials.withRefreshLock('owner-account-2', async () => db.selectFrom('provider_refresh_locks').select(['owner_account_id', 'holder']).orderBy('owner_account_id').execute());
    expect(held?.map((row) => row.owner_account_id)).toEqual(['owner-account-2', 'owner-account-3']);
    expect(held?.[0]?.holder).not.toBe('a process that was killed');
    expect(await db.selectFrom('provider_refresh_locks').select(['owner_account_id', 'holder']).execute()).toEqual([{ owner_account_id: 'owner-account-3', holder: 'a live process' }]);
  });
});
