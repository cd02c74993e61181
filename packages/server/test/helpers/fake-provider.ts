/** @module A small fake manufacturer cloud for tests of Connect and the APIs: fixed accounts, fixed vehicles, canned reads. */
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import type { AccountLinking, SignInCredentials, SignInResult, VehicleEventSink, VehicleProvider } from '../../src/providers/contract/index.js';
import { VehicleError, incapableError, type CommandRequest, type ProviderAccount, type ProviderVehicle, type ReadOutcome, type ReadRequest, type VehicleMode, type VehicleRef } from '../../src/providers/vehicle-provider.js';

export const evCapabilities: readonly EndpointId[] = ['getVehicleAttributes', 'getVin', 'getOdometer', 'getLocation', 'getLockStatus', 'getBatteryLevel', 'getChargeStatus', 'lockUnlock', 'controlCharge'];
export const iceCapabilities: readonly EndpointId[] = ['getVehicleAttributes', 'getVin', 'getOdometer', 'getLocation', 'getLockStatus', 'getFuelTank', 'lockUnlock'];

export interface FakeVehicle {
  readonly id: string;
  readonly vin: string;
  readonly model: string;
  readonly year: number;
  readonly capabilities: readonly EndpointId[];
}

export interface FakeAccount {
  readonly username: string;
  readonly password: string;
  readonly vehicles: readonly FakeVehicle[];
  /** Sign-in answers `invalid_subscription`. */
  readonly inactiveSubscription?: boolean;
}

/** What commands change on a fake vehicle, so later reads show their effect as the contract requires. */
interface FakeVehicleState {
  isLocked: boolean;
  isPluggedIn: boolean;
  charging: boolean;
}

const closed = (type: string) => ({ type, status: 'CLOSED' });

/** Canned bodies in metric units; every read reports the same recorded-at time. */
const cannedBodies: Partial<Record<EndpointId, (vehicle: FakeVehicle, state: FakeVehicleState) => unknown>> = {
  getVehicleAttributes: (vehicle) => ({ id: vehicle.id, make: 'TESLA', model: vehicle.model, year: vehicle.year }),
  getVin: (vehicle) => ({ vin: vehicle.vin }),
  getOdometer: () => ({ distance: 12_345.6 }),
  getLocation: () => ({ latitude: 52.52, longitude: 13.405 }),
  getBatteryLevel: () => ({ percentRemaining: 0.8, range: 320 }),
  getFuelTank: () => ({ amountRemaining: 40, percentRemaining: 0.6, range: 500 }),
  getChargeStatus: (_vehicle, state) => ({ isPluggedIn: state.isPluggedIn, state: state.charging ? 'CHARGING' : 'NOT_CHARGING' }),
  getLockStatus: (_vehicle, state) => ({
    isLocked: state.isLocked,
    doors: ['frontLeft', 'frontRight', 'backRight', 'backLeft'].map(closed),
    windows: ['frontLeft', 'frontRight', 'backRight', 'backLeft'].map(closed),
    sunroof: [closed('sunroof')],
    storage: [closed('rear'), closed('front')],
    chargingPort: [closed('chargingPort')],
  }),
};

const commandSuccess = { status: 'success', message: 'Successfully sent request to vehicle' };

/** Carries out a command on the state; undefined when the fake has no such command. */
function carryOut(command: CommandRequest, state: FakeVehicleState): unknown {
  const action = (command.body as { action?: unknown } | undefined)?.action;
  if (command.endpointId === 'lockUnlock') {
    state.isLocked = action === 'LOCK';
    return commandSuccess;
  }
  if (command.endpointId === 'controlCharge') {
    if (!state.isPluggedIn) throw new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED');
    state.charging = action === 'START';
    return commandSuccess;
  }
  return undefined;
}

/** Options of {@link FakeProvider}. */
export interface FakeProviderOptions {
  /** Default `fake`. */
  readonly id?: string;
  /** Default every mode. */
  readonly modes?: readonly VehicleMode[];
  /** How owners link; default the password form, checked against the accounts. */
  readonly linking?: (provider: FakeProvider) => AccountLinking;
}

/** A provider serving one make, with the given accounts. */
export class FakeProvider implements VehicleProvider {
  readonly id: string;
  readonly makes: readonly string[];
  readonly linking: AccountLinking;
  readonly modes: readonly VehicleMode[];
  /** When every read says the vehicle recorded its data; tests move it. */
  recordedAt = new Date('2026-11-22T09:30:00.000Z');
  readonly commands: { ref: VehicleRef; command: CommandRequest }[] = [];
  /** How many times `read` was called (batch must call it once). */
  readCalls = 0;
  readonly #accounts: readonly FakeAccount[];
  readonly #listeners = new Set<VehicleEventSink>();
  readonly #states = new Map<string, FakeVehicleState>();

  constructor(make: string, accounts: readonly FakeAccount[], options: FakeProviderOptions = {}) {
    this.id = options.id ?? 'fake';
    this.makes = [make];
    this.modes = options.modes ?? ['live', 'test', 'simulated'];
    this.#accounts = accounts;
    this.linking = options.linking?.(this) ?? { kind: 'password', signIn: (signInMake, mode, credentials) => this.signIn(signInMake, mode, credentials) };
  }

  /** The account with this login, if any. */
  account(username: string): FakeAccount | undefined {
    return this.#accounts.find((candidate) => candidate.username === username);
  }

  signIn(make: string, mode: VehicleMode, credentials: SignInCredentials): Promise<SignInResult> {
    const account = this.#accounts.find((candidate) => candidate.username === credentials.username);
    if (account === undefined || (mode === 'live' && account.password !== credentials.password)) return Promise.resolve({ ok: false, reason: 'invalid_credentials' });
    if (account.inactiveSubscription === true) return Promise.resolve({ ok: false, reason: 'invalid_subscription' });
    return Promise.resolve({ ok: true, account: { make, mode, providerAccountId: `acct-${account.username}`, email: account.username } });
  }

  listVehicles(account: ProviderAccount): Promise<readonly ProviderVehicle[]> {
    const owner = this.#accounts.find((candidate) => `acct-${candidate.username}` === account.providerAccountId);
    return Promise.resolve((owner?.vehicles ?? []).map((vehicle) => this.#toProviderVehicle(vehicle, account.make, account.mode)));
  }

  getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null> {
    const vehicle = this.#find(ref);
    return Promise.resolve(vehicle === undefined ? null : this.#toProviderVehicle(vehicle, ref.make, ref.mode));
  }

  read(ref: VehicleRef, requests: readonly ReadRequest[]): Promise<readonly ReadOutcome[]> {
    this.readCalls += 1;
    const vehicle = this.#find(ref);
    return Promise.resolve(
      requests.map((request): ReadOutcome => {
        if (vehicle === undefined) return { ok: false, error: new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING') };
        const body = vehicle.capabilities.includes(request.endpointId) ? cannedBodies[request.endpointId]?.(vehicle, this.#state(vehicle)) : undefined;
        return body === undefined ? { ok: false, error: incapableError(this.#toProviderVehicle(vehicle, ref.make, ref.mode), request.endpointId) } : { ok: true, body, recordedAt: this.recordedAt };
      }),
    );
  }

  execute(ref: VehicleRef, command: CommandRequest): Promise<unknown> {
    try {
      const vehicle = this.#find(ref);
      if (vehicle === undefined) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
      if (!vehicle.capabilities.includes(command.endpointId)) throw incapableError(this.#toProviderVehicle(vehicle, ref.make, ref.mode), command.endpointId);
      this.commands.push({ ref, command });
      // Declared commands the fake cannot act out still answer success (tests count them in `commands`).
      return Promise.resolve(carryOut(command, this.#state(vehicle)) ?? commandSuccess);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Plugs a vehicle's charging cable in (what a test does in the garage). */
  plugIn(ref: VehicleRef): void {
    const vehicle = this.#find(ref);
    if (vehicle !== undefined) this.#state(vehicle).isPluggedIn = true;
  }

  #state(vehicle: FakeVehicle): FakeVehicleState {
    let state = this.#states.get(vehicle.id);
    if (state === undefined) {
      state = { isLocked: true, isPluggedIn: false, charging: false };
      this.#states.set(vehicle.id, state);
    }
    return state;
  }

  subscribe(listener: VehicleEventSink): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  #find(ref: VehicleRef): FakeVehicle | undefined {
    return this.#accounts.flatMap((account) => account.vehicles).find((vehicle) => vehicle.id === ref.providerVehicleId);
  }

  #toProviderVehicle(vehicle: FakeVehicle, make: string, mode: VehicleMode): ProviderVehicle {
    return { ref: { make, mode, providerVehicleId: vehicle.id }, vin: vehicle.vin, model: vehicle.model, year: vehicle.year, capabilities: new Set(vehicle.capabilities) };
  }
}

/** The standard test fleet: a Tesla owner with two EVs, one with an ICE car only, one with none, one with a lapsed subscription. */
export function fakeTeslaAccounts(): FakeAccount[] {
  return [
    {
      username: 'owner@example.com',
      password: 'correct horse',
      vehicles: [
        { id: 'tesla-model-3', vin: '5YJ3E1EA7KF317000', model: 'Model 3', year: 2019, capabilities: evCapabilities },
        { id: 'tesla-model-y', vin: '7SAYGDEE9PA000001', model: 'Model Y', year: 2023, capabilities: evCapabilities },
      ],
    },
    { username: 'ice@example.com', password: 'pw', vehicles: [{ id: 'tesla-ice', vin: '5YJSA1CN5DFP00101', model: 'Model S', year: 2014, capabilities: iceCapabilities }] },
    { username: 'empty@example.com', password: 'pw', vehicles: [] },
    { username: 'lapsed@example.com', password: 'pw', vehicles: [], inactiveSubscription: true },
  ];
}

/** A registry holding only the fake Tesla provider. */
export function fakeRegistry(provider = new FakeProvider('TESLA', fakeTeslaAccounts())): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.register(provider);
  return registry;
}
