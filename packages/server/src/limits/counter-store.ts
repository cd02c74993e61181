/**
 * @module The counters behind every limit, behind one interface: token buckets and period quotas,
 * checked and charged together in one atomic step (in process, or in Redis for several processes).
 */

/**
 * A token bucket, kept as a generic cell rate algorithm: one number per key, the time at which the
 * bucket would be full again. `intervalMs` is the time one request's token takes to come back.
 */
export interface BucketCheck {
  readonly kind: 'bucket';
  readonly key: string;
  readonly capacity: number;
  readonly intervalMs: number;
}

/** A counter of requests in a period (a calendar month) that may not pass `limit`; it expires at `resetAtMs`. */
export interface QuotaCheck {
  readonly kind: 'quota';
  readonly key: string;
  readonly limit: number;
  readonly resetAtMs: number;
}

export type CounterCheck = BucketCheck | QuotaCheck;

/** Where one counter stands after the step (after charging when admitted, unchanged when refused). */
export interface CounterState {
  /** Requests still allowed right now. */
  readonly remaining: number;
  /** Milliseconds until the counter is back to its full allowance. */
  readonly resetMs: number;
  /**
   * Milliseconds until this request would be admitted; 0 when it was. A cost above a bucket's
   * capacity is never admitted: it gets the time until the bucket is full (0 when it is).
   */
  readonly retryAfterMs: number;
}

/** The result of one step over several counters. */
export interface ConsumeOutcome {
  /** Index of the first check that refused (then nothing was charged), or -1 when every one was charged. */
  readonly refusedIndex: number;
  /** One state per check, in the order given. */
  readonly states: readonly CounterState[];
}

/** Shared or local storage of counters. */
export interface CounterStore {
  /**
   * Charges `cost` to every check only if every check admits it, atomically with respect to every
   * other caller of the same store (so two processes can never both take the last token).
   */
  consume(checks: readonly CounterCheck[], cost: number, nowMs: number): Promise<ConsumeOutcome>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
  /** `degraded` while the store cannot count (requests are admitted uncounted); stores in process are always `ok`. */
  health(): 'ok' | 'degraded';
}

/** One check's verdict and the stored value it leaves when charged. */
export interface StepResult {
  readonly admitted: boolean;
  readonly state: CounterState;
  /** The value to store when every check admitted (a bucket's full-again time, a quota's count). */
  readonly next: number;
}

/**
 * A bucket step. `fullAtMs` is the stored full-again time (0 when none is stored). A bucket never
 * admits more than it holds: a batch costing more than what is left is refused whole, and one
 * costing more than the capacity is never admitted (taking it from a full bucket would lock the
 * caller out for as long as the excess takes to refill).
 */
export function bucketStep(check: BucketCheck, fullAtMs: number, cost: number, nowMs: number): StepResult {
  const start = Math.max(fullAtMs, nowMs);
  const next = start + cost * check.intervalMs;
  const burstMs = check.capacity * check.intervalMs;
  const admitted = next - nowMs <= burstMs;
  const after = admitted ? next : start;
  return {
    admitted,
    next,
    state: {
      remaining: Math.max(0, Math.floor((burstMs - (after - nowMs)) / check.intervalMs)),
      resetMs: after - nowMs,
      // Admitted once the cost fits; a cost above the capacity never fits, so until the bucket is full.
      retryAfterMs: admitted ? 0 : Math.min(next - nowMs - burstMs, start - nowMs),
    },
  };
}

/** A quota step. `count` is the stored count of the current period (0 when none is stored). */
export function quotaStep(check: QuotaCheck, count: number, cost: number, nowMs: number): StepResult {
  const admitted = count + cost <= check.limit;
  const untilReset = Math.max(0, check.resetAtMs - nowMs);
  return {
    admitted,
    next: count + cost,
    state: {
      remaining: Math.max(0, check.limit - (admitted ? count + cost : count)),
      resetMs: untilReset,
      retryAfterMs: admitted ? 0 : untilReset,
    },
  };
}
