/** @module Approval: end the flow, record the owner, the vehicles and the grants, then issue the authorization code, all in one transaction. */
import type { Repositories } from '../store/index.js';
import type { ProviderAccount } from '../providers/vehicle-provider.js';
import { lastCookieArrival, type FlowState } from './flow-state.js';
import type { VehicleChoice } from './grant-plan.js';

/** The authorization code to send back, and the vehicle ids the application will see. */
export interface ConnectCompletion {
  readonly code: string;
  readonly applicationVehicleIds: readonly string[];
}

/**
 * Stores the consent. Connecting a vehicle again extends its grant (the union of old and new
 * permissions) and keeps the vehicle id the application already knows. Null when the flow had already
 * ended (a replayed or concurrent consent): nothing is stored and no second code is issued.
 */
export async function completeConnect(repositories: Repositories, flow: FlowState, account: ProviderAccount, choices: readonly VehicleChoice[]): Promise<ConnectCompletion | null> {
  return repositories.transaction(async (store) => {
    // Marked inside the transaction: a consent that fails to commit leaves the flow open for a retry.
    if (!(await store.finishedFlows.finish(flow.flowId, lastCookieArrival(flow)))) return null;
    const owner = await store.ownerAccounts.upsert({ make: account.make, mode: account.mode, providerAccountId: account.providerAccountId, email: account.email });
    const user = await store.users.findOrCreate(flow.applicationId, owner.id);
    const active = await store.connections.findActiveByApplicationAndUser(flow.applicationId, user.id);
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
      });
      const previous = active.filter((connection) => connection.vehicleId === vehicle.id);
      const permissions = new Set(choice.grantable);
      for (const connection of previous) {
        for (const permission of connection.permissions) permissions.add(permission);
        await store.connections.revoke(connection.id, 'reconnected');
      }
      const connection = await store.connections.create({
        applicationId: flow.applicationId,
        userId: user.id,
        vehicleId: vehicle.id,
        permissions: [...permissions],
        mode: ref.mode,
        ...(previous[0] === undefined ? {} : { applicationVehicleId: previous[0].applicationVehicleId }),
      });
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
    return { code, applicationVehicleIds };
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
 * How many of the chosen live vehicles are not yet connected to the application: what a plan's
 * maximum counts. Test and simulated vehicles are free, so a test-mode flow always counts 0.
 */
export async function countNewLiveVehicles(repositories: Repositories, flow: FlowState, account: ProviderAccount, choices: readonly VehicleChoice[]): Promise<number> {
  if (account.mode !== 'live') return 0;
  const owner = await repositories.ownerAccounts.findByProviderAccount(account.make, account.mode, account.providerAccountId);
  const user = owner === null ? null : await repositories.users.findByApplicationAndOwner(flow.applicationId, owner.id);
  const active = user === null ? [] : await repositories.connections.findActiveByApplicationAndUser(flow.applicationId, user.id);
  let count = 0;
  for (const choice of choices) {
    const vehicle = await repositories.vehicles.findByProviderVehicle(choice.vehicle.ref.make, choice.vehicle.ref.mode, choice.vehicle.ref.providerVehicleId);
    if (vehicle === null || !active.some((connection) => connection.vehicleId === vehicle.id)) count += 1;
  }
  return count;
}
