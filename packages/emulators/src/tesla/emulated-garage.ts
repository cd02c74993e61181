/**
 * @module The emulated cloud's vehicles: one Tesla per account, drawn from Carport's simulated fleet
 * (simulated mode, the account's email as the login), so its charge, location, doors and tires
 * follow the simulator's day. Reads and commands go through the simulated provider in the catalog's
 * terms; the wire-format modules translate them to and from Tesla's.
 */
import { createHash } from 'node:crypto';
import { SimulatedVehicleProvider, keyOf, simulator, type EndpointId } from '@carport/server';
import type { EmulatedAccount } from './tesla-authority.js';

/** A catalog-level vehicle reference of the simulated provider. */
interface SimulatedRef {
  readonly make: string;
  readonly mode: 'simulated';
  readonly providerVehicleId: string;
}

/** One emulated Tesla and what the cloud keeps about it beyond the simulator's state. */
export interface EmulatedVehicle {
  /** Tesla's numeric vehicle id (as text: it exceeds what clients may parse as a number). */
  readonly id: string;
  /** The vehicle id the car itself reports (another number in Tesla's API). */
  readonly vehicleId: number;
  readonly vin: string;
  readonly displayName: string;
  readonly account: EmulatedAccount;
  readonly ref: SimulatedRef;
  readonly capabilities: ReadonlySet<EndpointId>;
  /** Whether the car sleeps (the test puts it to sleep; a wake_up or a command wakes it). */
  asleep: boolean;
  /** Whether the car accepts only commands signed with a paired key (Tesla's vehicle-command protocol). */
  readonly requiresSignedCommands: boolean;
  /** Whether the owner paired Carport's virtual key with the car. */
  keyPaired: boolean;
}

/** A catalog read's outcome as the garage reports it. */
export type GarageRead = { readonly ok: true; readonly body: Record<string, unknown>; readonly recordedAt: Date } | { readonly ok: false; readonly code: string };

function numericId(vin: string, salt: string): bigint {
  // 52 bits: distinct per VIN, stable across restarts, and still exact as a JavaScript number.
  return BigInt(`0x${createHash('sha256').update(`${salt}:${vin}`).digest('hex').slice(0, 13)}`);
}

export function accountSub(email: string): string {
  const hex = createHash('sha256').update(`tesla-account:${email}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface EmulatedGarageOptions {
  readonly seed: string;
  readonly now: () => Date;
}

export class EmulatedGarage {
  readonly #provider: SimulatedVehicleProvider;
  readonly #byId = new Map<string, EmulatedVehicle>();

  constructor(options: EmulatedGarageOptions) {
    this.#provider = new SimulatedVehicleProvider({
      seed: options.seed,
      fleetSize: 0,
      accelerationFactor: 1,
      log: new simulator.InMemoryInterventionLog(),
      now: options.now,
      latency: { commandMs: 0, wakeMs: 0 },
    });
  }

  /** Adds an account's Tesla: the first the simulator draws for its email. */
  async addAccount(account: EmulatedAccount, requiresSignedCommands = false): Promise<EmulatedVehicle> {
    const drawn = await this.#provider.listVehicles({ make: 'TESLA', mode: 'simulated', providerAccountId: `simulated:${account.email}`, email: account.email });
    const first = drawn[0];
    if (first === undefined) throw new Error(`the simulator drew no Tesla for ${account.email}`);
    const vehicle: EmulatedVehicle = {
      id: numericId(first.vin, 'id').toString(),
      vehicleId: Number(numericId(first.vin, 'vehicle_id') % 10_000_000_000n),
      vin: first.vin,
      displayName: `${account.email.split('@')[0] ?? 'My'}'s ${first.model}`,
      account,
      ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: first.ref.providerVehicleId },
      capabilities: first.capabilities,
      asleep: false,
      requiresSignedCommands,
      keyPaired: false,
    };
    this.#byId.set(vehicle.id, vehicle);
    return vehicle;
  }

  /** The vehicle a Fleet API path names by id or VIN. */
  find(tag: string): EmulatedVehicle | undefined {
    return this.#byId.get(tag) ?? [...this.#byId.values()].find((vehicle) => vehicle.vin === tag);
  }

  vehiclesOf(email: string): EmulatedVehicle[] {
    return [...this.#byId.values()].filter((vehicle) => vehicle.account.email === email);
  }

  all(): EmulatedVehicle[] {
    return [...this.#byId.values()];
  }

  /** Reads catalog endpoints the vehicle supports (the rest are left out: Tesla answers what it has). */
  async read(vehicle: EmulatedVehicle, endpointIds: readonly EndpointId[]): Promise<ReadonlyMap<EndpointId, GarageRead>> {
    const wanted = endpointIds.filter((id) => vehicle.capabilities.has(id));
    const outcomes = await this.#provider.read(vehicle.ref, wanted.map((endpointId) => ({ endpointId })));
    const answers = new Map<EndpointId, GarageRead>();
    wanted.forEach((id, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) return;
      answers.set(id, outcome.ok ? { ok: true, body: outcome.body as Record<string, unknown>, recordedAt: outcome.recordedAt } : { ok: false, code: `${outcome.error.type}:${outcome.error.code ?? 'null'}` });
    });
    return answers;
  }

  /** Carries out a catalog command; resolves with null on success or the catalog pair the car refused with. */
  async execute(vehicle: EmulatedVehicle, endpointId: EndpointId, body: unknown): Promise<string | null> {
    try {
      await this.#provider.execute(vehicle.ref, { endpointId, body });
      return null;
    } catch (error) {
      if (error instanceof Error && 'type' in error && 'code' in error) return `${String(error.type)}:${String(error.code)}`;
      throw error;
    }
  }

  /** Plugs the car into an AC charger (tests set a charging scene with it). */
  async plugIn(vehicle: EmulatedVehicle): Promise<void> {
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
