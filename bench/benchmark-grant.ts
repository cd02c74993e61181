/** @module Connects one simulated vehicle to a fresh application with every permission, as Connect would, for the benchmarks. */
import { passwordLinkingOf, permissionCatalog, type AppContext } from '@carport/server';

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
  const { application } = await repositories.applications.createApplication({ name: 'Benchmark', redirectUris: ['https://bench.example/cb'], plan });
  const owner = await repositories.ownerAccounts.upsert({ make: 'TESLA', mode: 'simulated', providerAccountId: signedIn.account.providerAccountId, email: signedIn.account.email });
  const user = await repositories.users.findOrCreate(application.id, owner.id);
  const stored = await repositories.vehicles.upsert({ ...vehicle.ref, ownerAccountId: owner.id, vin: vehicle.vin, model: vehicle.model, year: vehicle.year });
  const connection = await repositories.connections.create({
    applicationId: application.id,
    userId: user.id,
    vehicleId: stored.id,
    permissions: permissionCatalog.map((permission) => permission.name),
    mode: 'simulated',
  });
  const tokens = await repositories.tokens.issue({ applicationId: application.id, userId: user.id });
  return { accessToken: tokens.accessToken, vehicleId: connection.applicationVehicleId, description: `${vehicle.year} ${vehicle.model} (${vehicle.vin})` };
}
