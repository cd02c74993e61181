/** @module Public surface of the Carport server package, used by the CLI and by embedders. */
export { loadConfig, ConfigError, type Config, type ConfigSources } from './config/load-config.js';
export { settings, type SettingDefinition } from './config/settings.js';
export { renderConfigurationReference } from './config/render-configuration-reference.js';
export { buildApp, defaultModules, type BuildAppOptions } from './http/build-app.js';
export type { AppContext, CarportModule } from './http/app-context.js';
export { ApiError } from './http/api-error.js';
export { startServer, installShutdownHandlers, type RunningServer, type ServerOutput } from './lifecycle/run-server.js';
export { openServices, type Services } from './lifecycle/open-services.js';
export { ensureDemoApplication, formatDemoBanner, connectUrl, demoScope } from './lifecycle/demo-application.js';
export { createLogger } from './logging/logger.js';
export { migrateToLatest, openDatabase, pendingMigrations, type Store } from './store/index.js';
export { renderErrorReference } from './docs/render-error-reference.js';
export { renderPermissionReference } from './docs/render-permission-reference.js';
export { renderGeneratedDocs } from './docs/generated-docs.js';
