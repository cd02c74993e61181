/** @module NIO in the simulator: swap stations hand out either standard pack, not always the one that came in. */
import type { Random } from '../random.js';
import type { VehicleProfile } from '../profile.js';
import type { SimulatorMakeBehaviour } from './make-behaviour.js';

/** Owners mostly keep their pack size, but a third of swaps hand over the other one (a long-range pack for a trip, or back). */
function swapPack(profile: VehicleProfile, current: number, random: Random): number {
  const packs = profile.model.batteries.length;
  if (packs < 2 || !random.chance(1 / 3)) return current;
  return (current + 1 + random.integer(0, packs - 2)) % packs;
}

export const nioBehaviour: SimulatorMakeBehaviour = { swapPack };
