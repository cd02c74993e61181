/**
 * @module Battery Capacity's `url` for the asking application: the provider only says whether the
 * owner may choose (a non-null `url`); the link itself names the application's vehicle id and client
 * id and is signed, so it is minted here, where the connection is known.
 */
import { capacitySelection, type EndpointId } from '../catalog/endpoints/index.js';
import { CapacityLinkSigner, capacityLinkUrl } from '../connect/capacity-link.js';
import type { VehicleProvider } from '../providers/contract/index.js';
import type { ConnectionRecord } from '../store/index.js';
import type { VehicleDataServices } from './vehicle-data-services.js';

/** Whether a batch of reads needs a link: it asks Battery Capacity of a provider that can record a choice. */
export function needsCapacityLink(endpointIds: readonly EndpointId[], provider: VehicleProvider): boolean {
  return provider.selectNominalCapacity !== undefined && endpointIds.includes(capacitySelection.endpointId);
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
  if (endpointId !== capacitySelection.endpointId || body === null || typeof body !== 'object' || !('url' in body) || body.url === null) return body;
  return { ...body, url: link };
}
