/**
 * @module What an endpoint's read or command handler of the simulated provider receives, the shape
 * of handlers and make behaviours, and small helpers for answering in the catalog's formats.
 */
import { createHash } from 'node:crypto';
import type { EndpointId } from '../../catalog/endpoints/index.js';
import type { AccountCode, Fault, FaultKind, InterventionAction, SimulatedFleet, VehicleProfile, VehicleReading } from '../../simulator/index.js';
import { VehicleError, type CommandRequest, type ProviderVehicle } from '../vehicle-provider.js';
import type { VehicleScene } from './vehicle-scene.js';

/** One simulated vehicle as the provider resolved it. */
export interface SimulatedVehicle {
  readonly key: string;
  readonly vehicle: ProviderVehicle;
  readonly profile: VehicleProfile;
}

/** Everything a read handler may use. */
export interface ReadContext extends SimulatedVehicle {
  /** What the vehicle reports (a sleeping vehicle: as of when it fell asleep). */
  readonly reading: VehicleReading;
  /** The simulated instant of the request. */
  readonly now: number;
  /** The request's validated query (metric units). */
  readonly query: Readonly<Record<string, unknown>>;
  readonly fleet: SimulatedFleet;
  /** Carport's public origin, for URLs the answers carry. */
  readonly publicUrl: string;
  /** The fault in force (the make's handlers answer some themselves, e.g. a legacy integration). */
  readonly fault: Fault | null;
  /** What the vehicle's state says about refusing requests. */
  readonly scene: VehicleScene;
}

/**
 * A read handler's context, built field by field: on Node 20 an object spread followed by new
 * properties (`{ ...vehicle, reading }`) costs microseconds per object, and every read builds one.
 */
export function readContextOf(vehicle: SimulatedVehicle, parts: Omit<ReadContext, keyof SimulatedVehicle>): ReadContext {
  return {
    key: vehicle.key,
    vehicle: vehicle.vehicle,
    profile: vehicle.profile,
    reading: parts.reading,
    now: parts.now,
    query: parts.query,
    fleet: parts.fleet,
    publicUrl: parts.publicUrl,
    fault: parts.fault,
    scene: parts.scene,
  };
}

/** A read handler: the endpoint's response body, or a thrown {@link VehicleError}. */
export type ReadHandler = (context: ReadContext) => unknown;

/** Everything a command handler may use. */
export interface CommandContext extends ReadContext {
  readonly request: CommandRequest;
}

/** What a command does: the interventions to record, and the endpoint's success body. */
export interface CommandOutcome {
  readonly actions: readonly InterventionAction[];
  readonly body: unknown;
}

/** A command handler: its outcome, or a thrown {@link VehicleError} where a real vehicle would refuse. */
export type CommandHandler = (context: CommandContext) => CommandOutcome;

/**
 * Behaviour one make adds to the shared handlers (GM's 50 % rule, Ford's schedules...). Found by
 * make in a table; shared code never branches on a make.
 */
export interface ProviderMakeBehaviour {
  /** Refuses a read the make's cloud cannot answer in the vehicle's current state. */
  readonly checkRead?: (endpointId: EndpointId, context: ReadContext) => void;
  /** Make-specific faults an operator may inject into the make's vehicles (e.g. a legacy integration). */
  readonly faultKinds?: readonly FaultKind[];
  /** Make-specific account states an operator may inject (e.g. Tesla's missing virtual key). */
  readonly accountCodes?: readonly AccountCode[];
  /** Refuses a command the make's vehicles refuse in this state. */
  readonly checkCommand?: (endpointId: EndpointId, context: CommandContext) => void;
  /** Changes the interventions a command records, where the make's vehicles act differently. */
  readonly adaptActions?: (endpointId: EndpointId, actions: readonly InterventionAction[], context: CommandContext) => readonly InterventionAction[];
}

/** The success body every plain command answers with. */
export const commandSucceeded = { message: 'Successfully sent request to vehicle', status: 'success' } as const;

/** An ISO 8601 instant with milliseconds. */
export function iso(time: number): string {
  return new Date(time).toISOString();
}

/** Rounds to `digits` decimals (bodies carry sensible precision, not float noise). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The request body as an object (the HTTP layer validated it against the catalog). */
export function bodyOf(request: CommandRequest): Readonly<Record<string, unknown>> {
  const body = request.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export const notCharging = (): VehicleError => new VehicleError('VEHICLE_STATE', 'NOT_CHARGING', { message: 'The vehicle is not charging.' });
export const plugNotConnected = (): VehicleError =>
  new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', { message: 'The vehicle is not plugged in.' });
export const inMotion = (): VehicleError => new VehicleError('VEHICLE_STATE', 'IN_MOTION', { message: 'The vehicle is moving.' });

/**
 * A UUID (v4 layout) derived from `text`: bodies that carry a vehicle id get a stable one per
 * vehicle (the Vehicle API puts the application's own vehicle id in its place).
 */
export function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
