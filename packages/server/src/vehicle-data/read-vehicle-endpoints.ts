/**
 * @module The one read path: every GET a vehicle answers (single requests, batch paths, scheduled
 * webhook payloads) goes through `readVehicleEndpoints`, so they share checks, errors and headers.
 */
import { findError } from '../catalog/errors.js';
import { featuresOfEndpoint } from '../catalog/plan-features.js';
import type { ErrorDefinition } from '../catalog/types.js';
import { renderErrorBody } from '../catalog/error-body.js';
import { invalidPlanError } from '../limits/limit-answers.js';
import { inconsistencyError, logInconsistency } from '../store/inconsistency-answer.js';
import { isPlatformRead, isReadableVehicleData, type CatalogEndpoint, type EndpointId } from '../catalog/endpoints/index.js';
import { lackedFeature } from '../catalog/plans.js';
import { incapableError, type ReadOutcome, type VehicleRef } from '../providers/vehicle-provider.js';
import { StoreInconsistencyError, type ConnectionRecord, type VehicleRecord } from '../store/index.js';
import { resolveVehiclePath } from './resolve-vehicle-path.js';
import { unitFieldsByEndpoint, type UnitSystem } from '../catalog/units.js';
import { bodyInUnitSystem } from './convert-units.js';
import { readPlatformEndpoint } from './platform-reads.js';
import type { ApiError, ValidationDetail } from '../catalog/api-error.js';
import { capacityLinkFor, needsCapacityLink, withCapacityLink } from './capacity-link.js';
import { vehicleOfConnection } from './vehicle-of-connection.js';
import type { VehicleDataServices } from './vehicle-data-services.js';

/** One answered path, shaped like a batch sub-response. */
export interface EndpointResponse {
  readonly path: string;
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The catalog pair of an error answer (for the request's log line); absent on success. */
  readonly error?: { readonly type: string; readonly code: string | null };
}

export interface ReadOptions {
  /** Request id the error bodies carry. */
  readonly requestId: string;
  /** Units of the answered bodies; default metric. */
  readonly unitSystem?: UnitSystem;
}

type Pending = { readonly index: number; readonly path: string; readonly endpointId: EndpointId; readonly query: Readonly<Record<string, unknown>> };

/** A path with its query, e.g. `/tesla/charge/records?startDate=2024-01-01`. */
function splitQuery(path: string): { path: string; query: Record<string, unknown> } {
  const [bare = '', search = ''] = path.split('?', 2);
  return { path: bare, query: Object.fromEntries(new URLSearchParams(search)) };
}

/** The grant's stored vehicle, or the inconsistency (logged) that it is gone. */
async function storedVehicle(context: VehicleDataServices, connection: ConnectionRecord, requestId: string): Promise<VehicleRecord | StoreInconsistencyError> {
  try {
    return await vehicleOfConnection(context.repositories, connection);
  } catch (error) {
    if (!(error instanceof StoreInconsistencyError)) throw error;
    logInconsistency(context.logger, error, requestId);
    return error;
  }
}

/**
 * Reads several paths (relative to `/vehicles/{id}`) of one connected vehicle. Every path is checked
 * on its own (endpoint, plan, permission, capability) and answered with its own code, headers and
 * body; the provider is asked once for all readable paths, so data they share is fetched once.
 */
export async function readVehicleEndpoints(context: VehicleDataServices, connection: ConnectionRecord, paths: readonly string[], options: ReadOptions): Promise<EndpointResponse[]> {
  const errorResponse = (path: string, definition: ErrorDefinition | undefined, description?: string, detail?: readonly ValidationDetail[]): EndpointResponse => {
    const fallback = findError('SERVER', 'INTERNAL');
    const chosen = definition ?? fallback;
    if (chosen === undefined) throw new Error('error catalog lacks SERVER:INTERNAL');
    return {
      path,
      code: chosen.statusCode,
      headers: {},
      body: renderErrorBody(chosen, { requestId: options.requestId, errorDocsUrl: context.config.errorDocsUrl, description, detail }),
      error: { type: chosen.type, code: chosen.code },
    };
  };
  const asError = (path: string, error: ApiError): EndpointResponse => errorResponse(path, findError(error.type, error.code), error.options.description);
  const stored = await storedVehicle(context, connection, options.requestId);
  const vehicle = stored instanceof StoreInconsistencyError ? null : stored;
  const missingVehicle = stored instanceof StoreInconsistencyError ? inconsistencyError(stored) : null;
  const plan = await context.limiter.planOf(connection.applicationId);
  // A batch path needs its endpoint's features as a request of its own would (a make-specific path, say).
  const planRefusal = (endpoint: CatalogEndpoint): ApiError | null => {
    if (plan === null) return null;
    const feature = lackedFeature(plan.limits, featuresOfEndpoint(endpoint));
    return feature === undefined ? null : invalidPlanError({ plan: plan.name, feature });
  };
  const ref: VehicleRef | undefined = vehicle === null ? undefined : { make: vehicle.make, mode: vehicle.mode, providerVehicleId: vehicle.providerVehicleId };
  const provider = vehicle === null ? undefined : context.providers.forVehicle(vehicle);
  const providerVehicle = ref === undefined || provider === undefined ? null : await provider.getVehicle(ref);
  const responses: (EndpointResponse | undefined)[] = paths.map(() => undefined);
  const pending: Pending[] = [];
  paths.forEach((rawPath, index) => {
    const { path, query } = splitQuery(rawPath);
    const resolution = resolveVehiclePath('GET', path, vehicle?.make ?? '');
    if (resolution.ok && !isReadableVehicleData(resolution.endpoint)) {
      // Only data can be read by path: a platform action such as disconnect is no data to read.
      responses[index] = errorResponse(rawPath, findError('RESOURCE_NOT_FOUND', 'PATH'));
      return;
    }
    if (!resolution.ok) {
      // Without its stored vehicle, which make's endpoints it has cannot be told.
      responses[index] = missingVehicle !== null && resolution.type === 'COMPATIBILITY' ? asError(rawPath, missingVehicle) : errorResponse(rawPath, findError(resolution.type, resolution.code));
      return;
    }
    const { endpoint } = resolution;
    const outsidePlan = planRefusal(endpoint);
    if (outsidePlan !== null) {
      responses[index] = asError(rawPath, outsidePlan);
      return;
    }
    if (endpoint.permission !== null && !connection.permissions.includes(endpoint.permission)) {
      responses[index] = errorResponse(rawPath, findError('PERMISSION', null), `The vehicle owner has not granted the \`${endpoint.permission}\` permission this endpoint requires.`);
      return;
    }
    if (isPlatformRead(endpoint)) {
      // Answered from the grant, exactly as the endpoint's own route answers: no provider, no capability.
      const outcome = readPlatformEndpoint(endpoint, connection, query);
      responses[index] = outcome.ok ? { path: rawPath, code: 200, headers: {}, body: outcome.body } : errorResponse(rawPath, findError('VALIDATION', null), undefined, outcome.detail);
      return;
    }
    if (missingVehicle !== null) {
      responses[index] = asError(rawPath, missingVehicle);
      return;
    }
    if (providerVehicle === null) {
      responses[index] = errorResponse(rawPath, findError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING'));
      return;
    }
    if (!providerVehicle.capabilities.has(endpoint.id)) {
      const refusal = incapableError(providerVehicle, endpoint.id);
      responses[index] = errorResponse(rawPath, findError(refusal.type, refusal.code));
      return;
    }
    pending.push({ index, path: rawPath, endpointId: endpoint.id, query });
  });
  if (pending.length > 0 && provider !== undefined && ref !== undefined) {
    const outcomes = await provider.read(ref, pending.map(({ endpointId, query }) => ({ endpointId, query })));
    // Fetched when the provider answered, on Carport's clock; see toResponse for the data age.
    const fetchedAt = context.now();
    const unitSystem = options.unitSystem ?? 'metric';
    const capacityLink = needsCapacityLink(pending.map((item) => item.endpointId), provider) ? await capacityLinkFor(context, connection) : null;
    pending.forEach((item, position) => {
      responses[item.index] = toResponse(item, outcomes[position], { fetchedAt, unitSystem, applicationVehicleId: connection.applicationVehicleId, capacityLink }, errorResponse);
    });
  }
  return responses.map((response, index) => response ?? errorResponse(paths[index] ?? '', findError('SERVER', 'INTERNAL')));
}

function toResponse(
  item: Pending,
  outcome: ReadOutcome | undefined,
  context: { readonly fetchedAt: Date; readonly unitSystem: UnitSystem; readonly applicationVehicleId: string; readonly capacityLink: string | null },
  errorResponse: (path: string, definition: ErrorDefinition | undefined, description?: string) => EndpointResponse,
): EndpointResponse {
  if (outcome === undefined) return errorResponse(item.path, findError('SERVER', 'INTERNAL'));
  if (!outcome.ok) {
    const refusal = errorResponse(item.path, findError(outcome.error.type, outcome.error.code));
    // The manufacturer said when to retry (a rate limit): the caller is told the same.
    const retryAfter = outcome.error.retryAfterSeconds;
    return retryAfter === undefined ? refusal : { ...refusal, headers: { ...refusal.headers, 'retry-after': String(retryAfter) } };
  }
  return {
    path: item.path,
    code: 200,
    headers: { 'sc-data-age': dataAge(outcome.recordedAt, context.fetchedAt), 'sc-fetched-at': context.fetchedAt.toISOString(), 'sc-unit-system': context.unitSystem },
    body: bodyInUnitSystem(
      withCapacityLink(item.endpointId, withApplicationVehicleId(outcome.body, context.applicationVehicleId), context.capacityLink),
      unitFieldsByEndpoint[item.endpointId]?.response,
      context.unitSystem,
    ),
  };
}

/**
 * When the vehicle recorded the data, never later than it was fetched. A provider's clock (a vehicle's,
 * or the simulator's accelerated time) can run ahead of Carport's; data cannot be recorded after it
 * was fetched, so such a time is clamped to the fetch time.
 */
function dataAge(recordedAt: Date, fetchedAt: Date): string {
  return (recordedAt.getTime() > fetchedAt.getTime() ? fetchedAt : recordedAt).toISOString();
}

/**
 * Bodies that name the vehicle (`id` in the attributes, Tesla's extended info, NIO's profile) carry the
 * id this application knows it by, never the provider's, so applications cannot correlate vehicles.
 */
function withApplicationVehicleId(body: unknown, applicationVehicleId: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('id' in body)) return body;
  return { ...body, id: applicationVehicleId };
}
