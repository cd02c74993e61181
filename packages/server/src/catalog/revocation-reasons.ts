/**
 * @module Why a token family or a vehicle grant was revoked. Each revocation path records its reason,
 * and the refusal of a revoked credential says which one it was (the error's type and code stay those
 * of the catalog; only the description tells why).
 */
import type { RevocationReasonDefinition } from './types.js';

/**
 * Token reasons end the pairs descending from one code exchange: every request with them is refused.
 * Grant reasons end one vehicle's connection: the tokens keep answering for the owner's other vehicles,
 * and requests for this one are refused.
 */
export const revocationReasonCatalog = [
  { reason: 'authorization_code_reused', revokes: 'tokens',
    because: 'the authorization code it was issued from was presented a second time, which can mean the code leaked' },
  { reason: 'refresh_token_reused', revokes: 'tokens',
    because: 'a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen' },
  { reason: 'owner_revoked', revokes: 'grant',
    because: "the vehicle owner revoked the application's access to this vehicle" },
  { reason: 'application_disconnected', revokes: 'grant',
    because: 'the application disconnected this vehicle' },
  { reason: 'management_api_deleted', revokes: 'grant',
    because: "the application deleted this vehicle's connection through the Management API" },
  { reason: 'reconnected', revokes: 'grant',
    because: 'the owner connected this vehicle again, and the new grant replaced this one' },
] as const satisfies readonly RevocationReasonDefinition[];

type RevocationReasonEntry = (typeof revocationReasonCatalog)[number];

/** Every reason a revocation records. */
export type RevocationReason = RevocationReasonEntry['reason'];

/** The reasons that revoke a vehicle's grant. */
export type GrantRevocationReason = Extract<RevocationReasonEntry, { readonly revokes: 'grant' }>['reason'];

/**
 * The reason a stored value names; undefined for a value this version does not know (one written by a
 * newer Carport), which is then told as a revocation without a reason rather than failing the request.
 * @example findRevocationReason('owner_revoked')?.revokes // 'grant'
 */
export function findRevocationReason(value: string): RevocationReasonEntry | undefined {
  return revocationReasonCatalog.find((entry) => entry.reason === value);
}
