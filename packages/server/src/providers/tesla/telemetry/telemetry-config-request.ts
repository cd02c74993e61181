/** @module The `fleet_telemetry_config` Carport sends for a vehicle: every streamed field Carport reads, to its fleet-telemetry server. */
import { streamedFields } from './streamed-reads.js';

/** How often the vehicle sends each field at most (Tesla sends a field only when it changed). */
const INTERVAL_SECONDS = 30;
/** Tesla requires an expiry; Carport renews the configuration at each connection, well within it. */
const CONFIG_LIFETIME_SECONDS = 364 * 86_400;

export function telemetryConfigRequest(vin: string, hostname: string, now: Date): Record<string, unknown> {
  return {
    vins: [vin],
    config: {
      hostname,
      port: 443,
      fields: Object.fromEntries(streamedFields.map((field) => [field, { interval_seconds: INTERVAL_SECONDS }])),
      exp: Math.floor(now.getTime() / 1000) + CONFIG_LIFETIME_SECONDS,
    },
  };
}
