/**
 * @module Fleet Telemetry for the Tesla provider: the subscription to the dispatcher's MQTT topics,
 * the samples it stores, the events it raises, and each vehicle's `fleet_telemetry_config` (set when
 * a vehicle is connected, removed when its last connection ends).
 */
import type { Logger } from 'pino';
import type { AppliedSample, TelemetrySample } from '../../../store/index.js';
import type { VehicleEventSink } from '../../contract/index.js';
import type { VehicleEvent, VehicleRef } from '../../vehicle-provider.js';
import { telemetryConfigRequest } from './telemetry-config-request.js';
import { TelemetryIngest } from './telemetry-ingest.js';
import { TelemetrySubscriber } from './telemetry-subscriber.js';

/** Where streamed samples are kept (the store's `vehicleTelemetry` repository) and how VINs lead to vehicles. */
export interface TeslaStreamingStore {
  apply(sample: TelemetrySample): Promise<AppliedSample>;
  latest(vin: string): Promise<readonly TelemetrySample[]>;
  forget(vin: string): Promise<void>;
  vehiclesWithVin(vin: string): Promise<readonly VehicleRef[]>;
}

export interface TeslaStreamingOptions {
  readonly mqttUrl: string;
  readonly topicPrefix: string;
  readonly clientId: string;
  /** The fleet-telemetry server vehicles are told to stream to. */
  readonly hostname: string;
  readonly logger: Logger;
  readonly store: TeslaStreamingStore;
}

/** Sends one Fleet API request for the vehicle's owner (the provider's authorized client). */
export type FleetRequest = (request: { readonly method: 'POST' | 'DELETE'; readonly path: string; readonly body?: Readonly<Record<string, unknown>> }) => Promise<unknown>;

export class TeslaStreaming {
  readonly #options: TeslaStreamingOptions;
  readonly #sinks = new Set<VehicleEventSink>();
  /**
   * Events raised before any sink subscribed: the broker hands over the records it kept for the
   * session as soon as the subscriber connects, which is before the webhook intake listens.
   */
  readonly #unheard: VehicleEvent[] = [];
  readonly #subscriber: TelemetrySubscriber;

  constructor(options: TeslaStreamingOptions) {
    this.#options = options;
    const ingest = new TelemetryIngest(options.store, (event) => {
      if (this.#sinks.size === 0) this.#unheard.push(event);
      for (const sink of this.#sinks) sink(event);
    });
    this.#subscriber = new TelemetrySubscriber({ ...options, accept: (sample) => ingest.accept(sample) });
  }

  subscribe(sink: VehicleEventSink): () => void {
    this.#sinks.add(sink);
    for (const event of this.#unheard.splice(0)) sink(event);
    return () => this.#sinks.delete(sink);
  }

  start(): Promise<void> {
    return this.#subscriber.start();
  }

  stop(): Promise<void> {
    return this.#subscriber.stop();
  }

  /** The vehicle's streamed samples. */
  samples(vin: string): Promise<readonly TelemetrySample[]> {
    return this.#options.store.latest(vin);
  }

  /** Asks the vehicle to stream to Carport's fleet-telemetry server. */
  async configure(vin: string, send: FleetRequest, now: Date): Promise<void> {
    await send({ method: 'POST', path: '/api/1/vehicles/fleet_telemetry_config', body: telemetryConfigRequest(vin, this.#options.hostname, now) });
  }

  /** Stops the vehicle's stream and forgets what it streamed. */
  async remove(vin: string, send: FleetRequest): Promise<void> {
    await send({ method: 'DELETE', path: `/api/1/vehicles/${encodeURIComponent(vin)}/fleet_telemetry_config` });
    await this.#options.store.forget(vin);
  }
}
