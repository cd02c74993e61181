/** @module Limits failed Connect sign-ins per account and per client address, so passwords cannot be guessed at speed. */

export interface ThrottleLimits {
  /** Failures allowed per account within the window. */
  readonly perAccount: number;
  /** Failures allowed per client address within the window. */
  readonly perAddress: number;
  readonly windowMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

/** Failure counters in a sliding window, kept in process (each process throttles on its own). */
export class SignInThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #limits: ThrottleLimits;

  constructor(limits: ThrottleLimits = defaultThrottleLimits) {
    this.#limits = limits;
  }

  /** Milliseconds until another attempt is allowed for this account and address, or 0 when allowed now. */
  waitMs(account: string, address: string, now: Date): number {
    return Math.max(this.#wait(`account:${account.toLowerCase()}`, this.#limits.perAccount, now), this.#wait(`address:${address}`, this.#limits.perAddress, now));
  }

  /** Records a failed attempt. */
  recordFailure(account: string, address: string, now: Date): void {
    for (const key of [`account:${account.toLowerCase()}`, `address:${address}`]) {
      const recent = this.#recent(key, now);
      recent.push(now.getTime());
      this.#failures.set(key, recent);
    }
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  recordSuccess(account: string): void {
    this.#failures.delete(`account:${account.toLowerCase()}`);
  }

  #recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.#limits.windowMs;
    return (this.#failures.get(key) ?? []).filter((time) => time > since);
  }

  #wait(key: string, limit: number, now: Date): number {
    const recent = this.#recent(key, now);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit] ?? now.getTime();
    return Math.max(0, oldest + this.#limits.windowMs - now.getTime());
  }
}
