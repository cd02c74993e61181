/** @module Puts the read cache in front of the Vehicle API's and the event intake's hot lookups and clears it on every write that could change them. */
import type { ApplicationRecord, ApplicationRepository } from './application-repository.js';
import type { ConnectionRecord, ConnectionRepository } from './connection-repository.js';
import { clearing, type CacheRegion, type ReadCache } from './read-cache.js';
import type { DeliveryTarget, SubscriptionRepository } from './subscription-repository.js';
import type { TokenRecord, TokenRepository } from './token-repository.js';
import type { VehicleRecord, VehicleRepository } from './vehicle-repository.js';
import type { WebhookRepository } from './webhook-repository.js';

/** Both regions a grant change affects: the active grant lookups and where vehicle events go. */
function grantRegions(cache: ReadCache): { clear(): void } {
  return {
    clear: () => {
      cache.activeGrants.clear();
      cache.deliveryTargets.clear();
    },
  };
}

/** Token lookups by token; revocations and rotations clear them. */
export function cachedTokens(base: TokenRepository, cache: ReadCache, readThrough: boolean): TokenRepository {
  const region = cache.accessTokens as CacheRegion<TokenRecord | null>;
  return {
    ...base,
    findByAccessToken: (token) => (readThrough ? region.getOrLoad(token, () => base.findByAccessToken(token)) : base.findByAccessToken(token)),
    rotate: clearing(region, (...args: Parameters<typeof base.rotate>) => base.rotate(...args)),
    revokeFamily: clearing(region, (...args: Parameters<typeof base.revokeFamily>) => base.revokeFamily(...args)),
    revokeByCodeHash: clearing(region, (...args: Parameters<typeof base.revokeByCodeHash>) => base.revokeByCodeHash(...args)),
    revokeForUser: clearing(region, (...args: Parameters<typeof base.revokeForUser>) => base.revokeForUser(...args)),
  };
}

/** Active grant lookups by the application's vehicle id; any grant change clears them (and the delivery targets, which follow grants). */
export function cachedConnections(base: ConnectionRepository, cache: ReadCache, readThrough: boolean): ConnectionRepository {
  const region = cache.activeGrants as CacheRegion<ConnectionRecord | null>;
  const changed = grantRegions(cache);
  return {
    ...base,
    findActiveByApplicationVehicleId: (applicationId, vehicleId) =>
      readThrough
        ? region.getOrLoad(`${applicationId} ${vehicleId}`, () => base.findActiveByApplicationVehicleId(applicationId, vehicleId))
        : base.findActiveByApplicationVehicleId(applicationId, vehicleId),
    create: clearing(changed, (...args: Parameters<typeof base.create>) => base.create(...args)),
    revoke: clearing(changed, (...args: Parameters<typeof base.revoke>) => base.revoke(...args)),
    revokeForApplicationVehicle: clearing(changed, (...args: Parameters<typeof base.revokeForApplicationVehicle>) => base.revokeForApplicationVehicle(...args)),
    revokeForUser: clearing(changed, (...args: Parameters<typeof base.revokeForUser>) => base.revokeForUser(...args)),
  };
}

/** Delivery targets by internal vehicle id; subscription changes clear them. */
export function cachedSubscriptions(base: SubscriptionRepository, cache: ReadCache, readThrough: boolean): SubscriptionRepository {
  const region = cache.deliveryTargets as CacheRegion<DeliveryTarget[]>;
  return {
    ...base,
    listDeliveryTargets: (vehicleId) => (readThrough ? region.getOrLoad(vehicleId, () => base.listDeliveryTargets(vehicleId)) : base.listDeliveryTargets(vehicleId)),
    subscribe: clearing(region, (...args: Parameters<typeof base.subscribe>) => base.subscribe(...args)),
    unsubscribe: clearing(region, (...args: Parameters<typeof base.unsubscribe>) => base.unsubscribe(...args)),
  };
}

/** Webhook changes (enabled, verified, deleted, new callback) clear the delivery targets, which carry them. */
export function targetClearingWebhooks(base: WebhookRepository, cache: ReadCache): WebhookRepository {
  const region = cache.deliveryTargets;
  return {
    ...base,
    update: clearing(region, (...args: Parameters<typeof base.update>) => base.update(...args)),
    markVerified: clearing(region, (...args: Parameters<typeof base.markVerified>) => base.markVerified(...args)),
    markVerificationFailed: clearing(region, (...args: Parameters<typeof base.markVerificationFailed>) => base.markVerificationFailed(...args)),
    delete: clearing(region, (...args: Parameters<typeof base.delete>) => base.delete(...args)),
  };
}

/** Vehicle lookups by id and by the provider's reference; vehicle writes clear them. */
export function cachedVehicles(base: VehicleRepository, cache: ReadCache, readThrough: boolean): VehicleRepository {
  const region = cache.vehicles as CacheRegion<VehicleRecord | null>;
  return {
    ...base,
    findById: (id) => (readThrough ? region.getOrLoad(id, () => base.findById(id)) : base.findById(id)),
    // Ids are UUIDs, so a key with spaces never meets one.
    findByProviderVehicle: (make, mode, providerVehicleId) =>
      readThrough
        ? region.getOrLoad(`provider ${make} ${mode} ${providerVehicleId}`, () => base.findByProviderVehicle(make, mode, providerVehicleId))
        : base.findByProviderVehicle(make, mode, providerVehicleId),
    create: clearing(region, (...args: Parameters<typeof base.create>) => base.create(...args)),
    upsert: clearing(region, (...args: Parameters<typeof base.upsert>) => base.upsert(...args)),
  };
}

/** Application lookups by id; every write to an application (and a new one) clears them. */
export function cachedApplications(base: ApplicationRepository, cache: ReadCache, readThrough: boolean): ApplicationRepository {
  const region = cache.applications as CacheRegion<ApplicationRecord | null>;
  return {
    ...base,
    findById: (id) => (readThrough ? region.getOrLoad(id, () => base.findById(id)) : base.findById(id)),
    createApplication: clearing(region, (...args: Parameters<typeof base.createApplication>) => base.createApplication(...args)),
    rotateSecret: clearing(region, (...args: Parameters<typeof base.rotateSecret>) => base.rotateSecret(...args)),
    rotateManagementToken: clearing(region, (...args: Parameters<typeof base.rotateManagementToken>) => base.rotateManagementToken(...args)),
    revealManagementToken: clearing(region, (...args: Parameters<typeof base.revealManagementToken>) => base.revealManagementToken(...args)),
    update: clearing(region, (...args: Parameters<typeof base.update>) => base.update(...args)),
    setSuspended: clearing(region, (...args: Parameters<typeof base.setSuspended>) => base.setSuspended(...args)),
  };
}
