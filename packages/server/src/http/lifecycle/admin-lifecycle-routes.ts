/** @module `/admin/applications...`: the operator reviews, approves, releases, suspends and revokes applications (admin token). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/services.js';
import { adminLifecycleOperation } from '../../catalog/operations/index.js';
import { takeLifecycleAction } from '../../partner-lifecycle/lifecycle-actions.js';
import { readLifecycle } from '../../partner-lifecycle/lifecycle-view.js';
import { operationRoute } from '../catalog-route.js';
import { appliedOrRefused, unknownApplication } from './lifecycle-answers.js';

/** The admin token names no person; the timeline records the surface the operator used. */
const adminActor = { role: 'operator', name: 'operator:admin-api' } as const;

/** Registers the routes on a scope that already requires the admin token. */
export function registerAdminLifecycleRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  const find = async (clientId: string) => {
    const application = await context.repositories.applications.findByClientId(clientId);
    if (application === null) throw unknownApplication(clientId);
    return application;
  };
  routes.route({
    ...operationRoute(adminLifecycleOperation('listApplicationLifecycles')),
    handler: async (request) => {
      const { state } = request.query;
      const applications = (await context.repositories.applications.list()).filter((application) => state === undefined || application.lifecycleState === state);
      return { applications: applications.map((application) => ({ clientId: application.clientId, name: application.name, state: application.lifecycleState, reason: application.lifecycleReason })) };
    },
  });
  routes.route({
    ...operationRoute(adminLifecycleOperation('showApplicationLifecycle')),
    handler: async (request) => readLifecycle(context.repositories, await find(request.params.client_id)),
  });
  routes.route({
    ...operationRoute(adminLifecycleOperation('takeLifecycleAction')),
    handler: async (request) => {
      const application = await find(request.params.client_id);
      const body = request.body ?? {};
      const outcome = await takeLifecycleAction(context.repositories, application, {
        action: request.params.action,
        actor: adminActor,
        ...(body.reason === undefined ? {} : { reason: body.reason }),
        ...(body.dataPackages === undefined ? {} : { dataPackages: body.dataPackages }),
        ...(body.force === undefined ? {} : { force: body.force }),
      });
      const updated = appliedOrRefused(outcome);
      // This process applies the new state to the Vehicle API at once; others within the plan cache's lifetime.
      context.limiter.forget(updated.id);
      return readLifecycle(context.repositories, updated);
    },
  });
}
