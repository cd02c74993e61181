/**
 * @module Compatibility by VIN: validates and decodes a VIN, matches it against the model catalog and
 * answers which endpoints the requested permissions would reach, from the same capability
 * declarations the simulated fleet serves, so the answer cannot disagree with a connected vehicle.
 */
import { endpointCatalog } from '../catalog/endpoints/index.js';
import { findMake } from '../catalog/makes.js';
import { isPermissionName } from '../catalog/permissions.js';
import type { EndpointDefinition, MakeDefinition, Region } from '../catalog/types.js';
import { modelCapabilities } from '../simulator/capabilities.js';
import { builtIn, modelsOf, type VehicleModel } from '../simulator/models/index.js';
import { decodeVin, vinProblems } from '../simulator/vin.js';

/** Why a vehicle is not compatible, in the endpoint catalog's vocabulary. */
export type IncompatibilityReason = 'NO_CONNECTIVITY' | 'MAKE_NOT_COMPATIBLE';

/** Why a compatible vehicle is not capable of one endpoint. */
export type IncapabilityReason = 'VEHICLE_NOT_CAPABLE' | 'SMARTCAR_NOT_CAPABLE';

/** One entry of `capabilities`: an endpoint a requested permission authorises. */
export interface CapabilityAnswer {
  readonly capable: boolean;
  readonly endpoint: string;
  readonly permission: string;
  readonly reason: IncapabilityReason | null;
}

/** The body of `GET /compatibility`. */
export interface CompatibilityByVinAnswer {
  readonly compatible: boolean;
  readonly reason: IncompatibilityReason | null;
  readonly capabilities: readonly CapabilityAnswer[];
}

/** A request the decoder refuses; `field` is the query parameter at fault. */
export interface CompatibilityProblem {
  readonly field: string;
  readonly message: string;
}

/** The country the SDK and the seeds assume when none is given. */
export const DEFAULT_COUNTRY = 'US';

/** The only country whose capabilities are answered (the seeds: "only ... vehicles sold in the United States"). */
const CAPABILITIES_COUNTRY = 'US';

/** Countries whose VINs must carry a valid check digit (49 CFR 565 in the US; Canada follows it). */
const checkDigitCountries: ReadonlySet<string> = new Set(['US', 'CA']);

/** ISO 3166-1 codes of the countries the `EUROPE` region of the makes catalog covers (EEA, UK, Switzerland). */
const europeanCountries: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL',
  'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB', 'CH',
]);

/** The makes-catalog region a country belongs to, or undefined where Carport connects no make. */
export function regionOfCountry(country: string): Region | undefined {
  const upper = country.toUpperCase();
  if (upper === 'US' || upper === 'CA') return upper;
  return europeanCountries.has(upper) ? 'EUROPE' : undefined;
}

/**
 * What is wrong with a VIN for a country: length, characters, model-year character, and the check
 * digit. The check digit is required only for North American countries: it is mandatory there, while
 * European VINs often carry none. So the seeds' sample `5YJSA1CN5DFP00101` (check digit 5, correct
 * would be 6) is refused for the US and accepted for Germany.
 */
export function vinProblemsFor(vin: string, country: string = DEFAULT_COUNTRY): string[] {
  return vinProblems(vin, { requireCheckDigit: checkDigitCountries.has(country.toUpperCase()) });
}

/** Splits a space-separated list, dropping empty items and duplicates, keeping order. */
export function spaceSeparated(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(' ').filter((item) => item !== ''))];
}

/** Problems with the request as a whole: an invalid VIN, unknown permissions, a malformed country. */
export function compatibilityRequestProblems(vin: string, scope: string, country: string = DEFAULT_COUNTRY): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = vinProblemsFor(vin, country).map((message) => ({ field: 'vin', message }));
  const unknown = spaceSeparated(scope).filter((permission) => !isPermissionName(permission));
  if (unknown.length > 0) problems.push({ field: 'scope', message: `unknown permissions: ${unknown.join(', ')}` });
  if (!/^[A-Za-z]{2}$/.test(country)) problems.push({ field: 'country', message: 'must be an ISO 3166-1 alpha-2 country code' });
  return problems;
}

/**
 * The path an endpoint is shown under in a capability: without the `/vehicles/{id}` prefix, as the
 * seeds show (`/battery/capacity`), and with a make-specific `{make}` filled in (`/tesla/charge`).
 */
export function capabilityPath(endpoint: EndpointDefinition, make: MakeDefinition): string {
  const path = endpoint.path.replace(/^\/vehicles\/\{id\}/, '').replace('{make}', make.pathSegment);
  return path === '' ? '/' : path;
}

/** The vehicle endpoints `permission` authorises that exist for `make` (generic ones and the make's own). */
export function endpointsForPermission(permission: string, make: MakeDefinition): EndpointDefinition[] {
  return endpointCatalog.filter(
    (endpoint: EndpointDefinition) =>
      endpoint.surface === 'vehicle' && endpoint.permission === permission && (endpoint.makes === null || endpoint.makes.includes(make.pathSegment)),
  );
}

/**
 * The models a VIN may be: the one it encodes when it is a VIN the simulator issued (as the fleet
 * rebuilds a vehicle from it), otherwise every model of the make built in its model year. With
 * several candidates an endpoint counts as capable when one of them has it: the seeds prefer false
 * positives to false negatives.
 */
function candidateModels(make: string, decodedModel: VehicleModel | undefined, modelYear: number | undefined): readonly VehicleModel[] {
  if (decodedModel !== undefined && decodedModel.make === make) return [decodedModel];
  if (modelYear === undefined) return [];
  return modelsOf(make).filter((model) => builtIn(model, modelYear));
}

/** Endpoint ids any of `models` supports in `region` (strings, so any catalog entry's id can be looked up). */
export function capabilitiesOfAny(models: readonly VehicleModel[], region: Region): Set<string> {
  const all = new Set<string>();
  for (const model of models) for (const id of modelCapabilities(model, region)) all.add(id);
  return all;
}

/** Input of {@link compatibilityByVin}; the VIN must already be valid (see {@link compatibilityRequestProblems}). */
export interface CompatibilityByVinQuery {
  readonly vin: string;
  /** Known permission names, in the order they were requested. */
  readonly permissions: readonly string[];
  readonly country?: string;
}

/**
 * The answer for a valid VIN. A make Carport does not know, or does not connect in the country's
 * region, is `MAKE_NOT_COMPATIBLE`; a known make without a model built in the VIN's model year is
 * `NO_CONNECTIVITY` (too old for connected services). Capabilities are listed only for the US,
 * one per endpoint each permission authorises, in scope order then catalog order.
 * @example compatibilityByVin({ vin: '5YJ3E1EA7KF317000', permissions: ['read_vin'] }).compatible // true
 */
export function compatibilityByVin(query: CompatibilityByVinQuery): CompatibilityByVinAnswer {
  const country = (query.country ?? DEFAULT_COUNTRY).toUpperCase();
  const decoded = decodeVin(query.vin);
  const region = regionOfCountry(country);
  const makeId = decoded.makes.find((id) => region !== undefined && (findMake(id)?.regions.includes(region) ?? false));
  const make = makeId === undefined ? undefined : findMake(makeId);
  if (make === undefined || region === undefined) return { compatible: false, reason: 'MAKE_NOT_COMPATIBLE', capabilities: [] };
  const candidates = candidateModels(make.id, decoded.model, decoded.modelYear);
  if (candidates.length === 0) return { compatible: false, reason: 'NO_CONNECTIVITY', capabilities: [] };
  if (country !== CAPABILITIES_COUNTRY) return { compatible: true, reason: null, capabilities: [] };
  // The capabilities of the models as sold in the country's region, as the matrix for that region lists them.
  const vehicle = capabilitiesOfAny(candidates, region);
  const anyModelOfMake = capabilitiesOfAny(modelsOf(make.id), region);
  const capabilities = query.permissions.flatMap((permission) =>
    endpointsForPermission(permission, make).map((endpoint): CapabilityAnswer => {
      const capable = vehicle.has(endpoint.id);
      const reason = capable ? null : anyModelOfMake.has(endpoint.id) ? 'VEHICLE_NOT_CAPABLE' : 'SMARTCAR_NOT_CAPABLE';
      return { capable, endpoint: capabilityPath(endpoint, make), permission, reason };
    }),
  );
  return { compatible: true, reason: null, capabilities };
}
