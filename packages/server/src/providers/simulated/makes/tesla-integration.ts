/**
 * @module How a Tesla is connected: through Tesla's current integration, with the application's
 * virtual key on the vehicle, unless an operator injected otherwise. On the legacy integration the
 * virtual key status cannot be read (the seeds: `PLATFORM_NOT_CAPABLE`) and the vehicle reports that it
 * requires migration; a vehicle whose owner removed the key refuses commands (`VIRTUAL_KEY_REQUIRED`,
 * applied with the other account faults) and reads as unpaired.
 */
import { VehicleError } from '../../vehicle-provider.js';
import type { ProviderMakeBehaviour, ReadContext } from '../vehicle-context.js';

/** Whether the vehicle is connected through Tesla's legacy integration. */
export function onLegacyIntegration(context: Pick<ReadContext, 'fault'>): boolean {
  return context.fault?.kind === 'legacy_integration';
}

/** Whether the application's virtual key is on the vehicle. */
export function virtualKeyPaired(context: Pick<ReadContext, 'fault'>): boolean {
  return !(context.fault?.kind === 'account' && context.fault.code === 'VIRTUAL_KEY_REQUIRED');
}

/** The refusal of an endpoint the legacy integration cannot serve. */
export function legacyIntegrationRefusal(): VehicleError {
  return new VehicleError('COMPATIBILITY', 'PLATFORM_NOT_CAPABLE', { message: "Tesla's legacy integration cannot serve this endpoint; reconnect the vehicle." });
}

/** Faults only Teslas have. */
export const teslaBehaviour: ProviderMakeBehaviour = {
  faultKinds: ['legacy_integration'],
  accountCodes: ['VIRTUAL_KEY_REQUIRED'],
};
