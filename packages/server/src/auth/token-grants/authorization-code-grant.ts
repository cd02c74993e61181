/** @module `grant_type=authorization_code`: single-use codes bound to the client, the redirect URI and a PKCE challenge. */
import { ConstraintViolationError, type AuthorizationCodeRecord } from '../../store/index.js';
import { clientAuthenticationFailed } from '../client-authentication.js';
import { OAuthError } from '../oauth-error.js';
import { verifierMatches } from '../pkce.js';
import { assertRedirectUriBinding } from './redirect-uri-binding.js';
import type { GrantServices, TokenGrant } from './token-grant.js';

const invalidGrant = (description: string): OAuthError => new OAuthError('invalid_grant', description);

/** RFC 6749 §4.1.2: a code presented after it was exchanged may have leaked; revoke what it produced. */
async function refuseReuse(context: GrantServices, applicationId: string, code: AuthorizationCodeRecord): Promise<never> {
  const revoked = await context.repositories.tokens.revokeByCodeHash(code.codeHash, 'authorization_code_reused');
  context.logger.warn({ applicationId, revokedPairs: revoked }, 'authorization code reused; tokens issued from it revoked');
  throw invalidGrant('The authorization code has already been used.');
}

function assertVerifier(code: AuthorizationCodeRecord, confidential: boolean, verifier: string | undefined): void {
  if (code.codeChallenge === null && !confidential) throw invalidGrant('Public clients must use PKCE: this code carries no code challenge.');
  if (code.codeChallenge === null) return;
  if (verifier === undefined) throw invalidGrant('This code was issued with a PKCE challenge: send `code_verifier`.');
  if (!verifierMatches(code.codeChallenge, verifier)) throw invalidGrant('The code_verifier does not match the code challenge.');
}

/**
 * Every check runs before the code is spent, so a client that sent a wrong `redirect_uri` or verifier
 * can correct its request and still exchange the code; only a successful exchange consumes it.
 */
export const authorizationCodeGrant: TokenGrant = async (context, { application, confidential, form }) => {
  const code = form.code;
  if (code === undefined || code === '') throw new OAuthError('invalid_request', 'The `code` parameter is required.');
  const { authorizationCodes, tokens } = context.repositories;
  const found = await authorizationCodes.find(code);
  // A code issued to another client is refused without being spent, so it cannot be burned by others.
  if (found === null || found.applicationId !== application.id) throw invalidGrant('The authorization code is invalid.');
  if (found.usedAt !== null) return refuseReuse(context, application.id, found);
  if (Date.parse(found.expiresAt) <= context.now().getTime()) throw invalidGrant('The authorization code has expired.');
  assertRedirectUriBinding(form.redirect_uri, found, application);
  assertVerifier(found, confidential, form.code_verifier);
  // The compare-and-set decides between concurrent exchanges of the same code: one wins, the others are reuse.
  const consumed = await authorizationCodes.consume(code);
  if (consumed.status === 'reused') return refuseReuse(context, application.id, consumed.record);
  if (consumed.status === 'expired') throw invalidGrant('The authorization code has expired.');
  if (consumed.status === 'unknown') throw invalidGrant('The authorization code is invalid.');
  try {
    return await tokens.issue({ applicationId: application.id, userId: consumed.record.userId, issuedFromCodeHash: consumed.record.codeHash });
  } catch (error) {
    // The pair references the application and the code's user, which only the application's deletion (cascading to its users) removes.
    if (error instanceof ConstraintViolationError && error.kind === 'foreign_key') throw clientAuthenticationFailed();
    throw error;
  }
};
