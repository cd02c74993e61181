/** @module Builds every repository over one store, and runs work across them in one transaction. */
import type { Kysely } from 'kysely';
import { createCipher, type Cipher } from '../../security/encryption.js';
import type { Clock } from '../codec.js';
import type { Dialect, Store } from '../open-database.js';
import type { DatabaseSchema } from '../schema.js';
import { createApplicationRepository, type ApplicationRepository } from './application-repository.js';
import { createAuthorizationCodeRepository, type AuthorizationCodeRepository } from './authorization-code-repository.js';
import { createConnectionRepository, type ConnectionRepository } from './connection-repository.js';
import { createFinishedFlowRepository, type FinishedFlowRepository } from './finished-flow-repository.js';
import { createLifecycleRepository, type LifecycleRepository } from './lifecycle-repository.js';
import { createIdempotencyRepository, type IdempotencyRepository } from './idempotency-repository.js';
import { createOutboxRepository, type OutboxRepository } from './outbox-repository.js';
import { cachedApplications, cachedConnections, cachedSubscriptions, cachedTokens, cachedVehicles, targetClearingWebhooks } from './cached-repositories.js';
import { clearing, createReadCache, type ReadCache } from './read-cache.js';
import { createPartnerKeyRepository, type PartnerKeyRepository } from './partner-key-repository.js';
import { createOwnerAccountRepository, type OwnerAccountRepository } from './owner-account-repository.js';
import { createProviderCredentialRepository, type ProviderCredentialRepository } from './provider-credential-repository.js';
import { createSimulatorInterventionRepository, type SimulatorInterventionRepository } from './simulator-intervention-repository.js';
import { createSubscriptionRepository, type SubscriptionRepository } from './subscription-repository.js';
import { createTokenRepository, type TokenRepository } from './token-repository.js';
import { createVehicleTelemetryRepository, type VehicleTelemetryRepository } from './vehicle-telemetry-repository.js';
import { createUserRepository, type UserRepository } from './user-repository.js';
import { createVehicleRepository, type VehicleRepository } from './vehicle-repository.js';
import { createWebhookRepository, type WebhookRepository } from './webhook-repository.js';
import { createDeveloperAccountRepository, type DeveloperAccountRepository } from './developer-account-repository.js';
import { createTeamRepository, type TeamRepository } from './team-repository.js';
import { createDashboardSessionRepository, type DashboardSessionRepository } from './dashboard-session-repository.js';

/** One repository per aggregate. */
export interface Repositories {
  readonly applications: ApplicationRepository;
  readonly ownerAccounts: OwnerAccountRepository;
  readonly vehicles: VehicleRepository;
  readonly users: UserRepository;
  readonly connections: ConnectionRepository;
  readonly authorizationCodes: AuthorizationCodeRepository;
  readonly tokens: TokenRepository;
  readonly webhooks: WebhookRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly outbox: OutboxRepository;
  readonly simulatorInterventions: SimulatorInterventionRepository;
  readonly idempotency: IdempotencyRepository;
  readonly finishedFlows: FinishedFlowRepository;
  /** Owner accounts' manufacturer tokens, encrypted. */
  readonly providerCredentials: ProviderCredentialRepository;
  /** The partner lifecycle: requests, state changes, timeline and observations. */
  readonly lifecycle: LifecycleRepository;
  /** Dashboard accounts (developers and operators), their second factor and reset links. */
  readonly developerAccounts: DeveloperAccountRepository;
  /** Teams, members, invitations and the applications they own. */
  readonly teams: TeamRepository;
  readonly dashboardSessions: DashboardSessionRepository;
  /** The newest streamed value of each vehicle field. */
  readonly vehicleTelemetry: VehicleTelemetryRepository;
  /** Key pairs generated once (the Tesla partner key). */
  readonly partnerKeys: PartnerKeyRepository;
  /**
   * Runs `work` with repositories bound to one transaction: all its writes commit together or
   * not at all (e.g. a state change and the outbox event describing it). Inside, `transaction`
   * joins the open transaction.
   */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

/** Options of {@link createRepositories}. */
export interface RepositoryOptions {
  /** Configuration key that encrypts recoverable secrets (management tokens). */
  readonly secretKey: string;
  /** Time source; default the system clock. Inject to control expiry in tests or the simulator. */
  readonly clock?: Clock;
  /**
   * How long the hot lookups (access token, active grant, vehicle) are cached in this process;
   * 0 disables the cache. Writes through these repositories clear it at once; writes by other
   * processes are seen after at most this long. Default 0.
   */
  readonly readCacheTtlMs?: number;
}

/** Builds the repositories over an open store. */
export function createRepositories(store: Store, options: RepositoryOptions): Repositories {
  const cipher = createCipher(options.secretKey);
  const clock = options.clock ?? (() => new Date());
  return bind(store.db, { cipher, clock, dialect: store.dialect, readCache: createReadCache(options.readCacheTtlMs ?? 0, clock), observed: new Set() });
}

interface Dependencies {
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly dialect: Dialect;
  readonly readCache: ReadCache;
  /** Observations this process already wrote (see `LifecycleRepository.observe`). */
  readonly observed: Set<string>;
}

function withClearedApplications(lifecycle: LifecycleRepository, cache: ReadCache): LifecycleRepository {
  return { ...lifecycle, changeState: clearing(cache.applications, (applicationId: string, change: Parameters<LifecycleRepository['changeState']>[1]) => lifecycle.changeState(applicationId, change)) };
}

function bind(db: Kysely<DatabaseSchema>, deps: Dependencies): Repositories {
  // Inside a transaction reads go to the database (they must see the transaction's own writes).
  const readThrough = !db.isTransaction;
  const applications = createApplicationRepository(db, deps);
  const repositories: Repositories = {
    applications: { ...cachedApplications(applications, deps.readCache, readThrough), delete: clearing(deps.readCache, (id: string) => applications.delete(id)) },
    ownerAccounts: createOwnerAccountRepository(db, deps),
    vehicles: cachedVehicles(createVehicleRepository(db, deps), deps.readCache, readThrough),
    users: createUserRepository(db, deps),
    connections: cachedConnections(createConnectionRepository(db, deps), deps.readCache, readThrough),
    authorizationCodes: createAuthorizationCodeRepository(db, deps),
    tokens: cachedTokens(createTokenRepository(db, deps), deps.readCache, readThrough),
    webhooks: targetClearingWebhooks(createWebhookRepository(db, deps), deps.readCache),
    subscriptions: cachedSubscriptions(createSubscriptionRepository(db, deps), deps.readCache, readThrough),
    outbox: createOutboxRepository(db, deps),
    simulatorInterventions: createSimulatorInterventionRepository(db),
    idempotency: createIdempotencyRepository(db, deps),
    finishedFlows: createFinishedFlowRepository(db, deps),
    providerCredentials: createProviderCredentialRepository(db, deps),
    // A state change is an application write: cached application lookups must not outlive it.
    lifecycle: withClearedApplications(createLifecycleRepository(db, deps), deps.readCache),
    developerAccounts: createDeveloperAccountRepository(db, deps),
    teams: createTeamRepository(db, deps),
    dashboardSessions: createDashboardSessionRepository(db, deps),
    vehicleTelemetry: createVehicleTelemetryRepository(db, deps),
    partnerKeys: createPartnerKeyRepository(db, deps),
    transaction: (work) =>
      db.isTransaction
        ? work(repositories)
        : // Cleared again after commit: a read between a write and the commit may have cached the old row.
          clearing(deps.readCache, () => db.transaction().execute((trx) => work(bind(trx, deps))))(),
  };
  return repositories;
}

export type * from './application-repository.js';
export type * from './authorization-code-repository.js';
export type * from './connection-repository.js';
export type * from './finished-flow-repository.js';
export type * from './idempotency-repository.js';
export type * from './lifecycle-repository.js';
export type * from './outbox-repository.js';
export type * from './owner-account-repository.js';
export type * from './provider-credential-repository.js';
export type * from './vehicle-telemetry-repository.js';
export type * from './partner-key-repository.js';
export type * from './simulator-intervention-repository.js';
export type * from './subscription-repository.js';
export type * from './token-repository.js';
export type * from './user-repository.js';
export type * from './vehicle-repository.js';
export type * from './webhook-repository.js';
export type * from './developer-account-repository.js';
export type * from './team-repository.js';
export type * from './dashboard-session-repository.js';
