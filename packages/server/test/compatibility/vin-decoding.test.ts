/** @module VIN decoding for the Compatibility API: a table of real-format VINs of several makes, valid and invalid. */
import { describe, expect, it } from 'vitest';
import { vinProblemsFor } from '../../src/compatibility/compatibility-by-vin.js';
import { decodeVin } from '../../src/simulator/vin.js';

/** Real-format VINs (real WMIs and layouts, made-up serials) with correct North American check digits. */
const valid = [
  { vin: '5YJ3E1EA2KF317000', make: 'TESLA', year: 2019 },
  { vin: '1FTEW1E50LFA00001', make: 'FORD', year: 2020 },
  { vin: '1N4AZ1CPXJC300000', make: 'NISSAN', year: 2018 },
  { vin: '1G1FY6S06K4100000', make: 'CHEVROLET', year: 2019 },
  { vin: 'JTDKN3DU8A0000001', make: 'TOYOTA', year: 2010 },
  { vin: 'WBA8E9G54GNT00001', make: 'BMW', year: 2016 },
  { vin: '2HGFC2F52JH000001', make: 'HONDA', year: 2018 },
  { vin: '5YJSA1CN6DFP00101', make: 'TESLA', year: 2013 },
] as const;

describe('VIN decoding', () => {
  it.each(valid)('$vin is a valid $make VIN of $year', ({ vin, make, year }) => {
    expect(vinProblemsFor(vin, 'US')).toEqual([]);
    expect(vinProblemsFor(vin.toLowerCase(), 'US')).toEqual([]);
    const decoded = decodeVin(vin);
    expect(decoded.makes[0]).toBe(make);
    expect(decoded.modelYear).toBe(year);
  });

  it.each([
    ['too short', '5YJ3E1EA2KF31700', ['a VIN has 17 characters, not 16']],
    ['too long', '5YJ3E1EA2KF3170000', ['a VIN has 17 characters, not 18']],
    ['I, O and Q', '5YJ3E1EA2KF3I7O0Q', ['characters I, O, Q never appear in a VIN']],
    ['punctuation', '5YJ3E1EA2KF31700-', ['characters - never appear in a VIN']],
    ['a model-year character no VIN uses', '5YJ3E1EA2UF317000', ['position 10 (U) is not a model-year character', 'the check digit (position 9) should be 9, not 2']],
    ['a wrong check digit', '5YJ3E1EA7KF317000', ['the check digit (position 9) should be 2, not 7']],
  ])('refuses %s for the US', (_label, vin, problems) => {
    expect(vinProblemsFor(vin, 'US')).toEqual(problems);
  });

  it("refuses the seeds' own sample VIN in North America: its check digit is 5 where 6 is right", () => {
    expect(vinProblemsFor('5YJSA1CN5DFP00101', 'US')).toEqual(['the check digit (position 9) should be 6, not 5']);
    expect(vinProblemsFor('5YJSA1CN5DFP00101', 'ca')).toEqual(['the check digit (position 9) should be 6, not 5']);
  });

  it('does not require a check digit outside North America, where VINs often carry none', () => {
    expect(vinProblemsFor('5YJSA1CN5DFP00101', 'DE')).toEqual([]);
    expect(vinProblemsFor('WVWZZZAUZHW000001', 'DE')).toEqual([]);
    expect(decodeVin('WVWZZZAUZHW000001')).toMatchObject({ makes: ['VOLKSWAGEN'], modelYear: 2017 });
    expect(vinProblemsFor('WVWZZZAUZHW000001', 'US')).toEqual(['the check digit (position 9) should be 6, not Z']);
    // Length and characters are checked everywhere.
    expect(vinProblemsFor('WVWZZZAUZHW00000', 'DE')).toEqual(['a VIN has 17 characters, not 16']);
  });
});
