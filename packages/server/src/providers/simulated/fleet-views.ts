/** @module How the operator view presents a simulated vehicle: a one-line summary and a full description (plain JSON). */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { tirePositions, type Fault, type VehicleReading } from '../../simulator/index.js';
import { refOfKey } from './vehicle-keys.js';
import { iso, round } from './vehicle-context.js';

/** One vehicle in a fleet listing. */
export interface VehicleSummary {
  readonly key: string;
  readonly mode: string;
  readonly make: string;
  readonly vin: string;
  readonly model: string;
  readonly year: number;
  readonly powertrain: string;
  readonly owner: string | null;
  readonly status: 'DRIVING' | 'CHARGING' | 'PARKED' | 'ASLEEP';
  readonly odometerKm: number;
  /** State of charge (plug-in vehicles) or fuel level, 0 to 1. */
  readonly stateOfCharge: number | null;
  readonly fuelLevel: number | null;
  readonly fault: string | null;
  readonly recordedAt: string;
}

/** Everything the operator sees about one vehicle. */
export interface VehicleDetails extends VehicleSummary {
  readonly location: { readonly latitude: number; readonly longitude: number; readonly headingDegrees: number; readonly speedKmh: number };
  readonly home: { readonly city: string; readonly latitude: number; readonly longitude: number };
  readonly charge: {
    readonly isPluggedIn: boolean;
    readonly state: string;
    readonly limit: number;
    readonly powerKw: number;
    readonly completionTime: string | null;
    readonly rangeKm: number;
    readonly capacityKwh: number;
  } | null;
  readonly locked: boolean;
  readonly exteriorC: number;
  readonly cabinC: number;
  readonly tiresKpa: Readonly<Record<string, number>>;
  readonly oilLife: number | null;
  readonly activeDtcs: readonly string[];
  readonly faultDetails: Fault | null;
  readonly capabilities: readonly EndpointId[];
  readonly interventions: number;
}

function statusOf(reading: VehicleReading): VehicleSummary['status'] {
  if (reading.driving) return 'DRIVING';
  if (reading.state.charging) return 'CHARGING';
  return reading.asleep ? 'ASLEEP' : 'PARKED';
}

/** A listing row. */
export function summarizeVehicle(key: string, reading: VehicleReading, owner: string | null, fault: Fault | null): VehicleSummary {
  const ref = refOfKey(key);
  const { profile } = reading;
  const plugIn = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  return {
    key,
    mode: ref?.mode ?? '',
    make: profile.make,
    vin: profile.vin,
    model: profile.model.name,
    year: profile.year,
    powertrain: profile.model.powertrain,
    owner,
    status: statusOf(reading),
    odometerKm: round(reading.odometerKm, 1),
    stateOfCharge: plugIn ? round(reading.stateOfCharge, 3) : null,
    fuelLevel: profile.model.tankLiters > 0 ? round(reading.fuelFraction, 3) : null,
    fault: fault?.kind ?? null,
    recordedAt: iso(reading.time),
  };
}

/** A full description. */
export function describeVehicle(
  key: string,
  reading: VehicleReading,
  owner: string | null,
  fault: Fault | null,
  capabilities: ReadonlySet<EndpointId>,
  interventions: number,
): VehicleDetails {
  const { profile } = reading;
  const position = reading.position();
  const charge = reading.charge();
  const plugIn = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  const tires = reading.tiresKpa();
  return {
    ...summarizeVehicle(key, reading, owner, fault),
    location: { latitude: round(position.point.latitude, 6), longitude: round(position.point.longitude, 6), headingDegrees: round(position.headingDegrees, 1), speedKmh: round(reading.speedKmh, 1) },
    home: { city: profile.city.name, latitude: round(profile.home.latitude, 6), longitude: round(profile.home.longitude, 6) },
    charge: plugIn
      ? {
          isPluggedIn: charge.isPluggedIn, state: charge.state, limit: charge.limit, powerKw: round(charge.powerKw, 2),
          completionTime: charge.completionAt === null ? null : iso(charge.completionAt), rangeKm: round(reading.electricRangeKm, 1),
          capacityKwh: reading.state.capacityKwh,
        }
      : null,
    locked: reading.openings().locked,
    exteriorC: round(reading.exteriorC, 1),
    cabinC: round(reading.cabinC(), 1),
    tiresKpa: Object.fromEntries(tirePositions.map((tire, index) => [tire, round(tires[index] ?? 0, 1)])),
    oilLife: profile.model.powertrain === 'BEV' ? null : round(reading.oilLife(), 3),
    activeDtcs: reading.activeDtcs().map((dtc) => dtc.code),
    faultDetails: fault,
    capabilities: [...capabilities].sort(),
    interventions,
  };
}
