/**
 * @module The live NIO provider: owners link through NIO's OAuth 2.0 login (the scopes being the
 * data packages they share), tokens live in Carport's vault and are renewed by its refresher, reads
 * come from one request per data-package resource a batch needs, charging is started and stopped by
 * NIO's commands, and vehicle events come from NIO's change feed, polled within a budget. A refused
 * token is answered by one renewal and one retry; only NIO's refusal of the refresh token asks the
 * owner to sign in again. Every call to NIO's API goes through the shared upstream machinery: the
 * circuit breaker and retries of NIO's endpoint, and the vehicle's daily budgets (feed polls spend
 * from the data budget). A caller accepting data of some age is answered from the resources last
 * seen, without asking NIO.
 */
import { createHash } from 'node:crypto';
import { CredentialRefreshError, type CredentialRenewal, type CredentialVault, type ManufacturerTokens, type OAuthRedirectLinking, type PolledEvents, type VehicleEventSink, type VehicleProvider } from '../contract/index.js';
import type { ReadFreshness } from '../contract/vehicle-data.js';
import type { BudgetKind, UpstreamCallKind, UpstreamGuard, UpstreamKit } from '../upstream/index.js';
import { VehicleError, incapableError, type CommandRequest, type ProviderAccount, type ProviderVehicle, type ReadOutcome, type ReadRequest, type VehicleMode, type VehicleRef } from '../vehicle-provider.js';
import { NioApiClient, type NioApiRequest } from './nio-api-client.js';
import { nioDailyBudget } from './nio-budget.js';
import { nioCapabilities, nioStoredReads, nioUnserved } from './nio-capabilities.js';
import { feedPageOf, feedQuery, NioChangeFeed, type FeedPage, type FeedPosition } from './nio-change-feed.js';
import { NioEventWatch } from './nio-event-watch.js';
import { NioLastSeen } from './nio-last-seen.js';
import { nioLinking, nioRenewal } from './nio-oauth.js';
import type { NioScope } from './nio-scopes.js';
import { readFromResource, resourcesFor, type NioResource } from './nio-reads.js';
import { nioInvalidData, NioUnauthorized } from './nio-result-codes.js';
import { modelYearOfNioVin } from './nio-vin.js';

/** The stored vehicle and owner lookups the provider needs (the store's repositories satisfy them). */
export interface NioProviderStore {
  findVehicle(make: string, mode: VehicleMode, providerVehicleId: string): Promise<{ readonly ownerAccountId: string | null; readonly vin: string | null; readonly model: string | null; readonly year: number | null } | null>;
  findOwnerAccount(make: string, mode: VehicleMode, providerAccountId: string): Promise<{ readonly id: string } | null>;
}

export interface NioProviderOptions {
  readonly authUrl: string;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  /** How often each watched vehicle's change feed is polled. */
  readonly pollIntervalMs: number;
  /** Change-feed pages one poll of one vehicle may request. */
  readonly pollRequests: number;
  readonly vault: () => CredentialVault;
  readonly store: NioProviderStore;
  /** The breaker, retries and budgets shared by every live provider. */
  readonly upstream: UpstreamKit;
  readonly modes?: readonly VehicleMode[];
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/** The scope NIO's change feed needs. */
const feedScope: NioScope = 'charging_status';

const commandSucceeded = { message: 'Successfully sent request to vehicle', status: 'success' } as const;

function stableUuid(text: string): string {
  const hex = createHash('sha256').update(`nio:${text}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function authenticationFailed(message: string): VehicleError {
  return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED', { message });
}

function refreshFailure(error: unknown): unknown {
  if (!(error instanceof CredentialRefreshError)) return error;
  return error.reason === 'rejected'
    ? authenticationFailed('NIO no longer accepts the stored sign-in; the owner must connect the vehicle again.')
    : new VehicleError('UPSTREAM', 'NO_RESPONSE', { message: "NIO's token endpoint did not renew the sign-in; try again later." });
}

/** NIO's virtual vehicle ID in a provider vehicle id `<account id>:<virtual vehicle id>`. */
function virtualVehicleId(ref: VehicleRef): string {
  return ref.providerVehicleId.slice(ref.providerVehicleId.indexOf(':') + 1);
}

interface NioListEntry {
  readonly virtualVehicleId: string;
  readonly vin: string;
  readonly modelType: string | null;
}

function listEntries(data: unknown): NioListEntry[] {
  const vehicles = typeof data === 'object' && data !== null && 'vehicles' in data ? data.vehicles : undefined;
  if (!Array.isArray(vehicles)) throw nioInvalidData('the vehicle list has no vehicles');
  return vehicles.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw nioInvalidData('a vehicle list entry is not an object');
    const fields = entry as Record<string, unknown>;
    if (typeof fields.virtual_vehicle_id !== 'string' || typeof fields.vin !== 'string') throw nioInvalidData('a vehicle list entry lacks virtual_vehicle_id or vin');
    return { virtualVehicleId: fields.virtual_vehicle_id, vin: fields.vin, modelType: typeof fields.model_type === 'string' ? fields.model_type : null };
  });
}

function isVehicleError(value: unknown): value is VehicleError {
  return value instanceof VehicleError;
}

/** A catalog error as an outcome; anything else is a bug and propagates (answered SERVER:INTERNAL). */
function asVehicleError(error: unknown): VehicleError {
  if (isVehicleError(error)) return error;
  throw error;
}

export class NioProvider implements VehicleProvider {
  readonly id = 'nio';
  readonly makes = ['NIO'] as const;
  readonly modes: readonly VehicleMode[];
  readonly linking: OAuthRedirectLinking;
  readonly credentials: CredentialRenewal;
  readonly polling: PolledEvents;
  readonly upstreamBudget = nioDailyBudget;
  readonly #options: NioProviderOptions;
  readonly #client: NioApiClient;
  readonly #guard: UpstreamGuard;
  readonly #lastSeen = new NioLastSeen();
  readonly #now: () => Date;
  readonly #watch: NioEventWatch;

  constructor(options: NioProviderOptions) {
    this.#options = options;
    this.modes = options.modes ?? ['live'];
    this.#now = options.now ?? (() => new Date());
    const oauth = { authUrl: options.authUrl, clientId: options.clientId, clientSecret: options.clientSecret, timeoutMs: options.timeoutMs, now: this.#now };
    this.linking = nioLinking(oauth);
    this.credentials = nioRenewal(oauth);
    this.#client = new NioApiClient({ baseUrl: options.apiUrl, timeoutMs: options.timeoutMs });
    this.#guard = options.upstream.guards.for(this.id, 'NIO', options.apiUrl);
    const feed = new NioChangeFeed(options.pollIntervalMs, (ref, position, ownerAccountId) => this.#feedPage(ref, position, ownerAccountId));
    this.polling = feed;
    this.#watch = new NioEventWatch({
      feed,
      budget: { requests: options.pollRequests, mayWake: false },
      onError: (error) => options.onError?.(error),
    });
  }

  /**
   * One API request under the breaker and retries of NIO's endpoint, each attempt charged to the
   * vehicle's daily `budget` first (none for account-level requests).
   */
  #send(kind: UpstreamCallKind, budget: { readonly kind: BudgetKind; readonly ref: VehicleRef } | null, request: NioApiRequest): Promise<unknown> {
    return this.#guard.call(kind, async () => {
      if (budget !== null) await this.#options.upstream.budgets.charge({ providerId: this.id, providerVehicleId: budget.ref.providerVehicleId }, nioDailyBudget, budget.kind, 'NIO');
      return this.#client.send(request);
    });
  }

  async listVehicles(account: ProviderAccount): Promise<readonly ProviderVehicle[]> {
    const owner = await this.#options.store.findOwnerAccount(account.make, account.mode, account.providerAccountId);
    if (owner === null) return [];
    const entries = listEntries(await this.#authorized(owner.id, (accessToken) => this.#send('read', null, { method: 'GET', path: '/api/v1/vehicles', accessToken })));
    const vehicles = entries.map((entry) =>
      this.#vehicle({ make: account.make, mode: account.mode, providerVehicleId: `${account.providerAccountId}:${entry.virtualVehicleId}` }, entry.vin, entry.modelType ?? 'NIO', null),
    );
    // Connect lists the vehicles just before the owner picks them: events count from here on.
    for (const vehicle of vehicles) await this.#watchFromNow(vehicle.ref, owner.id);
    return vehicles;
  }

  #vehicle(ref: VehicleRef, vin: string, model: string, year: number | null): ProviderVehicle {
    return { ref, vin, model, year: year ?? modelYearOfNioVin(vin, this.#now().getUTCFullYear()), capabilities: nioCapabilities, unserved: nioUnserved };
  }

  async getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    if (stored === null || stored.vin === null) return null;
    await this.#watchFromNow(ref, stored.ownerAccountId);
    return this.#vehicle(ref, stored.vin, stored.model ?? 'NIO', stored.year);
  }

  async read(ref: VehicleRef, requests: readonly ReadRequest[], freshness: ReadFreshness = {}): Promise<readonly ReadOutcome[]> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    const vehicle = await this.getVehicle(ref);
    if (stored === null || vehicle === null || stored.ownerAccountId === null) {
      return requests.map(() => ({ ok: false, error: new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING') }));
    }
    const ownerAccountId = stored.ownerAccountId;
    const fromCar = requests.map((request) => request.endpointId).filter((id) => vehicle.capabilities.has(id) && !nioStoredReads.includes(id));
    const fetched = new Map<NioResource, unknown>();
    await Promise.all(
      resourcesFor(fromCar).map(async (resource) => {
        fetched.set(resource, await this.#resourceWithin(ownerAccountId, ref, resource, freshness.maxAgeSeconds).catch((error: unknown) => asVehicleError(error)));
      }),
    );
    const now = this.#now();
    const context = { vehicleUuid: stableUuid(ref.providerVehicleId) };
    return requests.map((request): ReadOutcome => {
      if (!vehicle.capabilities.has(request.endpointId)) return { ok: false, error: incapableError(vehicle, request.endpointId) };
      if (request.endpointId === 'getVin') return { ok: true, body: { vin: vehicle.vin }, recordedAt: now };
      if (request.endpointId === 'getVehicleAttributes') return { ok: true, body: { id: context.vehicleUuid, make: ref.make, model: vehicle.model, year: vehicle.year }, recordedAt: now };
      const data = fetched.get(resourcesFor([request.endpointId])[0] ?? 'profile');
      if (isVehicleError(data)) return { ok: false, error: data };
      try {
        return { ok: true, ...readFromResource(request.endpointId, data, context) };
      } catch (error) {
        return { ok: false, error: asVehicleError(error) };
      }
    });
  }

  /** The resource last seen when it is at most `maxAgeSeconds` old (no request to NIO), else a fresh one. */
  async #resourceWithin(ownerAccountId: string, ref: VehicleRef, resource: NioResource, maxAgeSeconds: number | undefined): Promise<unknown> {
    const key = `${ref.mode}:${ref.providerVehicleId}`;
    if (maxAgeSeconds !== undefined) {
      const last = this.#lastSeen.within(key, resource, maxAgeSeconds * 1000, this.#now().getTime());
      if (last !== undefined) return last;
    }
    const path = `/api/v1/vehicles/${encodeURIComponent(virtualVehicleId(ref))}/${resource}`;
    const data = await this.#authorized(ownerAccountId, (accessToken) => this.#send('read', { kind: 'data', ref }, { method: 'GET', path, accessToken }));
    this.#lastSeen.remember(key, resource, data);
    return data;
  }

  async execute(ref: VehicleRef, command: CommandRequest): Promise<unknown> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    const vehicle = await this.getVehicle(ref);
    if (stored === null || vehicle === null || stored.ownerAccountId === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
    if (!vehicle.capabilities.has(command.endpointId) || command.endpointId !== 'controlCharge') throw incapableError(vehicle, command.endpointId);
    const stop = typeof command.body === 'object' && command.body !== null && 'action' in command.body && command.body.action === 'STOP';
    const path = `/api/v1/vehicles/${encodeURIComponent(virtualVehicleId(ref))}/charging/${stop ? 'stop' : 'start'}`;
    try {
      await this.#authorized(stored.ownerAccountId, (accessToken) => this.#send('command', { kind: 'commands', ref }, { method: 'POST', path, accessToken }));
    } catch (error) {
      // The car is already where the command would put it, as for an owner tapping the app twice.
      const already = stop ? 'NOT_CHARGING' : 'CHARGING_IN_PROGRESS';
      if (error instanceof VehicleError && error.type === 'VEHICLE_STATE' && error.code === already) return commandSucceeded;
      throw error;
    }
    return commandSucceeded;
  }

  async #feedPage(ref: VehicleRef, position: FeedPosition, ownerAccountId: string | null): Promise<FeedPage> {
    const owner = ownerAccountId ?? (await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId))?.ownerAccountId ?? null;
    if (owner === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
    const path = `/api/v1/vehicles/${encodeURIComponent(virtualVehicleId(ref))}/events${feedQuery(position)}`;
    return feedPageOf(ref, await this.#authorized(owner, (accessToken) => this.#send('read', { kind: 'data', ref }, { method: 'GET', path, accessToken })));
  }

  /** Starts watching a vehicle's events the first time this process is asked about it. */
  async #watchFromNow(ref: VehicleRef, ownerAccountId: string | null): Promise<void> {
    if (ownerAccountId === null || this.#watch.isWatching(ref)) return;
    // The feed is part of the charging status package: without it, asking would only be refused.
    const tokens = await this.#options.vault().tokensFor(ownerAccountId).catch(() => null);
    if (tokens?.scopes.includes(feedScope) !== true) return;
    // A failure leaves the vehicle unwatched; the next request about it tries again.
    await this.#watch.watch(ref, ownerAccountId, 'now').catch((error: unknown) => this.#options.onError?.(error));
  }

  /** Reports again the vehicle's events after `since` (NIO's ids, so the outbox de-duplicates), then keeps watching it. */
  async resumeEvents(ref: VehicleRef, since: Date): Promise<void> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    const owner = stored?.ownerAccountId ?? null;
    if (owner === null) return;
    await this.#watch.watch(ref, owner, { since });
  }

  /**
   * Runs `work` with the owner's access token; when NIO refuses it, renews the token once and runs
   * it again. Re-authentication is asked for only when NIO refused the refresh token itself.
   */
  async #authorized<T>(ownerAccountId: string, work: (accessToken: string) => Promise<T>): Promise<T> {
    const vault = this.#options.vault();
    const tokens = await vault.tokensFor(ownerAccountId).catch((error: unknown) => {
      throw refreshFailure(error);
    });
    if (tokens === null) throw authenticationFailed('No NIO sign-in is stored for this owner; the owner must connect the vehicle again.');
    try {
      return await work(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof NioUnauthorized)) throw error;
    }
    const renewed: ManufacturerTokens | null = await (vault.renew?.(ownerAccountId, tokens) ?? Promise.resolve(null)).catch((error: unknown) => {
      throw refreshFailure(error);
    });
    if (renewed === null) throw authenticationFailed('NIO refused the stored sign-in and it cannot be renewed; the owner must connect the vehicle again.');
    try {
      return await work(renewed.accessToken);
    } catch (error) {
      if (error instanceof NioUnauthorized) throw new VehicleError('UPSTREAM', 'UNKNOWN_ISSUE', { message: 'NIO refused a freshly renewed access token.' });
      throw error;
    }
  }

  subscribe(sink: VehicleEventSink): () => void {
    return this.#watch.subscribe(sink);
  }

  start(): Promise<void> {
    this.#watch.start();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return this.#watch.stop();
  }
}
