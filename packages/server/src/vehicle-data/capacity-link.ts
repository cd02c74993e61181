/**
 * @module Battery Capacity's `url` for the asking application: the provider only says whether the
 * owner may choose (a non-null `url`); the link itself names the application's vehicle id and client
 * id and is signed, so it is minted here, where the connection is known.
 */
import { capacitySelection, type EndpointId } from '../catalog/endpoints/index.js';
import { CapacityLinkSigner, capacityLinkUrl } from '../connect/capacity-link.js';
import type { VehicleProvider } from '../providers/contract/index.js';
import type { ReadOutcome } from '../providers/vehicle-provider.js';
import type { ConnectionRecord } from '../store/index.js';
import type { VehicleDataServices } from './vehicle-data-services.js';

/**
 * Whether a batch of reads needs a link: Battery Capacity, from a provider that can record a choice,
 * answered with a `url` (the owner may choose). Minting one costs a lookup and a signature, so an
 * answer that offers no choice goes without.
 */
export function needsCapacityLink(reads: readonly { readonly endpointId: EndpointId; readonly outcome: ReadOutcome | undefined }[], provider: VehicleProvider): boolean {
  if (provider.selectNominalCapacity === undefined) return false;
  return reads.some(({ endpointId, outcome }) => endpointId === capacitySelection.endpointId && outcome?.ok === true && offersChoice(outcome.body));
}

function offersChoice(body: unknown): body is { readonly url: unknown } {
  return body !== null && typeof body === 'object' && 'url' in body && body.url !== null;
}

/** A fresh link for this connection; null when the application is gone. */
export async function capacityLinkFor(context: Pick<VehicleDataServices, 'config' | 'repositories' | 'now'>, connection: ConnectionRecord): Promise<string | null> {
  const application = await context.repositories.applications.findById(connection.applicationId);
  if (application === null) return null;
  const subject = { vehicleId: connection.applicationVehicleId, clientId: application.clientId };
  const token = new CapacityLinkSigner(context.config.secretKey).issue(subject, context.now());
  return capacityLinkUrl(context.config.publicUrl, subject, token, application.redirectUris[0] ?? '');
}

/** Battery Capacity's body with the provider's `url` replaced by `link` (null: the owner cannot choose here). */
export function withCapacityLink(endpointId: EndpointId, body: unknown, link: string | null): unknown {
  if (endpointId !== capacitySelection.endpointId || !offersChoice(body)) return body;
  return { ...body, url: link };
}
