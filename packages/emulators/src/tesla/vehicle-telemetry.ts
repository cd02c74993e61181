/**
 * @module The emulated cars' Fleet Telemetry: each configured car sends a record of its configured
 * fields at its shortest interval and whenever a command changed its state, through the
 * fleet-telemetry server's MQTT dispatcher. Each record's `createdAt` is later than the car's
 * previous one, as a car's clock moves on between records.
 */
import type { EmulatedGarage, EmulatedVehicle } from './emulated-garage.js';
import { recordIntervalMs, type TelemetryConfig } from './telemetry-config.js';
import { TelemetryDispatcher, type TelemetryDispatcherOptions } from './telemetry-dispatcher.js';
import { telemetryValues } from './telemetry-record.js';

export interface VehicleTelemetryOptions {
  readonly garage: EmulatedGarage;
  readonly now: () => Date;
  /** Where records are dispatched; without it configurations are kept but nothing streams. */
  readonly dispatcher?: TelemetryDispatcherOptions;
}

export class VehicleTelemetry {
  readonly #options: VehicleTelemetryOptions;
  readonly #dispatcher: TelemetryDispatcher | undefined;
  readonly #configs = new Map<string, TelemetryConfig>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #lastCreatedAt = new Map<string, number>();
  /** Records sent, per VIN (tests await them). */
  readonly sent = new Map<string, number>();

  constructor(options: VehicleTelemetryOptions) {
    this.#options = options;
    this.#dispatcher = options.dispatcher === undefined ? undefined : new TelemetryDispatcher(options.dispatcher);
  }

  configure(vehicle: EmulatedVehicle, config: TelemetryConfig): void {
    this.#configs.set(vehicle.vin, config);
    this.#stopTimer(vehicle.vin);
    const timer = setInterval(() => {
      this.stream(vehicle).catch(() => undefined);
    }, recordIntervalMs(config));
    // The car's own schedule must not keep a test process or `carport emulate` alive on shutdown.
    timer.unref();
    this.#timers.set(vehicle.vin, timer);
  }

  configOf(vehicle: EmulatedVehicle): TelemetryConfig | null {
    return this.#configs.get(vehicle.vin) ?? null;
  }

  remove(vehicle: EmulatedVehicle): void {
    this.#configs.delete(vehicle.vin);
    this.#stopTimer(vehicle.vin);
  }

  /** Sends the car's record now, when it is configured to stream; resolves once the broker has it. */
  async stream(vehicle: EmulatedVehicle): Promise<boolean> {
    const config = this.#configs.get(vehicle.vin);
    if (config === undefined || this.#dispatcher === undefined) return false;
    const createdAt = Math.max(this.#options.now().getTime(), (this.#lastCreatedAt.get(vehicle.vin) ?? 0) + 1);
    this.#lastCreatedAt.set(vehicle.vin, createdAt);
    const values = await telemetryValues(this.#options.garage, vehicle, config, createdAt);
    await this.#dispatcher.publish(vehicle.vin, new Date(createdAt), values);
    this.sent.set(vehicle.vin, (this.sent.get(vehicle.vin) ?? 0) + 1);
    return true;
  }

  async close(): Promise<void> {
    for (const vin of [...this.#timers.keys()]) this.#stopTimer(vin);
    await this.#dispatcher?.close();
  }

  #stopTimer(vin: string): void {
    const timer = this.#timers.get(vin);
    if (timer !== undefined) clearInterval(timer);
    this.#timers.delete(vin);
  }
}
