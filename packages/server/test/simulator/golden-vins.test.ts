/**
 * @module Stored VINs depend on how the simulator derives them: a vehicle is rebuilt from its VIN
 * alone, so a change to the derivation (or to the model lists the VIN indexes) silently turns stored
 * vehicles into other cars. The checked-in fixture pins both directions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeVin, vinProblems } from '../../src/simulator/index.js';
import { deriveGoldenVins, formatGoldenVins, goldenVinsUrl, parseGoldenVins } from './golden-vins.js';

const fixture = readFileSync(goldenVinsUrl, 'utf8');

describe('golden VINs', () => {
  it('are what the simulator still derives for every model and the default fleet', () => {
    // An intended change rewrites the fixture with writeGoldenVins (golden-vins.ts says how).
    expect(formatGoldenVins(deriveGoldenVins())).toBe(fixture);
  });

  it.each(parseGoldenVins(fixture).map((row) => [row.derivation, row.vin, row] as const))('%s %s decodes back to its make, model, year and battery', (_derivation, vin, row) => {
    const decoded = decodeVin(vin);
    expect(vinProblems(vin)).toEqual([]);
    expect({ make: decoded.makes[0], model: decoded.model?.name, year: decoded.modelYear, battery: decoded.batteryVariant }).toEqual({
      make: row.make,
      model: row.model,
      year: row.year,
      battery: row.battery,
    });
  });
});
