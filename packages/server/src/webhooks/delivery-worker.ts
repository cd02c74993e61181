/** @module The delivery worker: claims due deliveries in batches, signs and POSTs them, logs every attempt, settles outcomes in batches, retries on the schedule, then dead-letters. */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClaimedDelivery, DeliverySettlement, Repositories, WebhookRecord, WebhookSigningKeys } from '../store/index.js';
import { isAcknowledged, type CallbackOutcome, type CallbackSender } from './callback-sender.js';
import { retryDelayMs } from './retry-policy.js';
import { SettlementBatcher } from './settlement-batcher.js';
import { signatureHeaders } from './signing.js';
import type { WebhookSettings } from './webhook-settings.js';

/** What the worker needs; `now` and `random` are injectable so tests drive the retry schedule. */
export interface DeliveryWorkerDeps {
  readonly repositories: Repositories;
  readonly sender: CallbackSender;
  readonly settings: WebhookSettings;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly random?: () => number;
  readonly workerId?: string;
}

/** Headers naming the delivery, for receivers' logs (the body's `eventId` is what to de-duplicate on). */
export const DELIVERY_ID_HEADER = 'Carport-Delivery-Id';
export const DELIVERY_ATTEMPT_HEADER = 'Carport-Delivery-Attempt';

/** A delivery for a disabled or unverified webhook waits this long before it is looked at again. */
const HOLD_MS = 30_000;
/**
 * Signing keys are decrypted once per application per this long (a rotated token applies after it);
 * never past the end of a previous token's grace window.
 */
const KEY_CACHE_MS = 10_000;
/**
 * An outcome waits at most this long for others to be settled in the same transaction: a commit
 * costs about as much as the statements of a whole batch, so batching is what keeps up with a busy
 * receiver, and a few milliseconds are nothing beside a callback's round trip.
 */
const SETTLE_LINGER_MS = 5;
/** Characters of a response body kept in the attempt log. */
const SNIPPET_CHARS = 1_000;

/** How one delivery ended up after an attempt. */
type Settlement = 'delivered' | 'retry' | 'dead' | 'held' | 'lost';

/**
 * Delivers outbox rows. Several workers (in one or many processes) may run against one database:
 * a claim is exclusive (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and leased, so a delivery whose
 * worker died is claimed again once its lease expires, and nothing is lost.
 */
export class DeliveryWorker {
  readonly id: string;
  readonly #deps: DeliveryWorkerDeps;
  readonly #keys = new Map<string, { keys: WebhookSigningKeys; until: number }>();
  readonly #settlements: SettlementBatcher<DeliverySettlement>;
  #running = false;
  #loop: Promise<void> | undefined;
  #wakeRequested = false;
  #wakeUp: (() => void) | undefined;

  constructor(deps: DeliveryWorkerDeps) {
    this.#deps = deps;
    this.id = deps.workerId ?? `worker-${randomUUID()}`;
    this.#settlements = new SettlementBatcher(
      (settlements) => deps.repositories.outbox.settleDeliveries(this.id, settlements),
      (settlement) => settlement.id,
      (error, size) => {
        deps.logger.error({ err: error, workerId: this.id, size }, 'webhook worker could not settle a batch of deliveries; settling them one by one');
      },
      { lingerMs: SETTLE_LINGER_MS, maxItems: Math.max(1, Math.floor(deps.settings.concurrency / 2)) },
    );
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Asks the loop to look for due deliveries now (new deliveries were just committed). */
  notify(): void {
    this.#wakeRequested = true;
    this.#wakeUp?.();
  }

  /** Stops claiming and resolves once deliveries in flight have been settled. */
  async stop(): Promise<void> {
    this.#running = false;
    this.notify();
    await this.#loop;
  }

  /** Claims one batch (up to the concurrency) and delivers it; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const batch = await this.#claim(this.#deps.settings.concurrency);
    await Promise.all(await this.#deliverBatch(batch));
    return batch.length;
  }

  async #run(): Promise<void> {
    const { concurrency, pollIntervalMs } = this.#deps.settings;
    const inFlight = new Set<Promise<void>>();
    // Claiming in batches keeps the claim statement (and its commit) off the per-delivery path.
    const batch = Math.max(1, Math.floor(concurrency / 4));
    while (this.#running) {
      let claimed = 0;
      const free = concurrency - inFlight.size;
      if (free >= batch || (free > 0 && inFlight.size === 0)) {
        try {
          const deliveries = await this.#claim(free);
          claimed = deliveries.length;
          for (const delivering of await this.#deliverBatch(deliveries)) {
            const sending: Promise<void> = delivering.finally(() => {
              inFlight.delete(sending);
              this.notify();
            });
            inFlight.add(sending);
          }
        } catch (error) {
          this.#deps.logger.error({ err: error, workerId: this.id }, 'webhook worker could not claim deliveries; retrying after the poll interval');
        }
      }
      // Woken early by new deliveries (notify) and by every settled one, which frees a slot: a
      // busy worker keeps `concurrency` deliveries going, an idle one polls.
      if (claimed === 0 || inFlight.size > 0) await this.#sleep(pollIntervalMs);
    }
    await Promise.allSettled(inFlight);
  }

  async #sleep(milliseconds: number): Promise<void> {
    if (!this.#wakeRequested) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wakeUp = undefined;
          resolve();
        };
        const timer = setTimeout(done, milliseconds);
        this.#wakeUp = done;
      });
    }
    this.#wakeRequested = false;
  }

  #claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.#deps.repositories.outbox.claimDueDeliveries({ workerId: this.id, limit, leaseSeconds: this.#deps.settings.claimLeaseMs / 1000 });
  }

  /**
   * Starts delivering a claimed batch: its webhooks are read in one query, then every delivery is
   * sent at once. Each promise resolves when its delivery's outcome is settled (or failed inside
   * Carport); a slot stays taken until then, so claimed-but-unsettled deliveries stay bounded.
   */
  async #deliverBatch(deliveries: readonly ClaimedDelivery[]): Promise<Promise<void>[]> {
    if (deliveries.length === 0) return [];
    let webhooks: Map<string, WebhookRecord>;
    try {
      webhooks = await this.#deps.repositories.webhooks.findByIds(deliveries.map((delivery) => delivery.webhookId));
    } catch (error) {
      // The claims lapse and the deliveries are offered again; the error is the operator's to see.
      this.#deps.logger.error({ err: error, workerId: this.id }, 'webhook worker could not read the webhooks of claimed deliveries');
      return [];
    }
    return deliveries.map((delivery) => this.#deliverSafely(delivery, webhooks.get(delivery.webhookId) ?? null));
  }

  async #deliverSafely(delivery: ClaimedDelivery, webhook: WebhookRecord | null): Promise<void> {
    try {
      await this.#deliver(delivery, webhook);
    } catch (error) {
      // The claim lapses and another attempt follows; the error is the operator's to see.
      this.#deps.logger.error({ err: error, deliveryId: delivery.id, webhookId: delivery.webhookId }, 'webhook delivery failed inside Carport');
    }
  }

  async #signingKeys(applicationId: string): Promise<WebhookSigningKeys> {
    const nowMs = this.#deps.now().getTime();
    const cached = this.#keys.get(applicationId);
    if (cached !== undefined && cached.until > nowMs) return cached.keys;
    const keys = await this.#deps.repositories.applications.revealSigningKeys(applicationId);
    if (keys === null) throw new Error(`application ${applicationId} has no management token`);
    const windowEnd = keys.previous === null ? Infinity : Date.parse(keys.previous.validUntil);
    this.#keys.set(applicationId, { keys, until: Math.min(nowMs + KEY_CACHE_MS, windowEnd) });
    return keys;
  }

  async #deliver(delivery: ClaimedDelivery, webhook: WebhookRecord | null): Promise<void> {
    const { now } = this.#deps;
    // A deleted webhook takes its deliveries with it (cascade); nothing left to do.
    if (webhook === null) return;
    if (!webhook.enabled || webhook.verifiedAt === null) {
      await this.#settlements.add({ id: delivery.id, kind: 'held', nextAttemptAt: new Date(now().getTime() + HOLD_MS) });
      this.#log(delivery, webhook, 'held', null);
      return;
    }
    const keys = await this.#signingKeys(webhook.applicationId);
    // Stored as the compact JSON that is sent (see serializeBody), and signed once: the retry of a
    // request whose connection was found closed sends the same bytes under the same signatures.
    const { body } = delivery;
    const attemptedAt = now();
    const outcome = await this.#deps.sender.post({
      url: webhook.callbackUrl,
      mode: webhook.mode,
      body,
      headers: {
        ...signatureHeaders(keys, body, Math.floor(attemptedAt.getTime() / 1000)),
        [DELIVERY_ID_HEADER]: delivery.id,
        [DELIVERY_ATTEMPT_HEADER]: String(delivery.failedAttempts + 1),
      },
    });
    // The outcome is settled with others that finished meanwhile, in one transaction (attempt
    // logged, status applied). A crash before it commits leaves the delivery claimed with no
    // outcome: the lease expires and it is sent again, which at-least-once delivery allows.
    const attempt = {
      attemptedAt,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      error: outcome.error,
      responseSnippet: outcome.responseBody === '' ? null : outcome.responseBody.slice(0, SNIPPET_CHARS),
    };
    let settlement: Settlement;
    if (isAcknowledged(outcome)) {
      settlement = (await this.#settlements.add({ id: delivery.id, kind: 'delivered', attempt })) ? 'delivered' : 'lost';
      if (settlement === 'delivered') await this.#deps.repositories.lifecycle.observe(webhook.applicationId, 'webhook_delivered');
    } else {
      const delay = retryDelayMs(delivery.failedAttempts + 1, { scheduleMs: this.#deps.settings.retryScheduleMs, jitterPercent: this.#deps.settings.retryJitterPercent }, this.#deps.random ?? Math.random);
      const next = delay === null ? null : new Date(now().getTime() + delay);
      const settled = await this.#settlements.add({ id: delivery.id, kind: 'failed', nextAttemptAt: next, attempt });
      settlement = settled ? (next === null ? 'dead' : 'retry') : 'lost';
    }
    this.#log(delivery, webhook, settlement, outcome);
  }

  #log(delivery: ClaimedDelivery, webhook: WebhookRecord, settlement: Settlement, outcome: CallbackOutcome | null): void {
    const fields = {
      deliveryId: delivery.id,
      webhookId: webhook.id,
      applicationId: webhook.applicationId,
      eventType: delivery.eventType,
      attempt: delivery.failedAttempts + 1,
      settlement,
      statusCode: outcome?.statusCode ?? null,
      latencyMs: outcome === null ? null : Math.round(outcome.latencyMs),
      error: outcome?.error ?? null,
    };
    if (settlement === 'delivered' || settlement === 'held') this.#deps.logger.info(fields, 'webhook delivery attempt');
    else this.#deps.logger.warn(fields, 'webhook delivery attempt');
  }
}
