/** @module Shared fixtures of the store tests: a controllable clock and a seeded grant graph. */
import { expect } from 'vitest';
import { createRepositories, type Repositories, type Store } from '../../src/store/index.js';
import type { WorldOverrides } from '../helpers/test-world.js';

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

/**
 * What the store tests seed with `seedWorld`: an application with a default scope, the owner
 * `account-1` and its vehicle `vehicle-1` (no VIN, model or year), granted `read_battery` and `read_vin`;
 * no token pair, which the token tests issue and count themselves.
 */
export const storeWorld = {
  application: { name: 'Fixture app', redirectUris: ['https://app.example/callback'], defaultScope: ['read_battery'] },
  owner: { providerAccountId: 'account-1' },
  vehicles: [{ providerVehicleId: 'vehicle-1', vin: null, model: null, year: null }],
  permissions: ['read_battery', 'read_vin'],
  tokens: false,
} as const satisfies WorldOverrides;
