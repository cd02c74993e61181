/** @module Lookups over the make catalog: by id, by path segment, by region, by VIN, and brand search (planned brands included). */
import { makeCatalog, plannedMakeCatalog } from './makes-data.js';
import type { MakeDefinition, PlannedMakeDefinition, Region } from './types.js';

export { makeCatalog, plannedMakeCatalog, sharedWmis } from './makes-data.js';

/** Upper-case id of a catalog make, e.g. `MERCEDES_BENZ`. */
export type MakeId = (typeof makeCatalog)[number]['id'];

/** Lower-case path segment of a catalog make, e.g. `mercedes_benz`. */
export type MakePathSegment = (typeof makeCatalog)[number]['pathSegment'];

const byId: ReadonlyMap<string, MakeDefinition> = new Map(makeCatalog.map((make): [string, MakeDefinition] => [make.id, make]));
const byPathSegment: ReadonlyMap<string, MakeDefinition> = new Map(
  makeCatalog.map((make): [string, MakeDefinition] => [make.pathSegment, make]),
);

/**
 * A make by its upper-case id, exactly as Connect's `make` parameter and compatibility requests send it.
 * @example findMake('TESLA')?.displayName // 'Tesla'
 */
export function findMake(id: string): MakeDefinition | undefined {
  return byId.get(id);
}

/**
 * A make by the segment of a make-specific path. Matching is exact: the seeds answer an upper-case
 * segment with a PERMISSION error, so `TESLA` must not resolve.
 * @example findMakeByPathSegment('tesla')?.id // 'TESLA'
 */
export function findMakeByPathSegment(segment: string): MakeDefinition | undefined {
  return byPathSegment.get(segment);
}

/**
 * The makes that can be connected in a region, in catalog (alphabetical) order.
 * @example makesByRegion('CA').some((make) => make.id === 'RAM') // true
 */
export function makesByRegion(region: Region): MakeDefinition[] {
  return makeCatalog.filter((make) => make.regions.includes(region));
}

/**
 * The makes whose WMI matches the first three characters of a VIN. Usually one; several where a WMI is
 * shared (see `sharedWmis`), none for a make Carport does not know.
 * @example makesForVin('5YJSA1CN5DFP00101').map((make) => make.id) // ['TESLA']
 */
export function makesForVin(vin: string): MakeDefinition[] {
  const wmi = vin.slice(0, 3).toUpperCase();
  return makeCatalog.filter((make) => make.wmis.includes(wmi));
}

/** Folds case, accents and separators so "Citroën", "citroen" and "CITROEN" compare equal. */
function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** 0 for an exact name, 1 for a prefix, 2 for a match inside a name, undefined for none. */
function matchRank(make: PlannedMakeDefinition, query: string): number | undefined {
  const names = [make.id, make.displayName, ...make.aliases].map(normalize);
  if (names.includes(query)) return 0;
  if (names.some((name) => name.startsWith(query))) return 1;
  if (names.some((name) => name.includes(query))) return 2;
  return undefined;
}

/** The entries of `catalog` matching a non-empty normalized `needle`, best rank first, then catalog order. */
function ranked<T extends PlannedMakeDefinition>(catalog: readonly T[], needle: string): T[] {
  return catalog
    .map((make) => ({ make, rank: matchRank(make, needle) }))
    .filter((hit): hit is { make: T; rank: number } => hit.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((hit) => hit.make);
}

/**
 * Brand search for Connect's brand select: matches the id, display name and aliases, ignoring case,
 * accents, spaces and punctuation. Exact names come first, then prefixes, then other matches, each in
 * catalog order. An empty query matches every make, as an untouched search box shows them all.
 * @example searchMakes('vw').map((make) => make.id) // ['VOLKSWAGEN']
 */
export function searchMakes(query: string): MakeDefinition[] {
  const needle = normalize(query);
  return needle === '' ? [...makeCatalog] : ranked(makeCatalog, needle);
}

/**
 * The planned brands a search names, matched as {@link searchMakes} matches. An empty query names
 * none: a planned brand is shown to an owner who looks for it, not listed among those they can pick.
 * @example searchPlannedMakes('pole').map((make) => make.displayName) // ['Polestar']
 */
export function searchPlannedMakes(query: string): PlannedMakeDefinition[] {
  const needle = normalize(query);
  return needle === '' ? [] : ranked(plannedMakeCatalog, needle);
}
