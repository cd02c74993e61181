/**
 * @module Tesla's virtual keys: vehicles on the vehicle-command protocol accept only commands signed
 * with a key the owner paired (through `https://tesla.com/_ak/<partner domain>`). Which vehicles
 * require it, and whether Carport's key is on them, comes from the Fleet API's `fleet_status`;
 * their commands go through the vehicle-command proxy, which signs them with the partner key.
 */
import { VehicleError } from '../vehicle-provider.js';
import type { FleetApiClient } from './fleet-api-client.js';
import type { FleetRequest } from './telemetry/tesla-streaming.js';
import { invalidData } from './vehicle-data-reads.js';

export interface VirtualKeysOptions {
  readonly partnerDomain: string;
  /** The vehicle-command proxy; without it signed commands cannot be sent. */
  readonly proxy?: FleetApiClient;
}

/** What `fleet_status` says of one vehicle. */
export interface KeyStatus {
  readonly paired: boolean;
  readonly required: boolean;
}

/** The link an owner opens on their phone to add Carport's key to the vehicle. */
export function pairingUrl(partnerDomain: string): string {
  return `https://tesla.com/_ak/${partnerDomain}`;
}

function keyStatusOf(response: unknown, vin: string): KeyStatus {
  if (typeof response !== 'object' || response === null) throw invalidData('fleet_status is not an object');
  const fields = response as Record<string, unknown>;
  const paired = Array.isArray(fields.key_paired_vins) && fields.key_paired_vins.includes(vin);
  const info = typeof fields.vehicle_info === 'object' && fields.vehicle_info !== null ? (fields.vehicle_info as Record<string, unknown>)[vin] : undefined;
  const required = typeof info === 'object' && info !== null && 'vehicle_command_protocol_required' in info && info.vehicle_command_protocol_required === true;
  return { paired, required };
}

export class VirtualKeys {
  readonly #options: VirtualKeysOptions;
  /** Vehicles known to take REST commands (a firmware property: it does not change back). */
  readonly #restVins = new Set<string>();

  constructor(options: VirtualKeysOptions) {
    this.#options = options;
  }

  get pairingUrl(): string {
    return pairingUrl(this.#options.partnerDomain);
  }

  async status(vin: string, send: FleetRequest): Promise<KeyStatus> {
    const status = keyStatusOf(await send({ method: 'POST', path: '/api/1/vehicles/fleet_status', body: { vins: [vin] } }), vin);
    if (!status.required) this.#restVins.add(vin);
    return status;
  }

  /**
   * The client a command to the vehicle goes through: null for the REST commands, the proxy for a
   * vehicle that requires signed commands and carries Carport's key.
   * @throws VehicleError `VIRTUAL_KEY_REQUIRED` when the key is not on the vehicle or nothing can sign.
   */
  async commandClient(vin: string, send: FleetRequest): Promise<FleetApiClient | null> {
    if (this.#restVins.has(vin)) return null;
    const status = await this.status(vin, send);
    if (!status.required) return null;
    if (!status.paired) {
      throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VIRTUAL_KEY_REQUIRED', { message: `This vehicle accepts only signed commands: the owner must add Carport's virtual key at ${this.pairingUrl}.` });
    }
    if (this.#options.proxy === undefined) {
      throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VIRTUAL_KEY_REQUIRED', { message: 'This vehicle accepts only signed commands and no vehicle-command proxy is configured (CARPORT_TESLA_COMMAND_PROXY_URL).' });
    }
    return this.#options.proxy;
  }
}
