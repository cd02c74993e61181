/** @module The Management API (`/v2.0/management/...`): authenticated by the application's management token. */
import type { CarportModule } from '../carport-module.js';
import { registerConnectionsRoutes } from './connections-routes.js';
import { registerManagementLifecycleRoutes } from '../lifecycle/management-lifecycle-routes.js';
import { requireManagementToken } from './require-management-token.js';

/** The Management API as every Carport process serves it. */
export const managementApiModule: CarportModule = {
  name: 'management-api',
  register(scope, context) {
    requireManagementToken(scope, context);
    registerConnectionsRoutes(scope, context);
    registerManagementLifecycleRoutes(scope, context);
  },
};
