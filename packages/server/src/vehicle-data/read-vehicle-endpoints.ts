/**
 * @module The one read path: every GET a vehicle answers (single requests, batch paths, scheduled
 * webhook payloads) goes through `readVehicleEndpoints`, so they share checks, errors and headers.
 */
import { featuresOfEndpoint } from '../catalog/plan-features.js';
import type { PathAnswer } from '../catalog/sub-response.js';
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

/**
 * What the read path answers for each path: its data, or the catalog error refusing it. The HTTP
 * layer and scheduled webhooks write it as a batch sub-response (`subResponseOf`).
 */
export type PathRead = PathAnswer;

export interface ReadOptions {
  /** Request id the log lines of a store inconsistency carry. */
  readonly requestId: string;
  /** Units of the answered bodies; default metric. */
  readonly unitSystem?: UnitSystem;
  /** The oldest data, in seconds, the caller accepts (`Carport-Max-Age`); undefined: as fresh as the provider gets it. */
  readonly maxAgeSeconds?: number;
}

type Pending = { readonly index: number; readonly path: string; readonly endpointId: EndpointId; readonly query: Readonly<Record<string, unknown>> };

/** A path with its query, e.g. `/tesla/charge/records?startDate=2024-01-01`. */
function splitQuery(path: string): { path: string; query: Record<string, unknown> } {
  // Most reads have no query; parsing an empty one showed in the read path's profile.
  if (!path.includes('?')) return { path, query: {} };
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
 * on its own (endpoint, plan, permission, capability) and answered with its own data or catalog
 * error, in the order given; the provider is asked once for all readable paths, so data they share is fetched once.
 */
export async function readVehicleEndpoints(context: VehicleDataServices, connection: ConnectionRecord, paths: readonly string[], options: ReadOptions): Promise<PathRead[]> {
  const refused = (path: string, type: string, code: string | null, description?: string, detail?: readonly ValidationDetail[]): PathRead => ({ kind: 'refused', path, error: { type, code, description, detail } });
  const asError = (path: string, error: ApiError): PathRead => refused(path, error.type, error.code, error.options.description);
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
  const responses: (PathRead | undefined)[] = paths.map(() => undefined);
  const pending: Pending[] = [];
  paths.forEach((rawPath, index) => {
    const { path, query } = splitQuery(rawPath);
    const resolution = resolveVehiclePath('GET', path, vehicle?.make ?? '');
    if (resolution.ok && !isReadableVehicleData(resolution.endpoint)) {
      // Only data can be read by path: a platform action such as disconnect is no data to read.
      responses[index] = refused(rawPath, 'RESOURCE_NOT_FOUND', 'PATH');
      return;
    }
    if (!resolution.ok) {
      // Without its stored vehicle, which make's endpoints it has cannot be told.
      responses[index] = missingVehicle !== null && resolution.type === 'COMPATIBILITY' ? asError(rawPath, missingVehicle) : refused(rawPath, resolution.type, resolution.code);
      return;
    }
    const { endpoint } = resolution;
    const outsidePlan = planRefusal(endpoint);
    if (outsidePlan !== null) {
      responses[index] = asError(rawPath, outsidePlan);
      return;
    }
    if (endpoint.permission !== null && !connection.permissions.includes(endpoint.permission)) {
      responses[index] = refused(rawPath, 'PERMISSION', null, `The vehicle owner has not granted the \`${endpoint.permission}\` permission this endpoint requires.`);
      return;
    }
    if (isPlatformRead(endpoint)) {
      // Answered from the grant, exactly as the endpoint's own route answers: no provider, no capability.
      const outcome = readPlatformEndpoint(endpoint, connection, query);
      responses[index] = outcome.ok ? { kind: 'platform', path: rawPath, body: outcome.body } : refused(rawPath, 'VALIDATION', null, undefined, outcome.detail);
      return;
    }
    if (missingVehicle !== null) {
      responses[index] = asError(rawPath, missingVehicle);
      return;
    }
    if (providerVehicle === null) {
      responses[index] = refused(rawPath, 'CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
      return;
    }
    if (!providerVehicle.capabilities.has(endpoint.id)) {
      const refusal = incapableError(providerVehicle, endpoint.id);
      responses[index] = refused(rawPath, refusal.type, refusal.code);
      return;
    }
    pending.push({ index, path: rawPath, endpointId: endpoint.id, query });
  });
  if (pending.length > 0 && provider !== undefined && ref !== undefined) {
    const freshness = options.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: options.maxAgeSeconds };
    const outcomes = await provider.read(ref, pending.map(({ endpointId, query }) => ({ endpointId, query })), freshness);
    // Fetched when the provider answered, on Carport's clock; the data age is clamped to it (subResponseOf).
    const fetchedAt = context.now();
    const unitSystem = options.unitSystem ?? 'metric';
    const answered = pending.map((item, position) => ({ endpointId: item.endpointId, outcome: outcomes[position] }));
    const capacityLink = needsCapacityLink(answered, provider) ? await capacityLinkFor(context, connection) : null;
    pending.forEach((item, position) => {
      responses[item.index] = toAnswer(item, outcomes[position], { fetchedAt, unitSystem, applicationVehicleId: connection.applicationVehicleId, capacityLink });
    });
  }
  return responses.map((response, index) => response ?? refused(paths[index] ?? '', 'SERVER', 'INTERNAL'));
}

function toAnswer(
  item: Pending,
  outcome: ReadOutcome | undefined,
  context: { readonly fetchedAt: Date; readonly unitSystem: UnitSystem; readonly applicationVehicleId: string; readonly capacityLink: string | null },
): PathRead {
  if (outcome === undefined) return { kind: 'refused', path: item.path, error: { type: 'SERVER', code: 'INTERNAL' } };
  // A manufacturer's rate limit says when to retry: the caller is told the same.
  if (!outcome.ok) return { kind: 'refused', path: item.path, error: { type: outcome.error.type, code: outcome.error.code }, retryAfterSeconds: outcome.error.retryAfterSeconds };
  return {
    kind: 'data',
    path: item.path,
    recordedAt: outcome.recordedAt,
    fetchedAt: context.fetchedAt,
    unitSystem: context.unitSystem,
    body: bodyInUnitSystem(
      withCapacityLink(item.endpointId, withApplicationVehicleId(outcome.body, context.applicationVehicleId), context.capacityLink),
      unitFieldsByEndpoint[item.endpointId]?.response,
      context.unitSystem,
    ),
  };
}

/**
 * Bodies that name the vehicle (`id` in the attributes, Tesla's extended info, NIO's profile) carry the
 * id this application knows it by, never the provider's, so applications cannot correlate vehicles.
 */
function withApplicationVehicleId(body: unknown, applicationVehicleId: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('id' in body)) return body;
  return { ...body, id: applicationVehicleId };
}
