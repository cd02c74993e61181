/** @module The webhooks capability: subscribe/unsubscribe routes, the webhook Management API, and this process's intake, scheduler and delivery worker. */
import type { CarportModule, AppContext } from '../app-context.js';
import { readVehicleEndpoints } from '../../vehicle-data/read-vehicle-endpoints.js';
import { startWebhookRuntime, type WebhookRuntime } from '../../webhooks/webhook-runtime.js';
import { resolvePlans } from '../../limits/plans.js';
import { webhookSettingsFrom } from '../../webhooks/webhook-settings.js';
import { endSubscriptionsOfRevokedConnections } from '../../webhooks/revocation-listener.js';
import { requireManagementToken } from '../management-api/require-management-token.js';
import { requireAccessToken } from '../vehicle-api/require-access-token.js';
import { registerManagementDeliveryRoutes } from './management-delivery-routes.js';
import { registerManagementWebhookRoutes } from './management-webhook-routes.js';
import { registerSubscribeRoute, registerUnsubscribeRoute } from './subscription-routes.js';

const runtimes = new WeakMap<AppContext, WebhookRuntime>();

/** The webhook runtime an app started (tests drive its worker and scheduler by hand). */
export function webhookRuntimeOf(context: AppContext): WebhookRuntime | undefined {
  return runtimes.get(context);
}

export const webhooksModule: CarportModule = {
  name: 'webhooks',
  async register(scope, context) {
    const settings = webhookSettingsFrom(context.config);
    const runtime = startWebhookRuntime({
      repositories: context.repositories,
      providers: context.providers,
      logger: context.logger,
      now: context.now,
      settings,
      backgroundTasks: context.backgroundTasks,
      // Scheduled deliveries read through the Vehicle API's own path: same checks, errors and headers.
      readVehicle: (connection, paths, options) => readVehicleEndpoints(context, connection, paths, options),
    });
    runtimes.set(context, runtime);
    context.connectionEvents.onRevoking(endSubscriptionsOfRevokedConnections);
    const admin = { repositories: context.repositories, sender: runtime.sender, settings, plans: resolvePlans(context.config.planOverrides) };
    await scope.register((vehicleScope, _options, done) => {
      requireAccessToken(vehicleScope, context);
      registerSubscribeRoute(vehicleScope, context);
      done();
    });
    await scope.register((managementScope, _options, done) => {
      requireManagementToken(managementScope, context);
      registerUnsubscribeRoute(managementScope, context);
      registerManagementWebhookRoutes(managementScope, context, admin);
      registerManagementDeliveryRoutes(managementScope, context, () => {
        runtime.worker.notify();
      });
      done();
    });
  },
};
