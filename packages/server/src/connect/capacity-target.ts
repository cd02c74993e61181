/**
 * @module What a capacity link points at, checked step by step: the token, the request's shape, the
 * application and its registered redirect URI, the active connection, and the vehicle's listed
 * capacities. Any failure is an error page (never a redirect: the redirect URI may be the thing at fault).
 */
import { Value } from '@sinclair/typebox/value';
import { capacitySelection, endpointCatalog } from '../catalog/endpoints/index.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { VehicleProvider } from '../providers/contract/index.js';
import type { ProviderVehicle, VehicleRef } from '../providers/vehicle-provider.js';
import type { Repositories } from '../store/index.js';
import type { CapacityOption } from './capacity-choice.js';
import type { CapacityLinkSigner, CapacityLinkSubject } from './capacity-link.js';

/** The link's parameters as the request carries them (query on the page, hidden fields on the form). */
export interface CapacityLinkParams {
  readonly vehicleId: string | undefined;
  readonly clientId: string | undefined;
  readonly token: string | undefined;
  readonly responseType: string | undefined;
  readonly redirectUri: string | undefined;
}

/** A link that checked out, with everything the page shows and the form needs. */
export interface CapacityTarget {
  readonly subject: CapacityLinkSubject;
  readonly token: string;
  readonly redirectUri: string;
  readonly applicationName: string;
  readonly vehicle: ProviderVehicle;
  readonly options: readonly CapacityOption[];
  /** The owner's earlier choice, if any. */
  readonly selected: number | null;
  record(nominalKwh: number): Promise<void>;
}

/** Why a link cannot be used: the page's status, a short code and a sentence for the owner. */
export interface CapacityLinkProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type CapacityTargetResult = { readonly ok: true; readonly target: CapacityTarget } | { readonly ok: false; readonly problem: CapacityLinkProblem };

export interface CapacityTargetDeps {
  readonly repositories: Repositories;
  readonly providers: ProviderRegistry;
  readonly signer: CapacityLinkSigner;
}

const startAgain = 'Return to the application and open the battery capacity link again.';
const fail = (status: number, code: string, message: string): CapacityTargetResult => ({ ok: false, problem: { status, code, message } });

const responseSchema = endpointCatalog.find((endpoint) => endpoint.id === capacitySelection.endpointId)?.response;

interface NominalCapacityBody {
  readonly availableCapacities: readonly CapacityOption[];
  readonly capacity: { readonly nominal: number; readonly source: string } | null;
  readonly url: string | null;
}

function isNominalCapacityBody(body: unknown): body is NominalCapacityBody {
  return responseSchema !== undefined && Value.Check(responseSchema, body);
}

/** Checks a link and loads what it points at. */
export async function resolveCapacityTarget(deps: CapacityTargetDeps, params: CapacityLinkParams, now: Date): Promise<CapacityTargetResult> {
  const { vehicleId, clientId, token } = params;
  if (vehicleId === undefined || clientId === undefined || token === undefined) return fail(400, 'invalid_link', `This battery capacity link is incomplete. ${startAgain}`);
  const subject = { vehicleId, clientId };
  const check = deps.signer.check(subject, token, now);
  if (check === 'invalid') return fail(403, 'invalid_link', `This battery capacity link is not valid for this vehicle. ${startAgain}`);
  if (check === 'expired') return fail(410, 'expired_link', `This battery capacity link has expired. ${startAgain}`);
  if (params.responseType !== capacitySelection.responseType) return fail(400, 'invalid_request', `The link must ask for response_type=${capacitySelection.responseType}. ${startAgain}`);
  const application = await deps.repositories.applications.findByClientId(clientId);
  if (application === null) return fail(400, 'invalid_link', 'The application that sent this link no longer exists.');
  const redirectUri = params.redirectUri ?? '';
  if (!application.redirectUris.includes(redirectUri)) {
    return fail(400, 'invalid_request', 'The link’s redirect URI is missing or not registered for this application, so Carport cannot send you back to it. Contact the application’s developer.');
  }
  const connection = await deps.repositories.connections.findActiveByApplicationVehicleId(application.id, vehicleId);
  const stored = connection === null ? null : await deps.repositories.vehicles.findById(connection.vehicleId);
  if (stored === null) return fail(400, 'vehicle_not_connected', `This vehicle is no longer connected to ${application.name}.`);
  const ref: VehicleRef = { make: stored.make, mode: stored.mode, providerVehicleId: stored.providerVehicleId };
  const provider = deps.providers.forVehicle(stored);
  const vehicle = provider === undefined ? null : await provider.getVehicle(ref);
  if (provider?.selectNominalCapacity === undefined || vehicle === null) return fail(400, 'not_supported', 'The battery capacity of this vehicle cannot be chosen here.');
  return loadChoices(provider, ref, vehicle, { subject, token, redirectUri, applicationName: application.name });
}

async function loadChoices(
  provider: VehicleProvider,
  ref: VehicleRef,
  vehicle: ProviderVehicle,
  link: Pick<CapacityTarget, 'subject' | 'token' | 'redirectUri' | 'applicationName'>,
): Promise<CapacityTargetResult> {
  const [outcome] = await provider.read(ref, [{ endpointId: capacitySelection.endpointId }]);
  if (outcome === undefined || !outcome.ok || !isNominalCapacityBody(outcome.body)) return fail(502, 'vehicle_unavailable', 'Your vehicle’s battery capacities could not be read just now. Try again in a few minutes.');
  const body = outcome.body;
  // A null url is the provider saying the capacity is known for certain: there is nothing to choose.
  if (body.url === null) return fail(400, 'capacity_known', 'The battery capacity of this vehicle is already known; there is nothing to choose.');
  return {
    ok: true,
    target: {
      ...link,
      vehicle,
      options: body.availableCapacities,
      selected: body.capacity?.source === 'USER_SELECTED' ? body.capacity.nominal : null,
      record: (nominalKwh) => provider.selectNominalCapacity?.(ref, nominalKwh) ?? Promise.resolve(),
    },
  };
}
