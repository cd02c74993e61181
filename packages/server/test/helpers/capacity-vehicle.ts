/** @module A simulated Tesla Model 3 whose battery capacity is not known (three packs, no earlier choice), connected to a new application with `read_battery`. */
import type { FastifyInstance } from 'fastify';
import { modelsOf, newVehicleSpec, Random } from '../../src/simulator/index.js';
import { seedWorld } from './test-world.js';

export interface CapacityVehicle {
  readonly clientId: string;
  /** The vehicle id the application sees. */
  readonly vehicleId: string;
  readonly accessToken: string;
  readonly redirectUri: string;
  readonly applicationName: string;
}

/** The first Model 3 VIN the simulated provider answers Battery Capacity for with `capacity: null`. */
async function undecidedModel3Vin(app: FastifyInstance): Promise<string> {
  const model = modelsOf('TESLA').find((candidate) => candidate.name === 'Model 3');
  const provider = app.carport.providers.find('TESLA', 'test');
  if (model === undefined || provider === undefined) throw new Error('no simulated Tesla Model 3');
  for (let entropy = 1; entropy < 40; entropy += 1) {
    const { vin } = newVehicleSpec('', model, new Random(entropy), entropy);
    const [outcome] = await provider.read({ make: 'TESLA', mode: 'test', providerVehicleId: vin }, [{ endpointId: 'getNominalCapacity' }]);
    if (outcome?.ok === true && (outcome.body as { capacity: unknown }).capacity === null) return vin;
  }
  throw new Error('every Model 3 tried already has a capacity');
}

export async function connectCapacityVehicle(app: FastifyInstance, redirectUri: string, applicationName = 'Range Planner'): Promise<CapacityVehicle> {
  const vin = await undecidedModel3Vin(app);
  const world = await seedWorld(app.carport.repositories, {
    application: { name: applicationName, redirectUris: [redirectUri, 'https://other.example/second'] },
    mode: 'test',
    owner: { email: null },
    vehicles: [{ providerVehicleId: vin, vin }],
    permissions: ['read_battery'],
  });
  return { clientId: world.clientId, vehicleId: world.vehicleId, accessToken: world.accessToken, redirectUri, applicationName };
}
