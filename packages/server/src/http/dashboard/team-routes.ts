/** @module The team page and what members do there: invite, change roles, remove, leave, require a second factor; accepting an invitation. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can, type FieldProblems } from '../../accounts/index.js';
import { isTeamRole, type TeamAction } from '../../catalog/team-roles.js';
import type { Membership } from '../../store/index.js';
import { invitationPage } from './pages/invitation-page.js';
import { messagePage } from './pages/auth-pages.js';
import { teamPage } from './pages/team-page.js';
import { formField, type MemberContext, type RouteKit } from './route-kit.js';

interface MemberParams {
  readonly accountId: string;
}

export function registerTeamRoutes(scope: FastifyInstance, kit: RouteKit): void {
  const { basePath, accounts } = kit;
  const teams = kit.context.repositories.teams;

  const render = async (reply: FastifyReply, member: MemberContext, membership: Membership, extra: { problems?: FieldProblems; message?: string; invitationLink?: string } = {}, statusCode = 200): Promise<FastifyReply> => {
    const team = (await teams.findById(membership.team.id)) ?? membership.team;
    const [members, invitations] = await Promise.all([teams.members(team.id), can(membership.role, 'invite-members') ? teams.pendingInvitations(team.id) : Promise.resolve([])]);
    return kit.page(reply, teamPage({ basePath, viewer: member.viewer, accountId: member.state.account.id, team, role: membership.role, members, invitations, ...extra }), statusCode);
  };
  const notFound = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'Not found', message: 'There is no such member in your team.', linkText: 'Back to your team', linkPath: '/team' }), 404);
  const forbidden = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'Not allowed', message: 'Your role in this team does not allow this. Ask an owner.', linkText: 'Back to your team', linkPath: '/team' }), 403);
  /** The member and their team when their role allows `action`; otherwise the answer is sent. */
  const allowed = async (request: Parameters<RouteKit['member']>[0], reply: FastifyReply, action: TeamAction): Promise<{ member: MemberContext; membership: Membership } | undefined> => {
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

  scope.get('/dashboard/team', async (request, reply) => {
    const found = await allowed(request, reply, 'view-members');
    if (found === undefined) return reply;
    return render(reply, found.member, found.membership);
  });
  scope.post('/dashboard/team/invitations', async (request, reply) => {
    const found = await allowed(request, reply, 'invite-members');
    if (found === undefined) return reply;
    const role = formField(request.body, 'role');
    if (!isTeamRole(role)) return render(reply, found.member, found.membership, { problems: { role: 'Choose a role: owner, developer or viewer.' } }, 400);
    const outcome = await accounts.invite({ teamId: found.membership.team.id, email: formField(request.body, 'email'), role, invitedBy: found.member.state.account.id });
    if (!outcome.ok) return render(reply, found.member, found.membership, { problems: outcome.problems }, 400);
    return render(reply, found.member, found.membership, { invitationLink: outcome.value });
  });
  scope.post<{ Params: MemberParams }>('/dashboard/team/members/:accountId/role', async (request, reply) => {
    const found = await allowed(request, reply, 'manage-members');
    if (found === undefined) return reply;
    const role = formField(request.body, 'role');
    if (!isTeamRole(role)) return render(reply, found.member, found.membership, { problems: { role: 'Choose a role: owner, developer or viewer.' } }, 400);
    if ((await teams.roleOf(found.membership.team.id, request.params.accountId)) === null) return notFound(reply);
    if (!(await teams.setRole(found.membership.team.id, request.params.accountId, role))) {
      return render(reply, found.member, found.membership, { problems: { role: 'A team keeps at least one owner: make someone else owner first.' } }, 409);
    }
    return render(reply, found.member, found.membership, { message: 'The role is changed.' });
  });
  scope.post<{ Params: MemberParams }>('/dashboard/team/members/:accountId/remove', async (request, reply) => {
    const found = await allowed(request, reply, 'manage-members');
    if (found === undefined) return reply;
    if ((await teams.roleOf(found.membership.team.id, request.params.accountId)) === null) return notFound(reply);
    if (!(await teams.removeMember(found.membership.team.id, request.params.accountId))) {
      return render(reply, found.member, found.membership, { problems: { member: 'A team keeps at least one owner: make someone else owner first.' } }, 409);
    }
    if (request.params.accountId === found.member.state.account.id) return kit.seeOther(reply, '');
    return render(reply, found.member, found.membership, { message: 'The member is removed.' });
  });
  scope.post('/dashboard/team/leave', async (request, reply) => {
    const found = await allowed(request, reply, 'view-members');
    if (found === undefined) return reply;
    if (!(await teams.removeMember(found.membership.team.id, found.member.state.account.id))) {
      return render(reply, found.member, found.membership, { problems: { member: 'You are the last owner: make someone else owner before you leave.' } }, 409);
    }
    return kit.seeOther(reply, '');
  });
  scope.post('/dashboard/team/mfa', async (request, reply) => {
    const found = await allowed(request, reply, 'manage-team-settings');
    if (found === undefined) return reply;
    const required = formField(request.body, 'required') === 'true';
    await teams.setMfaRequired(found.membership.team.id, required);
    return render(reply, found.member, found.membership, { message: required ? 'Every member must now use two-step verification.' : 'Two-step verification is now optional.' });
  });

  const expiredInvitation = (reply: FastifyReply): FastifyReply =>
    kit.page(reply, messagePage({ basePath, title: 'This invitation no longer works', message: 'It has expired or was already used. Ask the team for a new one.', linkText: 'Go to sign in', linkPath: '/sign-in' }), 410);

  scope.get<{ Params: { token: string } }>('/dashboard/invitations/:token', async (request, reply) => {
    const invitation = await teams.findInvitation(request.params.token);
    if (invitation === null) return expiredInvitation(reply);
    const state = request.dashboardState?.session.stage === 'signed-in' ? request.dashboardState : null;
    const csrfToken = kit.csrfToken(request, reply);
    return kit.page(reply, invitationPage({ basePath, token: request.params.token, invitation, csrfToken, ...(state === null ? {} : { viewer: kit.viewerOf(request, reply, state) }) }));
  });
  scope.post<{ Params: { token: string } }>('/dashboard/invitations/:token', async (request, reply) => {
    const token = request.params.token;
    const invitation = await teams.findInvitation(token);
    if (invitation === null) return expiredInvitation(reply);
    const state = request.dashboardState?.session.stage === 'signed-in' ? request.dashboardState : null;
    if (state !== null) {
      if (state.account.email !== invitation.email) return kit.seeOther(reply, `/invitations/${encodeURIComponent(token)}`);
      if ((await teams.acceptInvitation(token, state.account.id)) === null) return expiredInvitation(reply);
      return kit.seeOther(reply, '/team');
    }
    const outcome = await accounts.signUp({ email: invitation.email, password: formField(request.body, 'password'), teamName: '', invitationToken: token });
    if (!outcome.ok) return kit.page(reply, invitationPage({ basePath, token, invitation, csrfToken: kit.csrfToken(request, reply), problems: outcome.problems }), 400);
    await kit.sessions.begin(reply, request.dashboardState, outcome.value.account.id, 'signed-in');
    return kit.seeOther(reply, '/team');
  });
}
