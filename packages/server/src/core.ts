/**
 * @module The package's surface without the HTTP server: configuration, the composition root, the
 * catalog, the store, providers and webhooks. The CLI's commands other than `serve` import this entry,
 * so a `carport apps list` never loads Fastify and the routes; `index.ts` adds the server on top.
 */
export { loadConfig, readSettings, resolveConfig, ConfigError, type Config, type ConfigSources, type SettingValues } from './config/load-config.js';
export { resolveDataDir } from './config/data-dir.js';
export { settings, type SettingDefinition } from './config/settings.js';
export { renderConfigurationReference } from './config/render-configuration-reference.js';
export type { AppContext, Services } from './app/services.js';
export { createServices, type ServiceOverrides } from './app/create-services.js';
export { ApiError } from './catalog/api-error.js';
export { StartupError } from './app/startup-error.js';
export { openMigratedDatabase, type MigratedDatabase } from './app/open-migrated-database.js';
export { ensureDemoApplication, formatDemoBanner, connectUrl, demoScope } from './app/demo-application.js';
export { createLogger } from './logging/logger.js';
export { migrateToLatest, migrationNames, openDatabase, pendingMigrations, databaseLocation, describeDatabaseLocation, type ApplicationRecord, type DatabaseLocation, type Store } from './store/index.js';
export { renderErrorReference } from './docs/render-error-reference.js';
export { renderPermissionReference } from './docs/render-permission-reference.js';
export { renderGeneratedDocs } from './docs/generated-docs.js';
export { endpointCatalog, type EndpointId } from './catalog/endpoints/index.js';
export { permissionCatalog, dataPackageCatalog } from './catalog/permissions.js';
export { makeCatalog } from './catalog/makes.js';
export { errorCatalog } from './catalog/errors.js';
export { vehicleModes, isVehicleMode, type VehicleMode } from './catalog/vehicle-modes.js';
export {
  deliveryStatuses, isDeliveryStatus, vehicleEventTypes, isVehicleEventType, webhookKinds, isWebhookKind,
  type DeliveryStatus, type VehicleEventType, type WebhookKind,
} from './catalog/webhook-vocabulary.js';
export { DURATION_FORMS, MAX_DURATION_TEXT, parseDuration } from './catalog/durations.js';
export * from './webhooks/index.js';
export * as simulator from './simulator/index.js';
export { createSimulatedProvider } from './providers/default-providers.js';
export { CredentialRefreshError, passwordLinkingOf, type AccountLinking, type CredentialRenewal, type CredentialVault, type ManufacturerTokens, type VehicleProvider } from './providers/contract/index.js';
export { CredentialRefresher } from './providers/credentials/credential-refresher.js';
export { listUpstreamBudgets, type VehicleBudgets } from './vehicle-data/upstream-budget-listing.js';
export {
  DEMO_PASSWORD, FleetOperator, FleetOperatorError, SimulatedVehicleProvider, demoAccounts, type FleetPage, type VehicleDetails, type VehicleSelector,
  type VehicleSummary, storedVehicleDirectory, type ConnectedVehicleDirectory, keyOf,
} from './providers/simulated/index.js';
export { resolvePlans, defaultPlans } from './catalog/plans.js';
export { PLAN_CACHE_TTL_MS } from './limits/limiter.js';
export { validateAuthorizeRequest } from './connect/authorize-request.js';
export { redirectUriProblem } from './connect/redirect-uri.js';
export { parseScope, unknownPermissionsMessage } from './connect/requested-scope.js';
export { lifecycleActions, lifecycleStates, isLifecycleState, describeAction, type LifecycleAction, type LifecycleState } from './catalog/application-lifecycle.js';
export { takeLifecycleAction, type ActionOutcome, type Actor } from './partner-lifecycle/lifecycle-actions.js';
export { readLifecycle, type LifecycleView } from './partner-lifecycle/lifecycle-view.js';
export { checkPartnerRequest, type PartnerRequestInput } from './partner-lifecycle/partner-request.js';
export { requestAccess } from './partner-lifecycle/request-access.js';
export { DeveloperAccounts, logLinkSender, normalizeEmail, can, type AccountLinkSender, type AccountLinkMessage } from './accounts/index.js';
export { teamRoles, teamActions, isTeamRole, type TeamRole, type TeamAction } from './catalog/team-roles.js';
export { partnerRegistration, teslaPartnerKey, type PartnerRegistration } from './providers/tesla/index.js';
