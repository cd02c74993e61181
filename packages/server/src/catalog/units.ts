/** @module Which fields of which endpoints carry a physical quantity, so `SC-Unit-System: imperial` converts exactly those. */
import type { EndpointId } from './endpoints/index.js';

/** The quantities the unit systems disagree on. Metric is canonical: providers answer in metric. */
export type Quantity = 'distance' | 'speed' | 'distanceRate' | 'volume' | 'pressure' | 'temperature';

/** The unit systems of the `SC-Unit-System` header. */
export const unitSystems = ['metric', 'imperial'] as const;
export type UnitSystem = (typeof unitSystems)[number];

/** Units each quantity is expressed in, per system (shown in docs). */
export const quantityUnits: Readonly<Record<Quantity, Readonly<Record<UnitSystem, string>>>> = {
  distance: { metric: 'km', imperial: 'mi' },
  speed: { metric: 'km/h', imperial: 'mph' },
  distanceRate: { metric: 'km of range added per hour', imperial: 'mi of range added per hour' },
  volume: { metric: 'L', imperial: 'US gal' },
  pressure: { metric: 'kPa', imperial: 'psi' },
  temperature: { metric: '°C', imperial: '°F' },
};

/**
 * Field paths (dotted, `[]` for array items, a leading `[]` for a top-level array) holding a
 * quantity, per endpoint: in the response body and in the request body.
 */
export interface UnitFields {
  readonly response?: Readonly<Record<string, Quantity>>;
  readonly body?: Readonly<Record<string, Quantity>>;
}

const temperatureReading: UnitFields = { response: { temperature: 'temperature' } };

/** Every endpoint with a unit-bearing field; an endpoint not listed is the same in both systems. */
export const unitFieldsByEndpoint: Readonly<Partial<Record<EndpointId, UnitFields>>> = {
  getOdometer: { response: { distance: 'distance' } },
  getFuelTank: { response: { amountRemaining: 'volume', range: 'distance' } },
  getTirePressure: { response: { backLeft: 'pressure', backRight: 'pressure', frontLeft: 'pressure', frontRight: 'pressure' } },
  getBatteryLevel: { response: { range: 'distance' } },
  getServiceHistory: { response: { '[].odometerDistance': 'distance' } },
  audiGetChargeStatus: { response: { chargeRate: 'distanceRate' } },
  teslaGetCabinClimate: temperatureReading,
  teslaSetCabinClimate: { response: { temperature: 'temperature' }, body: { temperature: 'temperature' } },
  teslaGetExteriorTemperature: temperatureReading,
  teslaGetInteriorTemperature: temperatureReading,
  teslaGetSpeedometer: { response: { speed: 'speed' } },
  teslaGetBattery: { response: { range: 'distance', rangeEstimated: 'distance', rangeIdeal: 'distance' } },
  teslaGetChargeStatus: { response: { rangeAddedRated: 'distance', rangeAddedIdeal: 'distance', chargeRate: 'distanceRate' } },
  nioGetInteriorTemperature: temperatureReading,
  nioGetExteriorTemperature: temperatureReading,
};
