/** @module The limiter of one process, with its counters in Redis (shared by every process) or in this process. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { resolvePlans } from '../catalog/plans.js';
import { Limiter } from '../limits/limiter.js';
import { MemoryCounterStore } from '../limits/memory-counter-store.js';
import { RedisCounterStore } from '../limits/redis-counter-store.js';
import type { Repositories } from '../store/index.js';

export interface LimiterDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly repositories: Repositories;
  readonly now: () => Date;
}

/** Counters in Redis when `REDIS_URL` is set, else in this process; failures are logged, never thrown at requests. */
export function createLimiter({ config, logger, repositories, now }: LimiterDeps): Limiter {
  const onRedisError = (error: Error): void => {
    logger.error({ err: error }, 'limit counters: Redis connection failed; requests are admitted uncounted until it recovers');
  };
  const store =
    config.redisUrl === undefined
      ? new MemoryCounterStore()
      : new RedisCounterStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, onError: onRedisError });
  return new Limiter({
    plans: resolvePlans(config.planOverrides),
    store,
    applications: repositories.applications,
    connections: repositories.connections,
    now,
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
}
