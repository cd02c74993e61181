/**
 * @module Which fuel-tank values makes report for vehicles sold in Europe, from the seeds' notes on
 * the Fuel Tank endpoint (the others answer `null`). Makes the table does not name report all three.
 */

/** The fuel-tank fields a make fills in for European vehicles. */
export interface FuelFields {
  readonly range: boolean;
  readonly percentRemaining: boolean;
  readonly amountRemaining: boolean;
}

const all: FuelFields = { range: true, percentRemaining: true, amountRemaining: true };
const rangeAndPercent: FuelFields = { range: true, percentRemaining: true, amountRemaining: false };
const rangeAndAmount: FuelFields = { range: true, percentRemaining: false, amountRemaining: true };

const byMake: Readonly<Record<string, FuelFields>> = {
  AUDI: rangeAndPercent,
  BMW: all,
  MINI: all,
  CITROEN: rangeAndAmount,
  DS: rangeAndAmount,
  OPEL: rangeAndAmount,
  PEUGEOT: rangeAndAmount,
  VAUXHALL: rangeAndAmount,
  FORD: rangeAndPercent,
  HYUNDAI: rangeAndAmount,
  JAGUAR: rangeAndPercent,
  LAND_ROVER: rangeAndPercent,
  KIA: rangeAndPercent,
  MAZDA: rangeAndPercent,
  MERCEDES_BENZ: rangeAndPercent,
  RENAULT: rangeAndAmount,
  SKODA: rangeAndPercent,
  VOLKSWAGEN: rangeAndPercent,
  VOLVO: all,
};

/** The fields a vehicle of `make` sold in `region` reports. */
export function fuelFieldsFor(make: string, region: string): FuelFields {
  return region === 'EUROPE' ? (byMake[make] ?? all) : all;
}
