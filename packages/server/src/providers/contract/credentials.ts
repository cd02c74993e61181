/**
 * @module Contract part: an owner account's manufacturer tokens. Carport stores them (encrypted) and
 * refreshes them before they expire through one refresher; a provider only says how to refresh and
 * asks the vault for a valid set when it calls the manufacturer.
 */
import type { ProviderAccount } from '../vehicle-provider.js';

/** OAuth tokens a manufacturer issued for one owner account. */
export interface ManufacturerTokens {
  readonly accessToken: string;
  /** Null when the manufacturer issues none (the owner must link again once the access token expires). */
  readonly refreshToken: string | null;
  /** When the access token stops working; null when the manufacturer does not say. */
  readonly expiresAt: Date | null;
  /** Scopes the manufacturer granted (which may be fewer than asked for). */
  readonly scopes: readonly string[];
}

/**
 * Why a refresh failed: `rejected` when the manufacturer refused the refresh token (the owner must
 * link again), `unavailable` for anything that may pass (network, 5xx, rate limit).
 */
export class CredentialRefreshError extends Error {
  readonly reason: 'rejected' | 'unavailable';

  constructor(reason: 'rejected' | 'unavailable', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CredentialRefreshError';
    this.reason = reason;
  }
}

/** The part a provider with expiring tokens implements: one refresh against the manufacturer's token endpoint. */
export interface CredentialRenewal {
  /** A new token set for `tokens` (the manufacturer may rotate the refresh token); rejects with {@link CredentialRefreshError}. */
  refresh(account: ProviderAccount, tokens: ManufacturerTokens): Promise<ManufacturerTokens>;
}

/** What Carport gives a provider to call its manufacturer: a valid token set for an owner account. */
export interface CredentialVault {
  /** The account's tokens, refreshed first when they expire soon; null when none are stored (never linked, or unlinked). */
  tokensFor(ownerAccountId: string): Promise<ManufacturerTokens | null>;
  /**
   * Optional: the manufacturer refused `rejected` before its expiry (a 401): a renewed token set,
   * refreshed now unless another caller already replaced those tokens, or null when none can be
   * had (no refresh token, nothing stored). Rejects with {@link CredentialRefreshError}; a
   * `rejected` refresh also forgets the stored tokens, so the owner is asked to link once, not on
   * every later call.
   */
  renew?(ownerAccountId: string, rejected: ManufacturerTokens): Promise<ManufacturerTokens | null>;
}
