/** @module The ordered list of migrations, held in code so a bundled `dist/` needs no directory scan. */
import type { Migration } from 'kysely';
import { foundation } from './0001_foundation.js';
import { authorization } from './0002_authorization.js';
import { webhooks } from './0003_webhooks.js';
import { simulator } from './0004_simulator.js';
import { webhookDelivery } from './0005_webhook_delivery.js';
import { plans } from './0006_plans.js';
import { refreshGrace } from './0007_refresh_grace.js';
import { idempotency } from './0008_idempotency.js';
import { finishedConnectFlows } from './0009_finished_connect_flows.js';
import { revocationReasons } from './0010_revocation_reasons.js';
import { managementTokenGrace } from './0011_management_token_grace.js';
import { providerCredentials } from './0012_provider_credentials.js';
import { vehicleProviderId } from './0013_vehicle_provider_id.js';
import { outboxClaimIndexes } from './0014_outbox_claim_indexes.js';
import { developerAccounts } from './0015_developer_accounts.js';
import { applicationLifecycle } from './0016_application_lifecycle.js';
import { vehicleTelemetry } from './0018_vehicle_telemetry.js';
import { providerRefreshLocks } from './0019_provider_refresh_locks.js';

/**
 * Every migration by name. Names sort in application order; never rename or edit a shipped
 * migration (databases remember names), add a new one instead.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_foundation': foundation,
  '0002_authorization': authorization,
  '0003_webhooks': webhooks,
  '0004_simulator': simulator,
  '0005_webhook_delivery': webhookDelivery,
  '0006_plans': plans,
  '0007_refresh_grace': refreshGrace,
  '0008_idempotency': idempotency,
  '0009_finished_connect_flows': finishedConnectFlows,
  '0010_revocation_reasons': revocationReasons,
  '0011_management_token_grace': managementTokenGrace,
  '0012_provider_credentials': providerCredentials,
  '0013_vehicle_provider_id': vehicleProviderId,
  '0014_outbox_claim_indexes': outboxClaimIndexes,
  '0015_developer_accounts': developerAccounts,
  '0016_application_lifecycle': applicationLifecycle,
  '0018_vehicle_telemetry': vehicleTelemetry,
  '0019_provider_refresh_locks': providerRefreshLocks,
};
