/**
 * @module The grant screen's pages and the owner's choice of vehicles across them. An account may
 * hold hundreds of vehicles (test mode's `999-vehicles@smartcar.com`), so the screen shows them a
 * page at a time, and the choice made on each page is kept in the flow as a bitmap of vehicle
 * positions: paging works with plain form buttons, without script, and survives the whole flow.
 */
import { isCompatible, type VehicleChoice } from './grant-plan.js';

/** Vehicles on one page of the grant screen. */
export const VEHICLES_PER_GRANT_PAGE = 25;

/** One page of the grant screen (numbers from 1). */
export interface GrantPage {
  readonly number: number;
  readonly pageCount: number;
  /** Position of the page's first vehicle in the account's list. */
  readonly start: number;
  readonly choices: readonly VehicleChoice[];
}

/** Page `requested` of `choices`, clamped to the pages there are. */
export function grantPage(choices: readonly VehicleChoice[], requested: number): GrantPage {
  const pageCount = Math.max(1, Math.ceil(choices.length / VEHICLES_PER_GRANT_PAGE));
  const number = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pageCount) : 1;
  const start = (number - 1) * VEHICLES_PER_GRANT_PAGE;
  return { number, pageCount, start, choices: choices.slice(start, start + VEHICLES_PER_GRANT_PAGE) };
}

/** Positions of the chosen vehicles. */
export type Selection = ReadonlySet<number>;

/** Before the owner touches anything: every compatible vehicle, or under single select the first. */
export function defaultSelection(choices: readonly VehicleChoice[], singleSelect: boolean): Selection {
  const compatible = choices.flatMap((choice, index) => (isCompatible(choice) ? [index] : []));
  return new Set(singleSelect ? compatible.slice(0, 1) : compatible);
}

/** The selection as the flow stores it: a base64url bitmap, bit `i` for vehicle `i`. */
export function encodeSelection(selection: Selection, size: number): string {
  const bytes = Buffer.alloc(Math.ceil(size / 8));
  for (const index of selection) if (index >= 0 && index < size) bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (1 << (index & 7));
  return bytes.toString('base64url');
}

/** Reads a stored selection; positions beyond `size` (the account shrank) are dropped. */
export function decodeSelection(encoded: string, size: number): Selection {
  const bytes = Buffer.from(encoded, 'base64url');
  const selection = new Set<number>();
  for (let index = 0; index < Math.min(size, bytes.length * 8); index++) if (((bytes[index >> 3] ?? 0) & (1 << (index & 7))) !== 0) selection.add(index);
  return selection;
}

/**
 * The flow's stored selection, or the default when the owner has not chosen yet. `typeof`, not
 * `=== null`: a flow sealed before the selection existed lacks the field altogether.
 */
export function currentSelection(stored: string | null, choices: readonly VehicleChoice[], singleSelect: boolean): Selection {
  return typeof stored === 'string' ? decodeSelection(stored, choices.length) : defaultSelection(choices, singleSelect);
}

/** A page's form, applied to the selection. */
export interface PageChoiceResult {
  readonly selection: Selection;
  /** Posted vehicle ids the account does not hold. */
  readonly unknownIds: readonly string[];
}

/**
 * Applies the vehicles ticked on `page` (`postedIds`): the page's boxes replace what the page held
 * before; ids from other pages are added. Under single select a ticked vehicle replaces the choice.
 */
export function applyPageChoice(selection: Selection, page: GrantPage, postedIds: readonly string[], choices: readonly VehicleChoice[], singleSelect: boolean): PageChoiceResult {
  const positions = new Map(choices.map((choice, index): [string, number] => [choice.vehicle.ref.providerVehicleId, index]));
  const posted = postedIds.flatMap((id) => {
    const index = positions.get(id);
    return index === undefined ? [] : [index];
  });
  const unknownIds = postedIds.filter((id) => !positions.has(id));
  if (singleSelect && posted.length > 0) return { selection: new Set(posted), unknownIds };
  const next = new Set(selection);
  for (let index = page.start; index < page.start + page.choices.length; index++) next.delete(index);
  for (const index of posted) next.add(index);
  return { selection: next, unknownIds };
}
