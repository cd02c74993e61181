/**
 * @module One database outage as the event intake lives through it: since when events are held,
 * how many arrived and were dropped meanwhile, how long to wait before the next attempt, and the
 * log lines that say each of these once rather than once per event.
 */
import type { Logger } from 'pino';

/** The first wait after a failed attempt; it doubles with each further failure, up to the cap. */
const FIRST_RETRY_MS = 200;
/** Long enough not to hammer a database that is restarting, short enough to notice it is back soon. */
const MAX_RETRY_MS = 5_000;

/** The wait after `failures` attempts in a row found the database unavailable (1 after the first). */
export function outageRetryDelayMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/** Begins when an event cannot be recorded because the database is unavailable; ends when every held event is. */
export class IntakeOutage {
  /** When the oldest held event arrived: any event reported since may be missing from the outbox. */
  readonly heldSince: Date;
  readonly #logger: Logger;
  readonly #startedAt = performance.now();
  /** Events that arrived while the database was unavailable, the first one held included. */
  #held: number;
  #dropped = 0;
  /** Failed attempts since the last success; zero while the database answers again. */
  #failures = 0;
  /** Set by every failure and drop, cleared when providers are asked to report events again. */
  #resumeOwed = false;
  /** The database may come back and go away again before the held events are all recorded: one warning is enough. */
  #announced = false;

  constructor(logger: Logger, heldSince: Date, heldEvents: number) {
    this.#logger = logger;
    this.heldSince = heldSince;
    this.#held = heldEvents;
  }

  /** Whether the last attempt found the database unavailable (events then wait in memory only). */
  get unavailable(): boolean {
    return this.#failures > 0;
  }

  get droppedEvents(): number {
    return this.#dropped;
  }

  /** Notes a failed attempt; returns how long to wait before the next one. */
  failed(error: unknown, heldEvents: number): number {
    if (!this.#announced) {
      this.#announced = true;
      this.#logger.warn({ err: error, heldEvents }, 'webhook intake cannot reach the database; holding vehicle events in memory until it recovers');
    }
    this.#failures += 1;
    this.#resumeOwed = true;
    return outageRetryDelayMs(this.#failures);
  }

  /** Notes an event that arrived while the database is unavailable. */
  arrived(): void {
    this.#held += 1;
  }

  /** Notes an event dropped from memory because `maxHeldEvents` were already held. */
  dropped(maxHeldEvents: number): void {
    this.#dropped += 1;
    this.#resumeOwed = true;
    if (this.#dropped === 1) {
      this.#logger.warn({ maxHeldEvents }, 'webhook intake holds as many vehicle events as it may; dropping the oldest, which providers report again once the database recovers');
    }
  }

  /**
   * Notes a recorded event. Answers whether this is the first success after failures: the moment to
   * have providers report again what may have been dropped or never seen.
   */
  recorded(): boolean {
    if (this.#failures === 0) return false;
    this.#failures = 0;
    this.#resumeOwed = false;
    return true;
  }

  /** Whether a failure or drop happened that no resume has covered yet. */
  get resumeOwed(): boolean {
    return this.#resumeOwed;
  }

  /** Logs the end of the outage: every held event was recorded (or given up as faulty). */
  drained(): void {
    this.#logger.info(
      { heldEvents: this.#held, droppedEvents: this.#dropped, durationMs: Math.round(performance.now() - this.#startedAt) },
      'webhook intake recorded the vehicle events it held during a database outage',
    );
  }

  /** Logs events given up because the process stops before the database recovered. */
  abandoned(abandonedEvents: number, error: unknown): void {
    this.#logger.warn(
      { err: error, abandonedEvents, droppedEvents: this.#dropped },
      'webhook intake stopped before the database recovered; the next start has providers report the events it held again',
    );
  }
}
