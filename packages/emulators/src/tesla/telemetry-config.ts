/**
 * @module Fleet Telemetry configurations as the Fleet API takes them (`fleet_telemetry_config`):
 * per vehicle, the server it streams to and the fields it sends with their intervals. Only the
 * fields the emulated car can report are accepted.
 */

/** Fields the emulated car streams, as Tesla's fleet-telemetry protocol names them. */
export const telemetryFields = ['BatteryLevel', 'EstBatteryRange', 'RatedRange', 'ChargeLimitSoc', 'ChargeState', 'DetailedChargeState', 'Odometer', 'Location', 'Locked'] as const;
export type TelemetryField = (typeof telemetryFields)[number];

function isTelemetryField(value: string): value is TelemetryField {
  return (telemetryFields as readonly string[]).includes(value);
}

/** One vehicle's configuration. */
export interface TelemetryConfig {
  readonly hostname: string;
  readonly port: number;
  readonly ca: string | null;
  readonly fields: Readonly<Partial<Record<TelemetryField, { readonly interval_seconds: number }>>>;
  /** Epoch seconds the configuration expires. */
  readonly exp: number | null;
}

/** A create request: the VINs and the configuration, or why it is malformed. */
export type TelemetryConfigRequest = { readonly vins: readonly string[]; readonly config: TelemetryConfig } | { readonly invalid: string };

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads the body of `POST /api/1/vehicles/fleet_telemetry_config`. */
export function parseTelemetryConfigRequest(body: unknown): TelemetryConfigRequest {
  const fields = record(body);
  const vins = fields?.vins;
  if (!Array.isArray(vins) || vins.length === 0 || !vins.every((vin) => typeof vin === 'string')) return { invalid: 'vins must be a non-empty list of VINs' };
  const config = record(fields?.config);
  if (config === null) return { invalid: 'config is missing' };
  if (typeof config.hostname !== 'string' || config.hostname === '') return { invalid: 'config.hostname is missing' };
  const port = config.port ?? 443;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) return { invalid: 'config.port must be a port number' };
  const asked = record(config.fields);
  if (asked === null || Object.keys(asked).length === 0) return { invalid: 'config.fields must name at least one field' };
  const parsed: Partial<Record<TelemetryField, { interval_seconds: number }>> = {};
  for (const [name, setting] of Object.entries(asked)) {
    if (!isTelemetryField(name)) return { invalid: `unsupported field ${name}` };
    const interval = record(setting)?.interval_seconds;
    if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1) return { invalid: `fields.${name}.interval_seconds must be a positive integer` };
    parsed[name] = { interval_seconds: interval };
  }
  const exp = config.exp ?? null;
  if (exp !== null && typeof exp !== 'number') return { invalid: 'config.exp must be epoch seconds' };
  return { vins, config: { hostname: config.hostname, port, ca: typeof config.ca === 'string' ? config.ca : null, fields: parsed, exp } };
}

/** The shortest interval of a configuration, in milliseconds: how often the car sends a record. */
export function recordIntervalMs(config: TelemetryConfig): number {
  return Math.min(...Object.values(config.fields).map((field) => field.interval_seconds)) * 1000;
}
