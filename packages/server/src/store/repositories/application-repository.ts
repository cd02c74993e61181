/** @module Applications (OAuth clients): registration, credential checks and rotation; secrets stored hashed. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Cipher } from '../../security/encryption.js';
import { generateSecret, hashSecret, secretsEqual } from '../../security/tokens.js';
import { decodeStringArray, encodeJson, fromFlag, toFlag, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { ApplicationsTable, DatabaseSchema } from '../schema.js';
import type { LifecycleState } from '../../catalog/application-lifecycle.js';
import { dataPackageIds, isDataPackageId, type DataPackageId } from '../../catalog/permissions.js';
import { atomically } from './transaction.js';
import { appendTransition } from './lifecycle-transition-log.js';

/** An application as the rest of Carport sees it; never carries a secret. */
export interface ApplicationRecord {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly redirectUris: string[];
  readonly defaultScope: string[];
  readonly plan: string;
  /** Public clients (PKCE only) have no client secret. */
  readonly isPublic: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly secretRotatedAt: string | null;
  /** Where the application stands in the partner lifecycle. */
  readonly lifecycleState: LifecycleState;
  /** Why it is in that state, when the transition into it said why. */
  readonly lifecycleReason: string | null;
  /** The data packages live Connect may ask for. */
  readonly approvedDataPackages: DataPackageId[];
}

/** Input of {@link ApplicationRepository.createApplication}. */
export interface NewApplication<P extends boolean = boolean> {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly defaultScope?: readonly string[];
  readonly plan?: string;
  readonly isPublic?: P;
  /** Default `released`, for automation that registers applications it trusts. */
  readonly lifecycleState?: LifecycleState;
  /** Default every data package. */
  readonly approvedDataPackages?: readonly DataPackageId[];
  /** Who registered it, as the timeline names actors (`cli`, `operator:<id>`, `developer:<id>`); default `system`. */
  readonly createdBy?: string;
}

/** A new application with its credentials in clear text, returned exactly once. */
export interface CreatedApplication<P extends boolean = false> {
  readonly application: ApplicationRecord;
  /** Null for public clients. */
  readonly clientSecret: P extends true ? null : string;
  readonly managementToken: string;
}

/** Editable fields of an application. */
export interface ApplicationPatch {
  readonly name?: string;
  readonly redirectUris?: readonly string[];
  readonly defaultScope?: readonly string[];
  readonly plan?: string;
}

/** What the plan limits read about an application, in one query (see `findPlanStanding`). */
export interface PlanStanding {
  readonly plan: string;
  /** Set while the application is suspended. */
  readonly suspendedAt: string | null;
  /**
   * Live vehicles connected now (active grants; one per vehicle id, as the store enforces). Test and
   * simulated vehicles are free: they never count against a plan.
   */
  readonly connectedVehicles: number;
  /** The lifecycle state and its reason: the Vehicle API refuses applications whose state disables it. */
  readonly lifecycleState: LifecycleState;
  readonly lifecycleReason: string | null;
}

/** The management token as an operator may see it: never the token itself. */
export interface ManagementTokenStatus {
  /** The token's prefix and first four characters, enough to tell two tokens apart. */
  readonly hint: string;
  /** When the current token was issued: at creation or at its rotation. */
  readonly issuedAt: string;
  /** Until when the token it replaced still works; null when none does. */
  readonly previousValidUntil: string | null;
}

/** What webhook requests of an application are signed with. */
export interface WebhookSigningKeys {
  /** The current management token. */
  readonly current: string;
  /** The token it replaced, while the rotation's grace window lasts. */
  readonly previous: { readonly token: string; readonly validUntil: string } | null;
}

/** Store contract for applications. */
export interface ApplicationRepository {
  /** Registers an application; its client secret and management token are returned here only. */
  createApplication<P extends boolean = false>(input: NewApplication<P>): Promise<CreatedApplication<P>>;
  findById(id: string): Promise<ApplicationRecord | null>;
  findByClientId(clientId: string): Promise<ApplicationRecord | null>;
  /** All applications, oldest first. */
  list(): Promise<ApplicationRecord[]>;
  /** The application when `secret` is its current client secret (constant-time); null otherwise or for public clients. */
  verifyClientSecret(clientId: string, secret: string): Promise<ApplicationRecord | null>;
  /**
   * The application owning this management token, found by the token's hash: its current token, or
   * the one it replaced while that one's grace window lasts.
   */
  findByManagementToken(token: string): Promise<ApplicationRecord | null>;
  /** Replaces the client secret; returns the new one (shown once), or null for an unknown or public client. */
  rotateSecret(clientId: string): Promise<string | null>;
  /**
   * Replaces the management token (which also changes the webhook signing key); returns the new one.
   * With `graceMs`, the replaced token keeps authenticating and signing for that long (see
   * {@link WebhookSigningKeys}); without, it stops at once. A token replaced earlier whose window
   * still runs stops at once either way.
   */
  rotateManagementToken(id: string, options?: { readonly graceMs?: number }): Promise<string | null>;
  /** The management token in clear text, decrypted for signing webhook payloads. */
  revealManagementToken(id: string): Promise<string | null>;
  /** The current token and, during a rotation's grace window, the previous one, decrypted. */
  revealSigningKeys(id: string): Promise<WebhookSigningKeys | null>;
  /** When the management token was issued and whether a previous one still works; null for an unknown id. */
  managementTokenStatus(id: string): Promise<ManagementTokenStatus | null>;
  /** Applies a patch; returns the updated record, or null when the id is unknown. */
  update(id: string, patch: ApplicationPatch): Promise<ApplicationRecord | null>;
  /** Deletes an application and, by cascade, everything it owns. */
  delete(id: string): Promise<boolean>;
  /** Plan, suspension and connected-vehicle count; null when the id is unknown. */
  findPlanStanding(id: string): Promise<PlanStanding | null>;
  /** Suspends (true) or reinstates (false) an application; false when the id is unknown. */
  setSuspended(id: string, suspended: boolean): Promise<boolean>;
  /** Vehicle ids of the application's `limit` longest-connected active live grants: the vehicles its plan covers. */
  earliestConnectedVehicleIds(id: string, limit: number): Promise<string[]>;
}

/** Prefixes make leaked credentials recognisable (and greppable by secret scanners). */
const CLIENT_SECRET_PREFIX = 'cs_';
const MANAGEMENT_TOKEN_PREFIX = 'mt_';

/** Characters of a token after its prefix that {@link ManagementTokenStatus.hint} shows (24 of its 256 bits). */
const HINT_CHARACTERS = 4;

/** The replaced management token of a row while its window lasts (ISO text compares chronologically). */
function previousTokenOf(row: Selectable<ApplicationsTable>, nowIso: string): { readonly encrypted: string; readonly validUntil: string } | null {
  const encrypted = row.previous_management_token_encrypted;
  const validUntil = row.previous_management_token_expires_at;
  return encrypted === null || validUntil === null || validUntil <= nowIso ? null : { encrypted, validUntil };
}

function toRecord(row: Selectable<ApplicationsTable>): ApplicationRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    redirectUris: decodeStringArray(row.redirect_uris, 'applications.redirect_uris'),
    defaultScope: decodeStringArray(row.default_scope, 'applications.default_scope'),
    plan: row.plan,
    isPublic: fromFlag(row.is_public),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    secretRotatedAt: row.secret_rotated_at,
    lifecycleState: row.lifecycle_state,
    lifecycleReason: row.lifecycle_reason,
    approvedDataPackages: decodeStringArray(row.approved_data_packages, 'applications.approved_data_packages').filter(isDataPackageId),
  };
}

/** Builds the application repository over `db`. */
export function createApplicationRepository(db: Kysely<DatabaseSchema>, deps: { cipher: Cipher; clock: Clock }): ApplicationRepository {
  const { cipher, clock } = deps;
  const findBy = async (column: 'id' | 'client_id', value: string) => {
    const row = await db.selectFrom('applications').selectAll().where(column, '=', value).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    async createApplication<P extends boolean = false>(input: NewApplication<P>): Promise<CreatedApplication<P>> {
      const isPublic = input.isPublic === true;
      const clientSecret = isPublic ? null : generateSecret(CLIENT_SECRET_PREFIX);
      const managementToken = generateSecret(MANAGEMENT_TOKEN_PREFIX);
      const now = toIso(clock());
      const lifecycleState = input.lifecycleState ?? 'released';
      const row = await translateConstraintErrors('applications', () => atomically(db, async (trx) => {
        const inserted = await trx
          .insertInto('applications')
          .values({
            id: randomUUID(),
            // Client ids are public identifiers; UUIDs match what Smartcar issues.
            client_id: randomUUID(),
            client_secret_hash: clientSecret === null ? null : hashSecret(clientSecret),
            redirect_uris: encodeJson(input.redirectUris),
            management_token_hash: hashSecret(managementToken),
            management_token_encrypted: cipher.encrypt(managementToken),
            name: input.name,
            default_scope: encodeJson(input.defaultScope ?? []),
            plan: input.plan ?? 'free',
            is_public: toFlag(isPublic),
            created_at: now,
            updated_at: now,
            secret_rotated_at: null,
            lifecycle_state: lifecycleState,
            approved_data_packages: encodeJson(input.approvedDataPackages ?? dataPackageIds),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendTransition(trx, { applicationId: inserted.id, from: null, to: lifecycleState, action: 'create', actor: input.createdBy ?? 'system', reason: null, at: now });
        return inserted;
      }));
      // The conditional type cannot be narrowed from a runtime boolean; isPublic decided the value above.
      return { application: toRecord(row), clientSecret, managementToken } as CreatedApplication<P>;
    },

    findById: (id) => findBy('id', id),
    findByClientId: (clientId) => findBy('client_id', clientId),

    async list() {
      const rows = await db.selectFrom('applications').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async verifyClientSecret(clientId, secret) {
      const row = await db.selectFrom('applications').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      if (row?.client_secret_hash == null || fromFlag(row.is_public)) return null;
      return secretsEqual(hashSecret(secret), row.client_secret_hash) ? toRecord(row) : null;
    },

    async findByManagementToken(token) {
      const hash = hashSecret(token);
      const row = await db
        .selectFrom('applications')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('management_token_hash', '=', hash),
            eb.and([eb('previous_management_token_hash', '=', hash), eb('previous_management_token_expires_at', '>', toIso(clock()))]),
          ]),
        )
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async rotateSecret(clientId) {
      const secret = generateSecret(CLIENT_SECRET_PREFIX);
      const now = toIso(clock());
      const result = await db
        .updateTable('applications')
        .set({ client_secret_hash: hashSecret(secret), secret_rotated_at: now, updated_at: now })
        .where('client_id', '=', clientId)
        .where('is_public', '=', 0)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? secret : null;
    },

    async rotateManagementToken(id, options = {}) {
      const token = generateSecret(MANAGEMENT_TOKEN_PREFIX);
      const now = clock();
      const graceMs = options.graceMs ?? 0;
      const keep = graceMs > 0;
      // One statement: the right-hand sides read the row as it was, so the token being replaced
      // becomes the previous one even when two rotations race.
      const result = await db
        .updateTable('applications')
        .set((eb) => ({
          management_token_hash: hashSecret(token),
          management_token_encrypted: cipher.encrypt(token),
          management_token_rotated_at: toIso(now),
          previous_management_token_hash: keep ? eb.ref('management_token_hash') : null,
          previous_management_token_encrypted: keep ? eb.ref('management_token_encrypted') : null,
          previous_management_token_expires_at: keep ? toIso(new Date(now.getTime() + graceMs)) : null,
          updated_at: toIso(now),
        }))
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? token : null;
    },

    async revealManagementToken(id) {
      const row = await db.selectFrom('applications').select('management_token_encrypted').where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : cipher.decrypt(row.management_token_encrypted);
    },

    async revealSigningKeys(id) {
      const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return null;
      const previous = previousTokenOf(row, toIso(clock()));
      return {
        current: cipher.decrypt(row.management_token_encrypted),
        previous: previous === null ? null : { token: cipher.decrypt(previous.encrypted), validUntil: previous.validUntil },
      };
    },

    async managementTokenStatus(id) {
      const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return null;
      const token = cipher.decrypt(row.management_token_encrypted);
      return {
        hint: `${token.slice(0, MANAGEMENT_TOKEN_PREFIX.length + HINT_CHARACTERS)}…`,
        issuedAt: row.management_token_rotated_at ?? row.created_at,
        previousValidUntil: previousTokenOf(row, toIso(clock()))?.validUntil ?? null,
      };
    },

    async update(id, patch) {
      const row = await db
        .updateTable('applications')
        .set({
          updated_at: toIso(clock()),
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.redirectUris === undefined ? {} : { redirect_uris: encodeJson(patch.redirectUris) }),
          ...(patch.defaultScope === undefined ? {} : { default_scope: encodeJson(patch.defaultScope) }),
          ...(patch.plan === undefined ? {} : { plan: patch.plan }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async delete(id) {
      const result = await db.deleteFrom('applications').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async findPlanStanding(id) {
      const row = await db
        .selectFrom('applications')
        .select((eb) => [
          'plan',
          'suspended_at',
          'lifecycle_state',
          'lifecycle_reason',
          eb
            .selectFrom('connections')
            .select((inner) => inner.fn.countAll<number | string>().as('count'))
            .whereRef('connections.application_id', '=', 'applications.id')
            .where('connections.revoked_at', 'is', null)
            .where('connections.mode', '=', 'live')
            .as('connected_vehicles'),
        ])
        .where('id', '=', id)
        .executeTakeFirst();
      // PostgreSQL returns count(*) as text (bigint); SQLite as a number.
      return row === undefined ? null : {
            plan: row.plan,
            suspendedAt: row.suspended_at,
            connectedVehicles: Number(row.connected_vehicles ?? 0),
            lifecycleState: row.lifecycle_state,
            lifecycleReason: row.lifecycle_reason,
          };
    },

    async setSuspended(id, suspended) {
      const now = toIso(clock());
      const result = await db
        .updateTable('applications')
        .set({ suspended_at: suspended ? now : null, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async earliestConnectedVehicleIds(id, limit) {
      const rows = await db
        .selectFrom('connections')
        .select('application_vehicle_id')
        .where('application_id', '=', id)
        .where('revoked_at', 'is', null)
        .where('mode', '=', 'live')
        .orderBy('connected_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.application_vehicle_id);
    },
  };
}

/** An application row as the record every repository returns (teams list their applications with it). */
export { toRecord as applicationRecordOf };
