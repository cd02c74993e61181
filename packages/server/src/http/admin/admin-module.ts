/**
 * @module The admin API (`/admin/...`): the operator's control surface over the simulated fleet,
 * authenticated by `CARPORT_ADMIN_TOKEN` and absent (404) when that setting is unset.
 */
import { FleetOperator, SimulatedVehicleProvider, storedVehicleDirectory } from '../../providers/simulated/index.js';
import type { AppContext } from '../../app/services.js';
import type { CarportModule } from '../carport-module.js';
import { registerFleetRoutes } from './fleet-routes.js';
import { registerUpstreamBudgetRoute } from './upstream-budget-route.js';
import { registerAdminLifecycleRoutes } from '../lifecycle/admin-lifecycle-routes.js';
import { requireAdminToken } from './require-admin-token.js';

/** The simulated provider the operator drives; none for an embedder that brought other providers. */
function simulatedProvider(context: AppContext): SimulatedVehicleProvider | undefined {
  return context.providers.all().find((provider): provider is SimulatedVehicleProvider => provider instanceof SimulatedVehicleProvider);
}

/** Whether this instance serves the admin API: a token is configured and there is a simulated fleet to operate. */
export function adminApiServed(context: AppContext): boolean {
  return context.config.adminToken !== undefined && simulatedProvider(context) !== undefined;
}

export const adminModule: CarportModule = {
  name: 'admin',
  register(scope, context) {
    const token = context.config.adminToken;
    // The token first: asking for the providers builds them, which an instance without the admin API leaves to first use.
    if (token === undefined) return;
    const simulated = simulatedProvider(context);
    if (simulated === undefined) return;
    requireAdminToken(scope, token);
    registerUpstreamBudgetRoute(scope, context);
    registerFleetRoutes(scope, new FleetOperator(simulated, storedVehicleDirectory(context.repositories.vehicles)));
    registerAdminLifecycleRoutes(scope, context);
  },
};
