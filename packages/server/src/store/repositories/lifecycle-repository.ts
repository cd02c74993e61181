/**
 * @module The partner lifecycle's storage: the partner's request, state changes with their timeline,
 * and what the platform observed an application do (for the joint-testing checklist).
 */
import type { Kysely, Selectable } from 'kysely';
import type { LifecycleState, ObservationKind } from '../../catalog/application-lifecycle.js';
import { isDataPackageId, type DataPackageId } from '../../catalog/permissions.js';
import { decodeStringArray, encodeJson, toIso, type Clock } from '../codec.js';
import type { DatabaseSchema, LifecycleTransitionsTable, PartnerRequestsTable } from '../schema.js';
import { appendTransition } from './lifecycle-transition-log.js';
import { atomically } from './transaction.js';

/** What a partner tells the operator when asking for access. */
export interface PartnerRequest {
  readonly company: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly website: string | null;
  readonly intendedUse: string;
  readonly dataPackages: readonly DataPackageId[];
  /** Make ids (e.g. `NIO`) the integration is for. */
  readonly makes: readonly string[];
  /** Regions (e.g. `EUROPE`) the integration is for. */
  readonly regions: readonly string[];
  readonly privacyPolicyUrl: string | null;
}

/** A stored request with when it was first submitted and last changed. */
export interface PartnerRequestRecord extends PartnerRequest {
  readonly submittedAt: string;
  readonly updatedAt: string;
}

/** One entry of an application's timeline. */
export interface TimelineEntry {
  readonly at: string;
  /** Null for the entry that registered the application. */
  readonly from: LifecycleState | null;
  readonly to: LifecycleState;
  /** The catalog action, or `create`. */
  readonly action: string;
  readonly actor: string;
  readonly reason: string | null;
}

/** One state change to store; it applies only while the application is still in `from`. */
export interface StateChange {
  readonly from: LifecycleState;
  readonly to: LifecycleState;
  readonly action: string;
  readonly actor: string;
  readonly reason: string | null;
  /** Replaces the approved data packages in the same write. */
  readonly approvedDataPackages?: readonly DataPackageId[];
}

/** One thing the platform saw an application do, first seen at `firstAt`. */
export interface Observation {
  readonly kind: ObservationKind;
  /** The data package of a `data_package_used`; empty otherwise. */
  readonly subject: string;
  readonly firstAt: string;
}

/** Store contract of the partner lifecycle. */
export interface LifecycleRepository {
  /** Stores (or replaces) the partner's request of an application. */
  saveRequest(applicationId: string, request: PartnerRequest): Promise<PartnerRequestRecord>;
  findRequest(applicationId: string): Promise<PartnerRequestRecord | null>;
  /**
   * Moves the application from `change.from` to `change.to` and appends the timeline entry, in one
   * transaction; false when the application is unknown or no longer in `change.from` (someone else
   * moved it first).
   */
  changeState(applicationId: string, change: StateChange): Promise<boolean>;
  /** The timeline, oldest first. */
  timeline(applicationId: string): Promise<TimelineEntry[]>;
  /**
   * Records that the application did `kind` (on data package `subject`); only the first time is
   * kept. Each process writes a given observation at most once, so calling it per request costs a
   * set lookup after the first.
   */
  observe(applicationId: string, kind: ObservationKind, subject?: string): Promise<void>;
  observations(applicationId: string): Promise<Observation[]>;
}

function toRequest(row: Selectable<PartnerRequestsTable>): PartnerRequestRecord {
  return {
    company: row.company,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    website: row.website,
    intendedUse: row.intended_use,
    dataPackages: decodeStringArray(row.data_packages, 'partner_requests.data_packages').filter(isDataPackageId),
    makes: decodeStringArray(row.makes, 'partner_requests.makes'),
    regions: decodeStringArray(row.regions, 'partner_requests.regions'),
    privacyPolicyUrl: row.privacy_policy_url,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

function toEntry(row: Selectable<LifecycleTransitionsTable>): TimelineEntry {
  return { at: row.at, from: row.from_state, to: row.to_state, action: row.action, actor: row.actor, reason: row.reason };
}

/** Builds the lifecycle repository; `observed` remembers, per process, the observations already written. */
export function createLifecycleRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock; observed: Set<string> }): LifecycleRepository {
  const { clock, observed } = deps;
  return {
    async saveRequest(applicationId, request) {
      const now = toIso(clock());
      const fields = {
        company: request.company,
        contact_name: request.contactName,
        contact_email: request.contactEmail,
        website: request.website,
        intended_use: request.intendedUse,
        data_packages: encodeJson(request.dataPackages),
        makes: encodeJson(request.makes),
        regions: encodeJson(request.regions),
        privacy_policy_url: request.privacyPolicyUrl,
        updated_at: now,
      };
      const row = await db
        .insertInto('partner_requests')
        .values({ application_id: applicationId, submitted_at: now, ...fields })
        .onConflict((oc) => oc.column('application_id').doUpdateSet(fields))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRequest(row);
    },

    async findRequest(applicationId) {
      const row = await db.selectFrom('partner_requests').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
      return row === undefined ? null : toRequest(row);
    },

    changeState(applicationId, change) {
      return atomically(db, async (trx) => {
        const now = toIso(clock());
        const result = await trx
          .updateTable('applications')
          .set({
            lifecycle_state: change.to,
            lifecycle_reason: change.reason,
            updated_at: now,
            ...(change.approvedDataPackages === undefined ? {} : { approved_data_packages: encodeJson(change.approvedDataPackages) }),
          })
          .where('id', '=', applicationId)
          .where('lifecycle_state', '=', change.from)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await appendTransition(trx, { applicationId, from: change.from, to: change.to, action: change.action, actor: change.actor, reason: change.reason, at: now });
        return true;
      });
    },

    async timeline(applicationId) {
      const rows = await db.selectFrom('lifecycle_transitions').selectAll().where('application_id', '=', applicationId).orderBy('sequence').execute();
      return rows.map(toEntry);
    },

    async observe(applicationId, kind, subject = '') {
      const key = `${applicationId} ${kind} ${subject}`;
      if (observed.has(key)) return;
      await db
        .insertInto('lifecycle_observations')
        .values({ application_id: applicationId, kind, subject, first_at: toIso(clock()) })
        .onConflict((oc) => oc.columns(['application_id', 'kind', 'subject']).doNothing())
        .execute();
      observed.add(key);
    },

    async observations(applicationId) {
      const rows = await db.selectFrom('lifecycle_observations').selectAll().where('application_id', '=', applicationId).orderBy('first_at').orderBy('kind').orderBy('subject').execute();
      return rows.map((row) => ({ kind: row.kind, subject: row.subject, firstAt: row.first_at }));
    },
  };
}
