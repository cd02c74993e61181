/** @module Validates `GET /oauth/authorize`: unsafe redirects end on Carport's own error page, everything else redirects with an error. */
import { vehicleModes } from '../catalog/vehicle-modes.js';
import { findMake, makesForVin } from '../catalog/makes.js';
import type { ApplicationRepository } from '../store/index.js';
import { isValidChallenge, supportedChallengeMethods } from '../auth/pkce.js';
import { flowLifetimeMs, randomToken, type FlowState } from './flow-state.js';
import { redirectUriProblem } from './redirect-uri.js';
import { parseScope, unknownPermissionsMessage } from './requested-scope.js';
import { connectRefusal } from '../partner-lifecycle/access-policy.js';

/** Outcome of validating an authorize request. */
export type AuthorizeValidation =
  /** The request cannot be redirected safely (RFC 6749 §4.1.2.1): show Carport's error page. */
  | { readonly kind: 'error-page'; readonly message: string }
  /** The redirect URI is trusted but the request is wrong: redirect with `configuration_error`. */
  | { readonly kind: 'redirect-error'; readonly redirectUri: string; readonly state: string | null; readonly message: string }
  | { readonly kind: 'flow'; readonly flow: FlowState };

const vinPattern = /^[A-HJ-NPR-Z0-9]{17}$/;

/** A query value, where the official SDK's literal `undefined` counts as absent. */
function value(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const raw = query[name];
  const text = Array.isArray(raw) ? undefined : typeof raw === 'string' ? raw : undefined;
  return text === undefined || text === 'undefined' || text === '' ? undefined : text;
}

/** Parses `flags=country:DE other:x` into a record; malformed pairs are refused. */
function parseFlags(text: string | undefined): Record<string, string> | string {
  const flags: Record<string, string> = {};
  for (const pair of (text ?? '').split(/\s+/).filter((part) => part !== '')) {
    const separator = pair.indexOf(':');
    if (separator <= 0) return `The flag "${pair}" is not of the form name:value.`;
    flags[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return flags;
}

/** Validates the query of `GET /oauth/authorize` and, when it is sound, starts a flow. */
export async function validateAuthorizeRequest(query: Readonly<Record<string, unknown>>, applications: ApplicationRepository, now: Date): Promise<AuthorizeValidation> {
  const clientId = value(query, 'client_id');
  if (clientId === undefined) return { kind: 'error-page', message: 'The Connect link is missing its client_id.' };
  const application = await applications.findByClientId(clientId);
  if (application === null) return { kind: 'error-page', message: 'The Connect link names an application that does not exist.' };
  const requestedRedirect = value(query, 'redirect_uri');
  const redirectUri = requestedRedirect ?? application.redirectUris[0];
  if (redirectUri === undefined) return { kind: 'error-page', message: 'The application has no registered redirect URI.' };
  if (!application.redirectUris.includes(redirectUri)) return { kind: 'error-page', message: 'The Connect link’s redirect_uri is not registered for this application.' };
  // Registered before registrations were checked: sending the owner there is unsafe or loses the code.
  const redirectProblem = redirectUriProblem(redirectUri);
  if (redirectProblem !== null) return { kind: 'error-page', message: redirectProblem };
  const state = value(query, 'state') ?? null;
  const fail = (message: string): AuthorizeValidation => ({ kind: 'redirect-error', redirectUri, state, message });

  const responseType = value(query, 'response_type') ?? 'code';
  if (responseType !== 'code') return fail(`response_type must be "code", not "${responseType}".`);
  const modeText = value(query, 'mode') ?? 'live';
  const mode = vehicleModes.find((candidate) => candidate === modeText);
  if (mode === undefined) return fail(`mode must be one of live, test, simulated; got "${modeText}".`);
  const scopeText = value(query, 'scope') ?? application.defaultScope.join(' ');
  const scope = parseScope(scopeText);
  if (!scope.ok) return fail(unknownPermissionsMessage(scope.unknown));
  if (scope.scope.permissions.length === 0) return fail('The scope names no permission and the application has no default scope.');
  const lifecycleRefusal = connectRefusal(application, mode, scope.scope.permissions);
  if (lifecycleRefusal !== null) return fail(lifecycleRefusal);
  const approvalPrompt = value(query, 'approval_prompt') ?? 'auto';
  if (approvalPrompt !== 'auto' && approvalPrompt !== 'force') return fail(`approval_prompt must be auto or force; got "${approvalPrompt}".`);
  const singleSelectText = value(query, 'single_select') ?? 'false';
  if (singleSelectText !== 'true' && singleSelectText !== 'false') return fail(`single_select must be true or false; got "${singleSelectText}".`);
  const singleSelect = singleSelectText === 'true';
  const singleSelectVin = value(query, 'single_select_vin')?.toUpperCase() ?? null;
  let make: string | null = null;
  if (singleSelectVin !== null) {
    if (!singleSelect) return fail('single_select_vin requires single_select=true.');
    if (!vinPattern.test(singleSelectVin)) return fail('single_select_vin is not a valid 17-character VIN.');
    make = makesForVin(singleSelectVin)[0]?.id ?? null;
    if (make === null) return fail('single_select_vin does not name a supported make.');
  }
  const makeText = value(query, 'make');
  if (makeText !== undefined) {
    const found = findMake(makeText.toUpperCase());
    if (found === undefined) return fail(`make "${makeText}" is not a supported make.`);
    if (make !== null && make !== found.id) return fail('make and single_select_vin name different makes.');
    make = found.id;
  }
  const flags = parseFlags(value(query, 'flags'));
  if (typeof flags === 'string') return fail(flags);
  const codeChallenge = value(query, 'code_challenge') ?? null;
  const codeChallengeMethod = value(query, 'code_challenge_method') ?? (codeChallenge === null ? null : 'plain');
  if (codeChallenge !== null) {
    if (!supportedChallengeMethods.some((method) => method === codeChallengeMethod)) return fail('code_challenge_method must be S256.');
    if (!isValidChallenge(codeChallenge)) return fail('code_challenge must be a base64url SHA-256 digest (43 characters).');
  } else if (application.isPublic) {
    return fail('This application is a public client: the Connect URL must carry a PKCE code_challenge (S256).');
  }
  const user = value(query, 'user') ?? null;
  if (user !== null && user.length > 256) return fail('user must be at most 256 characters.');
  if (state !== null && state.length > 2048) return fail('state must be at most 2048 characters.');
  return {
    kind: 'flow',
    flow: {
      flowId: randomToken(),
      csrf: randomToken(),
      applicationId: application.id,
      redirectUri,
      scope: scope.scope,
      state,
      mode,
      forcePrompt: approvalPrompt === 'force',
      make,
      makeLocked: make !== null,
      singleSelect,
      singleSelectVin,
      flags,
      user,
      codeChallenge,
      codeChallengeMethod: codeChallenge === null ? null : codeChallengeMethod,
      account: null,
      selection: null,
      expiresAt: now.getTime() + flowLifetimeMs,
    },
  };
}
