/** @module What a Tesla VIN says without asking the car: its model year, and its model when the car is too asleep to tell. */

/** Model year codes of VIN position 10 from 2010 on (I, O, Q, U, Z and 0 are never used). */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY';

/** The model year a VIN encodes (the 30-year cycle resolved to the years Fleet API cars are built in). */
export function modelYearOfVin(vin: string): number {
  const code = vin.charAt(9).toUpperCase();
  const index = yearCodes.indexOf(code);
  if (index >= 0) return 2010 + index;
  const digit = Number(code);
  return Number.isInteger(digit) && digit >= 1 ? 2030 + digit : new Date().getUTCFullYear();
}

const modelLetters: Readonly<Record<string, string>> = { '3': 'Model 3', Y: 'Model Y', S: 'Model S', X: 'Model X', C: 'Cybertruck' };

/** Tesla's model letter at VIN position 4, when it is one. */
export function modelOfVin(vin: string): string | null {
  return modelLetters[vin.charAt(3).toUpperCase()] ?? null;
}
