/**
 * @module The admin API (`/admin/...`): the operator's control surface over the simulated fleet,
 * authenticated by `CARPORT_ADMIN_TOKEN` and absent (404) when that setting is unset.
 */
import { FleetOperator, SimulatedVehicleProvider, storedVehicleDirectory } from '../../providers/simulated/index.js';
import type { CarportModule } from '../carport-module.js';
import { registerFleetRoutes } from './fleet-routes.js';
import { requireAdminToken } from './require-admin-token.js';

export const adminModule: CarportModule = {
  name: 'admin',
  register(scope, context) {
    const token = context.config.adminToken;
    if (token === undefined) return;
    // The operator view drives the simulated fleet; an embedder that brought other providers has none.
    const simulated = context.providers.all().find((provider) => provider instanceof SimulatedVehicleProvider);
    if (!(simulated instanceof SimulatedVehicleProvider)) return;
    requireAdminToken(scope, token);
    registerFleetRoutes(scope, new FleetOperator(simulated, storedVehicleDirectory(context.repositories.vehicles)));
  },
};
