/** @module Connects one simulated vehicle to a fresh application with every permission, as Connect would, for the benchmarks. */
import { passwordLinkingOf, permissionCatalog, type AppContext } from '@carport/server';
import { listedVehicle, seedWorld } from '../packages/server/test/helpers/test-world.js';

export interface BenchmarkGrant {
  readonly accessToken: string;
  readonly vehicleId: string;
  readonly description: string;
}

/** Signs in to the simulated Tesla fleet, connects its first vehicle and issues a token pair. */
export async function benchmarkGrant(context: Pick<AppContext, 'providers' | 'repositories'>, plan = 'free'): Promise<BenchmarkGrant> {
  const { providers, repositories } = context;
  const provider = providers.find('TESLA', 'simulated');
  const linking = passwordLinkingOf(provider);
  if (provider === undefined || linking === undefined) throw new Error('no simulated provider serves TESLA with a password sign-in');
  const signedIn = await linking.signIn('TESLA', 'simulated', { username: 'benchmark@example.com', password: 'benchmark' });
  if (!signedIn.ok) throw new Error(`simulated sign-in refused: ${signedIn.reason}`);
  const [vehicle] = await provider.listVehicles(signedIn.account);
  if (vehicle === undefined) throw new Error('the simulated account has no vehicle');
  const world = await seedWorld(repositories, {
    application: { name: 'Benchmark', redirectUris: ['https://bench.example/cb'], plan },
    owner: signedIn.account,
    vehicles: [listedVehicle(vehicle)],
    permissions: permissionCatalog.map((permission) => permission.name),
  });
  return { accessToken: world.accessToken, vehicleId: world.vehicleId, description: `${vehicle.year} ${vehicle.model} (${vehicle.vin})` };
}
