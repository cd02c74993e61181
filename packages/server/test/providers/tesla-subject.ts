/**
 * @module The live Tesla provider against an emulated Tesla cloud on loopback: a store with the
 * owner's account, tokens (from a real authorization-code exchange with PKCE) and vehicle, as
 * Connect leaves them, and the provider over Carport's own credential refresher.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EMULATED_TESLA_PASSWORD, EmulatedTeslaCloud, type EmulatedVehicle } from '@carport/emulators';
import type { CredentialRenewal } from '../../src/providers/contract/index.js';
import { CredentialRefresher } from '../../src/providers/credentials/credential-refresher.js';
import { TeslaFleetProvider, teslaCapabilities } from '../../src/providers/tesla/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import { UpstreamBudgets, UpstreamGuards, type UpstreamGuardEvents, type UpstreamKit } from '../../src/providers/upstream/index.js';
import { MemoryCounterStore } from '../../src/limits/memory-counter-store.js';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import type { ConformanceOptions, ConformanceSubject } from './conformance.js';
import { testSecretKey } from '../helpers/test-app.js';

export const teslaOwner = 'owner@tesla.test';

/**
 * The emulated cloud's clock: an instant at which the owner's car stands parked and unplugged below
 * its charge limit, so every command can act whenever the tests run (the simulator is deterministic).
 */
export const parkedAt = Date.parse('2026-03-04T12:00:00.000Z');

/** Signs `email` in at the emulated login (the browser's part), answering Carport's redirect URL with the callback's query. */
export async function signInAtEmulatedTesla(authorizationUrl: URL, email: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await fetch(authorizationUrl);
  if (page.status !== 200) throw new Error(`the emulated login answered ${page.status}: ${await page.text()}`);
  const form = { ...Object.fromEntries(authorizationUrl.searchParams), identity: email, credential: EMULATED_TESLA_PASSWORD, decision };
  const answer = await fetch(new URL('/oauth2/v3/authorize', authorizationUrl), { method: 'POST', redirect: 'manual', body: new URLSearchParams(form) });
  if (answer.status !== 302) throw new Error(`the emulated login answered ${answer.status}`);
  return new URL(answer.headers.get('location') ?? '');
}

export interface TeslaHarness {
  readonly cloud: EmulatedTeslaCloud;
  readonly store: Store;
  readonly repositories: Repositories;
  readonly provider: TeslaFleetProvider;
  readonly ref: VehicleRef;
  readonly vehicle: EmulatedVehicle;
  readonly ownerAccountId: string;
  close(): Promise<void>;
}

const quietGuardEvents: UpstreamGuardEvents = { opened: () => undefined, halfOpened: () => undefined, closed: () => undefined };

/** Upstream machinery for tests: no retries and a breaker that never opens unless asked, counters in memory. */
export function testUpstreamKit(options: { retries?: number; failureThreshold?: number; coolDownMs?: number; events?: UpstreamGuardEvents; now?: () => number; wakeTimeoutMs?: number } = {}): UpstreamKit {
  const guards = new UpstreamGuards(
    { retries: options.retries ?? 0, retryBaseDelayMs: 1, failureThreshold: options.failureThreshold ?? 1_000, coolDownMs: options.coolDownMs ?? 60_000 },
    options.events ?? quietGuardEvents,
  );
  return { guards, budgets: new UpstreamBudgets(new MemoryCounterStore(), options.now), wake: { timeoutMs: options.wakeTimeoutMs ?? 10_000, pollIntervalMs: 10 } };
}

/** An emulated cloud, a linked owner and their stored Tesla, and the provider; `timeoutMs` bounds each Fleet API request. */
export async function teslaHarness(
  options: { timeoutMs?: number; accessTokenLifetimeSeconds?: number; now?: () => Date; upstream?: UpstreamKit; wakeDelayMs?: number } = {},
): Promise<TeslaHarness> {
  const cloud = await EmulatedTeslaCloud.start({
    accounts: [teslaOwner],
    now: options.now ?? (() => new Date(parkedAt)),
    ...(options.accessTokenLifetimeSeconds === undefined ? {} : { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }),
    ...(options.wakeDelayMs === undefined ? {} : { wakeDelayMs: options.wakeDelayMs }),
  });
  const store = await openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '/nonexistent' });
  await migrateToLatest(store);
  const repositories = createRepositories(store, { secretKey: testSecretKey });
  let vault: CredentialRefresher | undefined;
  const provider: TeslaFleetProvider = new TeslaFleetProvider({
    oauth: { authUrl: cloud.origin, clientId: cloud.clientId, clientSecret: cloud.clientSecret },
    fleetApiUrl: cloud.origin,
    timeoutMs: options.timeoutMs ?? 5_000,
    upstream: options.upstream ?? testUpstreamKit(),
    ...(options.now === undefined ? {} : { now: options.now }),
    vault: (): CredentialRefresher => {
      vault ??= new CredentialRefresher({ credentials: repositories.providerCredentials, ownerAccounts: repositories.ownerAccounts, renewalFor: (): CredentialRenewal => provider.credentials, now: () => new Date() });
      return vault;
    },
    store: {
      findVehicle: (make, mode, id) => repositories.vehicles.findByProviderVehicle(make, mode, id),
      findOwnerAccount: (make, mode, id) => repositories.ownerAccounts.findByProviderAccount(make, mode, id),
    },
  });
  // Connect's part: the redirect with PKCE, the owner's sign-in, the code exchange, the stored account and tokens.
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://carport.test/connect/link/callback';
  const authorizationUrl = provider.linking.authorizationUrl({ make: 'TESLA', mode: 'live', redirectUri, state: 'state-1', codeChallenge: createHash('sha256').update(verifier).digest('base64url'), permissions: ['read_location', 'control_security', 'control_charge'] });
  const back = await signInAtEmulatedTesla(authorizationUrl, teslaOwner);
  const linked = await provider.linking.exchangeCode({ make: 'TESLA', mode: 'live', code: back.searchParams.get('code') ?? '', redirectUri, codeVerifier: verifier });
  if (!linked.ok) throw new Error(`linking failed: ${linked.reason}`);
  const owner = await repositories.ownerAccounts.upsert({ make: 'TESLA', mode: 'live', providerAccountId: linked.account.providerAccountId, email: linked.account.email });
  await repositories.providerCredentials.save({ ownerAccountId: owner.id, providerId: 'tesla', ...linked.tokens });
  const [listed] = await provider.listVehicles(linked.account);
  if (listed === undefined) throw new Error('the emulated account lists no vehicle');
  await repositories.vehicles.create({ make: 'TESLA', mode: 'live', providerVehicleId: listed.ref.providerVehicleId, ownerAccountId: owner.id, vin: listed.vin, model: listed.model, year: listed.year, providerId: 'tesla' });
  return {
    cloud,
    store,
    repositories,
    provider,
    ref: listed.ref,
    vehicle: cloud.vehicleOf(teslaOwner),
    ownerAccountId: owner.id,
    close: async () => {
      await provider.stop();
      await cloud.close();
      await store.close();
    },
  };
}

/** The ref the harness's vehicle gets: learnt once from a throwaway cloud (the emulator draws the same car every time). */
export async function teslaConformance(): Promise<ConformanceOptions> {
  const probe = await teslaHarness();
  const ref = probe.ref;
  const label = `${probe.vehicle.displayName} (${probe.vehicle.vin})`;
  await probe.close();
  return {
    vehicles: [{ label, ref, capabilities: teslaCapabilities }],
    makeSubject: async (): Promise<ConformanceSubject> => {
      const harness = await teslaHarness();
      const { cloud, vehicle } = harness;
      const plugIn = async (): Promise<string | null> => {
        await cloud.garage.plugIn(vehicle);
        await cloud.garage.execute(vehicle, 'setChargeLimit', { limit: 1 });
        const battery = (await cloud.garage.read(vehicle, ['getBatteryLevel'])).get('getBatteryLevel');
        return battery?.ok === true && Number(battery.body.percentRemaining) >= 0.999 ? 'the battery is full' : null;
      };
      return {
        provider: harness.provider,
        plugIn,
        startCharging: async () => (await plugIn()) ?? (await cloud.garage.execute(vehicle, 'controlCharge', { action: 'START' })),
        close: () => harness.close(),
      };
    },
  };
}
