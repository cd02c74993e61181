/** @module OAuth 2.0 errors: token-endpoint bodies and Connect redirect errors, in the RFC 6749 shape. */
import type { OAuthErrorDefinition } from './types.js';

/**
 * The `error` values Carport answers with. Token-endpoint statuses follow RFC 6749 §5.2 (401 only for
 * failed client authentication); Connect errors travel in a redirect, so they have no status of their own.
 * `server_error` appears on both surfaces, which is why lookups take the surface as well.
 */
export const oauthErrorCatalog = [
  { surface: 'token', error: 'invalid_request', statusCode: 400,
    description: 'The request is missing a required parameter, repeats one, or is otherwise malformed.' },
  { surface: 'token', error: 'invalid_client', statusCode: 401,
    description: 'Client authentication failed: the client id is unknown or the client secret is wrong.' },
  { surface: 'token', error: 'invalid_grant', statusCode: 400,
    description: 'The authorization code or refresh token is invalid, expired, already used, or was issued for another redirect URI or client.' },
  { surface: 'token', error: 'unauthorized_client', statusCode: 400,
    description: 'This client is not allowed to use this grant type.' },
  { surface: 'token', error: 'unsupported_grant_type', statusCode: 400,
    description: 'The grant type is not supported; use authorization_code or refresh_token.' },
  { surface: 'token', error: 'invalid_scope', statusCode: 400,
    description: 'The requested scope is invalid, unknown, or exceeds what the owner granted.' },
  { surface: 'token', error: 'server_error', statusCode: 500,
    description: 'The token endpoint failed unexpectedly; try again later.' },

  { surface: 'connect', error: 'access_denied', statusCode: null,
    description: 'The vehicle owner declined to grant the application access.' },
  { surface: 'connect', error: 'no_vehicles', statusCode: null,
    description: "The owner's connected-services account has no vehicles to connect." },
  { surface: 'connect', error: 'vehicle_incompatible', statusCode: null,
    description: "The owner's vehicle cannot provide the permissions the application requires." },
  { surface: 'connect', error: 'invalid_subscription', statusCode: null,
    description: "The vehicle's connected-services subscription is inactive." },
  { surface: 'connect', error: 'configuration_error', statusCode: null,
    description: 'Connect could not continue because of how it was launched or configured; the owner left through an error page.' },
  { surface: 'connect', error: 'user_manually_returned_to_application', statusCode: null,
    description: 'The owner chose to go back to the application before finishing Connect.' },
  { surface: 'connect', error: 'server_error', statusCode: null,
    description: 'Connect failed for a reason no other error describes.' },
] as const satisfies readonly OAuthErrorDefinition[];

type OAuthErrorEntry = (typeof oauthErrorCatalog)[number];

/** Where an OAuth error is answered. */
export type OAuthErrorSurface = OAuthErrorEntry['surface'];

/** The `error` values of one surface, e.g. `OAuthErrorCode<'token'>` includes `invalid_grant`. */
export type OAuthErrorCode<S extends OAuthErrorSurface = OAuthErrorSurface> = Extract<
  OAuthErrorEntry,
  { readonly surface: S }
>['error'];

/**
 * Looks an OAuth error up by surface and `error` value, for values that arrive at run time.
 * @example findOAuthError('token', 'invalid_grant')?.statusCode // 400
 */
export function findOAuthError(surface: string, error: string): OAuthErrorDefinition | undefined {
  return oauthErrorCatalog.find((entry) => entry.surface === surface && entry.error === error);
}

/**
 * The definition of a pair known at compile time; only catalog pairs type-check.
 * @example oauthError('connect', 'access_denied').description
 */
export function oauthError<S extends OAuthErrorSurface>(surface: S, error: OAuthErrorCode<S>): OAuthErrorDefinition {
  const definition = findOAuthError(surface, error);
  if (definition === undefined) {
    throw new Error(`Unknown OAuth error ${surface}:${error}`);
  }
  return definition;
}
