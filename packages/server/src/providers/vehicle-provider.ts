/**
 * @module The vocabulary every part of the provider contract (`contract/`) speaks: vehicles,
 * accounts, reads, commands, events and the errors a vehicle reports. Everything is keyed by the
 * endpoint catalog's ids, so capabilities, reads and commands mean the same thing to Connect, the
 * Vehicle API, compatibility answers and webhooks.
 */
import type { EndpointId } from '../catalog/endpoints/index.js';
import type { ErrorCodeOf } from '../catalog/errors.js';
import type { VehicleMode } from '../catalog/vehicle-modes.js';
import type { VehicleEventType } from '../catalog/webhook-vocabulary.js';

/** How a vehicle was connected: a real account, Connect's test mode, or the simulator (declared by the catalog). */
export type { VehicleMode } from '../catalog/vehicle-modes.js';

/** The catalog error types a provider may report (request and auth errors belong to the HTTP layer). */
export type VehicleErrorType = 'VEHICLE_STATE' | 'UPSTREAM' | 'COMPATIBILITY' | 'CONNECTED_SERVICES_ACCOUNT';

/**
 * A failure the vehicle or its manufacturer cloud reports, named by an error-catalog pair (e.g.
 * `VEHICLE_STATE`/`IN_MOTION`). The HTTP layer answers it with the catalog body; only catalog pairs
 * compile.
 */
export class VehicleError<T extends VehicleErrorType = VehicleErrorType> extends Error {
  // Fields use the whole union so a VehicleError of one type is assignable to the general one.
  readonly type: VehicleErrorType;
  readonly code: ErrorCodeOf<VehicleErrorType>;
  /** For `UPSTREAM`/`RATE_LIMIT` and similar: seconds after which a retry may succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(type: T, code: ErrorCodeOf<T>, options: { message?: string; retryAfterSeconds?: number } = {}) {
    super(options.message ?? `${type}:${code ?? 'null'}`);
    this.name = 'VehicleError';
    this.type = type;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Whether `value` is a {@link VehicleError} (of any type; `instanceof` alone narrows to a generic of `any`). */
export function isVehicleError(value: unknown): value is VehicleError {
  return value instanceof VehicleError;
}

/**
 * A command value outside the limits the vehicle accepts (e.g. a Tesla's cabin temperatures). The
 * limits are in metric units, like every provider value; the command path converts them to the
 * request's units and the HTTP layer answers `VALIDATION`/`PARAMETER` naming both limits, as the
 * seeds' Cabin Climate page specifies.
 */
export class OutOfRangeError extends Error {
  /** The request-body field, e.g. `temperature`. */
  readonly field: string;
  readonly minimum: number;
  readonly maximum: number;
  /** Unit of the limits as the client reads them (e.g. `°C`), or '' for plain numbers. */
  readonly unit: string;

  constructor(field: string, limits: { readonly minimum: number; readonly maximum: number; readonly unit?: string }) {
    super(`${field} must be between ${limits.minimum} and ${limits.maximum}`);
    this.name = 'OutOfRangeError';
    this.field = field;
    this.minimum = limits.minimum;
    this.maximum = limits.maximum;
    this.unit = limits.unit ?? '';
  }
}

/** Identifies one vehicle to its provider. */
export interface VehicleRef {
  /** Upper-case make id from the makes catalog, e.g. `TESLA`. */
  readonly make: string;
  readonly mode: VehicleMode;
  /** The provider's own id for the vehicle (never shown to applications). */
  readonly providerVehicleId: string;
}

/** An owner's manufacturer account, as the provider knows it. */
export interface ProviderAccount {
  readonly make: string;
  readonly mode: VehicleMode;
  /** The provider's stable id for the account. */
  readonly providerAccountId: string;
  readonly email: string | null;
}

/** A vehicle in an owner's account, with what it can do. */
export interface ProviderVehicle {
  readonly ref: VehicleRef;
  /** 17-character VIN. */
  readonly vin: string;
  readonly model: string;
  readonly year: number;
  /**
   * Every catalog endpoint this vehicle supports. Permissions, the consent screen, compatibility
   * answers and `VEHICLE_NOT_CAPABLE` errors are all derived from this set.
   */
  readonly capabilities: ReadonlySet<EndpointId>;
  /**
   * Optional: endpoints the vehicle's hardware supports that the provider cannot serve for it (yet),
   * answered `SMARTCAR_NOT_CAPABLE`; any other endpoint outside `capabilities` is `VEHICLE_NOT_CAPABLE`.
   */
  readonly unserved?: ReadonlySet<EndpointId>;
}

/** The refusal of an endpoint outside the vehicle's capabilities: unserved by the provider, or beyond the vehicle. */
export function incapableError(vehicle: ProviderVehicle, endpointId: EndpointId): VehicleError<'COMPATIBILITY'> {
  return vehicle.unserved?.has(endpointId) === true
    ? new VehicleError('COMPATIBILITY', 'SMARTCAR_NOT_CAPABLE', { message: `Carport cannot serve ${endpointId} for this vehicle yet.` })
    : new VehicleError('COMPATIBILITY', 'VEHICLE_NOT_CAPABLE', { message: `This vehicle does not support ${endpointId}.` });
}

/** One read: a GET endpoint of the catalog, with its validated query (metric units). */
export interface ReadRequest {
  readonly endpointId: EndpointId;
  readonly query?: Readonly<Record<string, unknown>>;
}

/**
 * The answer to one read: the endpoint's response body in metric units (valid against the catalog's
 * response schema) and the time the vehicle recorded the data, or a catalog error.
 */
export type ReadOutcome =
  | { readonly ok: true; readonly body: unknown; readonly recordedAt: Date }
  | { readonly ok: false; readonly error: VehicleError };

/** One command: a POST/PUT/DELETE endpoint of the catalog with its validated body and query (metric units). */
export interface CommandRequest {
  readonly endpointId: EndpointId;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
}

/** Event types providers report; webhooks deliver them (declared by the catalog). */
export type { VehicleEventType } from '../catalog/webhook-vocabulary.js';

/** Something that happened to a vehicle, at the (possibly simulated) time it happened. */
export interface VehicleEvent {
  /** Stable id: the same event reported twice has the same id. */
  readonly eventId: string;
  readonly ref: VehicleRef;
  readonly type: VehicleEventType;
  readonly occurredAt: Date;
  /** Event details (e.g. `{code: 'P0420'}` for a DTC, `{stateOfCharge: 0.8}` for charging). */
  readonly data: Readonly<Record<string, unknown>>;
}
