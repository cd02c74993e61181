/** @module Shared fixtures of the store tests: a controllable clock and a seeded grant graph. */
import { expect } from 'vitest';
import { createRepositories, type Repositories, type Store } from '../../src/store/index.js';

/** Secret key the store tests encrypt with. */
export const testSecretKey = 'store-test-secret-key-0123456789-abcdefghij';

/** Matches a lowercase UUID v4, the shape of every generated id. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Asymmetric matcher for a generated id (typed `unknown`, as vitest's matchers are `any`). */
export const anyUuid: unknown = expect.stringMatching(uuidPattern);

/** A clock tests move by hand. */
export interface TestClock {
  (): Date;
  /** Moves time forward. */
  advance(milliseconds: number): void;
  /** The current time as stored (ISO text). */
  iso(): string;
}

/** A clock starting at `start`. */
export function createTestClock(start = '2026-11-22T02:24:42.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (milliseconds) => {
    now += milliseconds;
  };
  clock.iso = () => new Date(now).toISOString();
  return clock;
}

/** Repositories on `store` with the test key and `clock`. */
export function repositoriesFor(store: Store, clock: TestClock): Repositories {
  return createRepositories(store, { secretKey: testSecretKey, clock });
}

/** An application, an owner with a vehicle, that owner's user in the application, and a grant. */
export async function seedGrant(repositories: Repositories, options: { providerVehicleId?: string; providerAccountId?: string } = {}) {
  const { application, clientSecret, managementToken } = await repositories.applications.createApplication({
    name: 'Fixture app',
    redirectUris: ['https://app.example/callback'],
    defaultScope: ['read_battery'],
  });
  const owner = await repositories.ownerAccounts.upsert({
    make: 'TESLA',
    providerAccountId: options.providerAccountId ?? 'account-1',
    mode: 'simulated',
    email: 'owner@example.com',
  });
  const vehicle = await repositories.vehicles.upsert({
    make: 'TESLA',
    providerVehicleId: options.providerVehicleId ?? 'vehicle-1',
    mode: 'simulated',
    ownerAccountId: owner.id,
  });
  const user = await repositories.users.findOrCreate(application.id, owner.id);
  const connection = await repositories.connections.create({
    applicationId: application.id,
    userId: user.id,
    vehicleId: vehicle.id,
    permissions: ['read_battery', 'read_vin'],
    mode: 'simulated',
  });
  return { application, clientSecret, managementToken, owner, vehicle, user, connection };
}
