/** @module The plan check Connect runs before it adds vehicles to an application. */
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { connectBeyondPlanDescription, suspendedDescription } from '../../limits/limit-descriptions.js';

/**
 * Throws 430 `BILLING:ACCOUNT_SUSPENDED` for a suspended application, and 430 `BILLING:VEHICLE_LIMIT`
 * when connecting `additionalVehicles` more (vehicles not connected to it yet) would pass its plan's
 * maximum. Reads the database afresh. After connecting, call `context.limiter.forget`.
 * @example
 * await assertCanConnectVehicles(context, application.id, newVehicleIds.length);
 */
export async function assertCanConnectVehicles(context: AppContext, applicationId: string, additionalVehicles: number): Promise<void> {
  const decision = await context.limiter.checkConnect(applicationId, additionalVehicles);
  if (decision.admitted) return;
  if (decision.refusal === 'disabled') throw new ApiError('BILLING', 'ACCOUNT_SUSPENDED', { description: decision.description });
  if (decision.refusal === 'suspended') throw new ApiError('BILLING', 'ACCOUNT_SUSPENDED', { description: suspendedDescription(decision) });
  throw new ApiError('BILLING', 'VEHICLE_LIMIT', {
    description: connectBeyondPlanDescription(decision, { max: decision.maxConnectedVehicles, connected: decision.connectedVehicles, additional: additionalVehicles }),
  });
}
