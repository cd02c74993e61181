/**
 * @module The live Tesla provider: owners link through Tesla's OAuth 2.0 login, tokens live in
 * Carport's vault and are renewed by its refresher, reads come from one `vehicle_data` call per
 * batch and commands from the Fleet API's REST commands. A 401 is answered by one refresh and one
 * retry; only Tesla's refusal of the refresh token asks the owner to sign in again. Every Fleet API
 * call goes through the shared upstream machinery: the circuit breaker and retries of Tesla's
 * endpoint, and the vehicle's daily budgets. A sleeping car answers the last data Carport saw, with
 * its true age; it is woken (within the wake budget) only for a caller who needs fresher data.
 */
import { createHash } from 'node:crypto';
import {
  CredentialRefreshError, type CredentialRenewal, type CredentialVault, type ManufacturerTokens, type OAuthRedirectLinking, type VehicleEventSink, type VehicleProvider,
} from '../contract/index.js';
import type { ReadFreshness } from '../contract/vehicle-data.js';
import { wakeVehicle, type BudgetKind, type UpstreamCallKind, type UpstreamGuard, type UpstreamKit } from '../upstream/index.js';
import { VehicleError, incapableError, type CommandRequest, type ProviderAccount, type ProviderVehicle, type ReadOutcome, type ReadRequest, type VehicleMode, type VehicleRef } from '../vehicle-provider.js';
import { FleetApiClient, FleetApiUnauthorized, type FleetApiRequest } from './fleet-api-client.js';
import { LastSeenData } from './last-seen-data.js';
import { teslaDailyBudget } from './tesla-budget.js';
import { storedReads, teslaCapabilities } from './tesla-capabilities.js';
import { refusalError, teslaCommandsByEndpoint } from './tesla-commands.js';
import { teslaLinking, teslaRenewal, type TeslaOAuthOptions } from './tesla-oauth.js';
import { carTypeOf, invalidData, modelOfCarType, readFromVehicleData, sectionsFor, type TeslaSection, type VehicleData } from './vehicle-data-reads.js';
import { modelOfVin, modelYearOfVin } from './vin-facts.js';
import { streamedRead } from './telemetry/streamed-reads.js';
import { TeslaStreaming, type FleetRequest, type TeslaStreamingOptions } from './telemetry/tesla-streaming.js';
import { VirtualKeys } from './virtual-keys.js';

/** The stored vehicle and owner lookups the provider needs (the store's repositories satisfy them). */
export interface TeslaProviderStore {
  findVehicle(make: string, mode: VehicleMode, providerVehicleId: string): Promise<{ readonly ownerAccountId: string | null; readonly vin: string | null; readonly model: string | null; readonly year: number | null } | null>;
  findOwnerAccount(make: string, mode: VehicleMode, providerAccountId: string): Promise<{ readonly id: string } | null>;
}

export interface TeslaProviderOptions {
  readonly oauth: Omit<TeslaOAuthOptions, 'audience' | 'timeoutMs' | 'now'>;
  /** The Fleet API base URL of the region the accounts are in. */
  readonly fleetApiUrl: string;
  readonly timeoutMs: number;
  /** The owners' tokens, refreshed ahead of expiry (and on demand after a 401). */
  readonly vault: () => CredentialVault;
  readonly store: TeslaProviderStore;
  /** The breaker, retries, budgets and wake settings shared by every live provider. */
  readonly upstream: UpstreamKit;
  /** Modes Connect links through this provider; default live. */
  readonly modes?: readonly VehicleMode[];
  readonly now?: () => Date;
  /** Fleet Telemetry streaming; without it reads call the Fleet API and no events are raised. */
  readonly telemetry?: TeslaStreamingOptions;
  /** Tesla's vehicle-command proxy, through which commands to vehicles requiring signed commands go. */
  readonly commandProxyUrl?: string;
  /** The partner domain owners pair Carport's virtual key for (`https://tesla.com/_ak/<domain>`). */
  readonly partnerDomain?: string;
}

const commandSucceeded = { message: 'Successfully sent request to vehicle', status: 'success' } as const;

function stableUuid(text: string): string {
  const hex = createHash('sha256').update(`tesla:${text}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function authenticationFailed(message: string): VehicleError {
  return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED', { message });
}

/** A refresher's failure as the catalog error a caller sees. */
function refreshFailure(error: unknown): unknown {
  if (!(error instanceof CredentialRefreshError)) return error;
  return error.reason === 'rejected'
    ? authenticationFailed('Tesla no longer accepts the stored sign-in; the owner must connect the vehicle again.')
    : new VehicleError('UPSTREAM', 'NO_RESPONSE', { message: "Tesla's token endpoint did not renew the sign-in; try again later." });
}

/** The Tesla vehicle id (`id_s`) in a provider vehicle id `<account sub>:<id_s>`. */
function vehicleTag(ref: VehicleRef): string {
  return ref.providerVehicleId.slice(ref.providerVehicleId.lastIndexOf(':') + 1);
}

interface TeslaListEntry {
  readonly idS: string;
  readonly vin: string;
  readonly state: string;
}

function listEntries(response: unknown): TeslaListEntry[] {
  if (!Array.isArray(response)) throw invalidData('the vehicle list is not a list');
  return response.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw invalidData('a vehicle list entry is not an object');
    const fields = entry as Record<string, unknown>;
    if (typeof fields.id_s !== 'string' || typeof fields.vin !== 'string') throw invalidData('a vehicle list entry lacks id_s or vin');
    return { idS: fields.id_s, vin: fields.vin, state: typeof fields.state === 'string' ? fields.state : 'unknown' };
  });
}

export class TeslaFleetProvider implements VehicleProvider {
  readonly id = 'tesla';
  readonly makes = ['TESLA'] as const;
  readonly modes: readonly VehicleMode[];
  readonly linking: OAuthRedirectLinking;
  readonly credentials: CredentialRenewal;
  readonly #options: TeslaProviderOptions;
  readonly upstreamBudget = teslaDailyBudget;
  readonly #client: FleetApiClient;
  readonly #guard: UpstreamGuard;
  readonly #now: () => Date;
  readonly #lastSeen = new LastSeenData();
  readonly #streaming: TeslaStreaming | undefined;
  readonly #virtualKeys: VirtualKeys;

  constructor(options: TeslaProviderOptions) {
    this.#options = options;
    this.modes = options.modes ?? ['live'];
    const now = options.now ?? (() => new Date());
    this.#now = now;
    const oauth: TeslaOAuthOptions = { ...options.oauth, audience: options.fleetApiUrl, timeoutMs: options.timeoutMs, now };
    this.linking = teslaLinking(oauth);
    this.credentials = teslaRenewal(oauth);
    this.#client = new FleetApiClient({ baseUrl: options.fleetApiUrl, timeoutMs: options.timeoutMs });
    this.#guard = options.upstream.guards.for(this.id, 'Tesla', options.fleetApiUrl);
    this.#streaming = options.telemetry === undefined ? undefined : new TeslaStreaming(options.telemetry);
    this.#virtualKeys = new VirtualKeys({
      partnerDomain: options.partnerDomain ?? 'localhost',
      ...(options.commandProxyUrl === undefined ? {} : { proxy: new FleetApiClient({ baseUrl: options.commandProxyUrl, timeoutMs: options.timeoutMs }) }),
    });
  }

  /**
   * One Fleet API request (or, for signed commands, one request to the vehicle-command proxy) under
   * the breaker and retries of Tesla's endpoint, each attempt charged to the vehicle's daily `budget`
   * first (none for account-level requests).
   */
  #send(kind: UpstreamCallKind, budget: { readonly kind: BudgetKind; readonly ref: VehicleRef } | null, request: FleetApiRequest, client: FleetApiClient = this.#client): Promise<unknown> {
    return this.#guard.call(kind, async () => {
      if (budget !== null) await this.#options.upstream.budgets.charge({ providerId: this.id, providerVehicleId: budget.ref.providerVehicleId }, teslaDailyBudget, budget.kind, 'Tesla');
      return client.send(request);
    });
  }

  async listVehicles(account: ProviderAccount): Promise<readonly ProviderVehicle[]> {
    const owner = await this.#options.store.findOwnerAccount(account.make, account.mode, account.providerAccountId);
    if (owner === null) return [];
    const entries = listEntries(await this.#authorized(owner.id, (accessToken) => this.#send('read', null, { method: 'GET', path: '/api/1/vehicles', accessToken })));
    const vehicles: ProviderVehicle[] = [];
    for (const entry of entries) {
      const ref: VehicleRef = { make: account.make, mode: account.mode, providerVehicleId: `${account.providerAccountId}:${entry.idS}` };
      // Only an awake car is asked its configuration: asking would otherwise wake it.
      const model = entry.state === 'online' ? await this.#modelOf(owner.id, ref).catch(() => null) : null;
      vehicles.push(this.#vehicle(ref, entry.vin, model ?? modelOfVin(entry.vin) ?? 'Tesla', modelYearOfVin(entry.vin)));
    }
    return vehicles;
  }

  async #modelOf(ownerAccountId: string, ref: VehicleRef): Promise<string | null> {
    const data = await this.#vehicleData(ownerAccountId, ref, ['vehicle_config']);
    return modelOfCarType(carTypeOf(data));
  }

  #vehicle(ref: VehicleRef, vin: string, model: string, year: number): ProviderVehicle {
    return { ref, vin, model, year, capabilities: teslaCapabilities };
  }

  async getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    if (stored === null || stored.vin === null) return null;
    return this.#vehicle(ref, stored.vin, stored.model ?? modelOfVin(stored.vin) ?? 'Tesla', stored.year ?? modelYearOfVin(stored.vin));
  }

  async read(ref: VehicleRef, requests: readonly ReadRequest[], freshness: ReadFreshness = {}): Promise<readonly ReadOutcome[]> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    const vehicle = await this.getVehicle(ref);
    if (stored === null || vehicle === null || stored.ownerAccountId === null) {
      return requests.map(() => ({ ok: false, error: new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING') }));
    }
    const samples = this.#streaming === undefined ? [] : await this.#streaming.samples(vehicle.vin);
    const streamed = new Map(requests.map((request) => [request.endpointId, streamedRead(request.endpointId, samples)] as const));
    const fromCar = requests
      .map((request) => request.endpointId)
      .filter((id) => vehicle.capabilities.has(id) && !storedReads.includes(id) && id !== 'teslaGetVirtualKeyStatus' && (streamed.get(id) ?? null) === null);
    const sections = sectionsFor(fromCar);
    let data: VehicleData | VehicleError | null = null;
    if (sections.length > 0) data = await this.#dataWithin(stored.ownerAccountId, ref, sections, freshness.maxAgeSeconds).catch((error: unknown) => asVehicleError(error));
    const now = this.#now();
    const ownerAccountId = stored.ownerAccountId;
    const keyStatus: ReadOutcome = requests.some((request) => request.endpointId === 'teslaGetVirtualKeyStatus')
      ? await this.#virtualKeys
          .status(vehicle.vin, this.#fleetRequest(ownerAccountId))
          .then((status): ReadOutcome => ({ ok: true, body: { isPaired: status.paired }, recordedAt: now }))
          .catch((error: unknown): ReadOutcome => ({ ok: false, error: asVehicleError(error) }))
      : { ok: false, error: invalidData('the virtual key status was not asked for') };
    return requests.map((request): ReadOutcome => {
      if (!vehicle.capabilities.has(request.endpointId)) return { ok: false, error: incapableError(vehicle, request.endpointId) };
      if (request.endpointId === 'getVin') return { ok: true, body: { vin: vehicle.vin }, recordedAt: now };
      if (request.endpointId === 'getVehicleAttributes') return { ok: true, body: { id: stableUuid(ref.providerVehicleId), make: ref.make, model: vehicle.model, year: vehicle.year }, recordedAt: now };
      const fromStream = streamed.get(request.endpointId) ?? null;
      if (fromStream !== null) return { ok: true, ...fromStream };
      if (request.endpointId === 'teslaGetVirtualKeyStatus') return keyStatus;
      if (data === null) return { ok: false, error: invalidData('no vehicle_data was fetched') };
      if (data instanceof VehicleError) return { ok: false, error: data };
      try {
        return { ok: true, ...readFromVehicleData(request.endpointId, data) };
      } catch (error) {
        return { ok: false, error: asVehicleError(error) };
      }
    });
  }

  /**
   * `vehicle_data` as fresh as the caller needs: the sections last seen when they are at most
   * `maxAgeSeconds` old (no call to Tesla), else fresh ones. While the car sleeps, a caller who set
   * no maximum age gets the sections last seen; one who needs fresher data gets the car woken, if
   * its wake budget allows, and `VEHICLE_STATE:ASLEEP` otherwise.
   */
  async #dataWithin(ownerAccountId: string, ref: VehicleRef, sections: readonly TeslaSection[], maxAgeSeconds: number | undefined): Promise<VehicleData> {
    const key = `${ref.mode}:${ref.providerVehicleId}`;
    const last = this.#lastSeen.covering(key, sections);
    if (last !== undefined && maxAgeSeconds !== undefined && LastSeenData.ageMs(last, sections, this.#now().getTime()) <= maxAgeSeconds * 1000) return last;
    try {
      return await this.#rememberedVehicleData(ownerAccountId, ref, sections);
    } catch (error) {
      const asleep = error instanceof VehicleError && error.type === 'VEHICLE_STATE' && error.code === 'ASLEEP';
      if (!asleep) throw error;
      if (maxAgeSeconds === undefined) {
        if (last !== undefined) return last;
        throw error;
      }
    }
    await this.#wake(ownerAccountId, ref);
    return this.#rememberedVehicleData(ownerAccountId, ref, sections);
  }

  async #rememberedVehicleData(ownerAccountId: string, ref: VehicleRef, sections: readonly TeslaSection[]): Promise<VehicleData> {
    const data = await this.#vehicleData(ownerAccountId, ref, sections);
    this.#lastSeen.remember(`${ref.mode}:${ref.providerVehicleId}`, data);
    return data;
  }

  /** Wakes the car (one wake from its budget; a spent budget answers ASLEEP) and waits until it is online. */
  async #wake(ownerAccountId: string, ref: VehicleRef): Promise<void> {
    const path = `/api/1/vehicles/${encodeURIComponent(vehicleTag(ref))}`;
    const online = (response: unknown): boolean => typeof response === 'object' && response !== null && 'state' in response && response.state === 'online';
    try {
      await wakeVehicle(
        {
          wake: async () => online(await this.#authorized(ownerAccountId, (accessToken) => this.#send('read', { kind: 'wakes', ref }, { method: 'POST', path: `${path}/wake_up`, accessToken }))),
          isOnline: async () => online(await this.#authorized(ownerAccountId, (accessToken) => this.#send('read', null, { method: 'GET', path, accessToken }))),
          now: () => Date.now(),
        },
        this.#options.upstream.wake,
      );
    } catch (error) {
      if (error instanceof VehicleError && error.type === 'UPSTREAM' && error.code === 'RATE_LIMIT') {
        throw new VehicleError('VEHICLE_STATE', 'ASLEEP', { message: `The vehicle is asleep and ${error.message}` });
      }
      throw error;
    }
  }

  async #vehicleData(ownerAccountId: string, ref: VehicleRef, sections: readonly TeslaSection[]): Promise<VehicleData> {
    const query = new URLSearchParams({ endpoints: sections.join(';') }).toString();
    const path = `/api/1/vehicles/${encodeURIComponent(vehicleTag(ref))}/vehicle_data?${query}`;
    const response = await this.#authorized(ownerAccountId, (accessToken) => this.#send('read', { kind: 'data', ref }, { method: 'GET', path, accessToken }));
    if (typeof response !== 'object' || response === null || Array.isArray(response)) throw invalidData('vehicle_data is not an object');
    return response as VehicleData;
  }

  async execute(ref: VehicleRef, command: CommandRequest): Promise<unknown> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    const vehicle = await this.getVehicle(ref);
    if (stored === null || vehicle === null || stored.ownerAccountId === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
    const translate = teslaCommandsByEndpoint[command.endpointId];
    if (!vehicle.capabilities.has(command.endpointId) || translate === undefined) throw incapableError(vehicle, command.endpointId);
    const tesla = translate(command.body);
    const client = (await this.#virtualKeys.commandClient(vehicle.vin, this.#fleetRequest(stored.ownerAccountId))) ?? this.#client;
    // The proxy signs for a VIN; the REST surface takes Tesla's vehicle id.
    const tag = client === this.#client ? vehicleTag(ref) : vehicle.vin;
    const response = await this.#authorized(stored.ownerAccountId, (accessToken) =>
      this.#send('command', { kind: 'commands', ref }, { method: 'POST', path: `/api/1/vehicles/${encodeURIComponent(tag)}/command/${tesla.name}`, accessToken, ...(tesla.body === undefined ? {} : { body: tesla.body }) }, client),
    );
    if (typeof response !== 'object' || response === null || !('result' in response) || typeof response.result !== 'boolean') throw invalidData('the command answer has no result');
    if (response.result) return commandSucceeded;
    const reason = 'reason' in response && typeof response.reason === 'string' ? response.reason : '';
    if (tesla.alreadyDone?.includes(reason) === true) return commandSucceeded;
    throw refusalError(reason);
  }

  /**
   * Runs `work` with the owner's access token; on a 401, renews the token once and runs it again.
   * Re-authentication is asked for only when Tesla refused the refresh token itself.
   */
  async #authorized<T>(ownerAccountId: string, work: (accessToken: string) => Promise<T>): Promise<T> {
    const vault = this.#options.vault();
    const tokens = await vault.tokensFor(ownerAccountId).catch((error: unknown) => {
      throw refreshFailure(error);
    });
    if (tokens === null) throw authenticationFailed('No Tesla sign-in is stored for this owner; the owner must connect the vehicle again.');
    try {
      return await work(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof FleetApiUnauthorized)) throw error;
    }
    const renewed: ManufacturerTokens | null = await (vault.renew?.(ownerAccountId, tokens) ?? Promise.resolve(null)).catch((error: unknown) => {
      throw refreshFailure(error);
    });
    if (renewed === null) throw authenticationFailed('Tesla refused the stored sign-in and it cannot be renewed; the owner must connect the vehicle again.');
    try {
      return await work(renewed.accessToken);
    } catch (error) {
      if (error instanceof FleetApiUnauthorized) throw new VehicleError('UPSTREAM', 'UNKNOWN_ISSUE', { message: 'Tesla refused a freshly renewed access token.' });
      throw error;
    }
  }

  /** A Fleet API request on behalf of the owner (every one changes or asks state by POST/DELETE), under the breaker; retried only when the connection was refused. */
  #fleetRequest(ownerAccountId: string): FleetRequest {
    return (request) => this.#authorized(ownerAccountId, (accessToken) => this.#send('command', null, { ...request, accessToken }));
  }

  /** Events come from Fleet Telemetry when it is configured; without it no sink is ever called. */
  subscribe(sink: VehicleEventSink): () => void {
    return this.#streaming?.subscribe(sink) ?? (() => undefined);
  }

  /** Asks a newly connected vehicle to stream (when streaming is configured). */
  async vehicleConnected(ref: VehicleRef): Promise<void> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    if (this.#streaming === undefined || stored?.vin == null || stored.ownerAccountId === null) return;
    await this.#streaming.configure(stored.vin, this.#fleetRequest(stored.ownerAccountId), this.#now());
  }

  /** Stops the stream of a vehicle no application is connected to any more. */
  async vehicleReleased(ref: VehicleRef): Promise<void> {
    const stored = await this.#options.store.findVehicle(ref.make, ref.mode, ref.providerVehicleId);
    if (this.#streaming === undefined || stored?.vin == null || stored.ownerAccountId === null) return;
    await this.#streaming.remove(stored.vin, this.#fleetRequest(stored.ownerAccountId));
  }

  async start(): Promise<void> {
    await this.#streaming?.start();
  }

  async stop(): Promise<void> {
    await this.#streaming?.stop();
  }
}

/** A catalog error as an outcome; anything else is a bug and propagates (answered SERVER:INTERNAL). */
function asVehicleError(error: unknown): VehicleError {
  if (!isVehicleError(error)) throw error;
  return error;
}

function isVehicleError(value: unknown): value is VehicleError {
  return value instanceof VehicleError;
}

