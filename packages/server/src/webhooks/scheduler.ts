/** @module Scheduled webhooks: at each interval, read every subscribed vehicle's configured endpoints and write one delivery per vehicle, exactly once across processes. */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConnectionRecord, Repositories, WebhookRecord } from '../store/index.js';
import { scheduledBody, type EndpointData } from './delivery-body.js';
import { triggerOf } from './webhook-definition.js';

/** Reads paths of one connected vehicle through the Vehicle API's own read path. */
export type VehicleReader = (connection: ConnectionRecord, paths: readonly string[], options: { requestId: string }) => Promise<readonly EndpointData[]>;

/** What the scheduler needs. */
export interface SchedulerDeps {
  readonly repositories: Repositories;
  readonly readVehicle: VehicleReader;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Called after deliveries were committed. */
  readonly onEnqueued?: () => void;
}

/** The start of the interval `now` falls in; intervals are aligned to the epoch, so hourly means on the hour. */
export function slotStart(now: Date, intervalSeconds: number): Date {
  const intervalMs = intervalSeconds * 1000;
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

/**
 * The key that makes one tick of one webhook for one vehicle unique: every process computes the
 * same key for the same tick, so when several run the scheduler, one insert wins and the others
 * are no-ops.
 */
export function scheduledDedupeKey(webhookId: string, connectionId: string, slot: Date): string {
  return `scheduled:${webhookId}:${connectionId}:${slot.toISOString()}`;
}

/**
 * Checks scheduled webhooks on each `tick()`. A tick delivers the current interval's data for
 * every vehicle subscribed before that interval began; intervals missed while no process ran are
 * not made up (the data would be stale anyway).
 */
export class WebhookScheduler {
  readonly #deps: SchedulerDeps;
  /** The last slot fully handled per webhook, so a process does its reads once per interval. */
  readonly #done = new Map<string, number>();

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Writes the deliveries due now; returns how many were new. */
  async tick(): Promise<number> {
    const webhooks = await this.#deps.repositories.webhooks.listEnabledByKind('scheduled');
    let created = 0;
    for (const webhook of webhooks) {
      try {
        created += await this.#tickWebhook(webhook);
      } catch (error) {
        this.#deps.logger.error({ err: error, webhookId: webhook.id }, 'scheduled webhook tick failed; retried on the next tick');
      }
    }
    if (created > 0) this.#deps.onEnqueued?.();
    return created;
  }

  async #tickWebhook(webhook: WebhookRecord): Promise<number> {
    const trigger = triggerOf(webhook);
    if (trigger?.kind !== 'scheduled' || webhook.verifiedAt === null) return 0;
    const { repositories, readVehicle } = this.#deps;
    const slot = slotStart(this.#deps.now(), trigger.intervalSeconds);
    if (this.#done.get(webhook.id) === slot.getTime()) return 0;
    const subscriptions = (await repositories.subscriptions.listByWebhook(webhook.id)).filter((subscription) => Date.parse(subscription.createdAt) <= slot.getTime());
    const keys = new Map(subscriptions.map((subscription) => [subscription.connectionId, scheduledDedupeKey(webhook.id, subscription.connectionId, slot)]));
    // Skip reads another process (or an earlier tick of this one) already turned into deliveries.
    const taken = await repositories.outbox.existingDedupeKeys([...keys.values()]);
    let created = 0;
    for (const [connectionId, dedupeKey] of keys) {
      if (taken.has(dedupeKey)) continue;
      const connection = await repositories.connections.findById(connectionId);
      if (connection === null || connection.revokedAt !== null) continue;
      const requestId = randomUUID();
      const responses = await readVehicle(connection, trigger.endpoints, { requestId });
      const eventId = randomUUID();
      const body = scheduledBody(webhook, {
        eventId,
        vehicleId: connection.applicationVehicleId,
        eventTime: slot.toISOString(),
        requestId,
        responses: responses.map(({ path, code, headers, body: data }) => ({ path, code, headers, body: data })),
      });
      const delivery = await repositories.outbox.enqueueDelivery({
        id: eventId,
        applicationId: webhook.applicationId,
        webhookId: webhook.id,
        vehicleId: connection.vehicleId,
        applicationVehicleId: connection.applicationVehicleId,
        eventType: 'scheduled',
        payload: body,
        dedupeKey,
      });
      if (delivery !== null) created += 1;
    }
    this.#done.set(webhook.id, slot.getTime());
    return created;
  }
}
