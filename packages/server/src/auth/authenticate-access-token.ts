/** @module Resolves a bearer access token to the application and user it was issued for. */
import type { RevocationReason } from '../catalog/revocation-reasons.js';
import type { TokenRecord, TokenRepository } from '../store/index.js';

/** Who is calling: the grant holder an access token stands for. */
export interface AccessContext {
  readonly token: TokenRecord;
  readonly applicationId: string;
  readonly userId: string;
}

/** Why a token was refused; the HTTP layer words each for the client. */
export type AccessRefusal = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked';

export type AccessResult =
  | { readonly ok: true; readonly access: AccessContext }
  | { readonly ok: false; readonly refusal: Exclude<AccessRefusal, 'revoked'> }
  /** The client is told why its token was revoked: it holds the token, so it learns nothing about others. */
  | { readonly ok: false; readonly refusal: 'revoked'; readonly revocationReason: RevocationReason | null };

const bearerPattern = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/**
 * Checks an `Authorization` header value. Tokens are looked up by hash, so a token the store never
 * issued and one it issued to another application are refused the same way.
 */
export async function authenticateAccessToken(authorization: string | undefined, tokens: TokenRepository, now: Date): Promise<AccessResult> {
  if (authorization === undefined || authorization.trim() === '') return { ok: false, refusal: 'missing' };
  const match = bearerPattern.exec(authorization);
  const token = match?.[1];
  if (token === undefined) return { ok: false, refusal: 'malformed' };
  const record = await tokens.findByAccessToken(token);
  if (record === null) return { ok: false, refusal: 'unknown' };
  if (record.revokedAt !== null) return { ok: false, refusal: 'revoked', revocationReason: record.revocationReason };
  if (Date.parse(record.accessExpiresAt) <= now.getTime()) return { ok: false, refusal: 'expired' };
  return { ok: true, access: { token: record, applicationId: record.applicationId, userId: record.userId } };
}
