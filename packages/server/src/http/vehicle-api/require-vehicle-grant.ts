/** @module The grant check of every vehicle route: this token's owner connected this vehicle to this application, with this permission. */
import type { ConnectionRecord } from '../../store/index.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../api-error.js';
import type { AccessContext } from '../../auth/authenticate-access-token.js';
import { revokedGrantDescription } from '../../auth/revocation-descriptions.js';

const noGrant = 'This access token does not grant access to this vehicle.';

/**
 * The active grant behind `vehicleId` for the caller, holding `permission` (null: any grant will do).
 * An unknown vehicle, another user's or application's vehicle, a disconnected vehicle and a missing
 * permission all answer 403 PERMISSION, so a caller learns nothing about vehicles it may not use.
 */
export async function requireVehicleGrant(context: AppContext, access: AccessContext, vehicleId: string, permission: string | null): Promise<ConnectionRecord> {
  const connection = await context.repositories.connections.findActiveByApplicationVehicleId(access.applicationId, vehicleId);
  if (connection === null || connection.userId !== access.userId) {
    throw new ApiError('PERMISSION', null, { description: connection === null ? await revokedGrantRefusal(context, access, vehicleId) : noGrant });
  }
  if (permission !== null && !connection.permissions.includes(permission)) {
    throw new ApiError('PERMISSION', null, { description: `The vehicle owner has not granted the \`${permission}\` permission this endpoint requires.` });
  }
  return connection;
}

/**
 * Why a vehicle this caller's own grant once covered is refused: the caller held that grant, so the
 * reason tells it nothing about vehicles it may not use. Any other vehicle gets the generic answer.
 */
async function revokedGrantRefusal(context: AppContext, access: AccessContext, vehicleId: string): Promise<string> {
  const revoked = await context.repositories.connections.findLatestRevokedByApplicationVehicleId(access.applicationId, vehicleId);
  if (revoked?.userId !== access.userId || revoked.revocationReason === null) return noGrant;
  return revokedGrantDescription(revoked.revocationReason);
}
