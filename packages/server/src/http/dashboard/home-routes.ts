/** @module The dashboard's home (the team's applications) and its stylesheet. */
import type { FastifyInstance } from 'fastify';
import { can } from '../../accounts/index.js';
import { dashboardStylesheet } from './dashboard-assets.js';
import { homePage } from './pages/home-page.js';
import type { RouteKit } from './route-kit.js';

export function registerHomeRoutes(scope: FastifyInstance, kit: RouteKit): void {
  scope.get('/dashboard/assets/dashboard.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(dashboardStylesheet),
  );
  scope.get('/dashboard', async (request, reply) => {
    const member = await kit.member(request, reply);
    if (member === undefined) return reply;
    const membership = member.membership;
    const applications = membership !== null && can(membership.role, 'view-applications') ? await kit.context.repositories.teams.applicationsOf(membership.team.id) : [];
    return kit.page(reply, homePage({ basePath: kit.basePath, viewer: member.viewer, team: membership?.team ?? null, applications, canApply: membership !== null && can(membership.role, 'manage-applications') }));
  });
}
