/** @module Kysely table interfaces: the database's row shapes, identical on SQLite and PostgreSQL. */
import type { Generated } from 'kysely';

/*
 * Portable column conventions (see migrations/): ids are text UUID v4; timestamps are ISO-8601 UTC
 * text with milliseconds (`2026-11-22T02:24:42.000Z`), which sorts chronologically as text;
 * booleans are integer 0/1; JSON is text. Columns are snake_case; repositories map to camelCase.
 */

import type { VehicleMode } from '../catalog/vehicle-modes.js';
import type { DeliveryStatus } from '../catalog/webhook-vocabulary.js';
import type { LifecycleState, ObservationKind } from '../catalog/application-lifecycle.js';

/** Which world an account, vehicle or connection belongs to (Smartcar's `mode`); the catalog declares the words. */
export type { VehicleMode };

/** Lifecycle of an outbox event: the catalog's delivery statuses. */
export type OutboxStatus = DeliveryStatus;

/** Registered third-party applications (OAuth clients). */
export interface ApplicationsTable {
  id: string;
  client_id: string;
  /** SHA-256 of the client secret; null for public (PKCE-only) clients, which have none. */
  client_secret_hash: string | null;
  /** JSON array of strings. */
  redirect_uris: string;
  management_token_hash: string;
  /** The management token, encrypted: it signs webhook payloads, so it must be recoverable. */
  management_token_encrypted: string;
  name: string;
  /** JSON array of permission names. */
  default_scope: string;
  plan: Generated<string>;
  is_public: Generated<number>;
  created_at: string;
  updated_at: string;
  secret_rotated_at: string | null;
  /** Set while the application is suspended (0006). */
  suspended_at: Generated<string | null>;
  /** The team owning the application; null for those the CLI created (0015). */
  team_id: Generated<string | null>;
  /** When the current management token replaced another; null while it is the one issued at creation (0009). */
  management_token_rotated_at: Generated<string | null>;
  /** The replaced management token, hashed and encrypted, while its grace window lasts (0009). */
  previous_management_token_hash: Generated<string | null>;
  previous_management_token_encrypted: Generated<string | null>;
  /** When the previous token stops working; it is ignored from then on even before it is cleared. */
  previous_management_token_expires_at: Generated<string | null>;
  /** The partner lifecycle's state (0016); the catalog declares the words. */
  lifecycle_state: Generated<LifecycleState>;
  /** Why the application is in its state, when the transition into it gave a reason (0016). */
  lifecycle_reason: Generated<string | null>;
  /** JSON array of the data package ids live Connect may ask for (0016). */
  approved_data_packages: Generated<string>;
}

/** What a partner asked for when requesting access (0016). */
export interface PartnerRequestsTable {
  application_id: string;
  company: string;
  contact_name: string;
  contact_email: string;
  website: string | null;
  intended_use: string;
  /** JSON arrays of data package ids, make ids and region names. */
  data_packages: string;
  makes: string;
  regions: string;
  privacy_policy_url: string | null;
  submitted_at: string;
  updated_at: string;
}

/** One step of an application's lifecycle, for its timeline (0016). */
export interface LifecycleTransitionsTable {
  id: string;
  application_id: string;
  from_state: LifecycleState | null;
  to_state: LifecycleState;
  action: string;
  actor: string;
  reason: string | null;
  at: string;
  sequence: number;
}

/** The first time the platform saw an application do one thing joint testing asks for (0016). */
export interface LifecycleObservationsTable {
  application_id: string;
  kind: ObservationKind;
  subject: string;
  first_at: string;
}

/** A vehicle owner's account at a make's provider. */
export interface OwnerAccountsTable {
  id: string;
  make: string;
  provider_account_id: string;
  email: string | null;
  mode: VehicleMode;
  created_at: string;
}

/** A vehicle as the provider knows it; the internal id never leaves Carport. */
export interface VehiclesTable {
  id: string;
  owner_account_id: string | null;
  make: string;
  provider_vehicle_id: string;
  vin: string | null;
  model: string | null;
  year: number | null;
  mode: VehicleMode;
  created_at: string;
  /** The provider that linked the vehicle and serves it (0013). */
  provider_id: Generated<string>;
}

/** An owner account's manufacturer tokens (0012). */
export interface ProviderCredentialsTable {
  owner_account_id: string;
  provider_id: string;
  /** JSON `{accessToken, refreshToken}`, encrypted with the secret key. */
  tokens_encrypted: string;
  expires_at: string | null;
  /** JSON array of granted scopes. */
  scopes: string;
  updated_at: string;
}

/** Who refreshes an owner account's manufacturer tokens now, on SQLite, until when (0019). */
export interface ProviderRefreshLocksTable {
  owner_account_id: string;
  holder: string;
  expires_at: string;
}

/** An owner account as one application sees it (the `user` id of the Smartcar API). */
export interface UsersTable {
  id: string;
  application_id: string;
  owner_account_id: string;
  created_at: string;
}

/** A grant: one user let one application access one vehicle with some permissions. */
export interface ConnectionsTable {
  id: string;
  application_id: string;
  user_id: string;
  vehicle_id: string;
  /** The pseudonymous vehicle id this application sees. */
  application_vehicle_id: string;
  /** JSON array of permission names. */
  permissions: string;
  mode: VehicleMode;
  connected_at: string;
  revoked_at: string | null;
  /** A `RevocationReason` of the catalog; null while active, and on grants revoked before reasons were stored. */
  revocation_reason: string | null;
}

/** OAuth authorization codes, stored by hash. */
export interface AuthorizationCodesTable {
  code_hash: string;
  application_id: string;
  user_id: string;
  redirect_uri: string;
  /** JSON array of permission names. */
  scope: string;
  /** JSON array of connection ids created by the consent this code carries. */
  connection_ids: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Access/refresh token pairs, stored by hash; a family is the chain of rotations from one code. */
export interface TokensTable {
  id: string;
  family_id: string;
  application_id: string;
  user_id: string;
  access_token_hash: string;
  refresh_token_hash: string;
  access_expires_at: string;
  refresh_expires_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
  /** A `RevocationReason` of the catalog; null while active, and on pairs revoked before reasons were stored. */
  revocation_reason: string | null;
  parent_id: string | null;
  issued_from_code_hash: string | null;
  /** The pair this row's refresh produced, encrypted; kept for the refresh grace window. */
  successor_encrypted: string | null;
  created_at: string;
}

/** Webhook definitions of an application. */
export interface WebhooksTable {
  id: string;
  application_id: string;
  name: string;
  callback_url: string;
  kind: string;
  mode: VehicleMode;
  /** JSON object: kind-specific settings (triggers, schedule, data to include). */
  config: string;
  enabled: Generated<number>;
  verified_at: string | null;
  verification_error: string | null;
  created_at: string;
  updated_at: string;
}

/** Which connections (vehicles) a webhook is subscribed to. */
export interface WebhookSubscriptionsTable {
  webhook_id: string;
  connection_id: string;
  created_at: string;
}

/** Transactional outbox: one row per event per webhook, delivered by the worker. */
export interface OutboxEventsTable {
  id: string;
  application_id: string;
  webhook_id: string;
  vehicle_id: string | null;
  event_type: string;
  /** JSON: the body delivered to the callback. */
  payload: string;
  status: Generated<OutboxStatus>;
  attempt_count: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  created_at: string;
  delivered_at: string | null;
  /** Unique when set: an event inserted twice (replayed provider event, racing schedulers) is stored once (0005). */
  dedupe_key: string | null;
  /** The vehicle id the receiving application knows (0005). */
  application_vehicle_id: string | null;
  /** Failed HTTP attempts; the retry schedule counts these, not claims (0005). */
  failed_attempts: Generated<number>;
  /** The delivery this one replays (0005). */
  replay_of: string | null;
}

/** One HTTP delivery attempt of an outbox event. */
export interface DeliveryAttemptsTable {
  id: string;
  event_id: string;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_snippet: string | null;
}

/** Answers to commands sent with an Idempotency-Key. */
export interface IdempotencyKeysTable {
  application_id: string;
  idempotency_key: string;
  request_fingerprint: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

/** Connect flows that ended (approved, denied or left), kept while a copy of their cookie may still arrive. */
export interface FinishedConnectFlowsTable {
  flow_id: string;
  forget_after: string;
}

/** Developers (and operators) who sign in to the dashboard (0015). */
export interface DeveloperAccountsTable {
  id: string;
  /** Normalised (trimmed, lower case), unique. */
  email: string;
  /** argon2id hash; null until the account's first password is set. */
  password_hash: string | null;
  is_operator: Generated<number>;
  /** The TOTP secret, encrypted; set at enrolment, before it is enabled. */
  totp_secret_encrypted: string | null;
  /** When a verified code enabled the second factor; null while it is off. */
  totp_enabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One-time recovery codes of an account's second factor, hashed (0015). */
export interface AccountRecoveryCodesTable {
  code_hash: string;
  account_id: string;
  used_at: string | null;
}

/** Teams own applications; members hold a role (0015). */
export interface TeamsTable {
  id: string;
  name: string;
  /** 1 when every member must sign in with a second factor. */
  mfa_required: Generated<number>;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  account_id: string;
  role: string;
  joined_at: string;
}

/** Invitations to a team, found by their link's token hash; single use (0015). */
export interface TeamInvitationsTable {
  token_hash: string;
  team_id: string;
  email: string;
  role: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

/** Dashboard sign-ins, found by the hash of the id their cookie carries (0015). */
export interface DashboardSessionsTable {
  id_hash: string;
  account_id: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
}

/** Password reset (and first password) links, hashed, single use (0015). */
export interface PasswordResetTokensTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The newest streamed value of each vehicle field (0018). */
export interface VehicleTelemetryTable {
  vin: string;
  field: string;
  /** JSON of the value. */
  value: string;
  /** When the vehicle recorded the value. */
  created_at: string;
  received_at: string;
}

/** Key pairs generated once, e.g. the Tesla partner key (0018). */
export interface PartnerKeysTable {
  name: string;
  private_key_encrypted: string;
  public_key_pem: string;
  created_at: string;
}

/** The whole database as Kysely sees it. */
export interface DatabaseSchema {
  developer_accounts: DeveloperAccountsTable;
  account_recovery_codes: AccountRecoveryCodesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_invitations: TeamInvitationsTable;
  dashboard_sessions: DashboardSessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  finished_connect_flows: FinishedConnectFlowsTable;
  provider_credentials: ProviderCredentialsTable;
  provider_refresh_locks: ProviderRefreshLocksTable;
  applications: ApplicationsTable;
  owner_accounts: OwnerAccountsTable;
  vehicles: VehiclesTable;
  users: UsersTable;
  connections: ConnectionsTable;
  authorization_codes: AuthorizationCodesTable;
  tokens: TokensTable;
  webhooks: WebhooksTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  outbox_events: OutboxEventsTable;
  delivery_attempts: DeliveryAttemptsTable;
  partner_requests: PartnerRequestsTable;
  lifecycle_transitions: LifecycleTransitionsTable;
  lifecycle_observations: LifecycleObservationsTable;
  vehicle_telemetry: VehicleTelemetryTable;
  partner_keys: PartnerKeysTable;
}

/** Every application table, parents before children (reverse it to delete safely). */
export const TABLE_NAMES: readonly (keyof DatabaseSchema)[] = [
  'developer_accounts',
  'teams',
  'applications',
  'owner_accounts',
  'provider_credentials',
  'vehicles',
  'users',
  'connections',
  'authorization_codes',
  'tokens',
  'webhooks',
  'webhook_subscriptions',
  'outbox_events',
  'delivery_attempts',
  'idempotency_keys',
  'finished_connect_flows',
  'provider_refresh_locks',
  'partner_requests',
  'lifecycle_transitions',
  'lifecycle_observations',
  'team_members',
  'team_invitations',
  'dashboard_sessions',
  'password_reset_tokens',
  'account_recovery_codes',
  'vehicle_telemetry',
  'partner_keys',
];
