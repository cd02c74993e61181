/** @module Creates an application, an owner with vehicles, a grant and tokens directly in the store, for tests of the APIs that consume them. */
import type { Repositories, VehicleMode } from '../../src/store/index.js';

export interface TestGrant {
  readonly applicationId: string;
  readonly clientId: string;
  /** The application's management token, in clear text. */
  readonly managementToken: string;
  readonly userId: string;
  readonly vehicleIds: readonly string[];
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenFamilyId: string;
}


/** What {@link createTestGrant} connects; vehicles are simulated unless `mode` says otherwise (plans bill live ones only). */
export interface TestGrantOptions {
  readonly vehicleCount?: number;
  readonly permissions?: readonly string[];
  readonly accessTtlSeconds?: number;
  readonly mode?: VehicleMode;
}

/** Connects `vehicleCount` vehicles of one owner to a new application, with `permissions`. */
export async function createTestGrant(repositories: Repositories, options: TestGrantOptions = {}): Promise<TestGrant> {
  const mode = options.mode ?? 'simulated';
  const { application, managementToken } = await repositories.applications.createApplication({ name: 'Test app', redirectUris: ['https://app.example/cb'] });
  const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: `owner-${application.id}`, mode, email: 'owner@example.com' });
  const user = await repositories.users.create(application.id, owner.id);
  const vehicleIds: string[] = [];
  for (let index = 0; index < (options.vehicleCount ?? 1); index += 1) {
    const vehicle = await repositories.vehicles.create({
      make: 'TESLA',
      providerVehicleId: `vehicle-${application.id}-${index}`,
      mode,
      ownerAccountId: owner.id,
      vin: null,
      model: 'Model 3',
      year: 2022,
    });
    const connection = await repositories.connections.create({
      applicationId: application.id,
      userId: user.id,
      vehicleId: vehicle.id,
      permissions: options.permissions ?? ['read_vehicle_info', 'read_odometer'],
      mode,
    });
    vehicleIds.push(connection.applicationVehicleId);
  }
  const tokens = await repositories.tokens.issue({
    applicationId: application.id,
    userId: user.id,
    ...(options.accessTtlSeconds === undefined ? {} : { accessTtlSeconds: options.accessTtlSeconds }),
  });
  return {
    applicationId: application.id,
    clientId: application.clientId,
    managementToken,
    userId: user.id,
    vehicleIds,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    tokenFamilyId: tokens.record.familyId,
  };
}
