/** @module When a failed delivery is tried again: the configured (exponential by default) schedule plus random jitter, then dead-lettering. */

/** The retry settings. */
export interface RetryPolicy {
  /** Delay before each retry in milliseconds; after the last one the delivery is dead-lettered. */
  readonly scheduleMs: readonly number[];
  /** Extra random delay, as a percentage of the scheduled one. */
  readonly jitterPercent: number;
}

/**
 * The delay before the next attempt after `failures` failed attempts (1 after the first failure),
 * or null when the schedule is exhausted and the delivery should be dead-lettered. Jitter only adds
 * delay, so a retry never comes earlier than the schedule promises; it spreads receivers' retries
 * apart after an outage instead of hitting them in lockstep.
 * @example retryDelayMs(1, { scheduleMs: [25_000, 50_000], jitterPercent: 20 }, () => 0.5) // 27_500
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number): number | null {
  const base = policy.scheduleMs[failures - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + (policy.jitterPercent / 100) * random()));
}
