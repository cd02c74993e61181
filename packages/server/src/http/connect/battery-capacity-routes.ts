/**
 * @module `/connect/battery-capacity`: the page Battery Capacity's `url` opens. GET shows the form
 * for a valid link; POST checks the link again, the CSRF token and the value, records the choice
 * with the vehicle's provider and redirects to the application with `vehicle_id`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseCapacityChoice } from '../../connect/capacity-choice.js';
import { CapacityLinkSigner, capacityChosenRedirect, capacityLinkLifetimeMs, capacitySelectionPath } from '../../connect/capacity-link.js';
import { resolveCapacityTarget, type CapacityLinkParams, type CapacityLinkProblem, type CapacityTarget } from '../../connect/capacity-target.js';
import { csrfMatches, randomToken } from '../../connect/flow-state.js';
import { CookieSealer } from '../../connect/sealed-cookie.js';
import type { AppContext } from '../../app/services.js';
import { allowFormTargets } from '../security-headers.js';
import { field } from './flow-session.js';
import { renderBatteryCapacityPage, type CapacityFormValues } from './pages/battery-capacity-page.js';
import { renderErrorPage } from './pages/error-page.js';

/** The double-submit CSRF token of one vehicle's form, bound to the link it was shown for. */
interface CapacityForm {
  readonly csrf: string;
  readonly vehicleId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

const html = 'text/html; charset=utf-8';

function linkParams(source: unknown): CapacityLinkParams {
  return {
    vehicleId: field(source, 'vehicle_id'),
    clientId: field(source, 'client_id'),
    token: field(source, 'token'),
    responseType: field(source, 'response_type'),
    redirectUri: field(source, 'redirect_uri'),
  };
}

export function registerBatteryCapacityRoutes(scope: FastifyInstance, context: AppContext, basePath: string): void {
  const deps = { repositories: context.repositories, providers: context.providers, signer: new CapacityLinkSigner(context.config.secretKey) };
  const forms = new CookieSealer<CapacityForm>(context.config.secretKey, 'battery capacity form');
  // One cookie per vehicle id (a UUID the token vouched for), so two tabs for two vehicles do not collide.
  const cookieName = (vehicleId: string): string => `carport_capacity_${vehicleId}`;
  const cookieOptions = { path: `${basePath}${capacitySelectionPath}`, httpOnly: true, sameSite: 'strict' as const, secure: context.config.publicUrl.startsWith('https:') };

  const problemPage = (reply: FastifyReply, problem: CapacityLinkProblem): FastifyReply =>
    reply.code(problem.status).type(html).header('Cache-Control', 'no-store').send(renderErrorPage(basePath, problem.message, problem.code));

  const formPage = (reply: FastifyReply, status: number, target: CapacityTarget, problem: string | null, values: CapacityFormValues | null): FastifyReply => {
    const form: CapacityForm = { csrf: randomToken(), ...target.subject, expiresAt: context.now().getTime() + capacityLinkLifetimeMs };
    reply.setCookie(cookieName(target.subject.vehicleId), forms.seal(form), { ...cookieOptions, maxAge: capacityLinkLifetimeMs / 1000 });
    // The form's POST answers with a redirect to the application, which `form-action` must allow.
    return allowFormTargets(reply, [target.redirectUri])
      .code(status)
      .type(html)
      .header('Cache-Control', 'no-store')
      .send(renderBatteryCapacityPage(basePath, target, form.csrf, problem, values));
  };

  scope.get(capacitySelectionPath, async (request, reply) => {
    const result = await resolveCapacityTarget(deps, linkParams(request.query), context.now());
    if (!result.ok) return problemPage(reply, result.problem);
    return formPage(reply, 200, result.target, null, null);
  });

  scope.post(capacitySelectionPath, async (request, reply) => {
    const now = context.now();
    const result = await resolveCapacityTarget(deps, linkParams(request.body), now);
    if (!result.ok) return problemPage(reply, result.problem);
    const { target } = result;
    const form = forms.open(request.cookies[cookieName(target.subject.vehicleId)], now);
    const genuine = form !== null && form.vehicleId === target.subject.vehicleId && form.clientId === target.subject.clientId && csrfMatches(form, field(request.body, 'csrf'));
    if (!genuine) return problemPage(reply, { status: 403, code: 'invalid_form', message: 'This form has expired or was not sent by this page. Open the battery capacity link again.' });
    const values = { choice: field(request.body, 'capacity'), entered: field(request.body, 'other_capacity') ?? '' };
    const choice = parseCapacityChoice(target.options, values.choice, values.entered);
    if (!choice.ok) return formPage(reply, 400, target, choice.problem, values);
    await target.record(choice.nominalKwh);
    reply.clearCookie(cookieName(target.subject.vehicleId), { path: cookieOptions.path });
    return reply.redirect(capacityChosenRedirect(target.redirectUri, target.subject.vehicleId), 303);
  });
}
