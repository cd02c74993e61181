/**
 * @module Contract part: events coming in from vehicles. A provider pushes the catalog events it
 * learns of (a manufacturer's stream, webhook or MQTT feed, or the simulator) into a typed sink;
 * a provider whose manufacturer offers no push is polled within a budget instead.
 */
import type { VehicleEvent, VehicleRef } from '../vehicle-provider.js';

/** Receives events; providers call it in the order events occurred for one vehicle, and it never throws. */
export type VehicleEventSink = (event: VehicleEvent) => void;

/** Events pushed in: the provider calls every subscribed sink as events arrive. */
export interface PushedEvents {
  /** Registers a sink; returns the function that removes it. */
  subscribe(sink: VehicleEventSink): () => void;

  /**
   * Optional: reports again every event of the vehicle that occurred after the wall-clock time
   * `since` (with the same event ids, so sinks de-duplicate). A restarted process calls it for the
   * vehicles webhooks wait on, so events that happened while no process ran are not lost.
   */
  resumeEvents?(ref: VehicleRef, since: Date): Promise<void>;

  /**
   * Optional: Carport began serving the vehicle (an owner connected it). A provider whose
   * manufacturer streams per vehicle sets the stream up here.
   */
  vehicleConnected?(ref: VehicleRef): Promise<void>;

  /** Optional: the vehicle's last connection ended; the provider stops its stream. */
  vehicleReleased?(ref: VehicleRef): Promise<void>;
}

/** How much polling a vehicle may cost: manufacturers count requests (and wake-ups) against quotas. */
export interface PollBudget {
  /** Requests to the manufacturer this poll may spend. */
  readonly requests: number;
  /** Whether the poll may wake a sleeping vehicle (a wake-up drains its battery and its quota). */
  readonly mayWake: boolean;
}

/** Events pulled: Carport's scheduler asks for what happened since a cursor, within a budget. */
export interface PolledEvents {
  /** How often the scheduler may poll one vehicle, at most. */
  readonly minimumIntervalMs: number;
  /**
   * The vehicle's events after `cursor` (null: from now on), oldest first, and the cursor to pass
   * next time. Spends at most `budget`; an exhausted budget answers what it found so far.
   */
  poll(ref: VehicleRef, cursor: string | null, budget: PollBudget): Promise<{ readonly events: readonly VehicleEvent[]; readonly cursor: string }>;
}

/** Background work a provider runs (event timers, stream connections, polling). */
export interface ProviderLifecycle {
  /** Starts background work; idempotent. */
  start(): Promise<void>;
  /** Stops background work and resolves once it has finished. */
  stop(): Promise<void>;
}
