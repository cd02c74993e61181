/**
 * @module The operator's view of the simulated fleet, shared by `carport fleet` and the admin HTTP
 * surface: list vehicles and demo owners, show one vehicle's state, advance simulated time, plug
 * and unplug, inject or clear faults, swap batteries. Every change is an intervention in the
 * database, so a running server sees what the CLI did and the other way round.
 */
import { decodeVin, type Fault, type InterventionAction, type VehicleReading } from '../../simulator/index.js';
import { VehicleError, type VehicleMode, type VehicleRef } from '../vehicle-provider.js';
import { demoAccountOf, demoAccounts, type DemoAccount } from './accounts.js';
import { activeFault, faultProblem } from './faults.js';
import { makeBehaviours } from './makes/index.js';
import type { SimulatedVehicleProvider } from './simulated-provider.js';
import { describeVehicle, summarizeVehicle, type VehicleDetails, type VehicleSummary } from './fleet-views.js';
import { keyOf, parseVehicleId, refOfKey } from './vehicle-keys.js';

/** Why an operator request failed: the vehicle is unknown, the request malformed, or the vehicle refused. */
export class FleetOperatorError extends Error {
  constructor(
    readonly reason: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'FleetOperatorError';
  }
}

/** How an operator names a vehicle: its key (`test/TESLA/5YJ...`) or VIN, with a mode and make for VINs outside the fleet. */
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
  constructor(private readonly provider: SimulatedVehicleProvider) {}

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

  /** The embedded fleet and every vehicle with interventions, optionally of one make or mode. */
  async list(filter: { make?: string; mode?: VehicleMode; limit?: number; offset?: number } = {}): Promise<FleetPage> {
    const runtime = await this.provider.runtime();
    await runtime.syncClock();
    const keys = [...new Set([...runtime.fleetKeys, ...(await runtime.options.log.keys())])].filter((key) => {
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

  /** Moves simulated time forward for every process sharing the database. */
  async advance(milliseconds: number): Promise<{ simulatedNow: string; accelerationFactor: number; simulationStart: string }> {
    if (!(milliseconds > 0)) throw new FleetOperatorError('invalid', 'advance by a positive duration');
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

  /** Resolves a selector: a key, an embedded fleet VIN, a VIN with interventions, or a VIN in the given mode. */
  async #find(selector: VehicleSelector): Promise<VehicleRef> {
    const runtime = await this.provider.runtime();
    const named = selector.vehicle.trim();
    const byKey = refOfKey(named);
    if (byKey !== undefined) return byKey;
    const vehicleId = named.toUpperCase().replace(/\.([A-Z]+)$/, (suffix) => suffix.toLowerCase());
    if (parseVehicleId(vehicleId) === undefined) throw new FleetOperatorError('invalid', `${selector.vehicle} is neither a vehicle key nor a VIN`);
    const known = [...runtime.fleetKeys, ...(await runtime.options.log.keys())]
      .map((key) => refOfKey(key))
      .filter((ref): ref is VehicleRef => ref !== undefined && ref.providerVehicleId === vehicleId)
      .filter((ref) => (selector.mode === undefined || ref.mode === selector.mode) && (selector.make === undefined || ref.make === selector.make));
    if (known[0] !== undefined) return known[0];
    const make = selector.make ?? decodeVin(vehicleId).makes[0];
    if (selector.mode === undefined || make === undefined) throw new FleetOperatorError('not_found', `no simulated vehicle ${selector.vehicle} (give --mode and --make for a vehicle outside the fleet)`);
    return { mode: selector.mode, make, providerVehicleId: vehicleId };
  }
}
