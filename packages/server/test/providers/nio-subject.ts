/**
 * @module The live NIO provider against an emulated NIO cloud on loopback: a store with the owner's
 * account, tokens (from a real authorization-code exchange with PKCE) and vehicle, as Connect
 * leaves them, and the provider over Carport's own credential refresher.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EMULATED_NIO_PASSWORD, EmulatedNioCloud, type NioVehicle } from '@carport/emulators';
import type { CredentialRenewal } from '../../src/providers/contract/index.js';
import { CredentialRefresher } from '../../src/providers/credentials/credential-refresher.js';
import { NioProvider, nioCapabilities } from '../../src/providers/nio/index.js';
import type { UpstreamKit } from '../../src/providers/upstream/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import type { ConformanceOptions, ConformanceSubject } from './conformance.js';
import { testSecretKey } from '../helpers/test-app.js';
import { testUpstreamKit } from './tesla-subject.js';

export const nioOwner = 'owner@nio.test';

/** The emulated cloud's clock: the owner's car stands parked and unplugged below its charge limit then (the simulator is deterministic). */
export const nioParkedAt = Date.parse('2026-03-04T12:00:00.000Z');

/** Every permission whose data package is one of NIO's five. */
export const nioPermissions = [
  'read_vehicle_info', 'read_extended_vehicle_info', 'read_location', 'read_odometer', 'read_speedometer', 'read_thermometer', 'read_battery', 'read_charge', 'read_charge_events', 'control_charge',
];

/** Signs `email` in at the emulated NIO login (the browser's part), answering with the redirect back. */
export async function signInAtEmulatedNio(authorizationUrl: URL, email: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await fetch(authorizationUrl);
  if (page.status !== 200) throw new Error(`the emulated login answered ${page.status}: ${await page.text()}`);
  const form = { ...Object.fromEntries(authorizationUrl.searchParams), identity: email, credential: EMULATED_NIO_PASSWORD, decision };
  const answer = await fetch(new URL('/oauth2/authorize', authorizationUrl), { method: 'POST', redirect: 'manual', body: new URLSearchParams(form) });
  if (answer.status !== 302) throw new Error(`the emulated login answered ${answer.status}`);
  return new URL(answer.headers.get('location') ?? '');
}

export interface NioHarness {
  readonly cloud: EmulatedNioCloud;
  readonly store: Store;
  readonly repositories: Repositories;
  readonly provider: NioProvider;
  readonly ref: VehicleRef;
  readonly vehicle: NioVehicle;
  readonly ownerAccountId: string;
  close(): Promise<void>;
}

/** An emulated cloud, a linked owner and their stored NIO, and the provider. */
export async function nioHarness(options: { timeoutMs?: number; permissions?: readonly string[]; upstream?: UpstreamKit; now?: () => Date } = {}): Promise<NioHarness> {
  const cloud = await EmulatedNioCloud.start({ accounts: [nioOwner], now: options.now ?? (() => new Date(nioParkedAt)) });
  const store = await openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '/nonexistent' });
  await migrateToLatest(store);
  const repositories = createRepositories(store, { secretKey: testSecretKey });
  let vault: CredentialRefresher | undefined;
  const provider: NioProvider = new NioProvider({
    authUrl: cloud.origin,
    apiUrl: cloud.origin,
    clientId: cloud.clientId,
    clientSecret: cloud.clientSecret,
    timeoutMs: options.timeoutMs ?? 5_000,
    pollIntervalMs: 3_600_000,
    pollRequests: 3,
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
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://carport.test/connect/link/callback';
  const authorizationUrl = provider.linking.authorizationUrl({ make: 'NIO', mode: 'live', redirectUri, state: 'state-1', codeChallenge: createHash('sha256').update(verifier).digest('base64url'), permissions: options.permissions ?? nioPermissions });
  const back = await signInAtEmulatedNio(authorizationUrl, nioOwner);
  const linked = await provider.linking.exchangeCode({ make: 'NIO', mode: 'live', code: back.searchParams.get('code') ?? '', redirectUri, codeVerifier: verifier });
  if (!linked.ok) throw new Error(`linking failed: ${linked.reason}`);
  const owner = await repositories.ownerAccounts.upsert({ make: 'NIO', mode: 'live', providerAccountId: linked.account.providerAccountId, email: linked.account.email });
  await repositories.providerCredentials.save({ ownerAccountId: owner.id, providerId: 'nio', ...linked.tokens });
  const [listed] = await provider.listVehicles(linked.account);
  if (listed === undefined) throw new Error('the emulated account lists no vehicle');
  await repositories.vehicles.create({ make: 'NIO', mode: 'live', providerVehicleId: listed.ref.providerVehicleId, ownerAccountId: owner.id, vin: listed.vin, model: listed.model, year: listed.year, providerId: 'nio' });
  return {
    cloud,
    store,
    repositories,
    provider,
    ref: listed.ref,
    vehicle: cloud.vehicleOf(nioOwner),
    ownerAccountId: owner.id,
    close: async () => {
      await provider.stop();
      await cloud.close();
      await store.close();
    },
  };
}

export async function nioConformance(): Promise<ConformanceOptions> {
  const probe = await nioHarness();
  const ref = probe.ref;
  const label = `${probe.vehicle.modelType} (${probe.vehicle.vin})`;
  await probe.close();
  return {
    vehicles: [{ label, ref, capabilities: nioCapabilities }],
    makeSubject: async (): Promise<ConformanceSubject> => {
      const harness = await nioHarness();
      const { cloud, vehicle } = harness;
      const plugIn = async (): Promise<string | null> => {
        await cloud.garage.plugIn(vehicle);
        await cloud.garage.execute(vehicle, 'setChargeLimit', { limit: 1 });
        const battery = (await cloud.garage.read(vehicle, ['nioGetBattery'])).get('nioGetBattery');
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
