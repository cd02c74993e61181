/** @module A team's applications: applying for one, its lifecycle page, and resubmitting its request after changes were asked for. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type FieldProblems } from '../../accounts/index.js';
import { transition } from '../../catalog/application-lifecycle.js';
import { takeLifecycleAction } from '../../partner-lifecycle/lifecycle-actions.js';
import { readLifecycle } from '../../partner-lifecycle/lifecycle-view.js';
import { checkPartnerRequest } from '../../partner-lifecycle/partner-request.js';
import { requestAccess } from '../../partner-lifecycle/request-access.js';
import type { ApplicationRecord, Membership } from '../../store/index.js';
import { actorNames } from './actor-names.js';
import { fieldProblemsOf, formOfRequest, readApplyForm, redirectUrisOf, requestInputOf } from './application-form.js';
import { applicationPage } from './pages/application-page.js';
import { applyPage, credentialsPage, emptyApplyForm, type ApplyForm } from './pages/apply-page.js';
import { messagePage } from './pages/auth-pages.js';
import type { MemberContext, RouteKit } from './route-kit.js';

interface ApplicationParams {
  readonly clientId: string;
}

function redirectUriProblem(uris: readonly string[]): string | null {
  if (uris.length === 0) return 'Give at least one redirect URI.';
  for (const uri of uris) {
    try {
      const url = new URL(uri);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${uri} must be an http(s) URL.`;
    } catch {
      return `${uri} must be an absolute http(s) URL.`;
    }
  }
  return null;
}

export function registerApplicationRoutes(scope: FastifyInstance, kit: RouteKit): void {
  const { basePath } = kit;
  const repositories = kit.context.repositories;

  const notFound = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'Not found', message: 'Your team has no such application.', linkText: 'Back to your applications', linkPath: '' }), 404);
  const forbidden = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'Not allowed', message: 'Your role in this team does not allow this. Ask an owner or a developer.', linkText: 'Back to your applications', linkPath: '' }), 403);

  /** The member with their team when the role allows `action`; otherwise the answer is sent. */
  const memberAllowed = async (request: FastifyRequest, reply: FastifyReply, action: 'view-applications' | 'manage-applications'): Promise<{ member: MemberContext; membership: Membership } | undefined> => {
    const member = await kit.member(request, reply);
    if (member === undefined) return undefined;
    if (member.membership === null) {
      notFound(reply);
      return undefined;
    }
    if (!can(member.membership.role, action)) {
      forbidden(reply);
      return undefined;
    }
    return { member, membership: member.membership };
  };
  /** The team's application named in the path; another team's is as unknown as a missing one. */
  const teamApplication = async (membership: Membership, clientId: string): Promise<ApplicationRecord | undefined> =>
    (await repositories.teams.applicationsOf(membership.team.id)).find((application) => application.clientId === clientId);

  const renderApplication = async (reply: FastifyReply, found: { member: MemberContext; membership: Membership }, application: ApplicationRecord, extra: { form?: ApplyForm; problems?: FieldProblems; message?: string } = {}, statusCode = 200): Promise<FastifyReply> => {
    const lifecycle = await readLifecycle(repositories, application);
    const form = extra.form ?? formOfRequest(application.name, lifecycle.request);
    return kit.page(
      reply,
      applicationPage({
        basePath,
        viewer: found.member.viewer,
        lifecycle,
        actorNames: await actorNames(repositories, lifecycle.timeline),
        mode: { kind: 'member', canResubmit: can(found.membership.role, 'manage-applications'), form },
        ...(extra.problems === undefined ? {} : { problems: extra.problems }),
        ...(extra.message === undefined ? {} : { message: extra.message }),
      }),
      statusCode,
    );
  };

  scope.get('/dashboard/applications/new', async (request, reply) => {
    const found = await memberAllowed(request, reply, 'manage-applications');
    if (found === undefined) return reply;
    return kit.page(reply, applyPage({ basePath, viewer: found.member.viewer, form: { ...emptyApplyForm, contactEmail: found.member.state.account.email } }));
  });
  scope.post('/dashboard/applications/new', async (request, reply) => {
    const found = await memberAllowed(request, reply, 'manage-applications');
    if (found === undefined) return reply;
    const form = readApplyForm(request.body);
    const checked = checkPartnerRequest(requestInputOf(form));
    const problems: Record<string, string | undefined> = checked.ok ? {} : { ...fieldProblemsOf(checked.problems) };
    if (form.name === '') problems.name = 'Give the application a name.';
    const redirectUris = redirectUrisOf(form);
    const uriProblem = redirectUriProblem(redirectUris);
    if (uriProblem !== null) problems.redirectUris = uriProblem;
    if (!checked.ok || Object.keys(problems).length > 0) return kit.page(reply, applyPage({ basePath, viewer: found.member.viewer, form, problems }), 400);
    const created = await requestAccess(repositories, { name: form.name, redirectUris, requestedBy: `developer:${found.member.state.account.id}` }, checked.request);
    await repositories.teams.assignApplication(created.application.id, found.membership.team.id);
    return kit.page(reply, credentialsPage({ basePath, viewer: found.member.viewer, name: created.application.name, clientId: created.application.clientId, clientSecret: created.clientSecret }), 201);
  });
  scope.get<{ Params: ApplicationParams }>('/dashboard/applications/:clientId', async (request, reply) => {
    const found = await memberAllowed(request, reply, 'view-applications');
    if (found === undefined) return reply;
    const application = await teamApplication(found.membership, request.params.clientId);
    if (application === undefined) return notFound(reply);
    const resubmitted = (request.query as Record<string, unknown>).resubmitted === '1';
    return renderApplication(reply, found, application, resubmitted ? { message: 'The request is submitted again and waits for review.' } : {});
  });
  scope.post<{ Params: ApplicationParams }>('/dashboard/applications/:clientId/resubmit', async (request, reply) => {
    const found = await memberAllowed(request, reply, 'view-applications');
    if (found === undefined) return reply;
    const application = await teamApplication(found.membership, request.params.clientId);
    if (application === undefined) return notFound(reply);
    if (!can(found.membership.role, 'manage-applications')) return forbidden(reply);
    const actor = { role: 'developer' as const, name: `developer:${found.member.state.account.id}` };
    // Checked before the request is replaced, so a refused resubmission changes nothing.
    const decision = transition(application.lifecycleState, { action: 'resubmit', actor: actor.role });
    if (!decision.allowed) return renderApplication(reply, found, application, { problems: { action: decision.reason } }, 409);
    const form = { ...readApplyForm(request.body), name: application.name };
    const checked = checkPartnerRequest(requestInputOf(form));
    if (!checked.ok) return renderApplication(reply, found, application, { form, problems: { ...fieldProblemsOf(checked.problems) } }, 400);
    await repositories.lifecycle.saveRequest(application.id, checked.request);
    const outcome = await takeLifecycleAction(repositories, application, { action: 'resubmit', actor });
    if (!outcome.ok) return renderApplication(reply, found, application, { problems: { action: outcome.message } }, 409);
    // Answered with a redirect, so reloading the page does not send the form again.
    return kit.seeOther(reply, `/applications/${outcome.application.clientId}?resubmitted=1`);
  });
}
