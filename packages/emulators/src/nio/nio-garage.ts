/**
 * @module The emulated NIO cloud's vehicles: one NIO per account, drawn from Carport's simulated
 * fleet (simulated mode, the account's email as the login), so its charge, location and cabin follow
 * the simulator's day; and each vehicle's change feed, the events the cloud reports in order.
 */
import { SimulatedVehicleProvider, keyOf, simulator, type EndpointId } from '@carport/server';
import type { NioAccount } from './nio-authority.js';

interface SimulatedRef {
  readonly make: string;
  readonly mode: 'simulated';
  readonly providerVehicleId: string;
}

/** NIO's event types as its change feed names them. */
export type NioEventType = 'charging_started' | 'charging_stopped' | 'charging_completed';

/** One entry of a vehicle's change feed. */
export interface NioFeedEvent {
  /** Position in the feed, from 1; the cursor a client passes back is the last one it saw. */
  readonly sequence: number;
  readonly eventId: string;
  readonly type: NioEventType;
  readonly sampleTime: number;
  readonly userSoc: number | null;
}

export interface NioVehicle {
  /** NIO's virtual vehicle ID, the id every API path names. */
  readonly virtualVehicleId: string;
  readonly vin: string;
  readonly modelType: string;
  readonly account: NioAccount;
  readonly ref: SimulatedRef;
  /** Whether the car has no connection (the cloud answers `vehicle_offline`). */
  offline: boolean;
  readonly feed: NioFeedEvent[];
}

/** A catalog read's outcome as the garage reports it. */
export type NioGarageRead = { readonly ok: true; readonly body: Record<string, unknown>; readonly recordedAt: Date } | { readonly ok: false; readonly code: string };

export class NioGarage {
  readonly #provider: SimulatedVehicleProvider;
  readonly #byId = new Map<string, NioVehicle>();
  readonly #now: () => Date;

  constructor(options: { readonly seed: string; readonly now: () => Date }) {
    this.#now = options.now;
    this.#provider = new SimulatedVehicleProvider({
      seed: options.seed,
      fleetSize: 0,
      accelerationFactor: 1,
      log: new simulator.InMemoryInterventionLog(),
      now: options.now,
      latency: { commandMs: 0, wakeMs: 0 },
    });
  }

  /** Adds an account's NIO: the first the simulator draws for its email. */
  async addAccount(account: NioAccount): Promise<NioVehicle> {
    const drawn = await this.#provider.listVehicles({ make: 'NIO', mode: 'simulated', providerAccountId: `simulated:${account.email}`, email: account.email });
    const first = drawn[0];
    if (first === undefined) throw new Error(`the simulator drew no NIO for ${account.email}`);
    const ref: SimulatedRef = { make: 'NIO', mode: 'simulated', providerVehicleId: first.ref.providerVehicleId };
    const [profile] = await this.#provider.read(ref, [{ endpointId: 'nioGetVehicleProfile' }]);
    const body = profile?.ok === true ? (profile.body as { virtualVehicleId?: unknown; model?: unknown }) : {};
    if (typeof body.virtualVehicleId !== 'string') throw new Error(`the simulated NIO of ${account.email} has no virtual vehicle id`);
    const vehicle: NioVehicle = { virtualVehicleId: body.virtualVehicleId, vin: first.vin, modelType: typeof body.model === 'string' ? body.model : first.model, account, ref, offline: false, feed: [] };
    this.#byId.set(vehicle.virtualVehicleId, vehicle);
    return vehicle;
  }

  find(virtualVehicleId: string): NioVehicle | undefined {
    return this.#byId.get(virtualVehicleId);
  }

  vehiclesOf(email: string): NioVehicle[] {
    return [...this.#byId.values()].filter((vehicle) => vehicle.account.email === email);
  }

  async read(vehicle: NioVehicle, endpointIds: readonly EndpointId[]): Promise<ReadonlyMap<EndpointId, NioGarageRead>> {
    const outcomes = await this.#provider.read(vehicle.ref, endpointIds.map((endpointId) => ({ endpointId })));
    const answers = new Map<EndpointId, NioGarageRead>();
    endpointIds.forEach((id, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) return;
      answers.set(id, outcome.ok ? { ok: true, body: outcome.body as Record<string, unknown>, recordedAt: outcome.recordedAt } : { ok: false, code: `${outcome.error.type}:${outcome.error.code ?? 'null'}` });
    });
    return answers;
  }

  /** Carries out a catalog command; null on success or the catalog pair the car refused with. */
  async execute(vehicle: NioVehicle, endpointId: EndpointId, body: unknown): Promise<string | null> {
    try {
      await this.#provider.execute(vehicle.ref, { endpointId, body });
      return null;
    } catch (error) {
      if (error instanceof Error && 'type' in error && 'code' in error) return `${String(error.type)}:${String(error.code)}`;
      throw error;
    }
  }

  /** Appends an event to the vehicle's change feed, with the battery level the car reports now. */
  async record(vehicle: NioVehicle, type: NioEventType): Promise<NioFeedEvent> {
    const battery = (await this.read(vehicle, ['nioGetBattery'])).get('nioGetBattery');
    const soc = battery?.ok === true && typeof battery.body.percentRemaining === 'number' ? Math.round(battery.body.percentRemaining * 1000) / 10 : null;
    const sequence = vehicle.feed.length + 1;
    const event: NioFeedEvent = { sequence, eventId: `${vehicle.virtualVehicleId}-${sequence}`, type, sampleTime: this.#now().getTime(), userSoc: soc };
    vehicle.feed.push(event);
    return event;
  }

  /** Plugs the car into an AC charger (tests set a charging scene with it). */
  async plugIn(vehicle: NioVehicle): Promise<void> {
    const runtime = await this.#provider.runtime();
    const key = keyOf(vehicle.ref);
    await runtime.sync(key);
    const now = runtime.clock.now();
    if (!runtime.fleet.read(key, now).charge().isPluggedIn) await runtime.fleet.record(key, now, { kind: 'plug', charger: 'AC' });
  }

  async close(): Promise<void> {
    await this.#provider.stop();
  }
}
