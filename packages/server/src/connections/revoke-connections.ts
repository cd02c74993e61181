/**
 * @module `revokeConnections`: the one way a connection (grant) ends, whoever ends it: the application
 * (Vehicle API disconnect, Management API deletion), the owner (owner page) or a new consent replacing
 * it (Connect). After the idea of node-oidc-provider's revoke helper: one function every path calls,
 * announcing the revocation so the parts that depend on grants follow it, instead of each path
 * carrying its own list of consequences.
 */
import type { GrantRevocationReason } from '../catalog/revocation-reasons.js';
import type { ConnectionRecord, Repositories } from '../store/index.js';
import type { ConnectionEvents, ConnectionsRevoked } from './connection-events.js';

/** Which grants to end; only active ones are, so revoking twice revokes nothing the second time. */
export type RevocationTarget =
  /** One grant by its id (the owner page, a Connect re-grant). */
  | { readonly kind: 'connection'; readonly connectionId: string }
  /** The active grant(s) behind a vehicle id an application knows (disconnect, deletion by vehicle). */
  | { readonly kind: 'application-vehicle'; readonly applicationId: string; readonly applicationVehicleId: string }
  /** Every active grant of one user of an application (deletion by user). */
  | { readonly kind: 'user'; readonly applicationId: string; readonly userId: string };

/** What revoking needs: the repositories and the events of the same app. */
export interface RevocationServices {
  readonly repositories: Repositories;
  readonly connectionEvents: ConnectionEvents;
}

/**
 * Ends the target's active grants, recording the catalog `reason` on each: every token stops reaching
 * those vehicles at once, because every call re-checks the grant. In one transaction with everything
 * the in-transaction listeners write (the webhook subscriptions end), after which the read caches are
 * cleared (by the repositories' transaction) and the after-commit listeners told (plan standing).
 * Returns the grants it ended, none when nothing was active.
 * @example await revokeConnections(context, { kind: 'connection', connectionId }, 'owner_revoked');
 */
export async function revokeConnections(services: RevocationServices, target: RevocationTarget, reason: GrantRevocationReason): Promise<ConnectionRecord[]> {
  const revocation = await services.repositories.transaction((repositories) => revokeInTransaction(repositories, services.connectionEvents, target, reason));
  await announceRevocation(services.connectionEvents, revocation);
  return revocation === null ? [] : [...revocation.connections];
}

/**
 * The transactional half of {@link revokeConnections}, for a caller already inside a transaction
 * that revokes as one step of a larger write (Connect's approval): it must hand the answer to
 * {@link announceRevocation} once its transaction committed. Null when nothing was active.
 */
export async function revokeInTransaction(
  repositories: Repositories,
  events: ConnectionEvents,
  target: RevocationTarget,
  reason: GrantRevocationReason,
): Promise<ConnectionsRevoked | null> {
  const connections = await revokeTarget(repositories, target, reason);
  if (connections.length === 0) return null;
  const revocation: ConnectionsRevoked = { reason, connections };
  await events.revoking(repositories, revocation);
  return revocation;
}

/** Tells the after-commit listeners about a committed revocation (nothing for null). */
export async function announceRevocation(events: ConnectionEvents, revocation: ConnectionsRevoked | null): Promise<void> {
  if (revocation !== null) await events.revoked(revocation);
}

async function revokeTarget(repositories: Repositories, target: RevocationTarget, reason: GrantRevocationReason): Promise<ConnectionRecord[]> {
  switch (target.kind) {
    case 'connection': {
      const revoked = await repositories.connections.revoke(target.connectionId, reason);
      return revoked === null ? [] : [revoked];
    }
    case 'application-vehicle':
      return repositories.connections.revokeForApplicationVehicle(target.applicationId, target.applicationVehicleId, reason);
    case 'user':
      return repositories.connections.revokeForUser(target.applicationId, target.userId, reason);
  }
}
