/** @module The Vehicle API (`/v2.0/vehicles/...`, `/v2.0/user`): authenticated by bearer access token. */
import type { CarportModule } from '../carport-module.js';
import { registerBatchRoute } from './batch-route.js';
import { registerConnectionRoutes } from './connection-routes.js';
import { registerVehicleCommandRoutes } from './vehicle-command-routes.js';
import { registerVehicleDataRoutes } from './vehicle-data-routes.js';
import { registerVehicleListRoutes } from './vehicle-list-routes.js';
import { requireAccessToken } from './require-access-token.js';
import { registerVehicleRequestLimits } from '../limits/vehicle-request-limits.js';

export const vehicleApiModule: CarportModule = {
  name: 'vehicle-api',
  register(scope, context) {
    requireAccessToken(scope, context);
    registerVehicleRequestLimits(scope, context);
    registerVehicleListRoutes(scope, context);
    registerConnectionRoutes(scope, context);
    registerVehicleDataRoutes(scope, context);
    registerVehicleCommandRoutes(scope, context);
    registerBatchRoute(scope, context);
  },
};
