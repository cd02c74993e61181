/** @module The features a plan can include, and which of the catalog's endpoints each one opens. */
import { permissionCatalog } from './permissions.js';
import type { EndpointDefinition, PlanFeatureDefinition } from './types.js';

/**
 * What platforms of this kind sell separately from plain data reads: acting on the vehicle, the
 * make-specific extensions, batching, push delivery, and the Compatibility API (which the public
 * service reserves to its Enterprise plan). Reading the core data is never a feature: every plan has it.
 */
export const planFeatureCatalog = [
  { name: 'commands', description: 'vehicle commands: every endpoint that needs a `control_*` permission, such as lock, charge and climate' },
  { name: 'make_specific_endpoints', description: 'make-specific endpoints, `/vehicles/{id}/{make}/...`, on their own or in a batch' },
  { name: 'batch', description: 'batch requests, `POST /vehicles/{id}/batch`' },
  { name: 'webhooks', description: 'webhooks: creating them and subscribing vehicles to them' },
  { name: 'compatibility_api', description: 'the Compatibility API, `/compatibility` and `/compatibility/matrix`' },
] as const satisfies readonly PlanFeatureDefinition[];

/** A feature's name, e.g. `commands`. */
export type PlanFeature = (typeof planFeatureCatalog)[number]['name'];

/** Every feature, in catalog order. */
export const planFeatureNames: readonly PlanFeature[] = planFeatureCatalog.map((feature) => feature.name);

/** Whether `value` names a feature of the catalog. */
export function isPlanFeature(value: unknown): value is PlanFeature {
  return typeof value === 'string' && (planFeatureNames as readonly string[]).includes(value);
}

/** The catalog entry of `feature`. */
export function planFeatureDefinition(feature: PlanFeature): PlanFeatureDefinition {
  const found = planFeatureCatalog.find((definition) => definition.name === feature);
  if (found === undefined) throw new Error(`plan feature catalog lacks ${feature}`);
  return found;
}

const controlPermissions: ReadonlySet<string> = new Set(permissionCatalog.filter((permission) => permission.kind === 'control').map((permission) => permission.name));

/*
 * Unsubscribing is left out of `webhooks` on purpose: an application whose plan lost webhooks must
 * still be able to stop deliveries it set up before.
 */
const opens: Readonly<Record<PlanFeature, (endpoint: EndpointDefinition) => boolean>> = {
  commands: (endpoint) => endpoint.permission !== null && controlPermissions.has(endpoint.permission),
  make_specific_endpoints: (endpoint) => endpoint.makes !== null,
  batch: (endpoint) => endpoint.id === 'batch',
  webhooks: (endpoint) => endpoint.id === 'subscribeWebhook',
  compatibility_api: (endpoint) => endpoint.surface === 'compatibility',
};

/**
 * The features a request to `endpoint` needs: none for the core reads, one or two otherwise (a Tesla
 * command needs both `commands` and `make_specific_endpoints`).
 * @example featuresOfEndpoint(catalogEndpointById('lockUnlock')) // ['commands']
 */
export function featuresOfEndpoint(endpoint: EndpointDefinition): PlanFeature[] {
  return planFeatureNames.filter((feature) => opens[feature](endpoint));
}
