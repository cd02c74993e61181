/** @module The Vehicle API (`/v2.0/vehicles/...`, `/v2.0/user`): authenticated by bearer access token. */
import type { CarportModule } from '../app-context.js';
import { registerVehicleListRoutes } from './vehicle-list-routes.js';
import { requireAccessToken } from './require-access-token.js';

export const vehicleApiModule: CarportModule = {
  name: 'vehicle-api',
  register(scope, context) {
    requireAccessToken(scope, context);
    registerVehicleListRoutes(scope, context);
  },
};
