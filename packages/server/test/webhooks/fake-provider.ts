/** @module A small provider for webhook tests: events on demand, and battery and odometer reads with fixed values. */
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import type { PasswordLinking, VehicleEventSink, VehicleProvider } from '../../src/providers/contract/index.js';
import { incapableError, type CommandRequest, type ProviderVehicle, type ReadOutcome, type ReadRequest, type VehicleEvent, type VehicleMode, type VehicleRef } from '../../src/providers/vehicle-provider.js';

/** When the fake vehicle "recorded" its data. */
export const fakeRecordedAt = new Date('2026-11-22T02:00:00.000Z');

const readings: Partial<Record<EndpointId, unknown>> = {
  getBatteryLevel: { percentRemaining: 0.8, range: 320.5 },
  getOdometer: { distance: 12_345.6 },
};

/** Every vehicle the fake is asked about: a Model 3 that reports its battery and odometer. */
function vehicleOf(ref: VehicleRef): ProviderVehicle {
  return { ref, vin: '5YJ3E1EA7KF000001', model: 'Model 3', year: 2022, capabilities: new Set<EndpointId>(['getBatteryLevel', 'getOdometer']) };
}

/** Serves TESLA in every mode; `emit` plays the part of the fleet reporting an event. */
export class FakeProvider implements VehicleProvider {
  readonly id = 'fake';
  readonly makes = ['TESLA'];
  readonly modes: readonly VehicleMode[] = ['live', 'test', 'simulated'];
  readonly #listeners = new Set<VehicleEventSink>();
  readonly linking: PasswordLinking = { kind: 'password', signIn: () => Promise.reject(new Error('not used by webhook tests')) };

  emit(event: VehicleEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  listVehicles(): Promise<readonly ProviderVehicle[]> {
    return Promise.resolve([]);
  }

  getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null> {
    return Promise.resolve(vehicleOf(ref));
  }

  read(ref: VehicleRef, requests: readonly ReadRequest[]): Promise<readonly ReadOutcome[]> {
    return Promise.resolve(
      requests.map((request): ReadOutcome => {
        const body = readings[request.endpointId];
        return body === undefined ? { ok: false, error: incapableError(vehicleOf(ref), request.endpointId) } : { ok: true, body, recordedAt: fakeRecordedAt };
      }),
    );
  }

  /** The fake vehicle takes no commands. */
  execute(ref: VehicleRef, command: CommandRequest): Promise<unknown> {
    return Promise.reject(incapableError(vehicleOf(ref), command.endpointId));
  }

  subscribe(listener: VehicleEventSink): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}
