/**
 * @module NIO's make-specific reads, from the data packages of the NIO Vehicle API: profile, driving
 * status and gear, temperatures, battery (user SOC, usable capacity of the current swap pack) and charging.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { mixSeeds, Random } from '../../../simulator/index.js';
import { iso, notCharging, round, stableUuid, type ReadHandler } from '../vehicle-context.js';

const colors = ['Sky Blue', 'Cloud White', 'Star Grey', 'Deep Black', 'Aurora Green'] as const;
const nicknames = ['Blue Bird', 'Nomad', 'Swan', 'Comet', 'Juniper'] as const;

export const nioReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  nioGetVehicleProfile: ({ key, vehicle, profile }) => {
    const random = new Random(mixSeeds(profile.seed, 0x410));
    return {
      id: stableUuid(key),
      make: vehicle.ref.make,
      brand: 'NIO',
      model: vehicle.model,
      modelPictureUrl: `https://www.nio.com/sites/default/files/models/${vehicle.model.toLowerCase()}.png`,
      nickname: random.chance(0.7) ? random.pick(nicknames) : null,
      style: { exteriorColor: random.pick(colors) },
      virtualVehicleId: `vv-${profile.seed.toString(16).padStart(8, '0')}${vehicle.vin.slice(-4).toLowerCase()}`,
    };
  },
  nioGetVehicleStatus: ({ reading }) => ({
    status: reading.asleep ? 'ASLEEP' : reading.driving ? 'DRIVING' : 'PARKED',
    gear: reading.asleep ? null : reading.driving ? 'DRIVE' : 'PARK',
  }),
  nioGetInteriorTemperature: ({ reading }) => ({ temperature: round(reading.cabinC(), 1) }),
  nioGetExteriorTemperature: ({ reading }) => ({ temperature: round(reading.exteriorC, 1) }),
  nioGetBattery: ({ reading }) => ({ percentRemaining: round(reading.stateOfCharge, 3), usableCapacity: reading.state.capacityKwh }),
  nioGetChargeStatus: ({ reading }) => {
    const charge = reading.charge();
    const minutes = charge.completionAt === null ? null : Math.max(0, Math.ceil((charge.completionAt - reading.time) / 60_000));
    return {
      state: charge.state,
      isPluggedIn: charge.isPluggedIn,
      socLimit: charge.limit,
      wattage: round(charge.powerKw, 2),
      timeRemaining: minutes,
      completionTime: minutes === null ? null : iso(reading.time + minutes * 60_000),
    };
  },
  nioGetChargeWattmeter: ({ reading }) => {
    const charge = reading.charge();
    if (charge.state !== 'CHARGING') throw notCharging();
    return { wattage: round(charge.powerKw, 2) };
  },
  nioGetChargeCompletionTime: ({ reading }) => {
    const completion = reading.charge().completionAt;
    if (completion === null) throw notCharging();
    return { time: iso(completion) };
  },
};
