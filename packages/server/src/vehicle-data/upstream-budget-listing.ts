/**
 * @module The manufacturer budgets left today for each connected vehicle whose provider has them
 * (the admin API's `/admin/upstream-budgets` and `carport budgets`). Counted in Redis when it is
 * configured; else in each process, so a CLI without Redis sees its own, untouched counters.
 */
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { BudgetStandings, UpstreamKit } from '../providers/upstream/index.js';
import type { Repositories } from '../store/index.js';

/** One vehicle's budgets. */
export interface VehicleBudgets {
  /** Carport's id of the stored vehicle. */
  readonly vehicleId: string;
  readonly vin: string | null;
  readonly make: string;
  readonly mode: string;
  readonly provider: string;
  readonly budgets: BudgetStandings;
}

export interface BudgetListingDeps {
  readonly repositories: Pick<Repositories, 'vehicles'>;
  readonly providers: ProviderRegistry;
  readonly upstream: UpstreamKit;
}

/**
 * Every budgeted vehicle's standing, or only the vehicle `vehicle` names (Carport's vehicle id or a
 * VIN); null when it names no stored vehicle.
 */
export async function listUpstreamBudgets(deps: BudgetListingDeps, vehicle?: string): Promise<VehicleBudgets[] | null> {
  const all = await deps.repositories.vehicles.listAll();
  const chosen = vehicle === undefined ? all : all.filter((record) => record.id === vehicle || record.vin === vehicle);
  if (vehicle !== undefined && chosen.length === 0) return null;
  const listed: VehicleBudgets[] = [];
  for (const record of chosen) {
    const provider = deps.providers.forVehicle(record);
    if (provider?.upstreamBudget === undefined) continue;
    const budgets = await deps.upstream.budgets.standings({ providerId: provider.id, providerVehicleId: record.providerVehicleId }, provider.upstreamBudget);
    listed.push({ vehicleId: record.id, vin: record.vin, make: record.make, mode: record.mode, provider: provider.id, budgets });
  }
  return listed;
}
