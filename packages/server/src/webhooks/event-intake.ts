/** @module Turns provider events into outbox deliveries, in one transaction per event or per batch of waiting events, idempotent on the provider's event id; holds them in memory through a database outage. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { VehicleEvent } from '../providers/vehicle-provider.js';
import { isStoreUnavailableError } from '../store/errors.js';
import type { DeliveryTarget, NewWebhookDelivery, Repositories } from '../store/index.js';
import { eventBasedBody } from './delivery-body.js';
import { FifoQueue } from './fifo-queue.js';
import { IntakeOutage, outageRetryDelayMs } from './intake-outage.js';
import { eventTypePermissions, triggerOf } from './webhook-definition.js';

/** What the intake needs. */
export interface EventIntakeDeps {
  readonly repositories: Repositories;
  readonly logger: Logger;
  /** Most events held in memory while the database is unavailable; beyond it the oldest are dropped. */
  readonly maxHeldEvents: number;
  /** Called after deliveries were committed (wakes the worker for a low event-to-delivery latency). */
  readonly onEnqueued?: () => void;
  /**
   * Has providers report again the events since `since` (the outbox de-duplicates them); run when
   * the database answers again after an outage, for events dropped from memory or never reported.
   */
  readonly resumeEvents?: (since: Date) => Promise<void>;
  /** When an event arrived (the app's clock, which the outbox's times also come from). */
  readonly now?: () => Date;
  /** Waits between attempts, resolving early once `signal` aborts (tests record the waits instead). */
  readonly pause?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How the intake is doing, for the readiness probe. */
export interface IntakeHealth {
  /** `degraded` from the first event the database could not take until every held event is recorded. */
  readonly status: 'ok' | 'degraded';
  /** Events waiting to be recorded, the one being recorded included. */
  readonly heldEvents: number;
  /** Events dropped from memory during the current outage (providers report them again once it ends). */
  readonly droppedEvents: number;
}

/** Tries at recording one event that fails for another reason than an outage, before the intake gives up on it (and logs it as lost). */
const INGEST_ATTEMPTS = 3;
const INGEST_RETRY_MS = 200;
/**
 * Events waiting together are recorded in one transaction, up to this many: at a thousand events a
 * second one commit per event is what the intake could not keep up with.
 */
const BATCH_EVENTS = 64;

/** One provider event waiting to be recorded, and when it arrived. */
interface ArrivedEvent {
  readonly event: VehicleEvent;
  readonly arrivedAt: Date;
}

function pauseUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

/**
 * The key that makes one provider event for one subscription unique. A provider reporting the same
 * event twice (a replay after its own restart, two processes simulating the same fleet) hits the
 * same key, and the second insert is a no-op.
 */
export function eventDedupeKey(event: VehicleEvent, target: Pick<DeliveryTarget, 'webhookId' | 'connectionId'>): string {
  const { make, mode, providerVehicleId } = event.ref;
  return `event:${make}:${mode}:${providerVehicleId}:${event.eventId}:${target.webhookId}:${target.connectionId}`;
}

/**
 * Listens to every provider and writes each event's deliveries to the outbox. Events are handled
 * one at a time in arrival order (providers report one vehicle's events in order, and the
 * deliveries' creation order then follows). While the database is unavailable they wait in memory,
 * in order and bounded, and are recorded once it answers again.
 */
export class EventIntake {
  readonly #deps: EventIntakeDeps;
  readonly #unsubscribes: (() => void)[] = [];
  readonly #waiting = new FifoQueue<ArrivedEvent>();
  /** Events taken from the queue and being recorded. */
  #recording = 0;
  #draining: Promise<void> | undefined;
  #outage: IntakeOutage | undefined;
  /** The earliest `since` a resume was asked for and has not started with. */
  #resumeSince: Date | undefined;
  #resuming: Promise<void> | undefined;
  readonly #stopping = new AbortController();

  constructor(deps: EventIntakeDeps) {
    this.#deps = deps;
  }

  /** Starts listening to every provider of `providers`. */
  attach(providers: ProviderRegistry): void {
    for (const provider of providers.all()) {
      this.#unsubscribes.push(
        provider.subscribe((event) => {
          this.accept(event);
        }),
      );
    }
  }

  /** Queues one event (what provider listeners call; they cannot wait). */
  accept(event: VehicleEvent): void {
    this.#waiting.push({ event, arrivedAt: this.#deps.now?.() ?? new Date() });
    const outage = this.#outage;
    // Bounded only while nothing drains: once the database answers, a resume may report more events at once than the bound.
    if (outage?.unavailable === true) {
      outage.arrived();
      this.#dropBeyondBound(outage);
    }
    this.#startDraining();
  }

  /** Events waiting to be recorded, the one being recorded included. */
  get heldEvents(): number {
    return this.#waiting.size + this.#recording;
  }

  health(): IntakeHealth {
    return { status: this.#outage === undefined ? 'ok' : 'degraded', heldEvents: this.heldEvents, droppedEvents: this.#outage?.droppedEvents ?? 0 };
  }

  /** Resolves once every event accepted so far has been recorded and any resume after an outage has run. */
  async idle(): Promise<void> {
    while (this.#draining !== undefined || this.#resuming !== undefined) {
      await this.#draining;
      await this.#resuming;
    }
  }

  /**
   * Stops listening and waits for accepted events to be recorded. Events still held while the
   * database is unavailable are given up: the next start's resume has providers report them again.
   */
  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    this.#stopping.abort();
    await this.idle();
  }

  /**
   * The oldest waiting events make room: the providers' resume after the outage reports them again,
   * and a provider that cannot replay loses stale events rather than the latest. The one being
   * recorded stays (it is the one the next attempt needs).
   */
  #dropBeyondBound(outage: IntakeOutage): void {
    while (this.heldEvents > this.#deps.maxHeldEvents) {
      if (this.#waiting.shift() === undefined) return;
      outage.dropped(this.#deps.maxHeldEvents);
    }
  }

  #startDraining(): void {
    if (this.#draining !== undefined || this.#waiting.size === 0) return;
    this.#draining = this.#drain();
  }

  /**
   * Records waiting events in arrival order until none is left (called with at least one waiting).
   * Several waiting at once are looked up one by one and written in one transaction. An event whose
   * lookup fails ends the batch there: it continues alone, that failure counting as its first try,
   * with the outage and retry handling of one event; should the batch's write fail, its events are
   * recorded one by one the same way (inserts are idempotent, so nothing doubles).
   */
  async #drain(): Promise<void> {
    for (let next = this.#waiting.shift(); next !== undefined; next = this.#waiting.shift()) {
      const batch = [next];
      if (this.#outage === undefined) {
        for (let more = this.#waiting.size; more > 0 && batch.length < BATCH_EVENTS; more -= 1) {
          const arrived = this.#waiting.shift();
          if (arrived !== undefined) batch.push(arrived);
        }
      }
      this.#recording = batch.length;
      const together = batch.length === 1 ? { recorded: 0, failedAt: -1, failure: undefined } : await this.#recordTogether(batch);
      for (let index = together.recorded; index < batch.length; index += 1) {
        this.#recording = batch.length - index;
        const arrived = batch[index];
        if (arrived === undefined) break;
        // Given up while stopping during an outage: the rest of the batch went with it.
        if ((await this.#record(arrived, index === together.failedAt ? { error: together.failure } : undefined)) === 'abandoned') break;
      }
      this.#recording = 0;
    }
    this.#draining = undefined;
    const outage = this.#outage;
    this.#outage = undefined;
    if (outage === undefined) return;
    outage.drained();
    if (outage.resumeOwed) this.#requestResume(outage.heldSince);
  }

  /**
   * An outage holds the event (and every later one, which keeps one vehicle's events in order) until
   * the database answers. Any other failure (a lock timeout, a bug, a constraint) is tried a few
   * times and then given up, so one faulty event cannot block the others forever.
   */
  async #record(arrived: ArrivedEvent, failedOnce?: { readonly error: unknown }): Promise<'recorded' | 'given up' | 'abandoned'> {
    let faults = 0;
    let earlier = failedOnce;
    for (;;) {
      try {
        // A failure of this event's lookup in a batch is its first try, handled like any other.
        if (earlier !== undefined) {
          const { error } = earlier;
          earlier = undefined;
          throw error;
        }
        await this.ingest(arrived.event);
        if (this.#outage?.recorded() === true) this.#requestResume(this.#outage.heldSince);
        return 'recorded';
      } catch (error) {
        if (isStoreUnavailableError(error)) {
          if (this.#stopping.signal.aborted) {
            this.#abandon(error);
            return 'abandoned';
          }
          this.#outage ??= new IntakeOutage(this.#deps.logger, arrived.arrivedAt, this.heldEvents);
          await this.#pause(this.#outage.failed(error, this.heldEvents));
          continue;
        }
        faults += 1;
        const last = faults >= INGEST_ATTEMPTS;
        this.#deps.logger.error(
          { err: error, eventId: arrived.event.eventId, eventType: arrived.event.type, attempt: faults },
          last ? 'webhook intake gave up on a vehicle event' : 'webhook intake failed to record a vehicle event; retrying',
        );
        if (last) return 'given up';
        await this.#pause(INGEST_RETRY_MS * faults);
      }
    }
  }

  /**
   * Looks the events of `batch` up in order, until one fails (`failedAt`, with its `failure`), and
   * writes the deliveries of those before it in one transaction; `recorded` is how many were.
   */
  async #recordTogether(batch: readonly ArrivedEvent[]): Promise<{ recorded: number; failedAt: number; failure: unknown }> {
    const planned: NewWebhookDelivery[][] = [];
    let failedAt = -1;
    let failure: unknown;
    for (const arrived of batch) {
      try {
        planned.push(await this.#deliveriesOf(arrived.event));
      } catch (error) {
        failedAt = planned.length;
        failure = error;
        break;
      }
    }
    try {
      await this.#write(planned.flat());
      return { recorded: planned.length, failedAt, failure };
    } catch {
      // Recorded one by one next, where a failure is retried, logged or held as for a single event.
      return { recorded: 0, failedAt, failure };
    }
  }

  /** Stopping while the database is away: the events held (the rest of a batch being recorded, and those waiting) are the next start's to resume. */
  #abandon(error: unknown): void {
    const abandoned = this.#recording + this.#waiting.clear();
    const outage = this.#outage ?? new IntakeOutage(this.#deps.logger, new Date(), abandoned);
    this.#outage = undefined;
    outage.abandoned(abandoned, error);
  }

  #pause(ms: number): Promise<void> {
    return (this.#deps.pause ?? pauseUnlessAborted)(ms, this.#stopping.signal);
  }

  /** Runs the providers' resume from `since`, after one already running (resumes asked for meanwhile merge into one, from the earliest time). */
  #requestResume(since: Date): void {
    if (this.#deps.resumeEvents === undefined || this.#stopping.signal.aborted) return;
    if (this.#resumeSince === undefined || since < this.#resumeSince) this.#resumeSince = since;
    this.#resuming ??= this.#resume(this.#deps.resumeEvents);
  }

  async #resume(resumeEvents: (since: Date) => Promise<void>): Promise<void> {
    for (let since = this.#takeResumeSince(); since !== undefined; since = this.#takeResumeSince()) {
      await this.#resumeFrom(since, resumeEvents);
    }
    this.#resuming = undefined;
  }

  #takeResumeSince(): Date | undefined {
    const since = this.#resumeSince;
    this.#resumeSince = undefined;
    return since;
  }

  /** The resume reads the database too, which may still be flapping: try it until it runs, like an event. */
  async #resumeFrom(since: Date, resumeEvents: (since: Date) => Promise<void>): Promise<void> {
    for (let failures = 1; ; failures += 1) {
      try {
        await resumeEvents(since);
        return;
      } catch (error) {
        if (!isStoreUnavailableError(error) || this.#stopping.signal.aborted) {
          this.#deps.logger.error({ err: error, since: since.toISOString() }, 'webhook intake could not have providers report events again after a database outage');
          return;
        }
        await this.#pause(outageRetryDelayMs(failures));
      }
    }
  }

  /** Records one event's deliveries; returns how many were new. */
  async ingest(event: VehicleEvent): Promise<number> {
    return this.#write(await this.#deliveriesOf(event));
  }

  /** Inserts deliveries in one transaction (multi-row statements), in order; returns how many were new. */
  async #write(deliveries: readonly NewWebhookDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const created = await this.#deps.repositories.outbox.enqueueDeliveries(deliveries);
    if (created > 0) this.#deps.onEnqueued?.();
    return created;
  }

  /** The deliveries one event makes: one per verified webhook subscribed to its type for its vehicle, with the permission it needs. */
  async #deliveriesOf(event: VehicleEvent): Promise<NewWebhookDelivery[]> {
    const { repositories } = this.#deps;
    // Both lookups are cached per process (subscription, grant, webhook and vehicle writes clear them).
    const vehicle = await repositories.vehicles.findByProviderVehicle(event.ref.make, event.ref.mode, event.ref.providerVehicleId);
    if (vehicle === null) return [];
    const targets = await repositories.subscriptions.listDeliveryTargets(vehicle.id);
    const deliveries: NewWebhookDelivery[] = [];
    for (const target of targets) {
      const trigger = triggerOf(target);
      if (trigger?.kind !== 'eventBased' || !trigger.eventTypes.includes(event.type)) continue;
      if (!target.permissions.includes(eventTypePermissions[event.type])) continue;
      // An unverified callback receives nothing, not even a backlog once it verifies.
      if (target.verifiedAt === null) continue;
      const eventId = randomUUID();
      deliveries.push({
        id: eventId,
        applicationId: target.applicationId,
        webhookId: target.webhookId,
        vehicleId: vehicle.id,
        applicationVehicleId: target.applicationVehicleId,
        eventType: event.type,
        payload: eventBasedBody(
          { id: target.webhookId, mode: target.mode },
          { eventId, vehicleId: target.applicationVehicleId, eventType: event.type, eventTime: event.occurredAt.toISOString(), data: event.data },
        ),
        dedupeKey: eventDedupeKey(event, target),
      });
    }
    return deliveries;
  }
}
