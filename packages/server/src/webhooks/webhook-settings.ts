/** @module The webhook part's view of the configuration, with the derived values (effective lease, response cap) in one place. */
import type { Config } from '../config/load-config.js';
import type { WebhookAddressClass } from '../config/setting-parsers.js';

/** Everything delivery, verification and scheduling read from configuration. */
export interface WebhookSettings {
  /** Whether this process runs the delivery worker and the scheduler. */
  readonly workerEnabled: boolean;
  readonly pollIntervalMs: number;
  /** Per-request deadline of a callback, response body included. */
  readonly timeoutMs: number;
  /** Delay before each retry; its length is the number of retries before dead-lettering. */
  readonly retryScheduleMs: readonly number[];
  readonly retryJitterPercent: number;
  /** How long a claim holds; always longer than one request can take. */
  readonly claimLeaseMs: number;
  /** Deliveries one worker has claimed and not yet settled at most (sending, or waiting to be settled). */
  readonly concurrency: number;
  /** Keep-alive connections the sender opens to one callback origin at most. */
  readonly connectionsPerOrigin: number;
  /** Provider events the intake holds in memory at most while the database is unavailable. */
  readonly intakeMaxHeldEvents: number;
  /** Address ranges callbacks may reach besides public addresses. */
  readonly allowedAddressClasses: readonly WebhookAddressClass[];
  /** Bytes of a callback's response body read at most (the rest is discarded unread). */
  readonly maxResponseBytes: number;
}

/** A receiver's answer beyond this is never needed: the challenge is short and snippets are 1,000 characters. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** A lease shorter than a request could let a second worker send the same delivery while the first still waits. */
const LEASE_MARGIN_MS = 1_000;

/** Derives the webhook settings from the loaded configuration. */
export function webhookSettingsFrom(config: Config): WebhookSettings {
  return Object.freeze({
    workerEnabled: config.webhookWorker,
    pollIntervalMs: config.webhookPollIntervalMs,
    timeoutMs: config.webhookTimeoutMs,
    retryScheduleMs: config.webhookRetrySchedule,
    retryJitterPercent: config.webhookRetryJitterPercent,
    claimLeaseMs: Math.max(config.webhookClaimLeaseMs, config.webhookTimeoutMs + LEASE_MARGIN_MS),
    concurrency: config.webhookConcurrency,
    connectionsPerOrigin: config.webhookConnectionsPerOrigin,
    intakeMaxHeldEvents: config.webhookIntakeMaxHeldEvents,
    allowedAddressClasses: config.webhookAllowAddresses,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
}
