/** @module Applications (OAuth clients): registration, credential checks and rotation; secrets stored hashed. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Cipher } from '../../security/encryption.js';
import { generateSecret, hashSecret, secretsEqual } from '../../security/tokens.js';
import { decodeStringArray, encodeJson, fromFlag, toFlag, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { ApplicationsTable, DatabaseSchema } from '../schema.js';

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
}

/** Input of {@link ApplicationRepository.createApplication}. */
export interface NewApplication<P extends boolean = boolean> {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly defaultScope?: readonly string[];
  readonly plan?: string;
  readonly isPublic?: P;
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
  /** The application owning this management token, found by the token's hash. */
  findByManagementToken(token: string): Promise<ApplicationRecord | null>;
  /** Replaces the client secret; returns the new one (shown once), or null for an unknown or public client. */
  rotateSecret(clientId: string): Promise<string | null>;
  /** Replaces the management token (which also changes the webhook signing key); returns the new one. */
  rotateManagementToken(id: string): Promise<string | null>;
  /** The management token in clear text, decrypted for signing webhook payloads. */
  revealManagementToken(id: string): Promise<string | null>;
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
  };
}

/** Builds the application repository over `db`. */
export function createApplicationRepository(db: Kysely<DatabaseSchema>, deps: { cipher: Cipher; clock: Clock }): ApplicationRepository {
  const { cipher, clock } = deps;
  const findBy = async (column: 'id' | 'client_id' | 'management_token_hash', value: string) => {
    const row = await db.selectFrom('applications').selectAll().where(column, '=', value).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    async createApplication<P extends boolean = false>(input: NewApplication<P>): Promise<CreatedApplication<P>> {
      const isPublic = input.isPublic === true;
      const clientSecret = isPublic ? null : generateSecret(CLIENT_SECRET_PREFIX);
      const managementToken = generateSecret(MANAGEMENT_TOKEN_PREFIX);
      const now = toIso(clock());
      const row = await translateConstraintErrors('applications', () =>
        db
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
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
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

    findByManagementToken: (token) => findBy('management_token_hash', hashSecret(token)),

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

    async rotateManagementToken(id) {
      const token = generateSecret(MANAGEMENT_TOKEN_PREFIX);
      const result = await db
        .updateTable('applications')
        .set({
          management_token_hash: hashSecret(token),
          management_token_encrypted: cipher.encrypt(token),
          updated_at: toIso(clock()),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? token : null;
    },

    async revealManagementToken(id) {
      const row = await db.selectFrom('applications').select('management_token_encrypted').where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : cipher.decrypt(row.management_token_encrypted);
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
      return row === undefined ? null : { plan: row.plan, suspendedAt: row.suspended_at, connectedVehicles: Number(row.connected_vehicles ?? 0) };
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
