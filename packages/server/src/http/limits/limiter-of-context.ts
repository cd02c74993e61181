/** @module One limiter per app instance, found from its AppContext, with its counters in Redis or in process. */
import { Limiter } from '../../limits/limiter.js';
import { MemoryCounterStore } from '../../limits/memory-counter-store.js';
import { resolvePlans } from '../../limits/plans.js';
import { RedisCounterStore } from '../../limits/redis-counter-store.js';
import type { AppContext } from '../app-context.js';

// Keyed by context rather than a new AppContext member, so every module of one app shares one limiter.
const limiters = new WeakMap<AppContext, Limiter>();

/**
 * The limiter of the app `context` belongs to, created on first use: counters in Redis when
 * `REDIS_URL` is set, else in this process. App shutdown closes it (a background task).
 */
export function limiterOf(context: AppContext): Limiter {
  const existing = limiters.get(context);
  if (existing !== undefined) return existing;
  const { config, logger } = context;
  const onRedisError = (error: Error): void => {
    logger.error({ err: error }, 'limit counters: Redis connection failed; requests are admitted uncounted until it recovers');
  };
  const store =
    config.redisUrl === undefined
      ? new MemoryCounterStore()
      : new RedisCounterStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, onError: onRedisError });
  const limiter = new Limiter({
    plans: resolvePlans(config.planOverrides),
    store,
    applications: context.repositories.applications,
    connections: context.repositories.connections,
    now: context.now,
    enabled: config.limitsEnabled,
    onUnknownPlan: (plan) => {
      logger.warn({ plan }, 'an application has a plan the catalog does not define; it is held to the default plan');
    },
    onStoreError: (error) => {
      logger.error({ err: error }, 'limit counters unavailable; requests are admitted uncounted until they recover');
    },
    onStoreRecovered: () => {
      logger.info('limit counters recovered; requests are counted again');
    },
  });
  limiters.set(context, limiter);
  // A revoked connection changes the plan standing (connected vehicles) this limiter caches.
  context.connectionEvents.onRevoked((event) => {
    for (const applicationId of new Set(event.connections.map((connection) => connection.applicationId))) limiter.forget(applicationId);
  });
  context.backgroundTasks.add({ name: 'limit-counters', stop: () => limiter.close() });
  return limiter;
}

/**
 * Makes this process read an application's plan, suspension and vehicle count afresh on its next
 * request (other processes follow within `PLAN_CACHE_TTL_MS`). Call after changing any of them.
 */
export function forgetApplicationLimits(context: AppContext, applicationId: string): void {
  limiterOf(context).forget(applicationId);
}
