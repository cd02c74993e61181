/** @module The `redirect_uri` of a code exchange: required, and equal to the one the code was issued for (RFC 6749 §4.1.3). */
import type { ApplicationRecord, AuthorizationCodeRecord } from '../../store/index.js';
import { OAuthError } from '../oauth-error.js';

/**
 * What the official Node SDK sends for a form field it has no value for: it hands the unset property
 * to `URLSearchParams`, which writes the word `undefined` (e.g. `redirect_uri` from a client built
 * without one).
 */
export const sdkUnsetValue = 'undefined';

/**
 * Refuses the exchange unless `presented` names the redirect URI the code was issued for. Every code
 * carries one (Connect falls back to the first registered URI), so the parameter is always required.
 * The SDK's `undefined` can stand for it only when the application has a single registered URI: then
 * there is exactly one redirect URI it can mean, and it must be the code's.
 */
export function assertRedirectUriBinding(presented: string | undefined, code: AuthorizationCodeRecord, application: ApplicationRecord): void {
  if (presented === undefined || presented === '') {
    throw new OAuthError('invalid_request', 'The `redirect_uri` parameter is required: send the redirect URI the Connect URL used.');
  }
  if (presented === sdkUnsetValue) {
    const [only, ...others] = application.redirectUris;
    if (only === undefined || others.length > 0) {
      throw new OAuthError(
        'invalid_request',
        'The `redirect_uri` parameter is the string "undefined" (an SDK client built without a redirect URI), which stands for one only when the application has exactly one registered: send the redirect URI the Connect URL used.',
      );
    }
    if (only !== code.redirectUri) throw mismatch();
    return;
  }
  if (presented !== code.redirectUri) throw mismatch();
}

function mismatch(): OAuthError {
  return new OAuthError('invalid_grant', 'The redirect_uri does not match the one used on the Connect URL.');
}
