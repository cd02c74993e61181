/**
 * @module The `Carport-Upstream-Budget` response header of Vehicle API answers: what is left today of
 * the manufacturer's published per-vehicle budgets (`data=198; commands=50; wakes=15`), for vehicles
 * whose provider has such budgets; absent for the others.
 */
import type { AppContext } from '../../app/services.js';
import { budgetHeaderValue, upstreamBudgetHeader } from '../../providers/upstream/index.js';
import { StoreInconsistencyError, type ConnectionRecord } from '../../store/index.js';
import { vehicleOfConnection } from '../../vehicle-data/vehicle-of-connection.js';

/** The header for the connection's vehicle, or none. */
export async function upstreamBudgetHeaders(context: AppContext, connection: ConnectionRecord): Promise<Record<string, string>> {
  const vehicle = await vehicleOfConnection(context.repositories, connection).catch((error: unknown) => {
    // The answer already says the vehicle is gone; it has no budget to state.
    if (error instanceof StoreInconsistencyError) return null;
    throw error;
  });
  if (vehicle === null) return {};
  const provider = context.providers.forVehicle(vehicle);
  if (provider?.upstreamBudget === undefined) return {};
  const standings = await context.upstream.budgets.standings({ providerId: provider.id, providerVehicleId: vehicle.providerVehicleId }, provider.upstreamBudget);
  return { [upstreamBudgetHeader]: budgetHeaderValue(standings) };
}
