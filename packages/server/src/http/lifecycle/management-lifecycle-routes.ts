/** @module `/v2.0/management/lifecycle`: the application's own lifecycle, and resubmitting its request (management token). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/services.js';
import { lifecycleOperation } from '../../catalog/operations/index.js';
import { takeLifecycleAction } from '../../partner-lifecycle/lifecycle-actions.js';
import { readLifecycle } from '../../partner-lifecycle/lifecycle-view.js';
import { checkPartnerRequest } from '../../partner-lifecycle/partner-request.js';
import { transition } from '../../catalog/application-lifecycle.js';
import { operationRoute } from '../catalog-route.js';
import { managedApplicationOf } from '../management-api/require-management-token.js';
import { appliedOrRefused, refuse } from './lifecycle-answers.js';

/** Registers the routes on a scope that already requires the management token. */
export function registerManagementLifecycleRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...operationRoute(lifecycleOperation('getLifecycle')),
    handler: async (request) => readLifecycle(context.repositories, managedApplicationOf(request)),
  });
  routes.route({
    ...operationRoute(lifecycleOperation('resubmitLifecycleRequest')),
    handler: async (request) => {
      const application = managedApplicationOf(request);
      const actor = { role: 'developer' as const, name: `developer:${application.clientId}` };
      // Checked before the request is replaced, so a refused resubmission changes nothing.
      const decision = transition(application.lifecycleState, { action: 'resubmit', actor: actor.role });
      if (!decision.allowed) refuse(decision.reason, [{ field: 'action', message: decision.reason }]);
      const replacement = request.body.request;
      if (replacement !== undefined) {
        const checked = checkPartnerRequest(replacement);
        if (!checked.ok) refuse('The request is invalid; see `detail`.', checked.problems.map((problem) => ({ field: `body.request.${problem.field}`, message: problem.message })));
        await context.repositories.lifecycle.saveRequest(application.id, checked.request);
      }
      const updated = appliedOrRefused(await takeLifecycleAction(context.repositories, application, { action: 'resubmit', actor }));
      return readLifecycle(context.repositories, updated);
    },
  });
}
