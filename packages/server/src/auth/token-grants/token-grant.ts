/** @module The shape every grant type handler has; grants are found in a map by `grant_type`, not a switch. */
import type { AppContext } from '../../http/app-context.js';
import type { ApplicationRecord, IssuedTokens } from '../../store/index.js';

/** What a grant handler receives: the authenticated client and the form fields. */
export interface GrantRequest {
  readonly application: ApplicationRecord;
  /** Whether the client authenticated with a secret (public clients did not). */
  readonly confidential: boolean;
  readonly form: Readonly<Record<string, string | undefined>>;
}

/** Issues tokens for one grant type, or throws an `OAuthError`. */
export type TokenGrant = (context: AppContext, request: GrantRequest) => Promise<IssuedTokens>;
