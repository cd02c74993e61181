/** @module Webhook definitions of applications: where and what to deliver, and whether the URL verified. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { decodeObject, encodeJson, fromFlag, toFlag, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, VehicleMode, WebhooksTable } from '../schema.js';

/** A webhook. */
export interface WebhookRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly name: string;
  readonly callbackUrl: string;
  /** What triggers deliveries (e.g. event-based or scheduled); interpreted by the webhooks part. */
  readonly kind: string;
  readonly mode: VehicleMode;
  /** Kind-specific settings. */
  readonly config: Record<string, unknown>;
  readonly enabled: boolean;
  readonly verifiedAt: string | null;
  readonly verificationError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Input of {@link WebhookRepository.create}. */
export interface NewWebhook {
  readonly applicationId: string;
  readonly name: string;
  readonly callbackUrl: string;
  readonly kind: string;
  readonly mode: VehicleMode;
  readonly config?: Record<string, unknown>;
  readonly enabled?: boolean;
}

/** Editable fields of a webhook. */
export interface WebhookPatch {
  readonly name?: string;
  readonly callbackUrl?: string;
  readonly kind?: string;
  readonly config?: Record<string, unknown>;
  readonly enabled?: boolean;
}

/** Store contract for webhooks. */
export interface WebhookRepository {
  create(input: NewWebhook): Promise<WebhookRecord>;
  findById(id: string): Promise<WebhookRecord | null>;
  /** The webhooks among `ids` that exist, by id (one query for a batch of deliveries). */
  findByIds(ids: readonly string[]): Promise<Map<string, WebhookRecord>>;
  /** The webhook only if it belongs to `applicationId` (tenant-scoped lookup for the APIs). */
  findForApplication(applicationId: string, id: string): Promise<WebhookRecord | null>;
  /** Webhooks of an application, oldest first. */
  listByApplication(applicationId: string): Promise<WebhookRecord[]>;
  /** Enabled webhooks of one kind across every application, oldest first (the scheduler's work list). */
  listEnabledByKind(kind: string): Promise<WebhookRecord[]>;
  /** Applies a patch; a new callback URL clears the verification, which must then be redone. */
  update(id: string, patch: WebhookPatch): Promise<WebhookRecord | null>;
  /** Records a successful callback URL verification. */
  markVerified(id: string): Promise<WebhookRecord | null>;
  /** Records a failed verification with its reason. */
  markVerificationFailed(id: string, error: string): Promise<WebhookRecord | null>;
  /** Deletes a webhook with its subscriptions and undelivered events. */
  delete(id: string): Promise<boolean>;
}

function toRecord(row: Selectable<WebhooksTable>): WebhookRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    name: row.name,
    callbackUrl: row.callback_url,
    kind: row.kind,
    mode: row.mode,
    config: decodeObject(row.config, 'webhooks.config'),
    enabled: fromFlag(row.enabled),
    verifiedAt: row.verified_at,
    verificationError: row.verification_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Builds the webhook repository over `db`. */
export function createWebhookRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): WebhookRepository {
  const { clock } = deps;
  const setAndReturn = async (id: string, values: Partial<Omit<Selectable<WebhooksTable>, 'id'>>) => {
    const row = await db
      .updateTable('webhooks')
      .set({ ...values, updated_at: toIso(clock()) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    async create(input) {
      const now = toIso(clock());
      const row = await translateConstraintErrors('webhooks.application_id', () =>
        db
          .insertInto('webhooks')
          .values({
            id: randomUUID(),
            application_id: input.applicationId,
            name: input.name,
            callback_url: input.callbackUrl,
            kind: input.kind,
            mode: input.mode,
            config: encodeJson(input.config ?? {}),
            enabled: toFlag(input.enabled ?? true),
            verified_at: null,
            verification_error: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async findByIds(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('webhooks').selectAll().where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((row) => [row.id, toRecord(row)]));
    },

    async findForApplication(applicationId, id) {
      const row = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', id)
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async listEnabledByKind(kind) {
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('kind', '=', kind)
        .where('enabled', '=', 1)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    update: (id, patch) =>
      setAndReturn(id, {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.callbackUrl === undefined ? {} : { callback_url: patch.callbackUrl, verified_at: null, verification_error: null }),
        ...(patch.kind === undefined ? {} : { kind: patch.kind }),
        ...(patch.config === undefined ? {} : { config: encodeJson(patch.config) }),
        ...(patch.enabled === undefined ? {} : { enabled: toFlag(patch.enabled) }),
      }),

    markVerified: (id) => setAndReturn(id, { verified_at: toIso(clock()), verification_error: null }),
    markVerificationFailed: (id, error) => setAndReturn(id, { verified_at: null, verification_error: error }),

    async delete(id) {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
