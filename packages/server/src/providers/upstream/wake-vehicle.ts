/**
 * @module Waking a sleeping vehicle the way manufacturers allow it: the wake request returns at
 * once and the car comes online some seconds later, so its state is polled, at a fixed interval,
 * until it is online or the time allowed has passed.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { VehicleError } from '../vehicle-provider.js';

export interface WakeSettings {
  /** How long a wake-up may take before the read answers `VEHICLE_STATE:ASLEEP`. */
  readonly timeoutMs: number;
  /** How often the vehicle's state is asked meanwhile. */
  readonly pollIntervalMs: number;
}

export interface WakeSteps {
  /** Asks the manufacturer to wake the car; resolves true when the answer already says it is online. */
  readonly wake: () => Promise<boolean>;
  /** Whether the car is online now. */
  readonly isOnline: () => Promise<boolean>;
  readonly now: () => number;
}

/** Wakes the car and waits until it is online; rejects `VEHICLE_STATE:ASLEEP` when it is not within the time allowed. */
export async function wakeVehicle(steps: WakeSteps, settings: WakeSettings): Promise<void> {
  if (await steps.wake()) return;
  const deadline = steps.now() + settings.timeoutMs;
  while (steps.now() < deadline) {
    await delay(Math.min(settings.pollIntervalMs, Math.max(0, deadline - steps.now())));
    if (await steps.isOnline()) return;
  }
  throw new VehicleError('VEHICLE_STATE', 'ASLEEP', { message: `The vehicle did not wake within ${Math.round(settings.timeoutMs / 1000)} s.` });
}
