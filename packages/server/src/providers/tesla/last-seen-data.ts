/**
 * @module The `vehicle_data` sections last seen per vehicle, in this process: served, with the
 * car's own timestamps, to a caller who accepts data of their age (`Carport-Max-Age`) and while
 * the car sleeps.
 */
import { recordedAt, type TeslaSection, type VehicleData } from './vehicle-data-reads.js';

export class LastSeenData {
  readonly #byVehicle = new Map<string, Record<string, unknown>>();

  remember(vehicleKey: string, data: VehicleData): void {
    this.#byVehicle.set(vehicleKey, { ...this.#byVehicle.get(vehicleKey), ...data });
  }

  /** The sections last seen, when every one asked for was seen. */
  covering(vehicleKey: string, sections: readonly TeslaSection[]): VehicleData | undefined {
    const last = this.#byVehicle.get(vehicleKey);
    if (last === undefined) return undefined;
    const seen = sections.every((section) => (section === 'location_data' ? last.drive_state : last[section]) !== undefined);
    return seen ? last : undefined;
  }

  /** The age, in milliseconds at `nowMs`, of the oldest of `sections` in `data`. */
  static ageMs(data: VehicleData, sections: readonly TeslaSection[], nowMs: number): number {
    const oldest = Math.min(...sections.map((section) => recordedAt(data, section).getTime()));
    return nowMs - oldest;
  }
}
