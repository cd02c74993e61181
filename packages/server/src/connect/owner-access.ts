/** @module The owner's own view: which applications hold which data packages for which vehicles, and revoking any of them. */
import { revokeConnections, type RevocationServices } from '../connections/revoke-connections.js';
import type { ProviderAccount } from '../providers/vehicle-provider.js';
import type { Repositories } from '../store/index.js';

/** One grant as the owner sees it. */
export interface OwnerGrant {
  readonly connectionId: string;
  readonly applicationName: string;
  readonly vehicle: { readonly model: string | null; readonly year: number | null; readonly vin: string | null };
  readonly permissions: readonly string[];
  readonly connectedAt: string;
}

/** Every active grant of the owner's account, newest first. */
export async function listOwnerGrants(repositories: Repositories, account: ProviderAccount): Promise<OwnerGrant[]> {
  const owner = await repositories.ownerAccounts.findByProviderAccount(account.make, account.mode, account.providerAccountId);
  if (owner === null) return [];
  const grants: OwnerGrant[] = [];
  for (const user of await repositories.users.listByOwnerAccount(owner.id)) {
    const application = await repositories.applications.findById(user.applicationId);
    for (const connection of await repositories.connections.findActiveByApplicationAndUser(user.applicationId, user.id)) {
      const vehicle = await repositories.vehicles.findById(connection.vehicleId);
      grants.push({
        connectionId: connection.id,
        applicationName: application?.name ?? 'Deleted application',
        vehicle: { model: vehicle?.model ?? null, year: vehicle?.year ?? null, vin: vehicle?.vin ?? null },
        permissions: connection.permissions,
        connectedAt: connection.connectedAt,
      });
    }
  }
  return grants.sort((left, right) => right.connectedAt.localeCompare(left.connectedAt));
}

/**
 * Revokes one grant if it belongs to this owner's account, with every consequence of a revocation
 * (`revokeConnections`); the next API call with any of the application's tokens for that vehicle is
 * refused, because every call re-checks the grant. False when it was not the owner's or not active.
 */
export async function revokeOwnerGrant(services: RevocationServices, account: ProviderAccount, connectionId: string): Promise<boolean> {
  const { repositories } = services;
  const owner = await repositories.ownerAccounts.findByProviderAccount(account.make, account.mode, account.providerAccountId);
  const connection = await repositories.connections.findById(connectionId);
  if (owner === null || connection === null || connection.revokedAt !== null) return false;
  const user = await repositories.users.findById(connection.userId);
  if (user?.ownerAccountId !== owner.id) return false;
  return (await revokeConnections(services, { kind: 'connection', connectionId: connection.id }, 'owner_revoked')).length > 0;
}
