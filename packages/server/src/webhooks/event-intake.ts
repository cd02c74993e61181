/** @module Turns provider events into outbox deliveries, one transaction per event, idempotent on the provider's event id. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { VehicleEvent } from '../providers/vehicle-provider.js';
import type { DeliveryTarget, Repositories, WebhookRecord } from '../store/index.js';
import { eventBasedBody } from './delivery-body.js';
import { eventTypePermissions, triggerOf } from './webhook-definition.js';

/** What the intake needs. */
export interface EventIntakeDeps {
  readonly repositories: Repositories;
  readonly logger: Logger;
  /** Called after deliveries were committed (wakes the worker for a low event-to-delivery latency). */
  readonly onEnqueued?: () => void;
}

/** Tries to record one event before the intake gives up on it (and logs it as lost). */
const INGEST_ATTEMPTS = 3;
const INGEST_RETRY_MS = 200;

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
 * deliveries' creation order then follows).
 */
export class EventIntake {
  readonly #deps: EventIntakeDeps;
  readonly #unsubscribes: (() => void)[] = [];
  #chain: Promise<void> = Promise.resolve();

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
    this.#chain = this.#chain.then(() => this.#ingestWithRetries(event));
  }

  /**
   * A database hiccup (a lock timeout, a dropped connection) should not cost an event: try a few
   * times before giving up. Later events wait meanwhile, which keeps one vehicle's events in order.
   */
  async #ingestWithRetries(event: VehicleEvent): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.ingest(event);
        return;
      } catch (error) {
        const last = attempt >= INGEST_ATTEMPTS;
        this.#deps.logger.error({ err: error, eventId: event.eventId, eventType: event.type, attempt }, last ? 'webhook intake gave up on a vehicle event' : 'webhook intake failed to record a vehicle event; retrying');
        if (last) return;
        await sleep(INGEST_RETRY_MS * attempt);
      }
    }
  }

  /** Resolves once every event accepted so far has been recorded. */
  idle(): Promise<void> {
    return this.#chain;
  }

  /** Stops listening and waits for accepted events to be recorded. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    await this.#chain;
  }

  /** Records one event's deliveries; returns how many were new. */
  async ingest(event: VehicleEvent): Promise<number> {
    const { repositories } = this.#deps;
    const vehicle = await repositories.vehicles.findByProviderVehicle(event.ref.make, event.ref.mode, event.ref.providerVehicleId);
    if (vehicle === null) return 0;
    const targets = await repositories.subscriptions.listDeliveryTargets(vehicle.id);
    const webhooks = new Map<string, WebhookRecord | null>();
    const wanted: DeliveryTarget[] = [];
    for (const target of targets) {
      const trigger = triggerOf(target);
      if (trigger?.kind !== 'eventBased' || !trigger.eventTypes.includes(event.type)) continue;
      if (!target.permissions.includes(eventTypePermissions[event.type])) continue;
      if (!webhooks.has(target.webhookId)) webhooks.set(target.webhookId, await repositories.webhooks.findById(target.webhookId));
      // An unverified callback receives nothing, not even a backlog once it verifies.
      const webhook = webhooks.get(target.webhookId);
      if (webhook === undefined || webhook === null || webhook.verifiedAt === null) continue;
      wanted.push(target);
    }
    if (wanted.length === 0) return 0;
    const created = await repositories.transaction(async (trx) => {
      let count = 0;
      for (const target of wanted) {
        const eventId = randomUUID();
        const body = eventBasedBody(
          { id: target.webhookId, mode: target.mode },
          { eventId, vehicleId: target.applicationVehicleId, eventType: event.type, eventTime: event.occurredAt.toISOString(), data: event.data },
        );
        const delivery = await trx.outbox.enqueueDelivery({
          id: eventId,
          applicationId: target.applicationId,
          webhookId: target.webhookId,
          vehicleId: vehicle.id,
          applicationVehicleId: target.applicationVehicleId,
          eventType: event.type,
          payload: body,
          dedupeKey: eventDedupeKey(event, target),
        });
        if (delivery !== null) count += 1;
      }
      return count;
    });
    if (created > 0) this.#deps.onEnqueued?.();
    return created;
  }
}
