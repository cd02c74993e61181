/**
 * @module VINs: validation (ISO 3779 characters, the North American check digit), model-year
 * decoding, and the simulator's own VINs, which carry the make's real WMI, the model, the battery
 * variant and the model year, so a vehicle can be rebuilt from its VIN alone.
 */
import { findMake, makesForVin, sharedWmis } from '../catalog/makes.js';
import { builtIn, modelByCode, type VehicleModel } from './models/index.js';
import { hashString, mixSeeds, Random } from './random.js';

/** The 33 characters a VIN may use (never I, O or Q). */
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

const transliteration: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Model-year characters (position 10) in order; the cycle repeats every 30 years from 1980. */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY123456789';

function valueOf(character: string): number | undefined {
  if (character >= '0' && character <= '9') return Number(character);
  return transliteration[character];
}

/** The check digit (position 9) of a 17-character VIN, or undefined when it holds a character no VIN may. */
export function vinCheckDigit(vin: string): string | undefined {
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const value = valueOf(vin.charAt(index));
    if (value === undefined) return undefined;
    sum += value * (weights[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Problems that make `vin` invalid: length, characters, model-year character, check digit. Empty
 * when the VIN is valid. The check digit is mandatory in North America only, so `requireCheckDigit:
 * false` accepts European VINs that do not carry one.
 * @example vinProblems('5YJSA1CN5DFP00101') // []
 */
export function vinProblems(vin: string, options: { requireCheckDigit?: boolean } = {}): string[] {
  const upper = vin.toUpperCase();
  if (upper.length !== 17) return [`a VIN has 17 characters, not ${upper.length}`];
  const problems: string[] = [];
  const invalid = upper.split('').filter((character) => !VIN_ALPHABET.includes(character));
  if (invalid.length > 0) problems.push(`characters ${[...new Set(invalid)].join(', ')} never appear in a VIN`);
  if (!yearCodes.includes(upper.charAt(9))) problems.push(`position 10 (${upper.charAt(9)}) is not a model-year character`);
  if (invalid.length === 0 && (options.requireCheckDigit ?? true) && vinCheckDigit(upper) !== upper.charAt(8)) {
    problems.push(`the check digit (position 9) should be ${vinCheckDigit(upper) ?? '?'}, not ${upper.charAt(8)}`);
  }
  return problems;
}

/** Whether `vin` is a valid VIN (see {@link vinProblems}). */
export function isValidVin(vin: string, options: { requireCheckDigit?: boolean } = {}): boolean {
  return vinProblems(vin, options).length === 0;
}

/** The position-10 character of a model year from 1980 to 2039. */
export function modelYearCharacter(year: number): string {
  const character = yearCodes.charAt((((year - 1980) % 30) + 30) % 30);
  if (year < 1980 || year > 2039 || character === '') throw new RangeError(`no VIN model-year character for ${year}`);
  return character;
}

/**
 * The model year a VIN encodes. The character repeats every 30 years; North American VINs tell the
 * cycles apart by position 7 (a digit before 2010, a letter from 2010), and otherwise the latest year
 * not after `latestYear` wins.
 */
export function decodeModelYear(vin: string, latestYear = new Date().getUTCFullYear() + 1): number | undefined {
  const index = yearCodes.indexOf(vin.toUpperCase().charAt(9));
  if (index < 0) return undefined;
  const early = 1980 + index;
  const late = early + 30;
  const position7 = vin.charAt(6);
  if (position7 >= '0' && position7 <= '9' && early <= 2009) return early;
  return late <= latestYear ? late : early;
}

/** What a VIN tells about a vehicle. */
export interface DecodedVin {
  readonly vin: string;
  /** World manufacturer identifier (positions 1-3). */
  readonly wmi: string;
  /** Catalog make ids carrying this WMI, the most likely first (empty: a make Carport does not know). */
  readonly makes: readonly string[];
  readonly modelYear: number | undefined;
  /** The model, when the VIN is one the simulator issued (or happens to name a model built that year). */
  readonly model: VehicleModel | undefined;
  /** Index of the battery variant in `model.batteries` (0 when unknown). */
  readonly batteryVariant: number;
}

/** Makes sharing a WMI, ordered as `sharedWmis` lists them (position 6 of a simulated VIN picks one). */
function candidateMakes(wmi: string): string[] {
  const shared = sharedWmis[wmi];
  if (shared !== undefined) return [...shared.makes];
  return makesForVin(wmi).map((make) => make.id);
}

/**
 * Decodes the WMI, model year and (for the simulator's VINs) model and battery variant.
 * @example decodeVin('5YJ3E1EA7KF317000').makes // ['TESLA']
 */
export function decodeVin(vin: string): DecodedVin {
  const upper = vin.toUpperCase();
  const wmi = upper.slice(0, 3);
  const makes = candidateMakes(wmi);
  const discriminator = VIN_ALPHABET.indexOf(upper.charAt(5));
  const preferred = makes.length > 1 && discriminator >= 0 && discriminator < makes.length ? makes[discriminator] : undefined;
  const ordered = preferred === undefined ? makes : [preferred, ...makes.filter((make) => make !== preferred)];
  const modelYear = decodeModelYear(upper);
  const code = VIN_ALPHABET.indexOf(upper.charAt(3));
  const first = ordered[0];
  const model = first === undefined || code < 0 ? undefined : modelByCode(first, code);
  const fits = model !== undefined && modelYear !== undefined && builtIn(model, modelYear);
  const variant = VIN_ALPHABET.indexOf(upper.charAt(4));
  const batteryVariant = fits && variant >= 0 && variant < model.batteries.length ? variant : 0;
  return { vin: upper, wmi, makes: ordered, modelYear, model: fits ? model : undefined, batteryVariant };
}

/** What a simulated VIN encodes, plus the entropy that makes it unique. */
export interface SimulatedVinInput {
  readonly model: VehicleModel;
  readonly batteryVariant: number;
  readonly year: number;
  /** Any non-negative integer: its last six digits are the serial number, and it seeds the other free characters. */
  readonly entropy: number;
}

function alphabetChar(index: number): string {
  return VIN_ALPHABET.charAt(((index % VIN_ALPHABET.length) + VIN_ALPHABET.length) % VIN_ALPHABET.length);
}

/** The make's WMIs, those no other make shares first, so most simulated VINs name their make alone. */
function wmisOf(make: string): readonly string[] {
  const all = findMake(make)?.wmis ?? [];
  const own = all.filter((wmi) => sharedWmis[wmi] === undefined);
  return own.length > 0 ? own : all;
}

/**
 * A valid VIN for a simulated vehicle: the make's real WMI, the model code and battery variant in
 * the descriptor section, a letter in position 7 (a 2010+ vehicle in North America), the model-year
 * character, a plant, a serial number and the correct check digit.
 */
export function simulatedVin(input: SimulatedVinInput): string {
  const { model, batteryVariant, year, entropy } = input;
  // The serial number is the entropy itself (so distinct entropies below a million never collide);
  // the other free characters are drawn from a hash of it so VINs do not look sequential.
  const random = new Random(mixSeeds(entropy, model.code, year, hashString(model.make)));
  const wmis = wmisOf(model.make);
  const wmi = random.pick(wmis);
  const shared = sharedWmis[wmi];
  const makeIndex = shared === undefined ? random.integer(0, VIN_ALPHABET.length - 1) : shared.makes.indexOf(model.make);
  const letters = VIN_ALPHABET.slice(10);
  const descriptor =
    alphabetChar(model.code) +
    alphabetChar(batteryVariant) +
    alphabetChar(makeIndex) +
    random.pick(letters.split('')) +
    alphabetChar(random.integer(0, VIN_ALPHABET.length - 1));
  const plant = random.pick(letters.split(''));
  const serial = String(Math.abs(Math.floor(entropy)) % 1_000_000).padStart(6, '0');
  const draft = `${wmi}${descriptor}0${modelYearCharacter(year)}${plant}${serial}`;
  const check = vinCheckDigit(draft);
  if (check === undefined) throw new Error(`simulated VIN ${draft} has an invalid character`);
  return `${draft.slice(0, 8)}${check}${draft.slice(9)}`;
}
