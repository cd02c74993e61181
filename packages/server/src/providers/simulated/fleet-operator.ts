/**
 * @module The operator's view of the simulated fleet, shared by `carport fleet` and the admin HTTP
 * surface: list vehicles and demo owners, show one vehicle's state, advance simulated time, plug
 * and unplug, inject or clear faults, swap batteries, on the embedded fleet and on every vehicle
 * connected through Connect in any mode. Every change is an intervention in the database, so a
 * running server sees what the CLI did and the other way round.
 */
import { decodeVin, MAX_DURATION_MS, MAX_DURATION_TEXT, type Fault, type InterventionAction, type VehicleReading } from '../../simulator/index.js';
import { VehicleError, type VehicleMode, type VehicleRef } from '../vehicle-provider.js';
import { demoAccountOf, demoAccounts, type DemoAccount } from './accounts.js';
import { activeFault, faultProblem } from './faults.js';
import { noConnectedVehicles, type ConnectedVehicleDirectory } from './connected-vehicles.js';
import { makeBehaviours } from './makes/index.js';
import type { SimulatedVehicleProvider } from './simulated-provider.js';
import { describeVehicle, summarizeVehicle, type VehicleDetails, type VehicleSummary } from './fleet-views.js';
import { keyOf, parseVehicleId, refOfKey } from './vehicle-keys.js';

/** Why an operator request failed: the vehicle is unknown, the request malformed or names several vehicles. */
export class FleetOperatorError extends Error {
  constructor(
    readonly reason: 'not_found' | 'invalid' | 'ambiguous',
    message: string,
  ) {
    super(message);
    this.name = 'FleetOperatorError';
  }
}

/**
 * How an operator names a vehicle: the Vehicle API id an application sees, its key
 * (`test/TESLA/5YJ...`) or its VIN; a mode (and make) narrows a VIN connected in several modes and
 * names a VIN nobody connected yet.
 */
export interface VehicleSelector {
  readonly vehicle: string;
  readonly mode?: VehicleMode;
  readonly make?: string;
}

/** A page of vehicles. */
export interface FleetPage {
  readonly total: number;
  readonly vehicles: readonly VehicleSummary[];
}

export class FleetOperator {
  constructor(
    private readonly provider: SimulatedVehicleProvider,
    private readonly directory: ConnectedVehicleDirectory = noConnectedVehicles,
  ) {}

  /** The simulated clock: now, the speed-up and when the simulation began. */
  async clock(): Promise<{ simulatedNow: string; accelerationFactor: number; simulationStart: string }> {
    const runtime = await this.provider.runtime();
    await runtime.syncClock();
    return {
      simulatedNow: new Date(runtime.clock.now()).toISOString(),
      accelerationFactor: runtime.clock.factor,
      simulationStart: new Date(runtime.fleet.simulationStart).toISOString(),
    };
  }

  /**
   * The embedded fleet, then every vehicle with interventions, then every vehicle connected through
   * Connect (test and simulated ones exist nowhere else), optionally of one make or mode.
   */
  async list(filter: { make?: string; mode?: VehicleMode; limit?: number; offset?: number } = {}): Promise<FleetPage> {
    const runtime = await this.provider.runtime();
    await runtime.syncClock();
    const connected = (await this.directory.all()).map(keyOf);
    const keys = [...new Set([...runtime.fleetKeys, ...(await runtime.options.log.keys()), ...connected])].filter((key) => {
      const ref = refOfKey(key);
      return ref !== undefined && (filter.make === undefined || ref.make === filter.make) && (filter.mode === undefined || ref.mode === filter.mode);
    });
    const offset = filter.offset ?? 0;
    const page = keys.slice(offset, offset + (filter.limit ?? 50));
    const vehicles: VehicleSummary[] = [];
    for (const key of page) {
      const ref = refOfKey(key);
      if (ref === undefined) continue;
      const reading = await this.#reading(ref);
      if (reading !== null) vehicles.push(summarizeVehicle(key, reading.reading, this.#owner(runtime.fleetKeys, key), reading.fault));
    }
    return { total: keys.length, vehicles };
  }

  /** The live-mode demo owners and the VINs they own. */
  async accounts(): Promise<(DemoAccount & { readonly vins: readonly string[] })[]> {
    const runtime = await this.provider.runtime();
    return demoAccounts(runtime.options.fleetSize).map((account) => ({ ...account, vins: account.fleetIndexes.map((index) => runtime.fleetVehicleId(index)) }));
  }

  /** Everything the simulator knows about one vehicle now. */
  async show(selector: VehicleSelector): Promise<VehicleDetails> {
    const ref = await this.#find(selector);
    const runtime = await this.provider.runtime();
    const reading = await this.#reading(ref);
    if (reading === null) throw new FleetOperatorError('not_found', `no simulated vehicle ${selector.vehicle}`);
    const key = keyOf(ref);
    return describeVehicle(key, reading.reading, this.#owner(runtime.fleetKeys, key), reading.fault, runtime.fleet.capabilities(key), runtime.fleet.interventions(key).list.length);
  }

  /** Moves simulated time forward for every process sharing the database, by at most {@link MAX_DURATION_MS} at once. */
  async advance(milliseconds: number): Promise<{ simulatedNow: string; accelerationFactor: number; simulationStart: string }> {
    if (!(milliseconds > 0 && milliseconds <= MAX_DURATION_MS)) throw new FleetOperatorError('invalid', `advance by a positive duration of at most ${MAX_DURATION_TEXT}`);
    const runtime = await this.provider.runtime();
    await runtime.syncClock();
    await runtime.reanchor({ advanceMs: milliseconds });
    return this.clock();
  }

  /** Plugs a charging cable in where the vehicle is parked (`AC` at home by default, `DC` a fast charger). */
  async plug(selector: VehicleSelector, charger: 'AC' | 'DC' = 'AC', powerKw?: number): Promise<VehicleDetails> {
    return this.#intervene(selector, (reading) => {
      if (reading.profile.model.powertrain !== 'BEV' && reading.profile.model.powertrain !== 'PHEV') {
        throw new FleetOperatorError('invalid', 'this vehicle has no charge port');
      }
      if (reading.driving) throw new VehicleError('VEHICLE_STATE', 'IN_MOTION', { message: 'The vehicle is driving.' });
      if (reading.charge().isPluggedIn) throw new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_CONNECTED', { message: 'The vehicle is already plugged in.' });
      return { kind: 'plug', charger, ...(powerKw === undefined ? {} : { powerKw }) };
    });
  }

  async unplug(selector: VehicleSelector): Promise<VehicleDetails> {
    return this.#intervene(selector, (reading) => {
      if (!reading.charge().isPluggedIn) throw new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', { message: 'The vehicle is not plugged in.' });
      return { kind: 'unplug' };
    });
  }

  /** Injects a fault (null clears it); one its make or hardware cannot have is refused. */
  async fault(selector: VehicleSelector, fault: Fault | null): Promise<VehicleDetails> {
    return this.#intervene(selector, (reading) => {
      const { powertrain } = reading.profile.model;
      const problem = fault === null ? null : faultProblem(fault, { plugIn: powertrain === 'BEV' || powertrain === 'PHEV', behaviour: makeBehaviours[reading.profile.make] });
      if (problem !== null) throw new FleetOperatorError('invalid', problem);
      return { kind: 'fault', fault };
    });
  }

  /** Exchanges the battery (NIO's swap stations): pack index into the model's batteries, state of charge 0..1. */
  async swap(selector: VehicleSelector, batteryVariant: number, stateOfCharge: number): Promise<VehicleDetails> {
    return this.#intervene(selector, (reading) => {
      if (!reading.profile.model.swappable) throw new FleetOperatorError('invalid', 'this vehicle has no swappable battery');
      if (reading.profile.model.batteries[batteryVariant] === undefined) throw new FleetOperatorError('invalid', `no battery ${batteryVariant} for this model`);
      if (reading.driving) throw new VehicleError('VEHICLE_STATE', 'IN_MOTION', { message: 'The vehicle is driving.' });
      return { kind: 'battery_swap', batteryVariant, stateOfCharge };
    });
  }

  async #intervene(selector: VehicleSelector, decide: (reading: VehicleReading) => InterventionAction): Promise<VehicleDetails> {
    const ref = await this.#find(selector);
    const runtime = await this.provider.runtime();
    // A vehicle outside the fleet is known to the simulator only once resolved (e.g. a first fault).
    if ((await this.provider.getVehicle(ref)) === null) throw new FleetOperatorError('not_found', `no simulated vehicle ${selector.vehicle}`);
    const key = keyOf(ref);
    await runtime.sync(key);
    const now = runtime.clock.now();
    const action = decide(runtime.fleet.read(key, now));
    await runtime.fleet.record(key, now, action);
    await this.provider.touch(key);
    return this.show({ vehicle: key });
  }

  async #reading(ref: VehicleRef): Promise<{ reading: VehicleReading; fault: Fault | null } | null> {
    const runtime = await this.provider.runtime();
    const vehicle = await this.provider.getVehicle(ref);
    if (vehicle === null) return null;
    const key = keyOf(ref);
    await runtime.sync(key);
    const now = runtime.clock.now();
    return { reading: runtime.fleet.read(key, now), fault: activeFault(runtime.fleet.interventions(key).list, now)?.fault ?? null };
  }

  #owner(fleetKeys: readonly string[], key: string): string | null {
    const index = fleetKeys.indexOf(key);
    return index < 0 ? null : demoAccountOf(index).email;
  }

  /**
   * Resolves a selector to a vehicle the simulator serves (registering it in this process, which a
   * vehicle connected in another process, or before a restart, needs before anything is recorded).
   */
  async #find(selector: VehicleSelector): Promise<VehicleRef> {
    const named = selector.vehicle.trim();
    const kind = nameKind(named);
    const candidates = kind === 'key' ? [refOfKey(named)].filter((ref) => ref !== undefined) : kind === 'api-id' ? await this.directory.byApiId(named.toLowerCase()) : await this.#byVin(named);
    const matching = uniqueRefs(candidates).filter((ref) => (selector.mode === undefined || ref.mode === selector.mode) && (selector.make === undefined || ref.make === selector.make));
    if (matching.length > 1) {
      throw new FleetOperatorError('ambiguous', `${named} names ${matching.length} vehicles: ${matching.map(keyOf).join(', ')}; name one by its key (or give its mode)`);
    }
    const ref = matching[0] ?? (kind === 'vin' ? this.#outsideFleet(named, selector) : undefined);
    if (ref === undefined || (await this.provider.getVehicle(ref)) === null) throw new FleetOperatorError('not_found', notFoundMessage(named, kind));
    return ref;
  }

  /** Every vehicle known by a VIN (optionally with its forced level): embedded fleet, interventions, connections. */
  async #byVin(named: string): Promise<VehicleRef[]> {
    const vehicleId = normalizedVehicleId(named);
    const parsed = parseVehicleId(vehicleId);
    if (parsed === undefined) throw new FleetOperatorError('invalid', `${named} is neither a Vehicle API id, a vehicle key nor a VIN`);
    // A plain VIN also names its test-mode twin with a forced level (`<VIN>.bev`); a VIN with a level names that one only.
    const sameVehicle = (ref: VehicleRef): boolean =>
      parsed.level === null ? parseVehicleId(ref.providerVehicleId)?.vin === parsed.vin : ref.providerVehicleId === vehicleId;
    const runtime = await this.provider.runtime();
    const simulated = [...runtime.fleetKeys, ...(await runtime.options.log.keys())].map((key) => refOfKey(key)).filter((ref): ref is VehicleRef => ref !== undefined);
    return [...simulated, ...(await this.directory.byVin(parsed.vin))].filter(sameVehicle);
  }

  /** A VIN nobody connected yet, in the mode (and make) the operator gave: test and simulated modes rebuild any VIN. */
  #outsideFleet(named: string, selector: VehicleSelector): VehicleRef | undefined {
    const vehicleId = normalizedVehicleId(named);
    const make = selector.make ?? decodeVin(vehicleId).makes[0];
    return selector.mode === undefined || make === undefined ? undefined : { mode: selector.mode, make, providerVehicleId: vehicleId };
  }
}

/** The Vehicle API ids applications see are UUIDs; VINs and keys never look like one. */
const apiIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which of an operator's names for a vehicle `named` is. */
type NameKind = 'key' | 'api-id' | 'vin';

function nameKind(named: string): NameKind {
  if (refOfKey(named) !== undefined) return 'key';
  return apiIdPattern.test(named) ? 'api-id' : 'vin';
}

function notFoundMessage(named: string, kind: NameKind): string {
  switch (kind) {
    case 'key':
      return `no simulated vehicle ${named}`;
    case 'api-id':
      return `no vehicle was ever connected with the Vehicle API id ${named}`;
    case 'vin':
      return `no simulated vehicle ${named} (give --mode and --make for a vehicle outside the fleet)`;
  }
}

/** A VIN as typed (any case) in the provider's spelling: upper-case VIN, lower-case level suffix. */
function normalizedVehicleId(named: string): string {
  return named.toUpperCase().replace(/\.([A-Z]+)$/, (suffix) => suffix.toLowerCase());
}

function uniqueRefs(refs: readonly VehicleRef[]): VehicleRef[] {
  return [...new Map(refs.map((ref) => [keyOf(ref), ref])).values()];
}
