/**
 * @module Simulator events (charging started, stopped, completed; trouble codes; system statuses)
 * between two instants, each with a deterministic id: the same event computed by two processes,
 * or twice by one, has the same id, so deliveries can be de-duplicated.
 */
import type { VehicleEventType } from '../catalog/webhook-vocabulary.js';
import { dtcChanges, systemStatusChanges } from './diagnostics.js';
import type { SimulatedFleet } from './fleet.js';
import { hashString } from './random.js';

/** Event types, named as webhooks name them: the catalog's. */
export type SimulatorEventType = VehicleEventType;

/** Something that happened to a simulated vehicle at its true simulated time. */
export interface SimulatorEvent {
  readonly eventId: string;
  readonly vehicleKey: string;
  readonly type: SimulatorEventType;
  readonly occurredAt: number;
  readonly data: Readonly<Record<string, unknown>>;
}

const hex8 = (value: number): string => value.toString(16).padStart(8, '0');

/**
 * A UUID (version 5 layout) from the event's identity, so it is stable across processes and
 * retries: 128 bits from four differently seeded hashes. Plain arithmetic rather than a crypto
 * hash, because a large fleet produces thousands of events per simulated hour and ids need not be secret.
 */
export function eventIdOf(vehicleKey: string, type: SimulatorEventType, occurredAt: number, discriminator: string): string {
  const identity = `${vehicleKey}|${type}|${occurredAt}|${discriminator}`;
  const [a, b, c, d] = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => hex8(hashString(identity, seed)));
  const variant = ((Number.parseInt(c?.charAt(0) ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${a ?? ''}-${(b ?? '').slice(0, 4)}-5${(b ?? '').slice(5, 8)}-${variant}${(c ?? '').slice(1, 4)}-${(c ?? '').slice(4)}${d ?? ''}`;
}

function event(vehicleKey: string, type: SimulatorEventType, time: number, data: Record<string, unknown>, discriminator = ''): SimulatorEvent {
  // Closed-form times carry fractions of a millisecond; events are reported (and identified) to the millisecond.
  const occurredAt = Math.round(time);
  return { eventId: eventIdOf(vehicleKey, type, occurredAt, discriminator), vehicleKey, type, occurredAt, data };
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Events strictly after `after` and at or before `until`, in time order. */
export function eventsBetween(fleet: SimulatedFleet, key: string, after: number, until: number): SimulatorEvent[] {
  if (until <= after) return [];
  const events: SimulatorEvent[] = [];
  for (const transition of fleet.transitions(key, after, until)) {
    if (transition.type === 'charging_started') {
      events.push(event(key, 'CHARGING_STARTED', transition.time, { stateOfCharge: round3(transition.stateOfCharge) }));
    } else if (transition.type === 'charging_stopped') {
      events.push(event(key, 'CHARGING_STOPPED', transition.time, { stateOfCharge: round3(transition.stateOfCharge), reason: transition.reason }));
    } else if (transition.type === 'charging_completed') {
      events.push(event(key, 'CHARGING_COMPLETED', transition.time, { stateOfCharge: round3(transition.stateOfCharge) }));
    }
  }
  const capabilities = fleet.capabilities(key);
  const profile = fleet.profile(key);
  if (profile !== undefined && capabilities.has('getDiagnosticTroubleCodes')) {
    for (const change of dtcChanges(profile, after, until)) {
      const type = change.active ? 'DTC_ACTIVATED' : 'DTC_CLEARED';
      events.push(event(key, type, change.time, { code: change.occurrence.code, description: change.occurrence.description }, change.occurrence.code));
    }
  }
  if (profile !== undefined && capabilities.has('getSystemStatus')) {
    for (const change of systemStatusChanges(profile, after, until)) {
      const systems = change.changed.map((status) => ({ systemId: status.systemId, status: status.status, description: status.description }));
      events.push(event(key, 'SYSTEM_STATUS_CHANGED', change.time, { systems }, systems.map((system) => `${system.systemId}:${system.status}`).join(',')));
    }
  }
  return events.sort((a, b) => a.occurredAt - b.occurredAt);
}
