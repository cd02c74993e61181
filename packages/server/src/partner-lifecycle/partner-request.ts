/** @module Checks a partner's request for access before it is stored: known packages, makes and regions, usable addresses. */
import { findMake } from '../catalog/makes.js';
import { isDataPackageId, type DataPackageId } from '../catalog/permissions.js';
import type { ValidationDetail } from '../catalog/api-error.js';
import type { PartnerRequest } from '../store/index.js';

/** The regions a request may name, as the make catalog spells them. */
export const requestRegions = ['US', 'CA', 'EUROPE'] as const;

/** A request as a client or the CLI sends it, before checking. */
export interface PartnerRequestInput {
  readonly company: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly website?: string | null;
  readonly intendedUse: string;
  readonly dataPackages: readonly string[];
  readonly makes?: readonly string[];
  readonly regions?: readonly string[];
  readonly privacyPolicyUrl?: string | null;
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function webAddressProblem(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an absolute http(s) URL';
  }
}

/**
 * The request checked and normalised (makes upper-cased, duplicates dropped), or the problems with
 * it, one per field, in the `detail` shape of a VALIDATION error.
 */
export function checkPartnerRequest(input: PartnerRequestInput): { readonly ok: true; readonly request: PartnerRequest } | { readonly ok: false; readonly problems: ValidationDetail[] } {
  const problems: ValidationDetail[] = [];
  const required = (field: keyof PartnerRequestInput, value: string): void => {
    if (value.trim() === '') problems.push({ field, message: 'must not be empty' });
  };
  required('company', input.company);
  required('contactName', input.contactName);
  required('intendedUse', input.intendedUse);
  if (!emailShape.test(input.contactEmail)) problems.push({ field: 'contactEmail', message: 'must be an email address' });
  for (const field of ['website', 'privacyPolicyUrl'] as const) {
    const value = input[field];
    const problem = value == null ? null : webAddressProblem(value);
    if (problem !== null) problems.push({ field, message: problem });
  }
  const unknownPackages = input.dataPackages.filter((id) => !isDataPackageId(id));
  if (input.dataPackages.length === 0) problems.push({ field: 'dataPackages', message: 'must name at least one data package' });
  if (unknownPackages.length > 0) problems.push({ field: 'dataPackages', message: `unknown data packages: ${unknownPackages.join(', ')}` });
  const makes = [...new Set((input.makes ?? []).map((make) => make.toUpperCase()))];
  const unknownMakes = makes.filter((make) => findMake(make) === undefined);
  if (unknownMakes.length > 0) problems.push({ field: 'makes', message: `unknown makes: ${unknownMakes.join(', ')}` });
  const regions = [...new Set(input.regions ?? [])];
  const unknownRegions = regions.filter((region) => !requestRegions.some((known) => known === region));
  if (unknownRegions.length > 0) problems.push({ field: 'regions', message: `unknown regions: ${unknownRegions.join(', ')} (known: ${requestRegions.join(', ')})` });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      company: input.company.trim(),
      contactName: input.contactName.trim(),
      contactEmail: input.contactEmail.trim(),
      website: input.website ?? null,
      intendedUse: input.intendedUse.trim(),
      dataPackages: [...new Set(input.dataPackages.filter((id): id is DataPackageId => isDataPackageId(id)))],
      makes,
      regions,
      privacyPolicyUrl: input.privacyPolicyUrl ?? null,
    },
  };
}
