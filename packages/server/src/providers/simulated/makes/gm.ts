/**
 * @module GM (Buick, Cadillac, Chevrolet, GMC): charge completion and voltage reads, and the seeds'
 * rule that starting or stopping a charge through the API needs at least 50 % state of charge.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { VehicleError } from '../../vehicle-provider.js';
import { iso, notCharging, plugNotConnected, round, type ProviderMakeBehaviour, type ReadHandler } from '../vehicle-context.js';

/** GM vehicles accept charge commands only at or above this state of charge. */
export const GM_MIN_STATE_OF_CHARGE = 0.5;

export const gmReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  gmGetChargeCompletionTime: ({ reading }) => {
    const completion = reading.charge().completionAt;
    if (completion === null) throw notCharging();
    return { time: iso(completion) };
  },
  gmGetChargeVoltmeter: ({ reading }) => {
    const supply = reading.charge().supply;
    if (supply === null) throw plugNotConnected();
    return { voltage: round(supply.volts, 0) };
  },
};

export const gmBehaviour: ProviderMakeBehaviour = {
  checkCommand(endpointId, context) {
    if (endpointId !== 'controlCharge' || context.reading.stateOfCharge >= GM_MIN_STATE_OF_CHARGE) return;
    throw new VehicleError('VEHICLE_STATE', 'LOW_BATTERY', {
      message: 'This vehicle needs at least 50% charge to start or stop charging remotely.',
    });
  },
};
