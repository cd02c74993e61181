/** @module Public surface of the Carport server package, used by the CLI and by embedders. */
export { loadConfig, readSettings, resolveConfig, ConfigError, type Config, type ConfigSources, type SettingValues } from './config/load-config.js';
export { resolveDataDir } from './config/data-dir.js';
export { settings, type SettingDefinition } from './config/settings.js';
export { renderConfigurationReference } from './config/render-configuration-reference.js';
export { buildApp, defaultModules, type BuildAppOptions } from './http/build-app.js';
export type { AppContext, CarportModule } from './http/app-context.js';
export { ApiError } from './http/api-error.js';
export { launchServer, startServer, installShutdownHandlers, type RunningServer, type ServerOutput } from './lifecycle/run-server.js';
export { StartupError } from './lifecycle/startup-error.js';
export { openMigratedDatabase, type MigratedDatabase } from './lifecycle/open-migrated-database.js';
export { openServices, type Services } from './lifecycle/open-services.js';
export { ensureDemoApplication, formatDemoBanner, connectUrl, demoScope } from './lifecycle/demo-application.js';
export { createLogger } from './logging/logger.js';
export { migrateToLatest, migrationNames, openDatabase, pendingMigrations, databaseLocation, describeDatabaseLocation, type ApplicationRecord, type DatabaseLocation, type Store } from './store/index.js';
export { renderErrorReference } from './docs/render-error-reference.js';
export { renderPermissionReference } from './docs/render-permission-reference.js';
export { renderGeneratedDocs } from './docs/generated-docs.js';
export { endpointCatalog, type EndpointId } from './catalog/endpoints/index.js';
export { permissionCatalog, dataPackageCatalog } from './catalog/permissions.js';
export { makeCatalog } from './catalog/makes.js';
export { errorCatalog } from './catalog/errors.js';
export * from './webhooks/index.js';
export * as simulator from './simulator/index.js';
export { createSimulatedProvider } from './providers/default-providers.js';
export { CredentialRefreshError, passwordLinkingOf, type AccountLinking, type CredentialRenewal, type CredentialVault, type ManufacturerTokens, type VehicleProvider } from './providers/contract/index.js';
export { CredentialRefresher } from './providers/credentials/credential-refresher.js';
export {
  DEMO_PASSWORD, FleetOperator, FleetOperatorError, SimulatedVehicleProvider, demoAccounts, type FleetPage, type VehicleDetails, type VehicleSelector,
  type VehicleSummary, storedVehicleDirectory, type ConnectedVehicleDirectory,
} from './providers/simulated/index.js';
export { resolvePlans, defaultPlans } from './limits/plans.js';
export { PLAN_CACHE_TTL_MS } from './limits/limiter.js';
export { validateAuthorizeRequest } from './connect/authorize-request.js';
export { redirectUriProblem } from './connect/redirect-uri.js';
export { parseScope, unknownPermissionsMessage } from './connect/requested-scope.js';
