/**
 * A Carport process is SIGKILLed in the middle of refreshing an owner's Tesla tokens: after the
 * (emulated) Tesla cloud rotated the refresh token, before the process stored the new pair. The
 * database still holds the previous refresh token, which Tesla's reuse grace window accepts once
 * more: a second process refreshes with it, stores a working pair, and the owner's vehicle reads
 * on. No refresh token is lost and the owner is never asked to reconnect.
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { EmulatedTeslaCloud } from '@carport/emulators';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { faultTestSecretKey, startServerProcess, type ServerProcess } from './server-process.js';

const email = 'crash@tesla.test';
const verifier = 'a-code-verifier-of-at-least-forty-three-characters';

describePostgres('a process SIGKILLed between Tesla rotating the refresh token and storing it', () => {
  let scratch: ScratchDatabase;
  let store: Store;
  let repositories: Repositories;
  let cloud: EmulatedTeslaCloud;
  let world: SeededWorld;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    await migrateToLatest(store);
    repositories = createRepositories(store, { secretKey: faultTestSecretKey });
    cloud = await EmulatedTeslaCloud.start({ accounts: [email], refreshReuseGraceSeconds: 300 });
    const account = cloud.accounts[0];
    if (account === undefined) throw new Error('no emulated account');
    const redirectUri = 'http://carport.test/connect/link/callback';
    const code = cloud.authority.issueCode(account, { clientId: cloud.clientId, redirectUri, codeChallenge: createHash('sha256').update(verifier).digest('base64url'), scopes: ['openid', 'offline_access', 'vehicle_device_data'] });
    const [, issued] = cloud.authority.token({ grant_type: 'authorization_code', client_id: cloud.clientId, client_secret: cloud.clientSecret, code, code_verifier: verifier, redirect_uri: redirectUri });
    const vehicle = cloud.vehicleOf(email);
    world = await seedWorld(repositories, {
      mode: 'live',
      permissions: ['read_vehicle_info', 'read_odometer'],
      owner: { make: 'TESLA', mode: 'live', providerAccountId: account.sub, email },
      vehicles: [{ make: 'TESLA', mode: 'live', providerVehicleId: `${account.sub}:${vehicle.id}`, vin: vehicle.vin, model: 'Model 3', year: 2022, providerId: 'tesla' }],
    });
    // Due: the first read refreshes.
    await repositories.providerCredentials.save({
      ownerAccountId: world.owner.id,
      providerId: 'tesla',
      accessToken: String(issued.access_token),
      refreshToken: String(issued.refresh_token),
      expiresAt: new Date(Date.now() - 60_000),
      scopes: ['openid', 'offline_access', 'vehicle_device_data'],
    });
  });
  afterAll(async () => {
    for (const running of processes) await running.stop();
    await cloud.close();
    await store.close();
    await scratch.drop();
  });

  function start(name: string): Promise<ServerProcess> {
    return startServerProcess(name, {
      DATABASE_URL: scratch.url,
      CARPORT_SIMULATED_MODES: 'test,simulated',
      CARPORT_TESLA_CLIENT_ID: cloud.clientId,
      CARPORT_TESLA_CLIENT_SECRET: cloud.clientSecret,
      CARPORT_TESLA_AUTH_URL: cloud.origin,
      CARPORT_TESLA_FLEET_API_URL_NA: cloud.origin,
      CARPORT_UPSTREAM_RETRIES: '0',
    });
  }

  async function storedRefreshToken(): Promise<string | null | undefined> {
    return (await repositories.providerCredentials.find(world.owner.id))?.refreshToken;
  }

  function readOdometer(origin: string): Promise<Response> {
    return fetch(`${origin}/v2.0/vehicles/${world.vehicleId}/odometer`, { headers: { authorization: `Bearer ${world.accessToken}` }, signal: AbortSignal.timeout(60_000) });
  }

  it('loses no refresh token: the survivor refreshes with the stored one and reads on', async () => {
    const original = await storedRefreshToken();
    const first = await start('first');
    processes.push(first);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const presented: string[] = [];
    const rotated = new Promise<void>((resolve) => {
      cloud.holdRefreshAnswers = async (token) => {
        presented.push(token);
        resolve();
        await released;
      };
    });
    const cutOff = readOdometer(first.origin).then(
      (response) => response.status,
      () => 'connection cut',
    );
    await rotated;
    // Tesla has rotated the token; the process has not stored the successor.
    expect([presented, await storedRefreshToken()]).toEqual([[original], original]);
    await first.kill();
    cloud.holdRefreshAnswers = undefined;
    release();
    expect(await cutOff).toBe('connection cut');
    expect(await storedRefreshToken()).toBe(original);

    const survivor = await start('survivor');
    processes.push(survivor);
    const refreshes = cloud.authority.grantCounts.refresh_token;
    const read = await readOdometer(survivor.origin);
    expect(read.status).toBe(200);
    // The spent token was accepted once more, and its successor is what is stored now.
    expect(cloud.authority.grantCounts.refresh_token).toBe(refreshes + 1);
    const stored = await storedRefreshToken();
    expect(typeof stored === 'string' && stored !== original).toBe(true);
    // The stored successor is live at Tesla: renewing with it works.
    const [status] = cloud.authority.token({ grant_type: 'refresh_token', client_id: cloud.clientId, refresh_token: stored ?? '' });
    expect(status).toBe(200);
  });
});
