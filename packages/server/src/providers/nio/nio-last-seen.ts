/**
 * @module The resources last seen per vehicle, in this process: served, with the sample time the
 * car recorded, to a caller who accepts data of that age (`Carport-Max-Age`) without asking NIO.
 */
import { NioFields, type NioResource } from './nio-reads.js';

export class NioLastSeen {
  readonly #byVehicle = new Map<string, Map<NioResource, unknown>>();

  remember(vehicleKey: string, resource: NioResource, data: unknown): void {
    let resources = this.#byVehicle.get(vehicleKey);
    if (resources === undefined) {
      resources = new Map();
      this.#byVehicle.set(vehicleKey, resources);
    }
    resources.set(resource, data);
  }

  /** The resource last seen when it was recorded at most `maxAgeMs` before `nowMs`. */
  within(vehicleKey: string, resource: NioResource, maxAgeMs: number, nowMs: number): unknown {
    const data = this.#byVehicle.get(vehicleKey)?.get(resource);
    if (data === undefined) return undefined;
    // A body the reads would refuse is never served again: it is asked for afresh.
    let recordedMs: number;
    try {
      recordedMs = new NioFields(resource, data).sampleTime().getTime();
    } catch {
      return undefined;
    }
    return nowMs - recordedMs <= maxAgeMs ? data : undefined;
  }
}
