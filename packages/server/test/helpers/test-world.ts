/**
 * @module The one way tests (and benchmarks) put applications, owners, vehicles and grants straight
 * into the store: each piece has defaults a test overrides only where it matters, and `seedWorld`
 * connects them all at once. Owners, vehicles and users are upserted, as Connect stores them, so a
 * vehicle a provider listed can be seeded again under a second application.
 */
import type { ProviderVehicle } from '../../src/providers/vehicle-provider.js';
import type {
  ApplicationRecord, ConnectionRecord, NewApplication, OwnerAccountInput, OwnerAccountRecord, Repositories, UserRecord, VehicleInput, VehicleMode, VehicleRecord,
} from '../../src/store/index.js';

/** An application with its credentials in clear text. */
export interface SeededApplication {
  readonly application: ApplicationRecord;
  readonly applicationId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
  /** The Management API's documented header value: `Basic base64("default:" + token)`. */
  readonly authorization: string;
}

/** One owner's consent for vehicles in an application: the user and one connection per vehicle. */
export interface SeededConsent {
  readonly user: UserRecord;
  readonly userId: string;
  readonly connections: readonly ConnectionRecord[];
  /** The vehicle ids the application sees, in the order the vehicles were given. */
  readonly vehicleIds: readonly string[];
}

/** A consent and the token pair issued for it. */
export interface SeededGrant extends SeededConsent {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenFamilyId: string;
}

/** What a grant connects, and how. */
export interface GrantOptions {
  readonly permissions?: readonly string[];
  /** The connections' mode; default the owner's. */
  readonly mode?: VehicleMode;
  /** The access token's lifetime; negative for one already expired. */
  readonly accessTtlSeconds?: number;
}

/** Overrides of {@link seedWorld}: each piece's defaults are those of its own seeding function; `mode` is the owner's too. */
export interface WorldOverrides extends GrantOptions {
  readonly application?: Partial<NewApplication<false>>;
  readonly owner?: Partial<OwnerAccountInput>;
  /** How many default vehicles, or each vehicle's overrides (a world needs at least one). Default one. */
  readonly vehicles?: number | readonly Partial<VehicleInput>[];
  /** False: connect without issuing a token pair (for tests that count the pairs themselves). */
  readonly tokens?: boolean;
}

/** An application, an owner with vehicles, and the owner's grant of all of them to the application. */
export interface SeededWorld extends SeededApplication, SeededOwner {
  /** The first vehicle, its connection, and its id as the application sees it. */
  readonly vehicle: VehicleRecord;
  readonly connection: ConnectionRecord;
  readonly vehicleId: string;
}

/** A world seeded with `tokens: false`. */
export type SeededWorldWithoutTokens = Omit<SeededWorld, keyof Omit<SeededGrant, keyof SeededConsent>>;

const DEFAULT_PERMISSIONS = ['read_vehicle_info', 'read_odometer'] as const;

/** Distinguishes the provider ids of seeded owners and vehicles within one process. */
let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** The Management API's Basic header value for a management token. */
export function managementAuthorization(managementToken: string): string {
  return `Basic ${Buffer.from(`default:${managementToken}`).toString('base64')}`;
}

/** A confidential application: "Test app" redirecting to https://app.example/cb, on the default plan. */
export async function seedApplication(repositories: Repositories, overrides: Partial<NewApplication<false>> = {}): Promise<SeededApplication> {
  const { application, clientSecret, managementToken } = await repositories.applications.createApplication({ name: 'Test app', redirectUris: ['https://app.example/cb'], ...overrides });
  return { application, applicationId: application.id, clientId: application.clientId, clientSecret, managementToken, authorization: managementAuthorization(managementToken) };
}

/** A simulated TESLA owner, owner@example.com, under a provider account id of its own. */
export function seedOwner(repositories: Repositories, overrides: Partial<OwnerAccountInput> = {}): Promise<OwnerAccountRecord> {
  return repositories.ownerAccounts.upsert({ make: 'TESLA', mode: 'simulated', providerAccountId: `owner-${next()}`, email: 'owner@example.com', ...overrides });
}

/** A 2022 Model 3 of the owner's make and mode, without a VIN, under a provider vehicle id of its own. */
export function seedVehicle(repositories: Repositories, owner: OwnerAccountRecord, overrides: Partial<VehicleInput> = {}): Promise<VehicleRecord> {
  return repositories.vehicles.upsert({
    make: owner.make,
    mode: owner.mode,
    providerVehicleId: `vehicle-${next()}`,
    ownerAccountId: owner.id,
    vin: null,
    model: 'Model 3',
    year: 2022,
    ...overrides,
  });
}

/** The overrides that store a vehicle as its provider listed it. */
export function listedVehicle(vehicle: ProviderVehicle): Partial<VehicleInput> {
  return { ...vehicle.ref, vin: vehicle.vin, model: vehicle.model, year: vehicle.year };
}

type GrantParties = { readonly applicationId: string; readonly owner: OwnerAccountRecord; readonly vehicles: readonly VehicleRecord[] };

async function consent(repositories: Repositories, { applicationId, owner, vehicles }: GrantParties, options: GrantOptions): Promise<SeededConsent> {
  const user = await repositories.users.findOrCreate(applicationId, owner.id);
  const connections: ConnectionRecord[] = [];
  for (const vehicle of vehicles) {
    connections.push(
      await repositories.connections.create({ applicationId, userId: user.id, vehicleId: vehicle.id, permissions: options.permissions ?? DEFAULT_PERMISSIONS, mode: options.mode ?? owner.mode }),
    );
  }
  return { user, userId: user.id, connections, vehicleIds: connections.map((connection) => connection.applicationVehicleId) };
}

async function withTokens<C extends SeededConsent>(repositories: Repositories, applicationId: string, seeded: C, options: GrantOptions): Promise<C & SeededGrant> {
  const tokens = await repositories.tokens.issue({ applicationId, userId: seeded.userId, ...(options.accessTtlSeconds === undefined ? {} : { accessTtlSeconds: options.accessTtlSeconds }) });
  return { ...seeded, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, tokenFamilyId: tokens.record.familyId };
}

/** The owner's consent to `vehicles` for the application, with `read_vehicle_info` and `read_odometer` unless told, and a token pair. */
export async function seedGrant(repositories: Repositories, parties: GrantParties, options: GrantOptions = {}): Promise<SeededGrant> {
  return withTokens(repositories, parties.applicationId, await consent(repositories, parties, options), options);
}

/** An owner, its vehicles, and its grant of them to an application. */
export interface SeededOwner extends SeededGrant {
  readonly owner: OwnerAccountRecord;
  readonly vehicles: readonly VehicleRecord[];
}

async function consentingOwner(repositories: Repositories, applicationId: string, overrides: Omit<WorldOverrides, 'application'>) {
  const owner = await seedOwner(repositories, { ...(overrides.mode === undefined ? {} : { mode: overrides.mode }), ...overrides.owner });
  const wanted = overrides.vehicles ?? 1;
  const vehicleOverrides = typeof wanted === 'number' ? Array.from({ length: wanted }, () => ({})) : wanted;
  const vehicles: VehicleRecord[] = [];
  for (const vehicle of vehicleOverrides) vehicles.push(await seedVehicle(repositories, owner, vehicle));
  return { ...(await consent(repositories, { applicationId, owner, vehicles }, overrides)), owner, vehicles };
}

/** Seeds an owner whose vehicles (one by default) are connected to an existing application. */
export async function seedConnectedOwner(repositories: Repositories, applicationId: string, overrides: Omit<WorldOverrides, 'application' | 'tokens'> = {}): Promise<SeededOwner> {
  return withTokens(repositories, applicationId, await consentingOwner(repositories, applicationId, overrides), overrides);
}

/** Seeds an application and an owner whose vehicles (one by default) are connected to it, with a token pair unless `tokens: false`. */
export async function seedWorld(repositories: Repositories, overrides: WorldOverrides & { readonly tokens: false }): Promise<SeededWorldWithoutTokens>;
export async function seedWorld(repositories: Repositories, overrides?: WorldOverrides & { readonly tokens?: true }): Promise<SeededWorld>;
export async function seedWorld(repositories: Repositories, overrides: WorldOverrides = {}): Promise<SeededWorld | SeededWorldWithoutTokens> {
  const application = await seedApplication(repositories, overrides.application);
  const owner = await consentingOwner(repositories, application.applicationId, overrides);
  const [vehicle] = owner.vehicles;
  const [connection] = owner.connections;
  if (vehicle === undefined || connection === undefined) throw new Error('a seeded world connects at least one vehicle');
  const world = { ...application, ...owner, vehicle, connection, vehicleId: connection.applicationVehicleId };
  return overrides.tokens === false ? world : withTokens(repositories, application.applicationId, world, overrides);
}
