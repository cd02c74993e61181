/** @module The grant types the token endpoint supports, by `grant_type`. */
import { authorizationCodeGrant } from './authorization-code-grant.js';
import { refreshTokenGrant } from './refresh-token-grant.js';
import type { TokenGrant } from './token-grant.js';

export type { GrantRequest, TokenGrant } from './token-grant.js';

export const tokenGrants: ReadonlyMap<string, TokenGrant> = new Map<string, TokenGrant>([
  ['authorization_code', authorizationCodeGrant],
  ['refresh_token', refreshTokenGrant],
]);
