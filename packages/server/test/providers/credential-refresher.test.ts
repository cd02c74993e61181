/** @module The one refresher of manufacturer tokens: refreshes ahead of expiry, once per account however many callers wait. */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialRefreshError, type CredentialRenewal, type ManufacturerTokens } from '../../src/providers/contract/index.js';
import { CredentialRefresher } from '../../src/providers/credentials/credential-refresher.js';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { FakeManufacturerLogin, fakeRenewal } from '../helpers/fake-manufacturer-login.js';
import { testSecretKey } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';

const start = Date.parse('2026-11-22T10:00:00.000Z');
const MINUTE = 60_000;

/** A renewal whose answers the test releases, counting calls. */
class GatedRenewal implements CredentialRenewal {
  calls = 0;
  #release: (() => void) | undefined;
  readonly #gate = new Promise<void>((resolve) => {
    this.#release = resolve;
  });

  constructor(private readonly answer: ManufacturerTokens) {}

  async refresh(): Promise<ManufacturerTokens> {
    this.calls += 1;
    await this.#gate;
    return this.answer;
  }

  release(): void {
    this.#release?.();
  }
}

describe('credential refresher', () => {
  let store: Store;
  let repositories: Repositories;
  let now: number;
  let ownerAccountId: string;

  beforeEach(async () => {
    store = await openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '/nonexistent' });
    await migrateToLatest(store);
    now = start;
    repositories = createRepositories(store, { secretKey: testSecretKey, clock: () => new Date(now) });
    ownerAccountId = (await repositories.ownerAccounts.create({ make: 'TESLA', mode: 'live', providerAccountId: 'acct-1', email: 'owner@example.com' })).id;
  });
  afterEach(async () => {
    await store.close();
  });

  const refresher = (renewal: CredentialRenewal) =>
    new CredentialRefresher({ credentials: repositories.providerCredentials, ownerAccounts: repositories.ownerAccounts, renewalFor: (id) => (id === 'fake-oauth' ? renewal : undefined), now: () => new Date(now) });
  const store0 = (expiresInMs: number) =>
    repositories.providerCredentials.save({ ownerAccountId, providerId: 'fake-oauth', accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: new Date(now + expiresInMs), scopes: ['vehicle_device_data'] });

  it('hands out stored tokens unchanged while they are far from expiry', async () => {
    await store0(6 * MINUTE);
    const renewal = new GatedRenewal({ accessToken: 'never', refreshToken: null, expiresAt: null, scopes: [] });
    expect(await refresher(renewal).tokensFor(ownerAccountId)).toEqual({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: new Date(start + 6 * MINUTE), scopes: ['vehicle_device_data'] });
    expect(renewal.calls).toBe(0);
    expect(await refresher(renewal).tokensFor('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('refreshes tokens about to expire exactly once for two concurrent readers, and stores the rotated set', async () => {
    await store0(4 * MINUTE);
    const fresh = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: new Date(start + 60 * MINUTE), scopes: ['vehicle_device_data'] };
    const renewal = new GatedRenewal(fresh);
    const vault = refresher(renewal);
    const first = vault.tokensFor(ownerAccountId);
    const second = vault.tokensFor(ownerAccountId);
    // Both readers are waiting on the refresh before it answers.
    await new Promise((resolve) => setTimeout(resolve, 20));
    renewal.release();
    expect(await Promise.all([first, second])).toEqual([fresh, fresh]);
    expect(renewal.calls).toBe(1);
    expect(await repositories.providerCredentials.find(ownerAccountId)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: '2026-11-22T11:00:00.000Z' });
    // The stored set is fresh now: a later read does not refresh again.
    expect(await vault.tokensFor(ownerAccountId)).toEqual(fresh);
    expect(renewal.calls).toBe(1);
  });

  it('keeps the refresh token when the manufacturer issues no new one', async () => {
    await store0(-MINUTE);
    const renewal = new GatedRenewal({ accessToken: 'access-1', refreshToken: null, expiresAt: new Date(start + 60 * MINUTE), scopes: [] });
    renewal.release();
    expect(await refresher(renewal).tokensFor(ownerAccountId)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-0' });
    expect(await repositories.providerCredentials.find(ownerAccountId)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-0' });
  });

  it('against a manufacturer that rotates refresh tokens, concurrent readers cause one refresh and the new refresh token works', async () => {
    const login = await FakeManufacturerLogin.start();
    try {
      const issued = await login.tokenRequest({ grant_type: 'refresh_token', refresh_token: 'unknown' });
      expect(issued).toEqual({ status: 400, body: { error: 'invalid_grant' } });
      // Link: the authorization endpoint's code, exchanged like Connect does.
      const authorize = new URL('/oauth2/authorize', login.origin);
      authorize.search = new URLSearchParams({ redirect_uri: 'http://carport.test/connect/link/callback', state: 's', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' }).toString();
      const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
      const linked = await login.tokenRequest({ grant_type: 'authorization_code', code, code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', redirect_uri: 'http://carport.test/connect/link/callback' });
      expect(linked.status).toBe(200);
      await repositories.providerCredentials.save({ ownerAccountId, providerId: 'fake-oauth', accessToken: String(linked.body.access_token), refreshToken: String(linked.body.refresh_token), expiresAt: new Date(now + MINUTE), scopes: [] });
      const vault = refresher(fakeRenewal(login, () => new Date(now)));
      const [first, second, third] = await Promise.all([vault.tokensFor(ownerAccountId), vault.tokensFor(ownerAccountId), vault.tokensFor(ownerAccountId)]);
      expect(login.refreshCount).toBe(1);
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(first?.refreshToken).not.toBe(linked.body.refresh_token);
      // The rotated token is the one stored, and the manufacturer still accepts it.
      now += 2 * 60 * MINUTE;
      const later = await vault.tokensFor(ownerAccountId);
      expect(login.refreshCount).toBe(2);
      expect(later?.accessToken).not.toBe(first?.accessToken);
    } finally {
      await login.close();
    }
  });

  it('renews at once a token the manufacturer refused before its expiry, unless another caller already replaced it', async () => {
    await store0(60 * MINUTE);
    const fresh = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: new Date(start + 120 * MINUTE), scopes: [] };
    const renewal = new GatedRenewal(fresh);
    renewal.release();
    const vault = refresher(renewal);
    const refused = await vault.tokensFor(ownerAccountId);
    if (refused === null) throw new Error('no tokens stored');
    expect(await vault.renew(ownerAccountId, refused)).toEqual(fresh);
    expect(renewal.calls).toBe(1);
    // A second caller that saw the same refused token gets the renewed set, without another refresh.
    expect(await vault.renew(ownerAccountId, refused)).toEqual(fresh);
    expect(renewal.calls).toBe(1);
  });

  it('forgets the tokens when the manufacturer refuses the refresh token, so the owner is asked to link once', async () => {
    await store0(-MINUTE);
    let calls = 0;
    const vault = refresher({
      refresh: () => {
        calls += 1;
        return Promise.reject(new CredentialRefreshError('rejected', 'invalid_grant'));
      },
    });
    await expect(vault.tokensFor(ownerAccountId)).rejects.toMatchObject({ name: 'CredentialRefreshError', reason: 'rejected' });
    expect(await repositories.providerCredentials.find(ownerAccountId)).toBeNull();
    expect(await vault.tokensFor(ownerAccountId)).toBeNull();
    expect(calls).toBe(1);
  });

  it('keeps the tokens when the manufacturer is only unavailable', async () => {
    await store0(-MINUTE);
    const vault = refresher({ refresh: () => Promise.reject(new CredentialRefreshError('unavailable', 'HTTP 503')) });
    await expect(vault.tokensFor(ownerAccountId)).rejects.toMatchObject({ reason: 'unavailable' });
    expect(await repositories.providerCredentials.find(ownerAccountId)).toMatchObject({ accessToken: 'access-0', refreshToken: 'refresh-0' });
  });
});

describePostgres('credential refresher across processes [postgres]', () => {
  let scratch: ScratchDatabase;
  let stores: Store[];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
  });
  afterAll(async () => {
    await scratch.drop();
  });
  beforeEach(() => {
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
  });

  async function process(): Promise<Repositories> {
    const store = await openDatabase({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
    stores.push(store);
    await migrateToLatest(store);
    return createRepositories(store, { secretKey: testSecretKey, clock: () => new Date(start) });
  }

  it('refreshes an account once when two processes find its tokens due at the same time (advisory lock)', async () => {
    const [first, second] = [await process(), await process()];
    const owner = await first.ownerAccounts.create({ make: 'TESLA', mode: 'live', providerAccountId: `acct-${Date.now()}`, email: null });
    await first.providerCredentials.save({ ownerAccountId: owner.id, providerId: 'fake-oauth', accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: new Date(start + MINUTE), scopes: [] });
    const fresh = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: new Date(start + 60 * MINUTE), scopes: [] };
    const renewal = new GatedRenewal(fresh);
    const vault = (repositories: Repositories) =>
      new CredentialRefresher({ credentials: repositories.providerCredentials, ownerAccounts: repositories.ownerAccounts, renewalFor: () => renewal, now: () => new Date(start) });
    const one = vault(first).tokensFor(owner.id);
    const other = vault(second).tokensFor(owner.id);
    // One process is refreshing; the other waits on the account's lock (PostgreSQL shows it waiting).
    await expect.poll(() => renewal.calls).toBe(1);
    const observer = stores[0];
    if (observer === undefined) throw new Error('no store open');
    const waiting = async (): Promise<number> => {
      const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`.execute(observer.db);
      return rows[0]?.waiting ?? 0;
    };
    await expect.poll(waiting).toBe(1);
    expect(renewal.calls).toBe(1);
    renewal.release();
    expect(await Promise.all([one, other])).toEqual([fresh, fresh]);
    expect(renewal.calls).toBe(1);
    expect(await second.providerCredentials.find(owner.id)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });
});
