/**
 * @module The OAuth scopes of NIO's emulated authorization server: one per data package of the NIO
 * Vehicle API (the owner reviews packages, not single attributes), titled as NIO's page titles them.
 */

/** Scopes in the order the consent page lists them. */
export const nioScopes = ['vehicle_profile', 'location', 'vehicle_details', 'charging_status', 'control_charging'] as const;
export type NioScope = (typeof nioScopes)[number];

export const nioScopeTitles: Readonly<Record<NioScope, string>> = {
  vehicle_profile: 'Read Vehicle Profile: brand, model type, model picture, color, personalized name, virtual vehicle ID',
  location: 'Read Location Data: vehicle location',
  vehicle_details: 'Read Vehicle Details: lock status, odometer, driving status, gear, cabin and exterior temperature',
  charging_status: 'Read Charging Status: usable capacity, SOC, remaining charging time, port connection, charge state, charge limit, charging power',
  control_charging: 'Control Charging: start and stop charging',
};

export function isNioScope(value: string): value is NioScope {
  return (nioScopes as readonly string[]).includes(value);
}

/** Parses a space-separated scope list, keeping the unknown words for the caller to refuse. */
export function parseNioScopes(raw: string | undefined): { readonly scopes: NioScope[]; readonly unknown: string[] } {
  const words = (raw ?? '').split(' ').filter((word) => word !== '');
  return { scopes: [...new Set(words.filter(isNioScope))], unknown: words.filter((word) => !isNioScope(word)) };
}
