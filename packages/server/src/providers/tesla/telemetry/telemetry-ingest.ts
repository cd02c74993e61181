/**
 * @module What one streamed sample does: it is stored when newer than the field's stored value
 * (a redelivered or late sample changes nothing), and a change of charging state raises its catalog
 * event for every stored vehicle with that VIN. Event ids are derived from the VIN, the event type
 * and the time the vehicle recorded it, so the webhook intake drops an event reported twice.
 */
import type { AppliedSample, TelemetrySample } from '../../../store/index.js';
import type { VehicleEventSink } from '../../contract/index.js';
import type { VehicleRef } from '../../vehicle-provider.js';
import { chargeStateFields, chargeTransition } from './charge-transitions.js';

/** The stored state the ingest needs. */
export interface TelemetryIngestStore {
  apply(sample: TelemetrySample): Promise<AppliedSample>;
  /** The vehicles Carport serves with this VIN (one per mode it was connected in). */
  vehiclesWithVin(vin: string): Promise<readonly VehicleRef[]>;
}

export class TelemetryIngest {
  readonly #store: TelemetryIngestStore;
  readonly #emit: VehicleEventSink;

  constructor(store: TelemetryIngestStore, emit: VehicleEventSink) {
    this.#store = store;
    this.#emit = emit;
  }

  /** Applies one sample; resolves once it is stored and its events were handed to the sinks. */
  async accept(sample: TelemetrySample): Promise<void> {
    const { applied, previous } = await this.#store.apply(sample);
    if (!applied || !chargeStateFields.includes(sample.field)) return;
    const type = chargeTransition(previous?.value, sample.value);
    if (type === null) return;
    for (const ref of await this.#store.vehiclesWithVin(sample.vin)) {
      this.#emit({ eventId: `tesla-telemetry:${sample.vin}:${type}:${sample.createdAt}`, ref, type, occurredAt: new Date(sample.createdAt), data: {} });
    }
  }
}
