/**
 * @module The core reads every capable make answers, shaped from a simulator reading into the
 * catalog's response bodies in metric units (km, kPa, litres, °C, fractions).
 */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { fuelFieldsFor } from './makes/europe-fuel.js';
import { serviceHistory } from './service-history.js';
import { iso, round, stableUuid, type ReadContext, type ReadHandler } from './vehicle-context.js';

const sides = ['frontLeft', 'frontRight', 'backLeft', 'backRight'] as const;

/**
 * Where the owner picks a battery capacity. Only whether there is a link is the provider's call: the
 * read path replaces it with one signed for the asking application's own vehicle id.
 */
function capacityUrl(context: ReadContext): string {
  return `${context.publicUrl}/connect/battery-capacity`;
}

function nominalCapacity(context: ReadContext): unknown {
  const { model } = context.profile;
  const availableCapacities = model.batteries.map((battery) => ({
    capacity: battery.nominalKwh,
    description: battery.trim === null ? null : `${model.powertrain}:${battery.trim}`,
  }));
  const current = model.batteries[context.reading.state.batteryVariant];
  // One rated capacity: known. Several: the owner's choice if any, else a URL to ask them.
  if (availableCapacities.length === 1 && current !== undefined) {
    return { availableCapacities, capacity: { nominal: current.nominalKwh, source: 'SMARTCAR' }, url: null };
  }
  const selected = context.reading.state.settings.selectedNominalKwh ?? (context.profile.ownerSelectedCapacity ? current?.nominalKwh ?? null : null);
  return {
    availableCapacities,
    capacity: selected === null ? null : { nominal: selected, source: 'USER_SELECTED' },
    url: capacityUrl(context),
  };
}

export const coreReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  getVehicleAttributes: ({ key, vehicle }) => ({ id: stableUuid(key), make: vehicle.ref.make, model: vehicle.model, year: vehicle.year }),
  getVin: ({ vehicle }) => ({ vin: vehicle.vin }),
  getOdometer: ({ reading }) => ({ distance: round(reading.odometerKm, 2) }),
  getLocation: ({ reading }) => {
    const { point } = reading.position();
    return { latitude: round(point.latitude, 6), longitude: round(point.longitude, 6) };
  },
  getLockStatus: ({ reading }) => {
    const openings = reading.openings();
    return {
      isLocked: openings.locked,
      doors: sides.map((type) => ({ type, status: openings.doors[type] })),
      windows: sides.map((type) => ({ type, status: openings.windows[type] })),
      sunroof: [{ type: 'sunroof', status: openings.sunroof }],
      storage: [
        { type: 'front', status: openings.frontStorage },
        { type: 'rear', status: openings.rearStorage },
      ],
      chargingPort: openings.chargePort === null ? [] : [{ type: 'chargingPort', status: openings.chargePort }],
    };
  },
  getFuelTank: ({ reading, profile }) => {
    const fields = fuelFieldsFor(profile.make, profile.region);
    return {
      amountRemaining: fields.amountRemaining ? round(reading.state.fuelLiters, 1) : null,
      percentRemaining: fields.percentRemaining ? round(reading.fuelFraction, 3) : null,
      range: fields.range ? round(reading.fuelRangeKm, 1) : null,
    };
  },
  getEngineOil: ({ reading }) => ({ lifeRemaining: round(reading.oilLife(), 3) }),
  getTirePressure: ({ reading }) => {
    const [frontLeft, frontRight, backLeft, backRight] = reading.tiresKpa().map((kpa) => round(kpa, 1));
    return { backLeft, backRight, frontLeft, frontRight };
  },
  getBatteryLevel: ({ reading }) => ({ percentRemaining: round(reading.stateOfCharge, 3), range: round(reading.electricRangeKm, 1) }),
  getNominalCapacity: nominalCapacity,
  // The legacy capacity endpoint reports the usable capacity of the pack fitted now.
  getBatteryCapacity: ({ profile, reading }) => ({ capacity: profile.model.batteries[reading.state.batteryVariant]?.usableKwh ?? 0 }),
  getChargeStatus: ({ reading }) => {
    const charge = reading.charge();
    return { isPluggedIn: charge.isPluggedIn, state: charge.state };
  },
  getChargeLimit: ({ reading }) => ({ limit: reading.charge().limit }),
  getDiagnosticTroubleCodes: ({ reading }) => ({
    activeCodes: reading.activeDtcs().map((dtc) => ({ code: dtc.code, timestamp: iso(dtc.activeFrom) })),
  }),
  getSystemStatus: ({ reading }) => ({ systems: reading.systemStatuses() }),
  getServiceHistory: serviceHistory,
};
