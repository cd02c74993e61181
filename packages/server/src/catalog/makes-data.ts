/** @module The makes Carport knows: the seeds' Makes page, the makes its changelogs add, and NIO. */
import type { MakeDefinition, PlannedMakeDefinition, Region, SignInIdentifierKind } from './types.js';

/** A catalog entry whose id and path segment keep their literal types. */
export type MakeEntry<Id extends string = string> = MakeDefinition & {
  readonly id: Id;
  readonly pathSegment: Lowercase<Id>;
};

/** Most makes' accounts sign in with an email address. */
const EMAIL_ONLY: readonly SignInIdentifierKind[] = ['email'];
/** Kia and Mercedes-Benz accounts may also sign in with the phone number registered with them. */
const EMAIL_OR_PHONE: readonly SignInIdentifierKind[] = ['email', 'phone'];

type MakeDraft<Id extends string> = Omit<MakeDefinition, 'id' | 'pathSegment' | 'signInWith'> & { readonly id: Id; readonly signInWith?: readonly SignInIdentifierKind[] };

/** Derives the path segment from the id, so the two can never disagree; sign-in is by email unless the entry says otherwise. */
function make<const Id extends string>(definition: MakeDraft<Id>): MakeEntry<Id> {
  return { ...definition, signInWith: definition.signInWith ?? EMAIL_ONLY, pathSegment: definition.id.toLowerCase() as Lowercase<Id> };
}

const US_CA_EU: readonly Region[] = ['US', 'CA', 'EUROPE'];
const US_CA: readonly Region[] = ['US', 'CA'];
const US_EU: readonly Region[] = ['US', 'EUROPE'];
const US: readonly Region[] = ['US'];
const EU: readonly Region[] = ['EUROPE'];

/**
 * Regions are the Makes page's tables. Makes missing from them come from the changelogs: MG and Dacia
 * (Europe), Honda (the Prologue, sold in the US and Canada); NIO is sold in Europe. WMIs are the
 * manufacturers' published assignments for the plants that build each brand's cars for these regions.
 */
export const makeCatalog = [
  make({ id: 'ACURA', displayName: 'Acura', regions: US_CA, aliases: [], wmis: ['19U', '5J8', 'JH4'] }),
  make({ id: 'ALFA_ROMEO', displayName: 'Alfa Romeo', regions: EU, aliases: ['Alfa'], wmis: ['ZAR', 'ZAS'] }),
  make({ id: 'AUDI', displayName: 'Audi', regions: US_CA_EU, aliases: [], wmis: ['WAU', 'WA1', 'WUA', 'TRU'] }),
  make({ id: 'BMW', displayName: 'BMW', regions: US_CA_EU, aliases: ['Bayerische Motoren Werke', 'Bimmer', 'Beemer'],
    wmis: ['WBA', 'WBS', 'WBY', '5UX', '5YM', '3MW'] }),
  make({ id: 'BUICK', displayName: 'Buick', regions: US_CA, aliases: [], wmis: ['1G4', '5GA', 'KL4', 'LRB'] }),
  make({ id: 'CADILLAC', displayName: 'Cadillac', regions: US_CA, aliases: ['Caddy'], wmis: ['1G6', '1GY', '3GY'] }),
  make({ id: 'CHEVROLET', displayName: 'Chevrolet', regions: US_CA, aliases: ['Chevy', 'Chev'],
    wmis: ['1G1', '1GC', '1GN', '2G1', '2GN', '3G1', '3GC', '3GN', 'KL7', 'KL8'] }),
  make({ id: 'CHRYSLER', displayName: 'Chrysler', regions: US_CA, aliases: [], wmis: ['1C3', '2C3', '2C4', '3C4'] }),
  make({ id: 'CITROEN', displayName: 'Citroën', regions: EU, aliases: ['Citroen'], wmis: ['VF7', 'VR7'] }),
  make({ id: 'CUPRA', displayName: 'CUPRA', regions: EU, aliases: [], wmis: ['VSS'] }),
  make({ id: 'DACIA', displayName: 'Dacia', regions: EU, aliases: [], wmis: ['UU1'] }),
  make({ id: 'DODGE', displayName: 'Dodge', regions: US_CA, aliases: [], wmis: ['1B3', '2B3', '1C3', '1C4', '2C3', '2C4', '3C4'] }),
  make({ id: 'DS', displayName: 'DS', regions: EU, aliases: ['DS Automobiles'], wmis: ['VR1'] }),
  make({ id: 'FIAT', displayName: 'Fiat', regions: EU, aliases: [], wmis: ['ZFA'] }),
  make({ id: 'FORD', displayName: 'Ford', regions: US_CA_EU, aliases: [],
    wmis: ['1FA', '1FM', '1FT', '2FM', '3FA', '3FM', '3FT', 'WF0', 'NM0'] }),
  make({ id: 'GMC', displayName: 'GMC', regions: US_CA, aliases: ['Hummer'], wmis: ['1GT', '1GK', '2GT', '3GT', '2GK', '3GK'] }),
  make({ id: 'HONDA', displayName: 'Honda', regions: US_CA, aliases: [],
    wmis: ['1HG', '2HG', '2HK', '5FN', '5J6', '7FA', '19X', 'JHM', 'SHH'] }),
  make({ id: 'HYUNDAI', displayName: 'Hyundai', regions: US_CA_EU, aliases: [], wmis: ['KMH', 'KM8', '5NP', '5NM', 'TMA', 'NLH'] }),
  make({ id: 'INFINITI', displayName: 'Infiniti', regions: US, aliases: ['Infinity'], wmis: ['JNK', 'JNR', '3PC'] }),
  make({ id: 'JAGUAR', displayName: 'Jaguar', regions: US_CA_EU, aliases: ['Jag', 'JLR'], wmis: ['SAJ', 'SAD'] }),
  make({ id: 'JEEP', displayName: 'Jeep', regions: US_CA, aliases: [], wmis: ['1J4', '1J8', '1C4', '3C4', 'ZAC'] }),
  make({ id: 'KIA', displayName: 'Kia', regions: US_CA_EU, aliases: [], wmis: ['KNA', 'KND', '5XY', '5XX', 'U5Y', '3KP'], signInWith: EMAIL_OR_PHONE }),
  // JLR now sells Range Rover, Defender and Discovery as brands of their own; owners search for them.
  make({ id: 'LAND_ROVER', displayName: 'Land Rover', regions: US_CA_EU,
    aliases: ['Range Rover', 'Landrover', 'Defender', 'Discovery', 'JLR'], wmis: ['SAL'] }),
  make({ id: 'LEXUS', displayName: 'Lexus', regions: US_CA, aliases: [], wmis: ['JTH', 'JTJ', '2T2', '58A'] }),
  make({ id: 'LINCOLN', displayName: 'Lincoln', regions: US_CA, aliases: [], wmis: ['1LN', '2LM', '3LN', '5LM'] }),
  make({ id: 'MAZDA', displayName: 'Mazda', regions: US_EU, aliases: [], wmis: ['JM1', 'JM3', 'JMZ', '3MZ', '3MV', '7MM'] }),
  make({ id: 'MERCEDES_BENZ', displayName: 'Mercedes-Benz', regions: US_EU,
    aliases: ['Mercedes', 'Merc', 'Benz', 'MB', 'Mercedes-AMG', 'Mercedes-Maybach'],
    wmis: ['WDB', 'WDC', 'WDD', 'W1K', 'W1N', 'W1V', '4JG', '55S'], signInWith: EMAIL_OR_PHONE }),
  make({ id: 'MG', displayName: 'MG', regions: EU, aliases: ['MG Motor', 'Morris Garages'], wmis: ['LSJ'] }),
  make({ id: 'MINI', displayName: 'MINI', regions: US_CA_EU, aliases: ['Mini Cooper'], wmis: ['WMW', 'WMZ'] }),
  // NIO's cars are built under contract by JAC, whose WMI they carry; JAC is not a Carport make.
  make({ id: 'NIO', displayName: 'NIO', regions: EU, aliases: [], wmis: ['LJ1'] }),
  make({ id: 'NISSAN', displayName: 'Nissan', regions: US_EU, aliases: [], wmis: ['JN1', 'JN8', '1N4', '1N6', '3N1', '5N1', 'SJN', 'VSK'] }),
  make({ id: 'OPEL', displayName: 'Opel', regions: EU, aliases: [], wmis: ['W0L', 'W0V', 'VXK'] }),
  make({ id: 'PEUGEOT', displayName: 'Peugeot', regions: EU, aliases: [], wmis: ['VF3', 'VR3'] }),
  make({ id: 'PORSCHE', displayName: 'Porsche', regions: US_EU, aliases: [], wmis: ['WP0', 'WP1'] }),
  make({ id: 'RAM', displayName: 'Ram', regions: US_CA, aliases: ['Ram Trucks', 'Dodge Ram'], wmis: ['1C6', '3C6', '3C7'] }),
  make({ id: 'RENAULT', displayName: 'Renault', regions: EU, aliases: [], wmis: ['VF1'] }),
  make({ id: 'RIVIAN', displayName: 'Rivian', regions: US, aliases: [], wmis: ['7FC', '7PD'] }),
  make({ id: 'SKODA', displayName: 'Škoda', regions: EU, aliases: ['Skoda'], wmis: ['TMB'] }),
  make({ id: 'SUBARU', displayName: 'Subaru', regions: US, aliases: [], wmis: ['JF1', 'JF2', '4S3', '4S4'] }),
  make({ id: 'TESLA', displayName: 'Tesla', regions: US_CA_EU, aliases: ['Tesla Motors'], wmis: ['5YJ', '7SA', '7G2', 'LRW', 'XP7'] }),
  make({ id: 'TOYOTA', displayName: 'Toyota', regions: US_CA, aliases: [],
    wmis: ['JTD', 'JTE', 'JTM', 'JTN', '2T1', '2T3', '4T1', '4T3', '5TD', '5TF', '5YF', '3TM', '7MU', 'SB1', 'NMT', 'VNK'] }),
  // Vauxhalls are Opels with another badge and carry the same WMIs.
  make({ id: 'VAUXHALL', displayName: 'Vauxhall', regions: EU, aliases: [], wmis: ['W0L', 'W0V', 'VXK'] }),
  make({ id: 'VOLKSWAGEN', displayName: 'Volkswagen', regions: US_EU, aliases: ['VW'],
    wmis: ['WVW', 'WVG', 'WV1', 'WV2', '1VW', '3VW', '1V2', '3VV'] }),
  make({ id: 'VOLVO', displayName: 'Volvo', regions: US_CA_EU, aliases: [], wmis: ['YV1', 'YV4', '7JR', 'LYV'] }),
] as const;

/**
 * WMIs that more than one make carries, and why. A VIN with one of these needs more than its first
 * three characters to tell the make; the makes test fails if a WMI is shared without an entry here.
 */
export const sharedWmis: Readonly<Record<string, { readonly makes: readonly string[]; readonly reason: string }>> = {
  '1C3': { makes: ['CHRYSLER', 'DODGE'], reason: 'FCA US assigns WMIs by plant and vehicle type, not by brand.' },
  '1C4': { makes: ['DODGE', 'JEEP'], reason: 'FCA US multipurpose vehicles of several brands share it.' },
  '2C3': { makes: ['CHRYSLER', 'DODGE'], reason: 'FCA Canada (Brampton) builds both brands under it.' },
  '2C4': { makes: ['CHRYSLER', 'DODGE'], reason: 'FCA Canada (Windsor) minivans of both brands share it.' },
  '3C4': { makes: ['CHRYSLER', 'DODGE', 'JEEP'], reason: 'FCA Mexico multipurpose vehicles of several brands share it.' },
  W0L: { makes: ['OPEL', 'VAUXHALL'], reason: 'Vauxhall sells Opel vehicles under its own badge.' },
  W0V: { makes: ['OPEL', 'VAUXHALL'], reason: 'Vauxhall sells Opel vehicles under its own badge.' },
  VXK: { makes: ['OPEL', 'VAUXHALL'], reason: 'Vauxhall sells Opel vehicles under its own badge.' },
};

/**
 * Brands brand search shows as coming soon. The seeds describe the feature but name no brand, so this
 * list is Carport's own: brands owners already look for that no Carport provider connects yet. Being
 * listed promises no date; a brand leaves the list when it joins `makeCatalog` (the makes test checks
 * that the two never share a name).
 */
export const plannedMakeCatalog = [
  { id: 'GENESIS', displayName: 'Genesis', aliases: ['Genesis Motor'] },
  { id: 'LUCID', displayName: 'Lucid', aliases: ['Lucid Motors'] },
  { id: 'POLESTAR', displayName: 'Polestar', aliases: [] },
] as const satisfies readonly PlannedMakeDefinition[];
