/** @module `grant_type=authorization_code`: single-use codes bound to the client, the redirect URI and a PKCE challenge. */
import { OAuthError } from '../oauth-error.js';
import { verifierMatches } from '../pkce.js';
import type { TokenGrant } from './token-grant.js';

const invalidGrant = (description: string): OAuthError => new OAuthError('invalid_grant', description);

export const authorizationCodeGrant: TokenGrant = async (context, { application, confidential, form }) => {
  const code = form.code;
  if (code === undefined || code === '') throw new OAuthError('invalid_request', 'The `code` parameter is required.');
  const { authorizationCodes, tokens } = context.repositories;
  const found = await authorizationCodes.find(code);
  // A code issued to another client is refused without being spent, so it cannot be burned by others.
  if (found === null || found.applicationId !== application.id) throw invalidGrant('The authorization code is invalid.');
  const consumed = await authorizationCodes.consume(code);
  if (consumed.status === 'reused') {
    // RFC 6749 §4.1.2: a replayed code may mean it leaked; revoke what it produced.
    const revoked = await tokens.revokeByCodeHash(consumed.record.codeHash);
    context.logger.warn({ applicationId: application.id, revokedPairs: revoked }, 'authorization code reused; tokens issued from it revoked');
    throw invalidGrant('The authorization code has already been used.');
  }
  if (consumed.status === 'expired') throw invalidGrant('The authorization code has expired.');
  if (consumed.status === 'unknown') throw invalidGrant('The authorization code is invalid.');
  const record = consumed.record;
  const redirectUri = form.redirect_uri;
  if (redirectUri !== undefined && redirectUri !== record.redirectUri) throw invalidGrant('The redirect_uri does not match the one used on the Connect URL.');
  if (record.codeChallenge === null && !confidential) throw invalidGrant('Public clients must use PKCE: this code carries no code challenge.');
  if (record.codeChallenge !== null) {
    const verifier = form.code_verifier;
    if (verifier === undefined) throw invalidGrant('This code was issued with a PKCE challenge: send `code_verifier`.');
    if (!verifierMatches(record.codeChallenge, verifier)) throw invalidGrant('The code_verifier does not match the code challenge.');
  }
  return tokens.issue({ applicationId: application.id, userId: record.userId, issuedFromCodeHash: record.codeHash });
};
