/**
 * @module The plans of recently simulated vehicle days, shared by the whole fleet and bounded, so
 * memory does not grow with the fleet: a plan is a pure function of the vehicle and the day, so a
 * plan evicted is simply drawn again when next needed.
 */
import { planDay, type DayPlan } from './day-plan.js';
import type { VehicleProfile } from './profile.js';

/** Vehicle numbers stay below this, so (day, vehicle) packs into one safe integer key. */
const VEHICLE_NUMBERS = 2 ** 24;

/** Plans by vehicle number and local day, the least recently added evicted first. */
export class PlanCache {
  readonly #plans = new Map<number, DayPlan>();

  constructor(private readonly capacity = 16_384) {}

  /** The plan of vehicle `row` (whose profile is `profile`) on local day `dayIndex`. */
  plan(row: number, profile: VehicleProfile, dayIndex: number): DayPlan {
    const key = dayIndex * VEHICLE_NUMBERS + row;
    let plan = this.#plans.get(key);
    if (plan === undefined) {
      plan = planDay(profile, dayIndex);
      this.#plans.set(key, plan);
      if (this.#plans.size > this.capacity) {
        const oldest = this.#plans.keys().next();
        if (oldest.done !== true) this.#plans.delete(oldest.value);
      }
    }
    return plan;
  }
}
