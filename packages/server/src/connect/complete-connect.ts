/** @module Approval: end the flow, record the owner, the vehicles and the grants, then issue the authorization code, all in one transaction. */
import type { ConnectionsRevoked } from '../connections/connection-events.js';
import { announceRevocation, revokeInTransaction, type RevocationServices } from '../connections/revoke-connections.js';
import { ConstraintViolationError, StoreInconsistencyError, type ConnectionRecord, type Repositories } from '../store/index.js';
import type { ProviderAccount } from '../providers/vehicle-provider.js';
import { lastCookieArrival, type FlowState } from './flow-state.js';
import type { VehicleChoice } from './grant-plan.js';

/**
 * What an approval came to. `approved`: the authorization code to send back and the vehicle ids the
 * application will see. `already-finished`: the flow had ended (a replayed or concurrent consent), so
 * nothing was stored and no second code issued. `application-gone`: the application was deleted
 * while its owner consented, so there is no one left to hand a grant to. `grant-conflict`: another
 * consent's grant of one of the vehicles appeared between this consent's look-up and its insert (the
 * store's one-active-grant rule refused the second); nothing was stored.
 */
export type ConnectApproval =
  | { readonly kind: 'approved'; readonly code: string; readonly applicationVehicleIds: readonly string[] }
  | { readonly kind: 'already-finished' }
  | { readonly kind: 'application-gone' }
  | { readonly kind: 'grant-conflict' };

/**
 * The one vehicle id the application already knows for a vehicle connected again, from the
 * application's active grants of it, whichever owner account holds them (none: a first connection).
 * Two grants holding two ids can only come from a race the schema cannot rule out (two approvals
 * committed side by side on PostgreSQL) or a hand-made row: keeping either id would silently take
 * the other from the application.
 */
function knownVehicleId(previous: readonly ConnectionRecord[]): string | undefined {
  const ids = [...new Set(previous.map((connection) => connection.applicationVehicleId))];
  if (ids.length > 1) {
    throw new StoreInconsistencyError('duplicate', "an application's active grants of one vehicle for one owner", {
      connectionIds: previous.map((connection) => connection.id),
      applicationVehicleIds: ids,
      applicationId: previous[0]?.applicationId ?? '',
      vehicleId: previous[0]?.vehicleId ?? '',
    });
  }
  return ids[0];
}

/**
 * Stores the consent, each vehicle with the id of the provider that listed it. Connecting a vehicle
 * again extends its grant (the union of old and new permissions) and keeps the vehicle id the
 * application already knows; a vehicle another owner account had connected to the application passes
 * to this one under that id, and the other account's grant ends (the vehicle record, too, follows the
 * account that signed in last). Answers a {@link ConnectApproval}; the store's constraint violations
 * become its `application-gone` and `grant-conflict` outcomes. Throws `StoreInconsistencyError`
 * (`duplicate`), changing nothing, when it knows the vehicle by two ids. The grants it replaces are
 * revoked (`reconnected`) like any other, within the same transaction. Two consents for one vehicle
 * side by side need no retry: the vehicle upsert locks the vehicle's row, so the later one waits for
 * the earlier one to commit and then finds its grant to replace.
 */
export async function completeConnect(
  services: RevocationServices,
  flow: FlowState,
  account: ProviderAccount,
  choices: readonly VehicleChoice[],
  providerId: string | undefined,
): Promise<ConnectApproval> {
  const revocations: (ConnectionsRevoked | null)[] = [];
  const created: ConnectionRecord[] = [];
  let approval: ConnectApproval;
  try {
    approval = await recordConsent(services, { revocations, created }, flow, account, choices, providerId);
  } catch (error) {
    if (!(error instanceof ConstraintViolationError)) throw error;
    const refusal = await refusalFor(services.repositories, error, flow);
    if (refusal === null) throw error;
    return refusal;
  }
  // Only once committed: a consent rolled back revoked nothing.
  for (const revocation of revocations) await announceRevocation(services.connectionEvents, revocation);
  if (created.length > 0) await services.connectionEvents.connected({ connections: created });
  return approval;
}

/**
 * The outcome a constraint violation stands for, or null when it stands for none (a row deleted by
 * hand, say), which the caller rethrows. Every reference the consent writes is to a row it upserted
 * itself, except the application's: a dangling reference with the application gone means it was
 * deleted mid-consent. A duplicate can only be the one active grant per vehicle id.
 */
async function refusalFor(repositories: Repositories, error: ConstraintViolationError, flow: FlowState): Promise<ConnectApproval | null> {
  // The consent's other unique keys are upserted or random (a code, an id), so a duplicate is a grant.
  if (error.kind === 'unique') return { kind: 'grant-conflict' };
  return (await repositories.applications.findById(flow.applicationId)) === null ? { kind: 'application-gone' } : null;
}

/** The transaction of {@link completeConnect}; pushes the revocations and new grants to announce once it commits. */
async function recordConsent(
  services: RevocationServices,
  { revocations, created }: { readonly revocations: (ConnectionsRevoked | null)[]; readonly created: ConnectionRecord[] },
  flow: FlowState,
  account: ProviderAccount,
  choices: readonly VehicleChoice[],
  providerId: string | undefined,
): Promise<ConnectApproval> {
  return services.repositories.transaction(async (store) => {
    // Marked inside the transaction: a consent that fails to commit leaves the flow open for a retry.
    if (!(await store.finishedFlows.finish(flow.flowId, lastCookieArrival(flow)))) return { kind: 'already-finished' };
    const owner = await store.ownerAccounts.upsert({ make: account.make, mode: account.mode, providerAccountId: account.providerAccountId, email: account.email });
    const user = await store.users.findOrCreate(flow.applicationId, owner.id);
    const connectionIds: string[] = [];
    const applicationVehicleIds: string[] = [];
    for (const choice of choices) {
      const { ref } = choice.vehicle;
      const vehicle = await store.vehicles.upsert({
        make: ref.make,
        mode: ref.mode,
        providerVehicleId: ref.providerVehicleId,
        ownerAccountId: owner.id,
        vin: choice.vehicle.vin,
        model: choice.vehicle.model,
        year: choice.vehicle.year,
        // The provider that listed the vehicle serves it from now on, whatever is registered later.
        ...(providerId === undefined ? {} : { providerId }),
      });
      // Every active grant of this application on the vehicle, this owner's or another account's (a
      // shared or sold car): one vehicle id has one active grant, so each is replaced by this one.
      const held = (await store.connections.listActiveByVehicle(vehicle.id)).filter((connection) => connection.applicationId === flow.applicationId);
      const applicationVehicleId = knownVehicleId(held);
      const permissions = new Set(choice.grantable);
      for (const connection of held) {
        // The same owner's earlier consent is extended; another account's is not theirs to extend.
        if (connection.userId === user.id) for (const permission of connection.permissions) permissions.add(permission);
        revocations.push(await revokeInTransaction(store, services.connectionEvents, { kind: 'connection', connectionId: connection.id }, 'reconnected'));
      }
      const connection = await store.connections.create({
        applicationId: flow.applicationId,
        userId: user.id,
        vehicleId: vehicle.id,
        permissions: [...permissions],
        mode: ref.mode,
        ...(applicationVehicleId === undefined ? {} : { applicationVehicleId }),
      });
      created.push(connection);
      connectionIds.push(connection.id);
      applicationVehicleIds.push(connection.applicationVehicleId);
    }
    const { code } = await store.authorizationCodes.create({
      applicationId: flow.applicationId,
      userId: user.id,
      redirectUri: flow.redirectUri,
      scope: flow.scope.permissions,
      connectionIds,
      codeChallenge: flow.codeChallenge,
      codeChallengeMethod: flow.codeChallengeMethod,
    });
    return { kind: 'approved', code, applicationVehicleIds };
  });
}

/**
 * True when every compatible vehicle already holds every permission it can be granted, so with
 * `approval_prompt=auto` the grant screen has nothing new to ask.
 */
export async function alreadyGranted(repositories: Repositories, flow: FlowState, account: ProviderAccount, choices: readonly VehicleChoice[]): Promise<boolean> {
  const owner = await repositories.ownerAccounts.findByProviderAccount(account.make, account.mode, account.providerAccountId);
  if (owner === null) return false;
  const user = await repositories.users.findByApplicationAndOwner(flow.applicationId, owner.id);
  if (user === null) return false;
  const active = await repositories.connections.findActiveByApplicationAndUser(flow.applicationId, user.id);
  for (const choice of choices) {
    const vehicle = await repositories.vehicles.findByProviderVehicle(choice.vehicle.ref.make, choice.vehicle.ref.mode, choice.vehicle.ref.providerVehicleId);
    const connection = vehicle === null ? undefined : active.find((candidate) => candidate.vehicleId === vehicle.id);
    if (connection === undefined || choice.grantable.some((permission) => !connection.permissions.includes(permission))) return false;
  }
  return choices.length > 0;
}

/**
 * How many of the chosen live vehicles are not yet connected to the application, by any owner
 * account: what a plan's maximum counts (a vehicle passing from another account adds none). Test and
 * simulated vehicles are free, so a test-mode flow always counts 0.
 */
export async function countNewLiveVehicles(repositories: Repositories, flow: FlowState, account: ProviderAccount, choices: readonly VehicleChoice[]): Promise<number> {
  if (account.mode !== 'live') return 0;
  let count = 0;
  for (const choice of choices) {
    const vehicle = await repositories.vehicles.findByProviderVehicle(choice.vehicle.ref.make, choice.vehicle.ref.mode, choice.vehicle.ref.providerVehicleId);
    const held = vehicle === null ? [] : await repositories.connections.listActiveByVehicle(vehicle.id);
    if (!held.some((connection) => connection.applicationId === flow.applicationId)) count += 1;
  }
  return count;
}
