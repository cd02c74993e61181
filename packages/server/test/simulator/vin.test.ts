/** @module VINs: the validator and decoder on known VINs, and the validity of every VIN the simulator issues. */
import { describe, expect, it } from 'vitest';
import { findMake, makeCatalog } from '../../src/catalog/makes.js';
import {
  Random, decodeModelYear, decodeVin, fleetVehicleSpec, hashString, isValidVin, modelCapabilities, modelYearCharacter, modelsOf, newVehicleSpec,
  simulatedVin, specFromVin, vinCheckDigit, vinProblems,
} from '../../src/simulator/index.js';

describe('VIN validation', () => {
  it('accepts VINs with correct check digits', () => {
    // The check-digit example of 49 CFR 565; the seeds' sample Tesla VIN only with its check digit corrected (it carries 5, not 6).
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true);
    expect(vinProblems('5YJSA1CN6DFP00101')).toEqual([]);
    expect(vinProblems('5YJSA1CN5DFP00101')).toEqual(['the check digit (position 9) should be 6, not 5']);
  });

  it('names each problem of an invalid VIN', () => {
    expect(vinProblems('5YJSA1CN5DFP0010')).toEqual(['a VIN has 17 characters, not 16']);
    expect(vinProblems('5YJSA1CN4DFP00101')).toEqual(['the check digit (position 9) should be 6, not 4']);
    expect(vinProblems('5YJSA1CO6DFP00101')).toEqual(['characters O never appear in a VIN']);
    expect(vinProblems('5YJSA1CN6UFP00101')).toContain('position 10 (U) is not a model-year character');
    // Europe does not require the check digit.
    expect(isValidVin('WVWZZZ1KZ6W000001', { requireCheckDigit: false })).toBe(true);
  });

  it('decodes the model year, telling the 30-year cycles apart by position 7', () => {
    expect(decodeModelYear('5YJSA1CN5DFP00101')).toBe(2013);
    expect(decodeModelYear('1M8GDM9AXKP042788')).toBe(1989);
    expect(modelYearCharacter(2024)).toBe('R');
    expect(modelYearCharacter(2031)).toBe('1');
    expect(() => modelYearCharacter(1979)).toThrow(RangeError);
  });

  it('decodes the make from the WMI', () => {
    expect(decodeVin('5YJSA1CN5DFP00101').makes).toEqual(['TESLA']);
    expect(decodeVin('ZZZ00000000000000').makes).toEqual([]);
  });
});

describe('simulated VINs', () => {
  const fleet = Array.from({ length: makeCatalog.length * 40 }, (_unused, index) => fleetVehicleSpec(hashString('vin-test'), index, (make, vin) => `${make}/${vin}`));

  it('are valid, carry the make’s real WMI and the model year, and are unique', () => {
    for (const spec of fleet) {
      expect(vinProblems(spec.vin), spec.vin).toEqual([]);
      expect(findMake(spec.make)?.wmis, spec.vin).toContain(spec.vin.slice(0, 3));
      expect(spec.vin.charAt(9)).toBe(modelYearCharacter(spec.year));
      expect(spec.year).toBeGreaterThanOrEqual(spec.model.firstYear);
      expect(spec.year).toBeLessThanOrEqual(spec.model.lastYear);
    }
    expect(new Set(fleet.map((spec) => spec.vin)).size).toBe(fleet.length);
  });

  it('decode back to the same make, model, year and battery, shared WMIs included', () => {
    for (const spec of fleet) {
      const decoded = decodeVin(spec.vin);
      expect(decoded.makes[0], spec.vin).toBe(spec.make);
      expect(decoded.model, spec.vin).toBe(spec.model);
      expect(decoded.modelYear).toBe(spec.year);
      expect(decoded.batteryVariant).toBe(spec.batteryVariant);
      expect(specFromVin('key', spec.make, spec.vin)).toEqual({ ...spec, key: 'key' });
    }
  });

  it('cover every model of every make with a valid VIN', () => {
    for (const make of makeCatalog) {
      for (const model of modelsOf(make.id)) {
        for (let variant = 0; variant < Math.max(1, model.batteries.length); variant++) {
          const vin = simulatedVin({ model, batteryVariant: variant, year: model.lastYear, entropy: 123_456 });
          expect(isValidVin(vin), `${make.id} ${model.name}`).toBe(true);
          expect(decodeVin(vin).model).toBe(model);
        }
      }
    }
  });

  it('give a tester’s VIN a model of the requested powertrain and its model year', () => {
    const spec = specFromVin('test/FORD/x', 'FORD', '1FTFW1E50PFA00001', ['BEV']);
    expect(spec.model.powertrain).toBe('BEV');
    expect(spec.vin).toBe('1FTFW1E50PFA00001');
    expect(spec.year).toBe(2023);
    expect(modelCapabilities(spec.model, 'US').has('getFuelTank')).toBe(false);
  });

  it('draw account vehicles deterministically', () => {
    const model = modelsOf('KIA')[0];
    if (model === undefined) throw new Error('no Kia');
    expect(newVehicleSpec('k', model, new Random(1), 99)).toEqual(newVehicleSpec('k', model, new Random(1), 99));
  });
});
