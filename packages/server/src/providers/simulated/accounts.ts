/**
 * @module Owner accounts of the simulated provider. Live mode: a documented set of demo owners per
 * make (`<make>.owner<n>@demo.carport.example`, password `carport-demo`) owning the embedded fleet.
 * Test mode: any email and password, with the special emails of Connect's test mode forcing their
 * outcomes. Simulated mode: any credentials, vehicles drawn from the email.
 */
import { findMake, makeCatalog } from '../../catalog/makes.js';
import { Random, hashString, mixSeeds, newVehicleSpec, pickModel, vinProblems } from '../../simulator/index.js';
import type { ProviderAccount, SignInCredentials, SignInResult, VehicleMode } from '../vehicle-provider.js';
import { capabilityLevels, vehicleIdOf, type CapabilityLevel } from './vehicle-keys.js';

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

/** What a test-mode email forces (see Connect's test mode). */
export type TestEmailOutcome =
  | { readonly kind: 'invalid_subscription' }
  | { readonly kind: 'incompatible' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'vin'; readonly vin: string; readonly level: CapabilityLevel }
  | { readonly kind: 'ordinary' };

/** Reads a test-mode email's special meaning. */
export function testEmailOutcome(email: string): TestEmailOutcome {
  const normalized = email.trim().toLowerCase();
  if (normalized === 'smartcar@invalid-subscription.com') return { kind: 'invalid_subscription' };
  if (normalized === 'smartcar@vehicle-incompatible.com') return { kind: 'incompatible' };
  const count = /^(\d{1,3})-vehicles@smartcar\.com$/.exec(normalized);
  if (count !== null) {
    const value = Number(count[1]);
    if (value >= 1 && value <= 999) return { kind: 'count', count: value };
  }
  const vin = /^([a-z0-9]{17})@([a-z]+)\.smartcar\.com$/.exec(normalized);
  const level = capabilityLevels.find((candidate) => candidate === vin?.[2]);
  if (vin?.[1] !== undefined && level !== undefined && vinProblems(vin[1], { requireCheckDigit: false }).length === 0) {
    return { kind: 'vin', vin: vin[1].toUpperCase(), level };
  }
  return { kind: 'ordinary' };
}

/** Checks credentials for `make` in `mode`; `fleetSize` bounds the live demo owners. */
export function signIn(make: string, mode: VehicleMode, credentials: SignInCredentials, fleetSize: number): SignInResult {
  const email = credentials.username.trim().toLowerCase();
  if (findMake(make) === undefined || email === '') return { ok: false, reason: 'invalid_credentials' };
  if (mode === 'live') {
    const known = demoAccounts(fleetSize).some((account) => account.email === email && account.make === make);
    if (!known || credentials.password !== DEMO_PASSWORD) return { ok: false, reason: 'invalid_credentials' };
  } else if (mode === 'test' && testEmailOutcome(email).kind === 'invalid_subscription') {
    return { ok: false, reason: 'invalid_subscription' };
  }
  return { ok: true, account: { make, mode, providerAccountId: `${mode}:${email}`, email } };
}

/** Vehicles drawn for an ordinary email: one to three, of any of the make's models. */
function drawnVehicleIds(make: string, email: string, count: number, level: CapabilityLevel | null): string[] {
  const emailSeed = hashString(email);
  return Array.from({ length: count }, (_unused, index) => {
    const random = new Random(mixSeeds(emailSeed, index, hashString(make)));
    const spec = newVehicleSpec('', pickModel(make, random), random, mixSeeds(emailSeed, index, 0x5e71a1));
    return vehicleIdOf(spec.vin, level);
  });
}

/**
 * The provider vehicle ids of a signed-in account. Live demo owners hold fleet vehicles, resolved by
 * `fleetVehicleId`; other accounts' vehicles follow from the email (and, in test mode, its special form).
 */
export function accountVehicleIds(account: ProviderAccount, fleetSize: number, fleetVehicleId: (index: number) => string): string[] {
  const email = account.email ?? account.providerAccountId;
  if (account.mode === 'live') {
    const owner = demoAccounts(fleetSize).find((candidate) => candidate.email === email && candidate.make === account.make);
    return owner?.fleetIndexes.map(fleetVehicleId) ?? [];
  }
  const outcome = account.mode === 'test' ? testEmailOutcome(email) : { kind: 'ordinary' as const };
  switch (outcome.kind) {
    case 'invalid_subscription':
      return [];
    case 'incompatible':
      return drawnVehicleIds(account.make, email, 1, 'incompatible');
    case 'count':
      return drawnVehicleIds(account.make, email, outcome.count, null);
    case 'vin':
      return [vehicleIdOf(outcome.vin, outcome.level)];
    case 'ordinary':
      return drawnVehicleIds(account.make, email, 1 + (hashString(email) % 3), null);
  }
}
