/** @module The operator's pages: the review queue, an application's request, and the lifecycle actions, through the same domain function as the admin API and the CLI. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblems } from '../../accounts/index.js';
import { describeAction, isLifecycleAction } from '../../catalog/application-lifecycle.js';
import { takeLifecycleAction } from '../../partner-lifecycle/lifecycle-actions.js';
import { readLifecycle } from '../../partner-lifecycle/lifecycle-view.js';
import type { ApplicationRecord } from '../../store/index.js';
import { actorNames } from './actor-names.js';
import { applicationPage } from './pages/application-page.js';
import { messagePage } from './pages/auth-pages.js';
import { reviewQueuePage } from './pages/review-queue-page.js';
import { formField, type MemberContext, type RouteKit } from './route-kit.js';

interface ReviewParams {
  readonly clientId: string;
}

export function registerReviewRoutes(scope: FastifyInstance, kit: RouteKit): void {
  const { basePath } = kit;
  const repositories = kit.context.repositories;
  const notFound = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'Not found', message: 'There is no such application.', linkText: 'Back to the review queue', linkPath: '/review' }), 404);

  /** The signed-in operator; anyone else is told the page is for operators. */
  const operator = async (request: FastifyRequest, reply: FastifyReply): Promise<MemberContext | undefined> => {
    const member = await kit.member(request, reply);
    if (member === undefined) return undefined;
    if (!member.state.account.isOperator) {
      kit.page(reply, messagePage({ basePath, title: 'Not allowed', message: 'Only operator accounts review applications.', linkText: 'Back to your applications', linkPath: '' }), 403);
      return undefined;
    }
    return member;
  };
  const render = async (reply: FastifyReply, member: MemberContext, application: ApplicationRecord, extra: { problems?: FieldProblems; message?: string } = {}, statusCode = 200): Promise<FastifyReply> => {
    const lifecycle = await readLifecycle(repositories, application);
    return kit.page(reply, applicationPage({ basePath, viewer: member.viewer, lifecycle, actorNames: await actorNames(repositories, lifecycle.timeline), mode: { kind: 'operator' }, ...extra }), statusCode);
  };

  scope.get('/dashboard/review', async (request, reply) => {
    const member = await operator(request, reply);
    if (member === undefined) return reply;
    return kit.page(reply, reviewQueuePage({ basePath, viewer: member.viewer, applications: await repositories.applications.list() }));
  });
  scope.get<{ Params: ReviewParams }>('/dashboard/review/:clientId', async (request, reply) => {
    const member = await operator(request, reply);
    if (member === undefined) return reply;
    const application = await repositories.applications.findByClientId(request.params.clientId);
    if (application === null) return notFound(reply);
    const done = (request.query as Record<string, unknown>).done;
    return render(reply, member, application, isLifecycleAction(done) ? { message: `Done: ${describeAction(done)}. The application is now ${application.lifecycleState.replace('_', ' ')}.` } : {});
  });
  scope.post<{ Params: ReviewParams & { action: string } }>('/dashboard/review/:clientId/:action', async (request, reply) => {
    const member = await operator(request, reply);
    if (member === undefined) return reply;
    const application = await repositories.applications.findByClientId(request.params.clientId);
    if (application === null) return notFound(reply);
    const action = request.params.action;
    if (!isLifecycleAction(action)) return notFound(reply);
    const outcome = await takeLifecycleAction(repositories, application, {
      action,
      actor: { role: 'operator', name: `operator:${member.state.account.id}` },
      reason: formField(request.body, 'reason'),
      force: formField(request.body, 'force') === 'true',
    });
    if (!outcome.ok) return render(reply, member, application, { problems: { action: outcome.message } }, outcome.problem === 'changed_meanwhile' ? 409 : 400);
    // This process applies the new state to the Vehicle API at once; others within the plan cache's lifetime.
    kit.context.limiter.forget(outcome.application.id);
    // Answered with a redirect, so reloading the page shows it instead of sending the action again.
    return kit.seeOther(reply, `/review/${outcome.application.clientId}?done=${action}`);
  });
}
