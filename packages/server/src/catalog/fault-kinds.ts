/** @module The faults an operator or a test can inject into one simulated vehicle: the simulator applies them, the admin API and the CLI name them. */

/**
 * Fault kinds an operator or a test can inject into one vehicle, one at a time. Some are the
 * manufacturer's cloud or the owner's account failing (`unreachable` ... `account`,
 * `remote_access_disabled`, `offline_for_service`, `legacy_integration`); the physical ones
 * (`door_open` ... `charger_fault`) change the vehicle itself, so the engine keeps them in the state
 * and readings show them.
 */
export const faultKinds = [
  'unreachable', 'asleep', 'upstream', 'slow', 'rate_limit',
  'account', 'remote_access_disabled', 'offline_for_service', 'legacy_integration',
  'door_open', 'hood_open', 'trunk_open', 'ignition_on', 'charger_fault',
] as const;
export type FaultKind = (typeof faultKinds)[number];
