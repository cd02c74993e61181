/** @module The owner's answer on the capacity page: one of the listed capacities, or a value they enter (checked for sanity). */
import { capacitySelection } from '../catalog/endpoints/index.js';

/** One listed capacity, as Battery Capacity answers it. */
export interface CapacityOption {
  readonly capacity: number;
  readonly description: string | null;
}

/** The radio value that means "I enter it myself". */
export const enteredChoice = 'other';

export type CapacityChoice = { readonly ok: true; readonly nominalKwh: number } | { readonly ok: false; readonly problem: string };

/** The radio value of a listed capacity (the number as text, so it round-trips exactly). */
export function optionValue(option: CapacityOption): string {
  return String(option.capacity);
}

/**
 * Decides what was chosen. Without script the owner may type a value and forget the "other" radio,
 * so a typed value with no radio chosen counts as entered; a listed radio otherwise wins.
 */
export function parseCapacityChoice(options: readonly CapacityOption[], choice: string | undefined, entered: string | undefined): CapacityChoice {
  const typed = (entered ?? '').trim();
  if (choice !== undefined && choice !== enteredChoice) {
    const listed = options.find((option) => optionValue(option) === choice);
    return listed === undefined ? { ok: false, problem: 'Choose one of the listed capacities, or enter your own.' } : { ok: true, nominalKwh: listed.capacity };
  }
  if (typed === '') return { ok: false, problem: choice === enteredChoice ? 'Enter your battery’s capacity in kWh.' : 'Choose your battery’s capacity, or enter it.' };
  // A decimal comma is how much of Europe writes 77,4.
  const normalised = typed.replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(normalised)) return { ok: false, problem: 'Enter the capacity as a number of kWh, for example 77.4.' };
  const nominalKwh = Number(normalised);
  const { minimumKwh, maximumKwh } = capacitySelection;
  if (nominalKwh < minimumKwh || nominalKwh > maximumKwh) return { ok: false, problem: `Enter a capacity between ${minimumKwh} and ${maximumKwh} kWh.` };
  return { ok: true, nominalKwh };
}
