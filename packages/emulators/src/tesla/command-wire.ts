/**
 * @module Tesla's REST commands (`POST /api/1/vehicles/{id}/command/<name>`) as catalog commands of
 * the simulated Tesla, and the car's refusals as Tesla words them: HTTP 200 with
 * `{response: {result: false, reason}}`.
 */
import type { EndpointId } from '@carport/server';

/** A Tesla command turned into a catalog command, or a reason it is malformed. */
export type CatalogCommand = { readonly endpointId: EndpointId; readonly body: Record<string, unknown> } | { readonly invalid: string };

type Translate = (fields: Readonly<Record<string, string>>) => CatalogCommand;

const fixed = (endpointId: EndpointId, body: Record<string, unknown>): Translate => () => ({ endpointId, body });

export const teslaCommands: Readonly<Record<string, Translate>> = {
  door_lock: fixed('lockUnlock', { action: 'LOCK' }),
  door_unlock: fixed('lockUnlock', { action: 'UNLOCK' }),
  charge_start: fixed('controlCharge', { action: 'START' }),
  charge_stop: fixed('controlCharge', { action: 'STOP' }),
  charge_port_door_open: fixed('teslaControlChargePort', { action: 'OPEN' }),
  charge_port_door_close: fixed('teslaControlChargePort', { action: 'CLOSE' }),
  set_charge_limit: (fields) => {
    const percent = Number(fields.percent);
    return Number.isInteger(percent) && percent >= 50 && percent <= 100 ? { endpointId: 'setChargeLimit', body: { limit: percent / 100 } } : { invalid: 'percent must be an integer from 50 to 100' };
  },
};

/** How Tesla words a refusal the simulated car answers with a catalog pair. */
const reasons: Readonly<Record<string, string>> = {
  'VEHICLE_STATE:FULLY_CHARGED': 'complete',
  'VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED': 'disconnected',
  'VEHICLE_STATE:NOT_CHARGING': 'not_charging',
  'VEHICLE_STATE:CHARGING_IN_PROGRESS': 'is_charging',
  'VEHICLE_STATE:IN_MOTION': 'vehicle is moving',
  'VEHICLE_STATE:DOOR_OPEN': 'door open',
  'VEHICLE_STATE:CHARGE_FAULT': 'charger fault',
};

export function refusalReason(pair: string): string {
  return reasons[pair] ?? pair.toLowerCase();
}
