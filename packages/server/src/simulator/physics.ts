/**
 * @module The physics every simulated vehicle shares: consumption by temperature, range, and
 * charging (power by charger, DC taper above 80 %, losses) solved in closed form, so a state at any
 * instant costs a few arithmetic operations instead of a time-stepped integration.
 */

/** Share of grid energy that reaches the battery on AC (the rest heats the on-board charger). */
export const AC_EFFICIENCY = 0.9;
/** Share of grid energy that reaches the battery on DC fast chargers. */
export const DC_EFFICIENCY = 0.94;
/** State of charge above which DC power tapers. */
export const TAPER_START = 0.8;
/** What cabin heating or cooling draws from the battery while parked, kW. */
export const CLIMATE_DRAW_KW = 2;

/**
 * How much more energy a kilometre takes at `temperatureC` than at 20 °C: heating the cabin and a
 * cold battery cost up to about 40 % more in a hard frost; air conditioning a little in heat.
 */
export function electricConsumptionFactor(temperatureC: number): number {
  return 1 + 0.012 * Math.max(0, 20 - temperatureC) + 0.004 * Math.max(0, temperatureC - 28);
}

/** The same for fuel: a cold engine and denser air cost less than they cost an electric car. */
export function fuelConsumptionFactor(temperatureC: number): number {
  return 1 + 0.006 * Math.max(0, 20 - temperatureC);
}

/** Electric range, km, of `energyKwh` at `whPerKm` and `temperatureC`. */
export function electricRangeKm(energyKwh: number, whPerKm: number, temperatureC: number): number {
  if (whPerKm <= 0) return 0;
  return Math.max(0, (energyKwh * 1000) / (whPerKm * electricConsumptionFactor(temperatureC)));
}

/** Fuel range, km, of `liters` at `litersPer100Km` and `temperatureC`. */
export function fuelRangeKm(liters: number, litersPer100Km: number, temperatureC: number): number {
  if (litersPer100Km <= 0) return 0;
  return Math.max(0, (liters * 100) / (litersPer100Km * fuelConsumptionFactor(temperatureC)));
}

/** A charging session's power limit and behaviour. */
export interface ChargeCurve {
  /** Power drawn from the charger below the taper, kW (the charger's, the car's and any amperage limit, whichever is lowest). */
  readonly maxKw: number;
  readonly efficiency: number;
  /** DC fast charging tapers linearly from `maxKw` at 80 % to a fifth of it at 100 %. */
  readonly tapers: boolean;
}

/** Power drawn from the charger at `stateOfCharge`, kW. */
export function chargerPowerKw(curve: ChargeCurve, stateOfCharge: number): number {
  if (!curve.tapers || stateOfCharge <= TAPER_START) return curve.maxKw;
  return curve.maxKw * Math.max(0.2, 4.2 - 4 * stateOfCharge);
}

/**
 * Battery energy after charging for `hours`, with `drawKw` consumed at the same time (climate). Below
 * the taper the battery gains a constant `efficiency × maxKw − drawKw`; in the taper the gain falls
 * linearly with the energy, a linear ODE solved exactly.
 */
export function energyAfterCharging(energyKwh: number, capacityKwh: number, hours: number, curve: ChargeCurve, drawKw = 0): number {
  let energy = energyKwh;
  let remaining = hours;
  const knee = TAPER_START * capacityKwh;
  if (!curve.tapers || energy < knee) {
    const rate = curve.efficiency * curve.maxKw - drawKw;
    const untilKnee = curve.tapers && rate > 0 ? (knee - energy) / rate : Number.POSITIVE_INFINITY;
    if (remaining <= untilKnee) return energy + rate * remaining;
    energy = knee;
    remaining -= untilKnee;
  }
  const beta = (4 * curve.efficiency * curve.maxKw) / capacityKwh;
  const ceiling = (4.2 * curve.efficiency * curve.maxKw - drawKw) / beta;
  return ceiling - (ceiling - energy) * Math.exp(-beta * remaining);
}

/**
 * Hours until the battery holds `targetKwh`, or infinity when this curve never gets there (the
 * climate draw outweighs a tapered charge). The exact inverse of {@link energyAfterCharging}.
 */
export function hoursToReach(energyKwh: number, targetKwh: number, capacityKwh: number, curve: ChargeCurve, drawKw = 0): number {
  if (targetKwh <= energyKwh) return 0;
  const knee = TAPER_START * capacityKwh;
  const rate = curve.efficiency * curve.maxKw - drawKw;
  let hours = 0;
  let energy = energyKwh;
  if (!curve.tapers || energy < knee) {
    if (rate <= 0) return Number.POSITIVE_INFINITY;
    const flatTarget = curve.tapers ? Math.min(targetKwh, knee) : targetKwh;
    hours += (flatTarget - energy) / rate;
    energy = flatTarget;
    if (energy >= targetKwh) return hours;
  }
  const beta = (4 * curve.efficiency * curve.maxKw) / capacityKwh;
  const ceiling = (4.2 * curve.efficiency * curve.maxKw - drawKw) / beta;
  if (ceiling <= targetKwh) return Number.POSITIVE_INFINITY;
  return hours + Math.log((ceiling - energy) / (ceiling - targetKwh)) / beta;
}

/** Voltage and phases a charge runs at, so wattage, voltage and amperage agree (P = U × I × phases). */
export interface ElectricalSupply {
  readonly volts: number;
  readonly phases: number;
}

/**
 * The supply of an AC charge in a region: North American 240 V split phase; European 230 V, three
 * phases above what one phase carries (7.4 kW).
 */
export function acSupply(region: string, maxKw: number): ElectricalSupply {
  if (region === 'EUROPE') return { volts: 230, phases: maxKw > 7.4 ? 3 : 1 };
  return { volts: 240, phases: 1 };
}

/** DC fast charging runs at pack voltage, which rises with the state of charge. */
export function dcSupply(packVoltage: number, stateOfCharge: number): ElectricalSupply {
  return { volts: packVoltage * (0.9 + 0.15 * stateOfCharge), phases: 1 };
}

/** Current per phase, A, for a power and supply. */
export function amperes(powerKw: number, supply: ElectricalSupply): number {
  return (powerKw * 1000) / (supply.volts * supply.phases);
}
