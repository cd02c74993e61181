/** @module The model year a NIO's VIN encodes (position 10), as the vehicle list names no year. */

/** Model year codes of VIN position 10 from 2010 on (I, O, Q, U, Z and 0 are never used). */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY';

export function modelYearOfNioVin(vin: string, fallback: number): number {
  const index = yearCodes.indexOf(vin.charAt(9).toUpperCase());
  return index >= 0 ? 2010 + index : fallback;
}
