/** @module Connect's steps: authorize → preamble → brand → sign-in → grant → redirect, each a GET page and a POST action. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findMake, plannedMakeCatalog, searchMakes, searchPlannedMakes } from '../../catalog/makes.js';
import { signInIdentifierFor, signInLabel } from '../../catalog/sign-in-identifiers.js';
import type { MakeDefinition } from '../../catalog/types.js';
import { validateAuthorizeRequest } from '../../connect/authorize-request.js';
import { alreadyGranted, completeConnect, countNewLiveVehicles, type ConnectApproval } from '../../connect/complete-connect.js';
import { ApiError } from '../../catalog/api-error.js';
import { assertCanConnectVehicles } from '../limits/assert-can-connect-vehicles.js';
import { connectRefusal } from '../../partner-lifecycle/access-policy.js';
import { configurationErrorRedirect, errorRedirect, successRedirect } from '../../connect/connect-redirect.js';
import type { FlowState } from '../../connect/flow-state.js';
import { flowIdOfState, manufacturerCallbackPath, startManufacturerLogin, verifierForCallback } from '../../connect/manufacturer-login.js';
import { storeManufacturerTokens } from '../../connect/store-manufacturer-tokens.js';
import { isCompatible, offeredPermissions, planGrant, type VehicleChoice } from '../../connect/grant-plan.js';
import { applyPageChoice, currentSelection, encodeSelection, grantPage } from '../../connect/grant-selection.js';
import { SignInThrottle } from '../../connect/sign-in-throttle.js';
import { passwordLinkingOf, type OAuthRedirectLinking, type VehicleProvider } from '../../providers/contract/index.js';
import type { ProviderAccount } from '../../providers/vehicle-provider.js';
import type { AppContext } from '../../app/services.js';
import { field, fieldList, type FlowSession } from './flow-session.js';
import { renderBrandSelectPage } from './pages/brand-select-page.js';
import { renderErrorPage } from './pages/error-page.js';
import { renderGrantPage } from './pages/grant-page.js';
import { renderLoginPage } from './pages/login-page.js';
import { renderPreamblePage } from './pages/preamble-page.js';

const html = 'text/html; charset=utf-8';
const grantConflictDescription = 'Another consent for the same vehicle was recorded at the same moment; start Connect again.';

/** Registers every step; `session` owns cookies, `throttle` counts failed sign-ins. */
export function registerConnectFlowRoutes(scope: FastifyInstance, context: AppContext, session: FlowSession, throttle = new SignInThrottle()): void {
  const base = session.basePath;
  const applicationName = async (flow: FlowState): Promise<string> => (await context.repositories.applications.findById(flow.applicationId))?.name ?? 'An application';
  const providerFor = (flow: FlowState): VehicleProvider | undefined => (flow.make === null ? undefined : context.providers.find(flow.make, flow.mode));
  const accountOf = (flow: FlowState): ProviderAccount | null =>
    flow.account === null || flow.make === null ? null : { make: flow.make, mode: flow.mode, providerAccountId: flow.account.providerAccountId, email: flow.account.email };
  const go = (reply: FastifyReply, flow: FlowState, step: string, query: Readonly<Record<string, string>> = {}): FastifyReply => {
    session.save(reply, flow);
    return reply.redirect(`${base}/connect/${step}?${new URLSearchParams({ flow: flow.flowId, ...query }).toString()}`, 303);
  };
  const afterBrand = (reply: FastifyReply, flow: FlowState): FastifyReply => go(reply, flow, flow.make === null ? 'brands' : 'login');

  scope.get('/oauth/authorize', async (request, reply) => {
    const result = await validateAuthorizeRequest(request.query as Record<string, unknown>, context.repositories.applications, context.now());
    if (result.kind === 'error-page') return reply.code(400).type(html).send(renderErrorPage(base, result.message, 'invalid_request'));
    if (result.kind === 'redirect-error') return reply.redirect(configurationErrorRedirect(result.redirectUri, result.state, result.message), 303);
    const { flow } = result;
    if (flow.make !== null && context.providers.find(flow.make, flow.mode) === undefined) {
      return reply.redirect(configurationErrorRedirect(flow.redirectUri, flow.state, `make ${flow.make} cannot be connected in ${flow.mode} mode.`), 303);
    }
    return go(reply, flow, 'preamble');
  });

  scope.get('/connect/preamble', async (request, reply) => {
    const flow = await session.read(request, field(request.query, 'flow'), context.now());
    if (flow === null) return session.invalidFlow(reply);
    return reply.type(html).send(renderPreamblePage(base, flow, await applicationName(flow)));
  });
  scope.post('/connect/preamble', async (request, reply) => {
    const flow = await session.readPosted(request, context.now());
    if (flow === null) return session.invalidFlow(reply);
    if (field(request.body, 'action') === 'back') return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'user_manually_returned_to_application', flow.state));
    return afterBrand(reply, flow);
  });

  const connectableMakes = (flow: FlowState): MakeDefinition[] =>
    context.providers
      .makes(flow.mode)
      .map((id) => findMake(id))
      .filter((make): make is MakeDefinition => make !== undefined)
      .sort((left, right) => left.displayName.localeCompare(right.displayName));

  scope.get('/connect/brands', async (request, reply) => {
    const flow = await session.read(request, field(request.query, 'flow'), context.now());
    if (flow === null) return session.invalidFlow(reply);
    const query = field(request.query, 'q') ?? '';
    const all = connectableMakes(flow);
    const matching = query.trim() === '' ? all : (() => {
      const found = new Set(searchMakes(query).map((make) => make.id));
      return all.filter((make) => found.has(make.id));
    })();
    const planned = { all: plannedMakeCatalog, shown: new Set(searchPlannedMakes(query).map((make) => make.id)) };
    return reply.type(html).send(renderBrandSelectPage(base, flow, matching, query, planned));
  });
  scope.post('/connect/brands', async (request, reply) => {
    const flow = await session.readPosted(request, context.now());
    if (flow === null) return session.invalidFlow(reply);
    const make = field(request.body, 'make');
    if (flow.makeLocked || make === undefined || context.providers.find(make, flow.mode) === undefined) return session.invalidFlow(reply);
    return go(reply, { ...flow, make, account: null, selection: null }, 'login');
  });

  scope.get('/connect/login', async (request, reply) => {
    const flow = await session.read(request, field(request.query, 'flow'), context.now());
    const make = flow?.make == null ? undefined : findMake(flow.make);
    if (flow === null || make === undefined) return session.invalidFlow(reply);
    const linking = providerFor(flow)?.linking;
    // The manufacturer's own login takes the owner's password; Carport never sees it.
    if (linking?.kind === 'oauth-redirect') return redirectToManufacturer(reply, flow, linking);
    return reply.type(html).send(renderLoginPage(base, flow, make, null, ''));
  });
  scope.post('/connect/login', async (request, reply) => {
    const now = context.now();
    const flow = await session.readPosted(request, now);
    const provider = flow === null ? undefined : providerFor(flow);
    const linking = passwordLinkingOf(provider);
    const make = flow?.make == null ? undefined : findMake(flow.make);
    if (flow?.make == null || make === undefined || provider === undefined || linking === undefined) return session.invalidFlow(reply);
    const makeName = make.displayName;
    const username = (field(request.body, 'username') ?? '').trim();
    const password = field(request.body, 'password') ?? '';
    const loginLabel = signInLabel(make).toLowerCase();
    const refuse = (status: number, problem: string) => reply.code(status).type(html).send(renderLoginPage(base, flow, make, problem, username));
    if (username === '' || password === '') return refuse(400, `Enter your ${loginLabel} and your password.`);
    if (signInIdentifierFor(make, username) === null) return refuse(400, `${makeName} accounts sign in with an ${loginLabel}.`);
    const throttleKey = `${flow.make}:${flow.mode}:${username}`;
    const waitMs = throttle.waitMs(throttleKey, request.ip, now);
    if (waitMs > 0) return refuse(429, `Too many failed sign-in attempts. Try again in ${Math.ceil(waitMs / 60_000)} minutes.`);
    const result = await linking.signIn(flow.make, flow.mode, { username, password });
    if (!result.ok) {
      if (result.reason === 'invalid_subscription') return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'invalid_subscription', flow.state));
      if (result.reason === 'throttled') return refuse(429, `${makeName} is refusing sign-ins for now. Try again in a few minutes.`);
      throttle.recordFailure(throttleKey, request.ip, now);
      return refuse(401, `That ${loginLabel} and password do not match an account.`);
    }
    throttle.recordSuccess(throttleKey);
    const signedIn: FlowState = { ...flow, account: { providerAccountId: result.account.providerAccountId, email: result.account.email }, selection: null };
    return continueAfterSignIn(reply, signedIn, result.account, provider);
  });

  const callbackUrl = `${context.config.publicUrl}${manufacturerCallbackPath}`;
  const redirectToManufacturer = (reply: FastifyReply, flow: FlowState, linking: OAuthRedirectLinking): FastifyReply => {
    const started = startManufacturerLogin(flow, context.config.secretKey);
    const url = linking.authorizationUrl({ make: flow.make ?? '', mode: flow.mode, redirectUri: callbackUrl, state: started.state, codeChallenge: started.codeChallenge, permissions: flow.scope.permissions });
    session.save(reply, started.flow);
    return reply.redirect(url.toString(), 303);
  };

  // The manufacturer's login sends the owner back here with a code (or an error) and Connect's state.
  scope.get(manufacturerCallbackPath, async (request, reply) => {
    const state = field(request.query, 'state') ?? '';
    const flow = await session.read(request, flowIdOfState(state), context.now());
    const provider = flow === null ? undefined : providerFor(flow);
    const verifier = flow === null ? null : verifierForCallback(flow, state, context.config.secretKey);
    if (flow?.make == null || provider?.linking.kind !== 'oauth-redirect' || verifier === null) return session.invalidFlow(reply);
    const code = field(request.query, 'code');
    if (code === undefined) return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'access_denied', flow.state));
    const result = await provider.linking.exchangeCode({ make: flow.make, mode: flow.mode, code, redirectUri: callbackUrl, codeVerifier: verifier });
    if (!result.ok) {
      if (result.reason === 'access_denied') return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'access_denied', flow.state));
      if (result.reason === 'invalid_subscription') return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'invalid_subscription', flow.state));
      const makeName = findMake(flow.make)?.displayName ?? flow.make;
      const problem = result.reason === 'throttled' ? `${makeName} is refusing sign-ins for now. Try again in a few minutes.` : `${makeName} did not confirm the sign-in. Try again.`;
      return reply.code(result.reason === 'throttled' ? 429 : 400).type(html).send(renderErrorPage(base, problem, result.reason));
    }
    await storeManufacturerTokens(context.repositories, provider.id, result.account, result.tokens);
    const signedIn: FlowState = { ...flow, account: { providerAccountId: result.account.providerAccountId, email: result.account.email }, selection: null };
    return continueAfterSignIn(reply, signedIn, result.account, provider);
  });

  /** After sign-in: no vehicles, nothing compatible, nothing new to ask, or the grant screen. */
  const continueAfterSignIn = async (reply: FastifyReply, flow: FlowState, account: ProviderAccount, provider: VehicleProvider): Promise<FastifyReply> => {
    const choices = await choicesFor(flow, account, provider);
    if (choices.length === 0) return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'no_vehicles', flow.state));
    const compatible = choices.filter(isCompatible);
    if (compatible.length === 0) return session.finish(reply, flow, incompatibleRedirect(flow, choices[0]));
    if (!flow.forcePrompt && (await alreadyGranted(context.repositories, flow, account, compatible))) return approve(reply, flow, account, compatible);
    return go(reply, flow, 'grant');
  };

  /** Records the consent within the application's plan, then redirects with the code. */
  const approve = async (reply: FastifyReply, flow: FlowState, account: ProviderAccount, choices: readonly VehicleChoice[]): Promise<FastifyReply> => {
    // Read again: the operator may have suspended or revoked the application since the flow started.
    const application = await context.repositories.applications.findById(flow.applicationId);
    const refusal = application === null ? null : connectRefusal(application, flow.mode, flow.scope.permissions);
    if (refusal !== null) return session.finish(reply, flow, configurationErrorRedirect(flow.redirectUri, flow.state, refusal));
    try {
      await assertCanConnectVehicles(context, flow.applicationId, await countNewLiveVehicles(context.repositories, flow, account, choices));
    } catch (error) {
      if (!(error instanceof ApiError) || error.type !== 'BILLING') throw error;
      // The owner can do nothing about the application's plan; the developer learns why from the redirect.
      const message = error.code === 'ACCOUNT_SUSPENDED' ? 'The application is suspended and cannot connect vehicles.' : error.message;
      return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'configuration_error', flow.state, { status_code: '430', error_message: message }, message));
    }
    return renderApproval(reply, flow, await completeConnect(context, flow, account, choices, providerFor(flow)?.id));
  };

  /** The one place an approval's outcome becomes a response. */
  const renderApproval = async (reply: FastifyReply, flow: FlowState, approval: ConnectApproval): Promise<FastifyReply> => {
    switch (approval.kind) {
      case 'approved':
        context.limiter.forget(flow.applicationId);
        await context.repositories.lifecycle.observe(flow.applicationId, 'vehicle_connected');
        return session.leave(reply, flow, successRedirect(flow.redirectUri, approval.code, flow.state));
      case 'already-finished':
        return session.alreadyFinished(reply, flow);
      case 'application-gone':
        // As for a Connect link naming an unknown application: no redirect to a URI nobody registers any more.
        return reply.code(400).type(html).send(renderErrorPage(base, 'The application this Connect link belongs to no longer exists.', 'invalid_request'));
      case 'grant-conflict':
        // Nothing was stored; the application learns why and may start Connect again, which then replaces the other grant.
        return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'server_error', flow.state, {}, grantConflictDescription));
      default:
        return approval satisfies never;
    }
  };

  const choicesFor = async (flow: FlowState, account: ProviderAccount, provider: VehicleProvider): Promise<VehicleChoice[]> => {
    const vehicles = await provider.listVehicles(account);
    const wanted = flow.singleSelectVin === null ? vehicles : vehicles.filter((vehicle) => vehicle.vin === flow.singleSelectVin);
    return planGrant(flow.scope, wanted);
  };

  const incompatibleRedirect = (flow: FlowState, choice: VehicleChoice | undefined): string => {
    const details: Record<string, string> =
      choice === undefined ? {} : { vin: choice.vehicle.vin, make: choice.vehicle.ref.make, model: choice.vehicle.model, year: String(choice.vehicle.year) };
    return errorRedirect(flow.redirectUri, 'vehicle_incompatible', flow.state, details);
  };

  scope.get('/connect/grant', async (request, reply) => {
    const flow = await session.read(request, field(request.query, 'flow'), context.now());
    const account = flow === null ? null : accountOf(flow);
    const provider = flow === null ? undefined : providerFor(flow);
    if (flow === null || account === null || provider === undefined) return session.invalidFlow(reply);
    const choices = await choicesFor(flow, account, provider);
    const page = grantPage(choices, Number(field(request.query, 'page') ?? '1'));
    const selection = currentSelection(flow.selection, choices, flow.singleSelect);
    return reply.type(html).send(renderGrantPage(base, flow, await applicationName(flow), { page, selection, total: choices.length, offered: offeredPermissions(flow.scope, choices) }, null));
  });
  scope.post('/connect/grant', async (request, reply) => {
    const flow = await session.readPosted(request, context.now());
    const account = flow === null ? null : accountOf(flow);
    const provider = flow === null ? undefined : providerFor(flow);
    if (flow === null || account === null || provider === undefined) return session.invalidFlow(reply);
    const goto = field(request.body, 'goto');
    const action = field(request.body, 'action');
    if (goto === undefined && action !== 'approve') return session.finish(reply, flow, errorRedirect(flow.redirectUri, 'access_denied', flow.state));
    const choices = await choicesFor(flow, account, provider);
    const page = grantPage(choices, Number(field(request.body, 'page') ?? '1'));
    const choice = applyPageChoice(currentSelection(flow.selection, choices, flow.singleSelect), page, fieldList(request.body, 'vehicle'), choices, flow.singleSelect);
    const chosen: FlowState = { ...flow, selection: encodeSelection(choice.selection, choices.length) };
    // Paging posts the page's boxes first, so the choice made here is kept.
    if (goto !== undefined) return go(reply, chosen, 'grant', { page: String(grantPage(choices, Number(goto)).number) });
    const selected = choices.filter((_choice, index) => choice.selection.has(index));
    const problem =
      choice.unknownIds.length > 0 ? 'A chosen vehicle is no longer in your account.' : selected.length === 0 ? 'Choose at least one vehicle, or select Deny.' : flow.singleSelect && selected.length > 1 ? 'Choose only one vehicle.' : null;
    if (problem !== null) {
      session.save(reply, chosen);
      return reply.code(400).type(html).send(renderGrantPage(base, chosen, await applicationName(flow), { page, selection: choice.selection, total: choices.length, offered: offeredPermissions(flow.scope, choices) }, problem));
    }
    const incompatible = selected.find((choice) => !isCompatible(choice));
    if (incompatible !== undefined) return session.finish(reply, flow, incompatibleRedirect(flow, incompatible));
    return approve(reply, flow, account, selected);
  });
}
