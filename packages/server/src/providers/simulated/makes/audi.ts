/** @module Audi's make-specific full charge status. */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { AC_EFFICIENCY, DC_EFFICIENCY, electricConsumptionFactor } from '../../../simulator/index.js';
import { iso, round, type ReadHandler } from '../vehicle-context.js';

export const audiReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  audiGetChargeStatus: ({ reading, profile }) => {
    const charge = reading.charge();
    const efficiency = charge.kind === 'DC' ? DC_EFFICIENCY : AC_EFFICIENCY;
    const whPerKm = profile.model.whPerKm * electricConsumptionFactor(reading.exteriorC);
    const scheduled = reading.state.settings.chargeSchedule.kind !== 'none';
    return {
      chargingStatus: charge.state,
      isPluggedIn: charge.isPluggedIn,
      chargeRate: round(whPerKm > 0 ? (charge.powerKw * efficiency * 1000) / whPerKm : 0, 1),
      chargeType: charge.kind === null ? 'off' : charge.kind.toLowerCase(),
      chargePortColor: charge.isPluggedIn ? (charge.state === 'NOT_CHARGING' ? 'yellow' : 'green') : 'off',
      chargePortLatch: charge.isPluggedIn ? 'locked' : 'unlocked',
      // The body has no null here: when not charging, the session is as complete as it gets now.
      completionTime: iso(charge.completionAt ?? reading.time),
      chargeMode: scheduled ? 'timer' : 'manual',
      socLimit: charge.limit,
      externalPowerStatus: charge.isPluggedIn ? (charge.state === 'CHARGING' ? 'active' : 'ready') : 'unavailable',
      wattage: round(charge.powerKw, 2),
    };
  },
};
