/** @module The words of a refusal caused by a revocation: what was revoked, then why, from the revocation-reason catalog. */
import { findRevocationReason, type GrantRevocationReason, type RevocationReason } from '../catalog/revocation-reasons.js';

/** ` because …` for a known reason; nothing for a revocation stored before reasons were. */
function because(reason: RevocationReason | null): string {
  const entry = reason === null ? undefined : findRevocationReason(reason);
  return entry === undefined ? '' : ` because ${entry.because}`;
}

/** The AUTHENTICATION description for a revoked access token. */
export function revokedAccessTokenDescription(reason: RevocationReason | null): string {
  return `The access token has been revoked${because(reason)}.`;
}

/** The `invalid_grant` description for a revoked refresh token. */
export function revokedRefreshTokenDescription(reason: RevocationReason | null): string {
  return `The refresh token has been revoked${because(reason)}.`;
}

/** The PERMISSION description for a vehicle whose grant to the caller was revoked. */
export function revokedGrantDescription(reason: GrantRevocationReason): string {
  return `This access token no longer grants access to this vehicle${because(reason)}.`;
}
