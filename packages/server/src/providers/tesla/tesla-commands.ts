/**
 * @module Catalog commands as Tesla Fleet API REST commands (`POST /api/1/vehicles/{id}/command/<name>`),
 * and Tesla's `{result: false, reason}` refusals as catalog errors. A refusal that means the car is
 * already where the command would put it (`is_charging` for a start, `not_charging` for a stop)
 * counts as success, as it does for an owner tapping the app twice.
 */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { VehicleError } from '../vehicle-provider.js';

export interface TeslaCommand {
  readonly name: string;
  readonly body?: Readonly<Record<string, unknown>>;
  /** Refusal reasons that mean the car is already in the state asked for. */
  readonly alreadyDone?: readonly string[];
}

function actionOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'action' in body ? body.action : undefined;
}

/** The official SDK sends the limit as text ("0.8"); the catalog accepts both. */
function percentOf(body: unknown): number {
  const raw = typeof body === 'object' && body !== null && 'limit' in body ? body.limit : undefined;
  const limit = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(limit) || limit < 0.5 || limit > 1) throw new VehicleError('VEHICLE_STATE', 'UNKNOWN', { message: 'The charge limit must be between 0.5 and 1.' });
  return Math.round(limit * 100);
}

export const teslaCommandsByEndpoint: Readonly<Partial<Record<EndpointId, (body: unknown) => TeslaCommand>>> = {
  lockUnlock: (body) => ({ name: actionOf(body) === 'LOCK' ? 'door_lock' : 'door_unlock' }),
  controlCharge: (body) => (actionOf(body) === 'STOP' ? { name: 'charge_stop', alreadyDone: ['not_charging'] } : { name: 'charge_start', alreadyDone: ['is_charging'] }),
  setChargeLimit: (body) => ({ name: 'set_charge_limit', body: { percent: percentOf(body) }, alreadyDone: ['already_set'] }),
  teslaControlChargePort: (body) => ({ name: actionOf(body) === 'CLOSE' ? 'charge_port_door_close' : 'charge_port_door_open' }),
};

/** Tesla's refusal reasons, as catalog errors. */
export function refusalError(reason: string): VehicleError {
  switch (reason) {
    case 'complete':
      return new VehicleError('VEHICLE_STATE', 'FULLY_CHARGED', { message: 'The vehicle is already charged to its limit.' });
    case 'disconnected':
      return new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', { message: 'The charging cable is not connected.' });
    case 'not_charging':
      return new VehicleError('VEHICLE_STATE', 'NOT_CHARGING', { message: 'The vehicle is not charging.' });
    case 'is_charging':
      return new VehicleError('VEHICLE_STATE', 'CHARGING_IN_PROGRESS', { message: 'The vehicle is charging.' });
    case 'vehicle is moving':
      return new VehicleError('VEHICLE_STATE', 'IN_MOTION', { message: 'The vehicle is moving.' });
    case 'door open':
      return new VehicleError('VEHICLE_STATE', 'DOOR_OPEN', { message: 'A door is open.' });
    case 'charger fault':
      return new VehicleError('VEHICLE_STATE', 'CHARGE_FAULT', { message: 'The charger or cable reports a fault.' });
    default:
      return new VehicleError('VEHICLE_STATE', 'UNKNOWN', { message: `The vehicle refused the command: ${reason}.` });
  }
}
