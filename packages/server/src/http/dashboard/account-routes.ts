/** @module Account settings: second-factor enrolment and removal, and password change. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblems } from '../../accounts/index.js';
import { accountPage } from './pages/account-page.js';
import { formField, type MemberContext, type RouteKit } from './route-kit.js';

export function registerAccountRoutes(scope: FastifyInstance, kit: RouteKit): void {
  const { basePath, accounts } = kit;
  const render = async (
    reply: FastifyReply,
    member: MemberContext,
    extra: { problems?: FieldProblems; message?: string; recoveryCodes?: readonly string[] } = {},
    statusCode = 200,
  ): Promise<FastifyReply> => {
    const account = (await kit.context.repositories.developerAccounts.findById(member.state.account.id)) ?? member.state.account;
    const memberships = await kit.context.repositories.teams.membershipsOf(account.id);
    const enrolment = await accounts.pendingEnrolment(account);
    return kit.page(
      reply,
      accountPage({ basePath, viewer: member.viewer, account, enrolment, mfaRequiredByTeam: account.mfaEnabledAt === null && memberships.some((entry) => entry.team.mfaRequired), ...extra }),
      statusCode,
    );
  };
  const enrolling = (request: FastifyRequest, reply: FastifyReply): Promise<MemberContext | undefined> => kit.member(request, reply, { enrolling: true });

  scope.get('/dashboard/account', async (request, reply) => {
    const member = await enrolling(request, reply);
    if (member === undefined) return reply;
    return render(reply, member);
  });
  scope.post('/dashboard/account/mfa/start', async (request, reply) => {
    const member = await enrolling(request, reply);
    if (member === undefined) return reply;
    if (member.state.account.mfaEnabledAt === null) await accounts.startMfaEnrolment(member.state.account);
    return kit.seeOther(reply, '/account');
  });
  scope.post('/dashboard/account/mfa', async (request, reply) => {
    const member = await enrolling(request, reply);
    if (member === undefined) return reply;
    const outcome = await accounts.confirmMfa(member.state.account, formField(request.body, 'code'));
    if (!outcome.ok) return render(reply, member, { problems: outcome.problems }, 400);
    return render(reply, member, { recoveryCodes: outcome.value });
  });
  scope.post('/dashboard/account/mfa/disable', async (request, reply) => {
    const member = await kit.member(request, reply);
    if (member === undefined) return reply;
    const outcome = await accounts.disableMfa(member.state.account, formField(request.body, 'password'));
    if (!outcome.ok) return render(reply, member, { problems: outcome.problems }, 400);
    return render(reply, member, { message: 'Two-step verification is off.' });
  });
  scope.post('/dashboard/account/password', async (request, reply) => {
    const member = await enrolling(request, reply);
    if (member === undefined) return reply;
    const outcome = await accounts.changePassword(member.state.account, formField(request.body, 'currentPassword'), formField(request.body, 'newPassword'), member.state.id);
    if (!outcome.ok) return render(reply, member, { problems: outcome.problems }, 400);
    return render(reply, member, { message: 'Your password is changed. Your other sessions have ended.' });
  });
}
