/**
 * @module One manufacturer endpoint (a make's cloud at one base URL) behind a circuit breaker and
 * bounded retries, with cockatiel's policies. Reads are retried after an outage with jittered
 * exponential backoff; commands only when the manufacturer provably never received them. After
 * `failureThreshold` consecutive outages the breaker opens: calls are answered
 * `UPSTREAM:NO_RESPONSE` at once, with the seconds left of the cool-down as Retry-After, until one
 * trial call after the cool-down closes it again (or opens it for another cool-down). The breaker's
 * state lives in this process.
 */
import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, retry, wrap, BrokenCircuitError, type CircuitBreakerPolicy, type RetryPolicy } from 'cockatiel';
import { VehicleError } from '../vehicle-provider.js';
import { isUpstreamOutage, UpstreamNotReached } from './upstream-failures.js';

/** What a call to the manufacturer does: reads are safe to repeat, commands are not. */
export type UpstreamCallKind = 'read' | 'command';

export interface UpstreamGuardSettings {
  /** Retries after the first attempt of a read (0: none). */
  readonly retries: number;
  /** The first retry's mean delay; each later one doubles it, with decorrelated jitter. */
  readonly retryBaseDelayMs: number;
  /** Consecutive outages that open the breaker. */
  readonly failureThreshold: number;
  /** How long the breaker stays open before one trial call is let through. */
  readonly coolDownMs: number;
}

/** Where the breaker's state changes are reported (a log line each). */
export interface UpstreamGuardEvents {
  opened(endpoint: string, coolDownMs: number): void;
  halfOpened(endpoint: string): void;
  closed(endpoint: string): void;
}

export interface UpstreamGuardOptions {
  /** Names the manufacturer endpoint in errors and events, e.g. `tesla https://fleet-api...`. */
  readonly endpoint: string;
  /** Human name of the manufacturer in error messages. */
  readonly manufacturer: string;
  readonly settings: UpstreamGuardSettings;
  readonly events: UpstreamGuardEvents;
}

/** A manufacturer endpoint's breaker and retry policies. */
export class UpstreamGuard {
  readonly #options: UpstreamGuardOptions;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #readRetry: RetryPolicy;
  readonly #commandRetry: RetryPolicy;
  #openedAtMs = 0;

  constructor(options: UpstreamGuardOptions) {
    this.#options = options;
    const { settings, events, endpoint } = options;
    this.#breaker = circuitBreaker(handleWhen(isUpstreamOutage), { halfOpenAfter: settings.coolDownMs, breaker: new ConsecutiveBreaker(settings.failureThreshold) });
    this.#breaker.onBreak(() => {
      // cockatiel times the cool-down on the wall clock, so Retry-After is counted on it too.
      this.#openedAtMs = Date.now();
      events.opened(endpoint, settings.coolDownMs);
    });
    this.#breaker.onHalfOpen(() => { events.halfOpened(endpoint); });
    this.#breaker.onReset(() => { events.closed(endpoint); });
    const backoff = new ExponentialBackoff({ initialDelay: settings.retryBaseDelayMs, maxDelay: settings.retryBaseDelayMs * 16 });
    this.#readRetry = retry(handleWhen(isUpstreamOutage), { maxAttempts: settings.retries, backoff });
    this.#commandRetry = retry(handleWhen((error) => error instanceof UpstreamNotReached), { maxAttempts: settings.retries, backoff });
  }

  /** Runs one call to the manufacturer under the breaker, retried as its kind allows. */
  async call<T>(kind: UpstreamCallKind, work: () => Promise<T>): Promise<T> {
    const policy = wrap(kind === 'read' ? this.#readRetry : this.#commandRetry, this.#breaker);
    try {
      return await policy.execute(() => work());
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw this.#openAnswer();
      throw error;
    }
  }

  #openAnswer(): VehicleError {
    const leftMs = Math.max(0, this.#openedAtMs + this.#options.settings.coolDownMs - Date.now());
    return new VehicleError('UPSTREAM', 'NO_RESPONSE', {
      message: `${this.#options.manufacturer} failed repeatedly; Carport stops asking it for a while.`,
      retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)),
    });
  }
}

/** One guard per manufacturer endpoint, built on first use. */
export class UpstreamGuards {
  readonly #guards = new Map<string, UpstreamGuard>();
  readonly #settings: UpstreamGuardSettings;
  readonly #events: UpstreamGuardEvents;

  constructor(settings: UpstreamGuardSettings, events: UpstreamGuardEvents) {
    this.#settings = settings;
    this.#events = events;
  }

  /** The guard of `providerId`'s endpoint at `baseUrl`. */
  for(providerId: string, manufacturer: string, baseUrl: string): UpstreamGuard {
    const endpoint = `${providerId} ${baseUrl}`;
    let guard = this.#guards.get(endpoint);
    if (guard === undefined) {
      guard = new UpstreamGuard({ endpoint, manufacturer, settings: this.#settings, events: this.#events });
      this.#guards.set(endpoint, guard);
    }
    return guard;
  }
}
