import { describe, it, expect } from 'vitest';
import {
  findMake,
  findMakeByPathSegment,
  makeCatalog,
  makesByRegion,
  makesForVin,
  plannedMakeCatalog,
  searchMakes,
  searchPlannedMakes,
  sharedWmis,
} from '../../src/catalog/makes.js';
import type { Region } from '../../src/catalog/types.js';

/** The seeds' Makes page (api-reference/makes), table by table. */
const seedMakes: Readonly<Record<Region, readonly string[]>> = {
  US: [
    'ACURA', 'AUDI', 'BMW', 'BUICK', 'CADILLAC', 'CHEVROLET', 'CHRYSLER', 'DODGE', 'FORD', 'GMC',
    'HYUNDAI', 'INFINITI', 'JAGUAR', 'JEEP', 'KIA', 'LAND_ROVER', 'LEXUS', 'LINCOLN', 'MAZDA',
    'MERCEDES_BENZ', 'MINI', 'NISSAN', 'PORSCHE', 'RAM', 'RIVIAN', 'SUBARU', 'TESLA', 'TOYOTA',
    'VOLKSWAGEN', 'VOLVO',
  ],
  EUROPE: [
    'AUDI', 'ALFA_ROMEO', 'BMW', 'CITROEN', 'CUPRA', 'DS', 'FIAT', 'FORD', 'HYUNDAI', 'JAGUAR', 'KIA',
    'LAND_ROVER', 'MAZDA', 'MERCEDES_BENZ', 'MINI', 'NISSAN', 'OPEL', 'PEUGEOT', 'PORSCHE', 'RENAULT',
    'SKODA', 'TESLA', 'VAUXHALL', 'VOLKSWAGEN', 'VOLVO',
  ],
  CA: [
    'ACURA', 'AUDI', 'BMW', 'BUICK', 'CADILLAC', 'CHEVROLET', 'CHRYSLER', 'DODGE', 'FORD', 'GMC',
    'HYUNDAI', 'JAGUAR', 'JEEP', 'KIA', 'LAND_ROVER', 'LEXUS', 'LINCOLN', 'MINI', 'RAM', 'TESLA',
    'TOYOTA', 'VOLVO',
  ],
};

/** Makes the changelogs add, and NIO (seed 000), with the region Carport gives them. */
const laterMakes: readonly (readonly [string, Region])[] = [
  ['MG', 'EUROPE'],
  ['DACIA', 'EUROPE'],
  ['HONDA', 'US'],
  ['NIO', 'EUROPE'],
];

const regions = Object.keys(seedMakes) as Region[];
const wmiPattern = /^[A-HJ-NPR-Z0-9]{3}$/;

describe('make catalog', () => {
  for (const region of regions) {
    it.each(seedMakes[region])(`has %s in ${region}`, (id) => {
      expect(findMake(id)?.regions).toContain(region);
      expect(makesByRegion(region).map((make) => make.id)).toContain(id);
    });
  }

  it.each(laterMakes)('has %s in %s', (id, region) => {
    expect(findMake(id)?.regions).toContain(region);
  });

  it('has unique ids and lower-case path segments equal to the id', () => {
    const ids = makeCatalog.map((make) => make.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const make of makeCatalog) {
      expect(make.pathSegment).toBe(make.id.toLowerCase());
      expect(findMakeByPathSegment(make.pathSegment)?.id).toBe(make.id);
      expect(make.displayName.trim()).not.toBe('');
      expect(make.regions.length, make.id).toBeGreaterThan(0);
    }
  });

  it('matches path segments exactly, as upper case is an error', () => {
    expect(findMakeByPathSegment('TESLA')).toBeUndefined();
    expect(findMakeByPathSegment('mercedes_benz')?.id).toBe('MERCEDES_BENZ');
  });

  it('gives every make well-formed WMIs, shared only where sharedWmis says why', () => {
    const owners = new Map<string, string[]>();
    for (const make of makeCatalog) {
      expect(make.wmis.length, make.id).toBeGreaterThan(0);
      expect(new Set(make.wmis).size, make.id).toBe(make.wmis.length);
      for (const wmi of make.wmis) {
        expect(wmi, make.id).toMatch(wmiPattern);
        owners.set(wmi, [...(owners.get(wmi) ?? []), make.id]);
      }
    }
    const shared = Object.fromEntries([...owners].filter(([, makes]) => makes.length > 1));
    expect(shared).toEqual(Object.fromEntries(Object.entries(sharedWmis).map(([wmi, note]) => [wmi, [...note.makes]])));
    for (const note of Object.values(sharedWmis)) expect(note.reason.trim()).not.toBe('');
  });

  it('finds the make of a VIN', () => {
    expect(makesForVin('5YJSA1CN5DFP00101').map((make) => make.id)).toEqual(['TESLA']);
    expect(makesForVin('w0l0xcf0814000000').map((make) => make.id)).toEqual(['OPEL', 'VAUXHALL']);
    expect(makesForVin('ZZZ00000000000000')).toEqual([]);
  });
});

describe('searchMakes', () => {
  const ids = (query: string): string[] => searchMakes(query).map((make) => make.id);

  it('finds brands by alias', () => {
    expect(ids('vw')).toContain('VOLKSWAGEN');
    expect(ids('chevy')).toContain('CHEVROLET');
    expect(ids('Merc')[0]).toBe('MERCEDES_BENZ');
    expect(ids('range rover')).toEqual(['LAND_ROVER']);
  });

  it('ignores case, accents and separators', () => {
    expect(ids('citroen')).toContain('CITROEN');
    expect(ids('CITROËN')).toContain('CITROEN');
    expect(ids('skoda')).toContain('SKODA');
    expect(ids('mercedes benz')).toEqual(['MERCEDES_BENZ']);
    expect(ids('land_rover')).toEqual(['LAND_ROVER']);
  });

  it('puts exact names before prefixes and other matches', () => {
    expect(ids('mini')[0]).toBe('MINI');
    expect(ids('ds')[0]).toBe('DS');
  });

  it('returns every make for an empty query and none for nonsense', () => {
    expect(searchMakes('  ')).toHaveLength(makeCatalog.length);
    expect(searchMakes('zzzz')).toEqual([]);
  });
});

describe('planned makes', () => {
  const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

  it('share no name with a make Carport connects, and cannot be found or connected as one', () => {
    const connectable = new Set(makeCatalog.flatMap((make) => [make.id, make.displayName, ...make.aliases].map(fold)));
    for (const planned of plannedMakeCatalog) {
      for (const name of [planned.id, planned.displayName, ...planned.aliases]) expect(connectable.has(fold(name)), name).toBe(false);
      expect(findMake(planned.id)).toBeUndefined();
      expect(searchMakes(planned.displayName)).toEqual([]);
    }
  });

  it('are found by a search for them, never by an empty one', () => {
    expect(searchPlannedMakes('polestar')).toEqual([{ id: 'POLESTAR', displayName: 'Polestar', aliases: [] }]);
    expect(searchPlannedMakes('Lucid Motors').map((make) => make.id)).toEqual(['LUCID']);
    expect(searchPlannedMakes('  ')).toEqual([]);
    expect(searchPlannedMakes('tesla')).toEqual([]);
  });
});
