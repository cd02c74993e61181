/**
 * @module The core commands: lock and unlock, start and stop charging, set the charge limit, send a
 * destination. Each checks the vehicle's real state first and refuses as a real vehicle would.
 */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { VehicleError } from '../vehicle-provider.js';
import { bodyOf, commandSucceeded, inMotion, plugNotConnected, type CommandHandler } from './vehicle-context.js';
import { lockRefusal } from './vehicle-scene.js';

/** The official SDK sends the limit as a string ("0.8"); the catalog accepts both forms. */
export function limitOf(value: unknown): number {
  const limit = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(limit) || limit < 0.5 || limit > 1) throw new VehicleError('VEHICLE_STATE', 'UNKNOWN', { message: 'The charge limit must be between 0.5 and 1.' });
  return limit;
}

export const coreCommands: Readonly<Partial<Record<EndpointId, CommandHandler>>> = {
  lockUnlock: ({ request, reading, scene }) => {
    if (reading.driving) throw inMotion();
    const locked = bodyOf(request).action === 'LOCK';
    const refusal = lockRefusal(scene, locked);
    if (refusal !== null) throw refusal;
    return { actions: [{ kind: 'lock', locked }], body: commandSucceeded };
  },
  controlCharge: ({ request, reading }) => {
    const charge = reading.charge();
    if (!charge.isPluggedIn) throw plugNotConnected();
    if (bodyOf(request).action === 'STOP') return { actions: [{ kind: 'charge', action: 'STOP' }], body: commandSucceeded };
    if (charge.faulted) throw new VehicleError('VEHICLE_STATE', 'CHARGE_FAULT', { message: 'The charger or cable reports a fault.' });
    if (charge.state === 'FULLY_CHARGED' || reading.stateOfCharge >= charge.limit) {
      throw new VehicleError('VEHICLE_STATE', 'FULLY_CHARGED', { message: 'The vehicle is already charged to its limit.' });
    }
    return { actions: [{ kind: 'charge', action: 'START' }], body: commandSucceeded };
  },
  setChargeLimit: ({ request }) => ({ actions: [{ kind: 'charge_limit', limit: limitOf(bodyOf(request).limit) }], body: commandSucceeded }),
  sendDestination: ({ request }) => {
    const body = bodyOf(request);
    return { actions: [{ kind: 'destination', latitude: Number(body.latitude), longitude: Number(body.longitude) }], body: commandSucceeded };
  },
};
