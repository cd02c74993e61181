/** @module Public face of the store: open a database, migrate it, and use one repository per aggregate. */
export { openDatabase, type Dialect, type OpenDatabaseOptions, type Store } from './open-database.js';
export { databaseLocation, describeDatabaseLocation, postgresAddress, SQLITE_FILE_NAME, type DatabaseLocation } from './database-location.js';
export { migrateToLatest, migrationNames, pendingMigrations } from './migrator.js';
export { TABLE_NAMES, type DatabaseSchema, type OutboxStatus, type VehicleMode } from './schema.js';
export { ConstraintViolationError, StoreInconsistencyError, isMissingSchemaError, isStoreUnavailableError, type ConstraintKind, type InconsistencyKind } from './errors.js';
export type { Clock } from './codec.js';
export { createRepositories } from './repositories/index.js';
export type * from './repositories/index.js';
export { DEFAULT_CODE_TTL_SECONDS } from './repositories/authorization-code-repository.js';
export { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_GRACE_SECONDS, DEFAULT_REFRESH_TTL_SECONDS } from './repositories/token-repository.js';
