/** @module The shape every grant type handler has; grants are found in a map by `grant_type`, not a switch. */
import type { Logger } from 'pino';
import type { ApplicationRecord, IssuedTokens, Repositories } from '../../store/index.js';

/** What a grant handler works with (the process's services provide each). */
export interface GrantServices {
  readonly repositories: Repositories;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** What a grant handler receives: the authenticated client and the form fields. */
export interface GrantRequest {
  readonly application: ApplicationRecord;
  /** Whether the client authenticated with a secret (public clients did not). */
  readonly confidential: boolean;
  readonly form: Readonly<Record<string, string | undefined>>;
}

/** Issues tokens for one grant type, or throws an `OAuthError`. */
export type TokenGrant = (context: GrantServices, request: GrantRequest) => Promise<IssuedTokens>;
