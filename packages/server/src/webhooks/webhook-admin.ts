/** @module Managing webhooks (create, update, re-verify, delete, show), shared by the Management API and the CLI so both behave the same. */
import { heldPlan, type PlanCatalog } from '../catalog/plans.js';
import { ConstraintViolationError, type Repositories, type WebhookRecord } from '../store/index.js';
import type { CallbackSender } from './callback-sender.js';
import { validateNewWebhook, validateWebhookChanges, type Validated, type WebhookChanges, type WebhookInput } from './validate-webhook.js';
import { verifyWebhook } from './verification.js';
import { triggerConfig } from './webhook-definition.js';
import type { WebhookSettings } from './webhook-settings.js';
import { webhookView, type WebhookDetailView } from './views.js';

/** What managing webhooks needs. */
export interface WebhookAdminDeps {
  readonly repositories: Repositories;
  readonly sender: CallbackSender;
  readonly settings: Pick<WebhookSettings, 'allowedAddressClasses'>;
  /** The plans (`resolvePlans(config.planOverrides)`): only a plan with the `webhooks` feature may create webhooks. */
  readonly plans: PlanCatalog;
}

/** Creating refused: the application's plan (named as the application names it) lacks webhooks. */
export interface PlanWithoutWebhooks {
  readonly ok: false;
  readonly lackedFeature: { readonly plan: string; readonly feature: 'webhooks' };
}

/** Creating refused: the application was deleted after its credential was checked. */
export interface ApplicationGone {
  readonly ok: false;
  readonly applicationGone: true;
}

/**
 * Creates a webhook and verifies its callback URL at once; the returned webhook shows whether
 * verification succeeded and, if not, why (it then receives nothing until re-verified). Refused
 * when the application's plan, read afresh, does not include webhooks, and when the application is
 * deleted while the webhook is created.
 */
export async function createWebhook(deps: WebhookAdminDeps, applicationId: string, input: WebhookInput): Promise<Validated<WebhookRecord> | PlanWithoutWebhooks | ApplicationGone> {
  const standing = await deps.repositories.applications.findPlanStanding(applicationId);
  if (standing !== null && !heldPlan(deps.plans, standing.plan).limits.features.includes('webhooks')) {
    return { ok: false, lackedFeature: { plan: standing.plan, feature: 'webhooks' } };
  }
  const valid = validateNewWebhook(input, deps.settings.allowedAddressClasses);
  if (!valid.ok) return valid;
  const { name, callbackUrl, kind, mode, enabled, trigger } = valid.value;
  let created: WebhookRecord;
  try {
    created = await deps.repositories.webhooks.create({ applicationId, name, callbackUrl, kind, mode, enabled, config: triggerConfig(trigger) });
  } catch (error) {
    // The webhook's one reference is its application's.
    if (error instanceof ConstraintViolationError && error.kind === 'foreign_key') return { ok: false, applicationGone: true };
    throw error;
  }
  return { ok: true, value: await verifyWebhook(deps, created) };
}

/** Applies changes; a new callback URL is verified again before anything is delivered to it. Null when unknown. */
export async function updateWebhook(deps: WebhookAdminDeps, applicationId: string, id: string, changes: WebhookChanges): Promise<Validated<WebhookRecord> | null> {
  const existing = await deps.repositories.webhooks.findForApplication(applicationId, id);
  if (existing === null) return null;
  const valid = validateWebhookChanges(existing, changes, deps.settings.allowedAddressClasses);
  if (!valid.ok) return valid;
  const updated = await deps.repositories.webhooks.update(id, valid.value);
  if (updated === null) return null;
  const urlChanged = valid.value.callbackUrl !== undefined && valid.value.callbackUrl !== existing.callbackUrl;
  return { ok: true, value: urlChanged ? await verifyWebhook(deps, updated) : updated };
}

/** Sends a new challenge (after fixing the receiver); null when unknown. */
export async function reverifyWebhook(deps: WebhookAdminDeps, applicationId: string, id: string): Promise<WebhookRecord | null> {
  const existing = await deps.repositories.webhooks.findForApplication(applicationId, id);
  return existing === null ? null : verifyWebhook(deps, existing);
}

/** Deletes a webhook with its subscriptions and deliveries; false when unknown. */
export async function deleteWebhook(repositories: Pick<Repositories, 'webhooks'>, applicationId: string, id: string): Promise<boolean> {
  const existing = await repositories.webhooks.findForApplication(applicationId, id);
  return existing !== null && (await repositories.webhooks.delete(id));
}

/** A webhook with the vehicle ids subscribed to it (through active connections); null when unknown. */
export async function showWebhook(repositories: Pick<Repositories, 'webhooks' | 'subscriptions' | 'connections'>, applicationId: string, id: string): Promise<WebhookDetailView | null> {
  const webhook = await repositories.webhooks.findForApplication(applicationId, id);
  if (webhook === null) return null;
  const vehicleIds: string[] = [];
  for (const subscription of await repositories.subscriptions.listByWebhook(id)) {
    const connection = await repositories.connections.findById(subscription.connectionId);
    if (connection !== null && connection.revokedAt === null) vehicleIds.push(connection.applicationVehicleId);
  }
  return { ...webhookView(webhook), vehicleIds: [...new Set(vehicleIds)] };
}
