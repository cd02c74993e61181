/** @module One outbox event as a record, shared by the outbox repository and its delivery methods (which extend it). */
import type { Selectable } from 'kysely';
import { decodeJson } from '../codec.js';
import type { OutboxEventsTable, OutboxStatus } from '../schema.js';

/** An event waiting for, or done with, delivery to one webhook. */
export interface OutboxEventRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly webhookId: string;
  readonly vehicleId: string | null;
  readonly eventType: string;
  readonly payload: unknown;
  readonly status: OutboxStatus;
  /** Claims so far; each claim is one delivery attempt (counted even if the worker then dies). */
  readonly attemptCount: number;
  readonly nextAttemptAt: string;
  readonly claimedBy: string | null;
  readonly claimedUntil: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

/** Options of `OutboxRepository.claimDue`. */
export interface ClaimOptions {
  /** Identifies the claiming worker; settling calls must present it. */
  readonly workerId: string;
  readonly limit: number;
  /** How long the claim holds before another worker may take the event over. */
  readonly leaseSeconds: number;
}

/** Maps an outbox row to its record (the delivery methods extend it with the 0005 columns). */
export function toRecord(row: Selectable<OutboxEventsTable>): OutboxEventRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    webhookId: row.webhook_id,
    vehicleId: row.vehicle_id,
    eventType: row.event_type,
    payload: decodeJson(row.payload),
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
