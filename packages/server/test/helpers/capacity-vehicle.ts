/** @module A simulated Tesla Model 3 whose battery capacity is not known (three packs, no earlier choice), connected to a new application with `read_battery`. */
import type { FastifyInstance } from 'fastify';
import { modelsOf, newVehicleSpec, Random } from '../../src/simulator/index.js';

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
  const repositories = app.carport.repositories;
  const vin = await undecidedModel3Vin(app);
  const { application } = await repositories.applications.createApplication({ name: applicationName, redirectUris: [redirectUri, 'https://other.example/second'] });
  const owner = await repositories.ownerAccounts.create({ make: 'TESLA', mode: 'test', providerAccountId: `owner-${application.id}` });
  const user = await repositories.users.create(application.id, owner.id);
  const vehicle = await repositories.vehicles.create({ make: 'TESLA', mode: 'test', providerVehicleId: vin, ownerAccountId: owner.id, vin, model: 'Model 3', year: 2022 });
  const connection = await repositories.connections.create({ applicationId: application.id, userId: user.id, vehicleId: vehicle.id, permissions: ['read_battery'], mode: 'test' });
  const { accessToken } = await repositories.tokens.issue({ applicationId: application.id, userId: user.id });
  return { clientId: application.clientId, vehicleId: connection.applicationVehicleId, accessToken, redirectUri, applicationName };
}
