/** @module The grant check of every vehicle route: this token's owner connected this vehicle to this application, with this permission. */
import type { ConnectionRecord } from '../../store/index.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import type { AccessContext } from '../../auth/authenticate-access-token.js';
import { revokedGrantDescription } from '../../auth/revocation-descriptions.js';

/** Vehicle ids are the UUIDs `GET /v2.0/vehicles` lists; anything else cannot name a vehicle. */
const vehicleIdShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const malformedVehicleId = 'This is not a vehicle id: vehicle ids are the UUIDs that GET /v2.0/vehicles lists for this access token.';

/*
 * Unknown, disconnected and another owner's or application's vehicles share one message, so a caller
 * learns nothing about vehicles it may not use; the message still says where the right ids come from.
 */
const unknownVehicle = "No vehicle with this id is connected to this application by this token's owner; GET /v2.0/vehicles lists the vehicles this access token can use.";

/**
 * The active grant behind `vehicleId` for the caller, holding `permission` (null: any grant will do).
 * An unknown vehicle, another user's or application's vehicle, a disconnected vehicle and a missing
 * permission all answer 403 PERMISSION (the seeds' type for each), each with a description that says
 * which of the three it is: a malformed id, a vehicle this token cannot use, or a missing permission.
 */
export async function requireVehicleGrant(context: AppContext, access: AccessContext, vehicleId: string, permission: string | null): Promise<ConnectionRecord> {
  if (!vehicleIdShape.test(vehicleId)) throw new ApiError('PERMISSION', null, { description: malformedVehicleId });
  const connection = await context.repositories.connections.findActiveByApplicationVehicleId(access.applicationId, vehicleId);
  if (connection === null || connection.userId !== access.userId) {
    throw new ApiError('PERMISSION', null, { description: connection === null ? await revokedGrantRefusal(context, access, vehicleId) : unknownVehicle });
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
  if (revoked?.userId !== access.userId || revoked.revocationReason === null) return unknownVehicle;
  return revokedGrantDescription(revoked.revocationReason);
}
