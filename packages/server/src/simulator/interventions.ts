/**
 * @module Interventions: everything that changes a vehicle's course besides its plan (commands,
 * plugging, faults, settings, battery swaps, the fleet clock). They are the only simulator state
 * that is stored; the rest is recomputed from the seed, so they are what must survive a restart and
 * be shared by every process. The schema is the single source of their types and checks stored rows.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { errorCodesOf } from '../catalog/errors.js';
import { faultKinds, type FaultKind } from '../catalog/fault-kinds.js';

const ChargeWindowSchema = Type.Object({
  /** Local weekdays the window starts on, 0 Sunday ... 6 Saturday. */
  days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 })),
  startMinutes: Type.Integer({ minimum: 0, maximum: 1439 }),
  /** May be before the start: the window then ends the next day. */
  endMinutes: Type.Integer({ minimum: 0, maximum: 1439 }),
});

/** When home charging may run: immediately, from a start time, to finish by a departure, or within windows. */
export const ChargeSchedulePolicySchema = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({ kind: Type.Literal('startTime'), minutes: Type.Integer({ minimum: 0, maximum: 1439 }) }),
  Type.Object({ kind: Type.Literal('departureTime'), minutes: Type.Integer({ minimum: 0, maximum: 1439 }) }),
  Type.Object({ kind: Type.Literal('windows'), windows: Type.Array(ChargeWindowSchema) }),
]);
export type ChargeSchedulePolicy = Static<typeof ChargeSchedulePolicySchema>;
export type ChargeWindow = Static<typeof ChargeWindowSchema>;

/** Upstream failures a fault can inject (the catalog's `UPSTREAM` codes). */
export const upstreamCodes = errorCodesOf('UPSTREAM');
export type UpstreamCode = (typeof upstreamCodes)[number];

/** States of the owner's connected-services account a fault can put it in (the catalog's `CONNECTED_SERVICES_ACCOUNT` codes). */
export const accountCodes = errorCodesOf('CONNECTED_SERVICES_ACCOUNT');
export type AccountCode = (typeof accountCodes)[number];

// The fault kinds are the catalog's words: the admin API declares its routes with them.
export { faultKinds, type FaultKind };

/** Someone at the vehicle: a door, the hood or the trunk left open, the ignition on; or the plugged-in charger failing. */
export const physicalFaultKinds = ['door_open', 'hood_open', 'trunk_open', 'ignition_on', 'charger_fault'] as const satisfies readonly FaultKind[];
export type PhysicalFaultKind = (typeof physicalFaultKinds)[number];

export const FaultSchema = Type.Object({
  kind: Type.Union(faultKinds.map((kind) => Type.Literal(kind))),
  /** `upstream`: which `UPSTREAM` code every request fails with; `account`: which `CONNECTED_SERVICES_ACCOUNT` state the account is in. */
  code: Type.Optional(Type.Union([...upstreamCodes, ...accountCodes].map((code) => Type.Literal(code)))),
  /** `slow`: added latency per request, ms. */
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  /** `rate_limit`: requests accepted per simulated minute before the manufacturer refuses (0: refuse all). */
  requestsPerMinute: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  /** Simulated instant the fault ends by itself (epoch ms), or null until cleared. */
  until: Type.Union([Type.Number(), Type.Null()]),
});
export type Fault = Static<typeof FaultSchema>;

/** What an intervention does; `kind` selects the engine's handler. */
export const InterventionActionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('plug'), charger: Type.Union([Type.Literal('AC'), Type.Literal('DC')]), powerKw: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) }),
  Type.Object({ kind: Type.Literal('unplug') }),
  Type.Object({ kind: Type.Literal('charge'), action: Type.Union([Type.Literal('START'), Type.Literal('STOP')]), limitOverride: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1 })) }),
  Type.Object({ kind: Type.Literal('charge_limit'), limit: Type.Number({ minimum: 0.5, maximum: 1 }) }),
  Type.Object({ kind: Type.Literal('lock'), locked: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('climate'), on: Type.Optional(Type.Boolean()), targetC: Type.Optional(Type.Number()) }),
  Type.Object({ kind: Type.Literal('defroster'), on: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('steering_heater'), on: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('charge_port'), open: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('storage'), which: Type.Union([Type.Literal('front'), Type.Literal('rear')]), open: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('amperage'), amperes: Type.Number({ exclusiveMinimum: 0 }) }),
  Type.Object({ kind: Type.Literal('charge_schedule'), policy: ChargeSchedulePolicySchema, raw: Type.Unknown() }),
  Type.Object({ kind: Type.Literal('pin'), pin: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ kind: Type.Literal('destination'), latitude: Type.Number(), longitude: Type.Number() }),
  Type.Object({ kind: Type.Literal('battery_swap'), batteryVariant: Type.Integer({ minimum: 0 }), stateOfCharge: Type.Number({ minimum: 0, maximum: 1 }) }),
  Type.Object({ kind: Type.Literal('select_capacity'), nominalKwh: Type.Number({ exclusiveMinimum: 0 }) }),
  Type.Object({ kind: Type.Literal('wake') }),
  Type.Object({ kind: Type.Literal('fault'), fault: Type.Union([FaultSchema, Type.Null()]) }),
  Type.Object({ kind: Type.Literal('clock'), realAnchor: Type.Number(), simAnchor: Type.Number(), factor: Type.Number({ exclusiveMinimum: 0 }) }),
]);
export type InterventionAction = Static<typeof InterventionActionSchema>;
export type InterventionKind = InterventionAction['kind'];
export type InterventionOf<K extends InterventionKind> = Extract<InterventionAction, { kind: K }>;

/** Whether a fault is in force at `time` (faults may end by themselves at `until`). */
export function faultInForce(fault: Fault | null, time: number): fault is Fault {
  return fault !== null && (fault.until === null || fault.until > time);
}

/** Whether a fault changes the vehicle itself (see {@link physicalFaultKinds}). */
export function isPhysicalFault(fault: Fault): fault is Fault & { kind: PhysicalFaultKind } {
  return (physicalFaultKinds as readonly FaultKind[]).includes(fault.kind);
}

/** Whether a stored payload is an intervention action this version understands. */
export function isInterventionAction(value: unknown): value is InterventionAction {
  return Value.Check(InterventionActionSchema, value);
}

/** The key fleet-wide interventions (the clock) are stored under. */
export const FLEET_KEY = '*';

/** One recorded intervention. */
export interface Intervention {
  readonly id: string;
  /** The vehicle's key, or {@link FLEET_KEY}. */
  readonly vehicleKey: string;
  /** Simulated instant it takes effect, epoch ms. */
  readonly at: number;
  /** Real instant it was recorded, epoch ms (other processes poll by it). */
  readonly recordedAt: number;
  readonly action: InterventionAction;
}

/** Orders interventions the same way on every process: by effect time, then recording time, then id. */
export function compareInterventions(a: Intervention, b: Intervention): number {
  return a.at - b.at || a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where interventions are kept: the database in a server, memory in tests and benchmarks. */
export interface InterventionLog {
  /** Records one; an intervention whose id is already stored is ignored (so a deterministic id is written once). */
  append(intervention: Intervention): Promise<void>;
  /** The interventions of the given keys, in {@link compareInterventions} order. */
  list(keys: readonly string[]): Promise<readonly Intervention[]>;
  /** Interventions recorded at or after the real instant `since`, oldest first (to notice other processes' changes). */
  recordedSince(since: number, limit: number): Promise<readonly Intervention[]>;
  /** Every vehicle key with at least one intervention. */
  keys(): Promise<readonly string[]>;
}

/** An {@link InterventionLog} in memory, for tests and benchmarks. */
export class InMemoryInterventionLog implements InterventionLog {
  readonly #byId = new Map<string, Intervention>();

  append(intervention: Intervention): Promise<void> {
    if (!this.#byId.has(intervention.id)) this.#byId.set(intervention.id, intervention);
    return Promise.resolve();
  }

  list(keys: readonly string[]): Promise<readonly Intervention[]> {
    const wanted = new Set(keys);
    return Promise.resolve([...this.#byId.values()].filter((item) => wanted.has(item.vehicleKey)).sort(compareInterventions));
  }

  recordedSince(since: number, limit: number): Promise<readonly Intervention[]> {
    const found = [...this.#byId.values()].filter((item) => item.recordedAt >= since);
    return Promise.resolve(found.sort((a, b) => a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : 1)).slice(0, limit));
  }

  keys(): Promise<readonly string[]> {
    return Promise.resolve([...new Set([...this.#byId.values()].map((item) => item.vehicleKey))].filter((key) => key !== FLEET_KEY));
  }
}
