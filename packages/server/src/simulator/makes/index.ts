/** @module The simulator's make-specific behaviour, found by make in one table (shared code never branches on a make). */
import type { Random } from '../random.js';
import type { VehicleProfile } from '../profile.js';
import type { SimulatorMakeBehaviour } from './make-behaviour.js';
import { nioBehaviour } from './nio.js';

export type { SimulatorMakeBehaviour } from './make-behaviour.js';

const behaviours: Readonly<Record<string, SimulatorMakeBehaviour>> = {
  NIO: nioBehaviour,
};

/** The pack a battery swap gives `profile`'s vehicle, currently carrying pack `current`. */
export function swapPackFor(profile: VehicleProfile, current: number, random: Random): number {
  return behaviours[profile.make]?.swapPack?.(profile, current, random) ?? current;
}
