/**
 * @module The upstream machinery of one process: breakers and retries per manufacturer endpoint
 * (state in this process, state changes logged), and budgets counted in Redis when `REDIS_URL` is
 * set (shared by every process), else in this process.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { CounterStore } from '../limits/counter-store.js';
import { MemoryCounterStore } from '../limits/memory-counter-store.js';
import { RedisCounterStore } from '../limits/redis-counter-store.js';
import { UpstreamBudgets, UpstreamGuards, type UpstreamKit } from '../providers/upstream/index.js';

export interface UpstreamKitDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The kit and the counter store it owns (closed with the process). */
export function createUpstreamKit({ config, logger, now }: UpstreamKitDeps): { readonly kit: UpstreamKit; readonly counters: CounterStore } {
  const counters: CounterStore =
    config.redisUrl === undefined
      ? new MemoryCounterStore()
      : new RedisCounterStore({
          url: config.redisUrl,
          keyPrefix: config.redisKeyPrefix,
          onError: (error) => {
            logger.error({ err: error }, 'upstream budget counters: Redis connection failed; manufacturer calls are made uncounted until it recovers');
          },
        });
  const { upstream } = config;
  const guards = new UpstreamGuards(
    { retries: upstream.retries, retryBaseDelayMs: upstream.retryDelayMs, failureThreshold: upstream.breakerFailures, coolDownMs: upstream.breakerCoolDownMs },
    {
      opened: (endpoint, coolDownMs) => {
        logger.warn({ upstream: endpoint, coolDownMs }, 'upstream circuit breaker opened: calls are refused until the cool-down ends');
      },
      halfOpened: (endpoint) => {
        logger.info({ upstream: endpoint }, 'upstream circuit breaker half-open: one trial call is let through');
      },
      closed: (endpoint) => {
        logger.info({ upstream: endpoint }, 'upstream circuit breaker closed: calls flow again');
      },
    },
  );
  const budgets = new UpstreamBudgets(counters, () => now().getTime());
  return { kit: { guards, budgets, wake: { timeoutMs: upstream.wakeTimeoutMs, pollIntervalMs: upstream.wakePollMs } }, counters };
}
