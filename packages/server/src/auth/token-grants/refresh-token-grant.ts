/** @module `grant_type=refresh_token`: each refresh rotates the pair; a repeat inside the grace window gets the same pair, a later one revokes the family. */
import { OAuthError } from '../oauth-error.js';
import { revokedRefreshTokenDescription } from '../revocation-descriptions.js';
import type { TokenGrant } from './token-grant.js';

export const refreshTokenGrant: TokenGrant = async (context, { application, form }) => {
  const refreshToken = form.refresh_token;
  if (refreshToken === undefined || refreshToken === '') throw new OAuthError('invalid_request', 'The `refresh_token` parameter is required.');
  const { tokens } = context.repositories;
  const found = await tokens.findByRefreshToken(refreshToken);
  if (found === null || found.applicationId !== application.id) throw new OAuthError('invalid_grant', 'The refresh token is invalid.');
  const result = await tokens.rotate(refreshToken);
  switch (result.status) {
    case 'rotated':
    case 'replayed':
      return result.tokens;
    case 'reused': {
      // OAuth 2.0 Security BCP §4.14: reuse after rotation signals a stolen token; end the whole family.
      const revoked = await tokens.revokeFamily(result.record.familyId, 'refresh_token_reused');
      context.logger.warn({ applicationId: application.id, familyId: result.record.familyId, revokedPairs: revoked }, 'refresh token reused; token family revoked');
      throw new OAuthError('invalid_grant', 'The refresh token has already been used.');
    }
    case 'expired':
      throw new OAuthError('invalid_grant', 'The refresh token has expired.');
    case 'revoked':
      throw new OAuthError('invalid_grant', revokedRefreshTokenDescription(result.record.revocationReason));
    case 'unknown':
      throw new OAuthError('invalid_grant', 'The refresh token is invalid.');
  }
};
