/** @module Wires the webhook machinery of one process: event intake, scheduler and delivery worker, stopped together for a draining shutdown. */
import type { Logger } from 'pino';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories } from '../store/index.js';
import { CallbackSender } from './callback-sender.js';
import { DeliveryWorker } from './delivery-worker.js';
import { EventIntake } from './event-intake.js';
import { watchSubscribedVehicles } from './watch-subscribed-vehicles.js';
import { startPeriodic } from './periodic-task.js';
import { WebhookScheduler, type VehicleReader } from './scheduler.js';
import type { WebhookSettings } from './webhook-settings.js';

/** What the runtime is built from (the process's services provide each). */
export interface WebhookRuntimeDeps {
  readonly repositories: Repositories;
  readonly providers: ProviderRegistry;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly settings: WebhookSettings;
  readonly readVehicle: VehicleReader;
}

/** The running pieces, exposed so the HTTP module (verification) and tests can use them. */
export interface WebhookRuntime {
  readonly settings: WebhookSettings;
  readonly sender: CallbackSender;
  readonly intake: EventIntake;
  readonly scheduler: WebhookScheduler;
  readonly worker: DeliveryWorker;
  /** Stops the intake first (its last events still reach the outbox), then the scheduler, then lets deliveries in flight finish. */
  stop(): Promise<void>;
}

/**
 * Starts listening to provider events (always: recording events is what makes them durable; after
 * a database outage the providers are asked to report again what the intake may have missed) and,
 * when `settings.workerEnabled`, the scheduler and the delivery worker. The caller registers
 * `stop` with its background tasks.
 */
export function startWebhookRuntime(deps: WebhookRuntimeDeps): WebhookRuntime {
  const { repositories, logger, now, settings } = deps;
  const sender = new CallbackSender(settings);
  const worker = new DeliveryWorker({ repositories, sender, settings, logger, now });
  const wake = () => {
    worker.notify();
  };
  const intake = new EventIntake({
    repositories,
    logger,
    now,
    maxHeldEvents: settings.intakeMaxHeldEvents,
    onEnqueued: wake,
    // Events dropped from memory during an outage, or never reported meanwhile, come again from the providers.
    resumeEvents: async (missingSince) => {
      const count = await watchSubscribedVehicles(repositories, deps.providers, logger, { missingSince });
      logger.debug({ vehicles: count }, 'webhook events resumed for subscribed vehicles after a database outage');
    },
  });
  const scheduler = new WebhookScheduler({ repositories, readVehicle: deps.readVehicle, logger, now, onEnqueued: wake });
  intake.attach(deps.providers);
  const resumed = watchSubscribedVehicles(repositories, deps.providers, logger).then(
    (count) => {
      logger.debug({ vehicles: count }, 'webhook events resumed for subscribed vehicles');
    },
    (error: unknown) => {
      logger.error({ err: error }, 'could not resume webhook events for subscribed vehicles');
    },
  );
  const schedule = settings.workerEnabled ? startPeriodic('webhook-scheduler', () => scheduler.tick(), settings.pollIntervalMs, logger) : undefined;
  if (settings.workerEnabled) worker.start();
  const stop = async (): Promise<void> => {
    await resumed;
    await intake.stop();
    await schedule?.stop();
    await worker.stop();
    await sender.close();
  };
  return { settings, sender, intake, scheduler, worker, stop };
}
