/** @module Seeds an application with several users and vehicles in chosen modes, straight into the store. */
import type { ConnectionRecord, Repositories, VehicleMode } from '../../src/store/index.js';

/** What {@link seedApplication} created. */
export interface SeededApplication {
  readonly applicationId: string;
  readonly managementToken: string;
  /** Management API Basic header for the application. */
  readonly authorization: string;
}

/** A new application; its management token in clear text. */
export async function seedApplication(repositories: Repositories, plan?: string): Promise<SeededApplication> {
  const { application, managementToken } = await repositories.applications.createApplication({
    name: 'Management test app',
    redirectUris: ['https://app.example/cb'],
    ...(plan === undefined ? {} : { plan }),
  });
  return { applicationId: application.id, managementToken, authorization: `Basic ${Buffer.from(`default:${managementToken}`).toString('base64')}` };
}

let sequence = 0;

/** Connects `count` new vehicles of one new owner (a new user of the application) in `mode`. */
export async function connectOwner(repositories: Repositories, applicationId: string, count: number, mode: VehicleMode = 'simulated'): Promise<ConnectionRecord[]> {
  sequence += 1;
  const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: `owner-${sequence}`, mode, email: null });
  const user = await repositories.users.create(applicationId, owner.id);
  const connections: ConnectionRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const vehicle = await repositories.vehicles.create({
      make: 'TESLA',
      providerVehicleId: `vehicle-${sequence}-${index}`,
      mode,
      ownerAccountId: owner.id,
      vin: null,
      model: 'Model 3',
      year: 2022,
    });
    connections.push(await repositories.connections.create({ applicationId, userId: user.id, vehicleId: vehicle.id, permissions: ['read_odometer'], mode }));
  }
  return connections;
}

/** The Management API's view of a connection. */
export function listed(connection: ConnectionRecord): { userId: string; vehicleId: string; connectedAt: string; mode: VehicleMode } {
  return { userId: connection.userId, vehicleId: connection.applicationVehicleId, connectedAt: connection.connectedAt, mode: connection.mode };
}
