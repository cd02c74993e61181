/** @module What a make may change in the simulator's shared behaviour; each make's module fills in its part. */
import type { Random } from '../random.js';
import type { VehicleProfile } from '../profile.js';

/** Hooks a make overrides; absent hooks take the shared behaviour. */
export interface SimulatorMakeBehaviour {
  /** The pack a swap station hands over, given the one the vehicle came in with. */
  readonly swapPack?: (profile: VehicleProfile, current: number, random: Random) => number;
}
