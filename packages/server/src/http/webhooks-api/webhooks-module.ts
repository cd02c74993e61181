/** @module The webhooks capability: subscribe/unsubscribe routes and the webhook Management API, over the runtime the services started. */
import type { CarportModule } from '../carport-module.js';
import { resolvePlans } from '../../catalog/plans.js';
import { requireManagementToken } from '../management-api/require-management-token.js';
import { requireAccessToken } from '../vehicle-api/require-access-token.js';
import { registerManagementDeliveryRoutes } from './management-delivery-routes.js';
import { registerManagementWebhookRoutes } from './management-webhook-routes.js';
import { registerSubscribeRoute, registerUnsubscribeRoute } from './subscription-routes.js';

export const webhooksModule: CarportModule = {
  name: 'webhooks',
  async register(scope, context) {
    const runtime = context.webhooks;
    const admin = { repositories: context.repositories, sender: runtime.sender, settings: runtime.settings, plans: resolvePlans(context.config.planOverrides) };
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
