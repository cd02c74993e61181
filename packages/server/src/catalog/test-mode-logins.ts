/**
 * @module Connect's test mode (`mode=test`): any login and password sign in, and these documented
 * logins force an outcome. Smartcar documents all but `0-vehicles@smartcar.com`, Carport's way to
 * reach `no_vehicles`. The sign-in page, the README and the simulated provider all read this list.
 */
import { readSignInIdentifier } from './sign-in-identifiers.js';

/** The capability sets a `<VIN>@<level>.smartcar.com` login may force. */
export const testCapabilityLevels = ['compatible', 'phev', 'bev', 'fuel', 'incompatible'] as const;
export type TestCapabilityLevel = (typeof testCapabilityLevels)[number];

/** The most vehicles `<n>-vehicles@smartcar.com` gives. */
export const MAX_TEST_VEHICLES = 999;

/** What a test-mode login forces. */
export type TestLogin =
  | { readonly kind: 'invalid_subscription' }
  | { readonly kind: 'incompatible' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'vin'; readonly vin: string; readonly level: TestCapabilityLevel }
  | { readonly kind: 'ordinary' };

/** One documented login, for the sign-in page and the README. */
export interface DocumentedTestLogin {
  readonly login: string;
  readonly outcome: string;
}

export const documentedTestLogins: readonly DocumentedTestLogin[] = [
  { login: 'any other email (or phone number, where the make signs in with one)', outcome: "one vehicle: the make's test vehicle, parked on its charging cable, supporting every permission the make supports" },
  { login: '<n>-vehicles@smartcar.com', outcome: `n vehicles (1 to ${MAX_TEST_VEHICLES}) of the make's models` },
  { login: '0-vehicles@smartcar.com', outcome: 'an account with no vehicles: Connect redirects no_vehicles' },
  { login: '<VIN>@compatible.smartcar.com', outcome: "the make's test vehicle with that VIN" },
  { login: '<VIN>@bev.smartcar.com, <VIN>@phev.smartcar.com, <VIN>@fuel.smartcar.com', outcome: 'a vehicle with that VIN: battery electric, plug-in hybrid or fuel only' },
  { login: '<VIN>@incompatible.smartcar.com, smartcar@vehicle-incompatible.com', outcome: 'a vehicle that supports nothing: Connect redirects vehicle_incompatible' },
  { login: 'smartcar@invalid-subscription.com', outcome: 'sign-in ends with invalid_subscription' },
];

const countLogin = /^(\d{1,3})-vehicles@smartcar\.com$/;
const vinLogin = /^([a-z0-9]{17})@([a-z]+)\.smartcar\.com$/;

function isLevel(value: string | undefined): value is TestCapabilityLevel {
  return (testCapabilityLevels as readonly (string | undefined)[]).includes(value);
}

/**
 * What a test-mode login forces; `isVin` decides whether the local part of a VIN login is one.
 * @example readTestLogin('12-vehicles@smartcar.com', () => true) // { kind: 'count', count: 12 }
 */
export function readTestLogin(username: string, isVin: (candidate: string) => boolean): TestLogin {
  const identifier = readSignInIdentifier(username);
  if (identifier?.kind !== 'email') return { kind: 'ordinary' };
  const login = identifier.value;
  if (login === 'smartcar@invalid-subscription.com') return { kind: 'invalid_subscription' };
  if (login === 'smartcar@vehicle-incompatible.com') return { kind: 'incompatible' };
  const count = countLogin.exec(login);
  if (count !== null) return { kind: 'count', count: Number(count[1]) };
  const vin = vinLogin.exec(login);
  const level = vin?.[2];
  if (vin?.[1] !== undefined && isLevel(level) && isVin(vin[1])) return { kind: 'vin', vin: vin[1].toUpperCase(), level };
  return { kind: 'ordinary' };
}
