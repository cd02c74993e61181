/**
 * @module Every operation Carport serves and documents, in the order the OpenAPI document lists
 * them: the probes, the Vehicle API, the token endpoint, the Management and Compatibility APIs, the
 * webhook API; and the admin API's fleet routes, listed only by an instance that serves them.
 */
import { adminFleetOperations } from './admin-fleet.js';
import { adminLifecycleOperations, lifecycleManagementOperations } from './application-lifecycle.js';
import { catalogOperation, vehicleRoutes } from './endpoint-operations.js';
import { healthOperations } from './health.js';
import type { OperationDefinition } from './operation.js';
import { tokenOperation } from './token-operation.js';
import { webhookOperations } from './webhook-management.js';

export { adminFleetOperation, adminFleetOperations } from './admin-fleet.js';
export { adminLifecycleOperation, adminLifecycleOperations, lifecycleManagementOperations, lifecycleOperation, partnerRequestBody } from './application-lifecycle.js';
export { catalogOperation, endpointOperation, routeUrl, vehicleIdParams, vehicleRoutes, type EndpointOperation, type VehicleRoute } from './endpoint-operations.js';
export { errorBodySchema, oauthErrorBodySchema, sharedSchemas } from './error-schemas.js';
export { healthOperation, healthOperations } from './health.js';
export { apiVersionPrefix, type OperationDefinition, type OperationMethod, type OperationSchema, type SecurityRequirements } from './operation.js';
export { tokenOperation } from './token-operation.js';
export { createWebhookBody, updateWebhookBody, uuidPattern, webhookOperation, webhookOperations, type WebhookOperationId } from './webhook-management.js';

/** The operations every instance serves, in document order. */
export function publicOperations(): readonly OperationDefinition[] {
  // Appended one by one: an array literal of these precisely typed operations is more than the compiler unifies.
  const operations: OperationDefinition[] = [...healthOperations];
  operations.push(catalogOperation('listVehicles'), catalogOperation('getUser'), catalogOperation('getPermissions'), catalogOperation('disconnectVehicle'));
  operations.push(...vehicleRoutes('read').map((route) => route.operation), ...vehicleRoutes('command').map((route) => route.operation));
  operations.push(catalogOperation('batch'), tokenOperation);
  operations.push(catalogOperation('getVehicleConnections'), catalogOperation('deleteVehicleConnections'));
  operations.push(catalogOperation('getCompatibilityByVin'), catalogOperation('getCompatibilityMatrix'));
  operations.push(...webhookOperations);
  operations.push(...lifecycleManagementOperations);
  return operations;
}

/** Which optional parts an instance serves. */
export interface ServedParts {
  /** The admin API: `CARPORT_ADMIN_TOKEN` is set and the simulated fleet is there to operate. */
  readonly adminApi: boolean;
}

/** Every operation an instance serving `parts` answers, in document order. */
export function servedOperations(parts: ServedParts): readonly OperationDefinition[] {
  return parts.adminApi ? [...publicOperations(), ...adminFleetOperations, ...adminLifecycleOperations] : publicOperations();
}
