/**
 * @module Owner accounts of the simulated provider. Live mode: a documented set of demo owners per
 * make (`<make>.owner<n>@demo.carport.example`, password `carport-demo`) owning the embedded fleet.
 * Test mode: any login and password, with the documented test logins forcing their outcomes and any
 * other login holding the make's test vehicle. Simulated mode: any credentials, vehicles drawn from the login.
 */
import { findMake, makeCatalog } from '../../catalog/makes.js';
import { signInIdentifierFor } from '../../catalog/sign-in-identifiers.js';
import { readTestLogin, type TestLogin } from '../../catalog/test-mode-logins.js';
import { Random, hashString, mixSeeds, newVehicleSpec, pickModel, testVehicleDesign, vinProblems } from '../../simulator/index.js';
import type { SignInCredentials, SignInResult } from '../contract/index.js';
import type { ProviderAccount, VehicleMode } from '../vehicle-provider.js';
import { vehicleIdOf, type CapabilityLevel } from './vehicle-keys.js';

/** The password of every live-mode demo owner. */
export const DEMO_PASSWORD = 'carport-demo';
/** Demo owners hold up to this many of the embedded fleet's vehicles each. */
export const VEHICLES_PER_DEMO_ACCOUNT = 3;
const DEMO_DOMAIN = 'demo.carport.example';

/** A live-mode demo owner and the embedded fleet's vehicles (by index) they own. */
export interface DemoAccount {
  readonly email: string;
  readonly make: string;
  readonly fleetIndexes: readonly number[];
}

/** The demo owner of fleet vehicle `index`. */
export function demoAccountOf(index: number): { make: string; email: string } {
  const make = makeCatalog[index % makeCatalog.length] ?? makeCatalog[0];
  const rank = Math.floor(index / makeCatalog.length);
  return { make: make.id, email: `${make.pathSegment}.owner${Math.floor(rank / VEHICLES_PER_DEMO_ACCOUNT) + 1}@${DEMO_DOMAIN}` };
}

/** Every demo owner of a fleet of `fleetSize` vehicles, makes in catalog order. */
export function demoAccounts(fleetSize: number): DemoAccount[] {
  const byEmail = new Map<string, { make: string; fleetIndexes: number[] }>();
  for (let index = 0; index < fleetSize; index++) {
    const { make, email } = demoAccountOf(index);
    const entry = byEmail.get(email) ?? { make, fleetIndexes: [] };
    entry.fleetIndexes.push(index);
    byEmail.set(email, entry);
  }
  return [...byEmail.entries()]
    .map(([email, entry]) => ({ email, ...entry }))
    .sort((a, b) => a.make.localeCompare(b.make) || a.email.localeCompare(b.email, 'en', { numeric: true }));
}

/** Reads a test-mode login's special meaning (see the catalog's documented test logins). */
export function testEmailOutcome(email: string): TestLogin {
  return readTestLogin(email, (candidate) => vinProblems(candidate, { requireCheckDigit: false }).length === 0);
}

/**
 * Checks credentials for `make` in `mode`; `fleetSize` bounds the live demo owners. The login must be
 * of a kind the make's accounts use (an email, or for some makes a phone number).
 */
export function signIn(make: string, mode: VehicleMode, credentials: SignInCredentials, fleetSize: number): SignInResult {
  const definition = findMake(make);
  const login = definition === undefined ? null : signInIdentifierFor(definition, credentials.username);
  if (login === null) return { ok: false, reason: 'invalid_credentials' };
  if (mode === 'live') {
    const known = demoAccounts(fleetSize).some((account) => account.email === login.value && account.make === make);
    if (!known || credentials.password !== DEMO_PASSWORD) return { ok: false, reason: 'invalid_credentials' };
  } else if (mode === 'test' && testEmailOutcome(login.value).kind === 'invalid_subscription') {
    return { ok: false, reason: 'invalid_subscription' };
  }
  return { ok: true, account: { make, mode, providerAccountId: `${mode}:${login.value}`, email: login.kind === 'email' ? login.value : null } };
}

/** Vehicles drawn for an email: any of the make's models, with the level's capability set. */
function drawnVehicleIds(make: string, email: string, count: number, level: CapabilityLevel | null): string[] {
  const emailSeed = hashString(email);
  return Array.from({ length: count }, (_unused, index) => {
    const random = new Random(mixSeeds(emailSeed, index, hashString(make)));
    const spec = newVehicleSpec('', pickModel(make, random), random, mixSeeds(emailSeed, index, 0x5e71a1));
    return vehicleIdOf(spec.vin, level);
  });
}

/**
 * The make's test vehicle for a login: its VIN (year, battery, serial) drawn from the login and the
 * make alone, so every process and every restart gives the same vehicle.
 */
function testVehicleIds(make: string, login: string): string[] {
  const design = testVehicleDesign(make);
  if (design === undefined) return [];
  const seed = mixSeeds(hashString(login), hashString(make), 0x7e57);
  const spec = newVehicleSpec('', design.model, new Random(seed), seed);
  return [vehicleIdOf(spec.vin, 'compatible')];
}

/**
 * The provider vehicle ids of a signed-in account. Live demo owners hold fleet vehicles, resolved by
 * `fleetVehicleId`; test-mode logins hold what their form documents; simulated-mode accounts hold one
 * to three vehicles drawn from the login.
 */
export function accountVehicleIds(account: ProviderAccount, fleetSize: number, fleetVehicleId: (index: number) => string): string[] {
  const login = account.email ?? account.providerAccountId;
  if (account.mode === 'live') {
    const owner = demoAccounts(fleetSize).find((candidate) => candidate.email === login && candidate.make === account.make);
    return owner?.fleetIndexes.map(fleetVehicleId) ?? [];
  }
  if (account.mode === 'simulated') return drawnVehicleIds(account.make, login, 1 + (hashString(login) % 3), null);
  const outcome = testEmailOutcome(login);
  switch (outcome.kind) {
    case 'invalid_subscription':
      return [];
    case 'incompatible':
      return drawnVehicleIds(account.make, login, 1, 'incompatible');
    case 'count':
      return drawnVehicleIds(account.make, login, outcome.count, null);
    case 'vin':
      return [vehicleIdOf(outcome.vin, outcome.level)];
    case 'ordinary':
      return testVehicleIds(account.make, login);
  }
}
