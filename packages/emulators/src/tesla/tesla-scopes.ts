/** @module The OAuth scopes Tesla's authorization server grants third-party applications. */

/** Scopes the emulated authorization server knows, in the order its consent page lists them. */
export const teslaScopes = ['openid', 'offline_access', 'vehicle_device_data', 'vehicle_location', 'vehicle_cmds', 'vehicle_charging_cmds'] as const;
export type TeslaScope = (typeof teslaScopes)[number];

export const scopeDescriptions: Readonly<Record<TeslaScope, string>> = {
  openid: 'Sign you in with your Tesla account',
  offline_access: 'Keep access while you are away (refresh tokens)',
  vehicle_device_data: 'Vehicle information: charge, climate, doors, odometer',
  vehicle_location: 'Vehicle location',
  vehicle_cmds: 'Vehicle commands: lock, unlock, climate',
  vehicle_charging_cmds: 'Charging commands: start, stop, charge limit',
};

export function isTeslaScope(value: string): value is TeslaScope {
  return (teslaScopes as readonly string[]).includes(value);
}
