/** @module The redirect that ends a flow: `code` and `state` on success, `error`, `error_description` and `state` otherwise. */
import type { OAuthErrorCode } from '../catalog/oauth-errors.js';
import { oauthError } from '../catalog/oauth-errors.js';

/** Success: the application's redirect URI with `code` (and `state` when the flow had one). */
export function successRedirect(redirectUri: string, code: string, state: string | null): string {
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (state !== null) url.searchParams.set('state', state);
  return url.toString();
}

/** Failure: `error`, `error_description`, `state`, plus any outcome-specific parameters (e.g. `vin`). */
export function errorRedirect(
  redirectUri: string,
  error: OAuthErrorCode<'connect'>,
  state: string | null,
  extra: Readonly<Record<string, string>> = {},
  description?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description ?? oauthError('connect', error).description);
  for (const [name, text] of Object.entries(extra)) url.searchParams.set(name, text);
  if (state !== null) url.searchParams.set('state', state);
  return url.toString();
}

/** `configuration_error` carries `status_code` and `error_message` as well. */
export function configurationErrorRedirect(redirectUri: string, state: string | null, message: string): string {
  return errorRedirect(redirectUri, 'configuration_error', state, { status_code: '400', error_message: message }, message);
}
