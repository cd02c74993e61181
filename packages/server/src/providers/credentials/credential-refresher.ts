/**
 * @module The one refresher of manufacturer tokens: hands providers a valid token set for an owner
 * account, refreshing it shortly before it expires, or at once when the manufacturer refused the
 * access token early. Concurrent requests for one account share one refresh (single flight in the
 * process, and across processes the store's refresh lock), because manufacturers rotate refresh
 * tokens: a second refresh with the old refresh token would be refused and could even revoke the
 * account's tokens. The rotated refresh token is stored in the same write as the access token.
 */
import type { OwnerAccountRecord, ProviderCredentialRecord, ProviderCredentialRepository } from '../../store/index.js';
import { CredentialRefreshError, type CredentialRenewal, type CredentialVault, type ManufacturerTokens } from '../contract/index.js';
import type { ProviderAccount } from '../vehicle-provider.js';

/** Options of {@link CredentialRefresher}. */
export interface CredentialRefresherOptions {
  readonly credentials: Pick<ProviderCredentialRepository, 'find' | 'save'> & Partial<Pick<ProviderCredentialRepository, 'delete' | 'withRefreshLock'>>;
  readonly ownerAccounts: { findById(id: string): Promise<OwnerAccountRecord | null> };
  /** The renewal part of the provider with this id (undefined: its tokens are used until they expire). */
  readonly renewalFor: (providerId: string) => CredentialRenewal | undefined;
  readonly now: () => Date;
  /** Refresh this long before expiry, so a token never expires between the check and the manufacturer's answer. Default 5 minutes. */
  readonly refreshAheadMs?: number;
}

const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000;

function tokensOf(record: ProviderCredentialRecord): ManufacturerTokens {
  return {
    accessToken: record.accessToken,
    refreshToken: record.refreshToken,
    expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt),
    scopes: record.scopes,
  };
}

function accountOf(owner: OwnerAccountRecord): ProviderAccount {
  return { make: owner.make, mode: owner.mode, providerAccountId: owner.providerAccountId, email: owner.email };
}

/** Why a refresh runs: the tokens are due, or the manufacturer refused this access token. */
type RefreshCause = { readonly kind: 'due' } | { readonly kind: 'refused'; readonly accessToken: string };

/** Hands out stored manufacturer tokens, refreshed ahead of expiry, one refresh per account at a time. */
export class CredentialRefresher implements CredentialVault {
  readonly #options: CredentialRefresherOptions;
  readonly #inFlight = new Map<string, Promise<ManufacturerTokens | null>>();

  constructor(options: CredentialRefresherOptions) {
    this.#options = options;
  }

  async tokensFor(ownerAccountId: string): Promise<ManufacturerTokens | null> {
    const stored = await this.#options.credentials.find(ownerAccountId);
    if (stored === null) return null;
    const tokens = tokensOf(stored);
    return this.#due(tokens) ? this.#refreshOnce(ownerAccountId, { kind: 'due' }) : tokens;
  }

  renew(ownerAccountId: string, rejected: ManufacturerTokens): Promise<ManufacturerTokens | null> {
    return this.#refreshOnce(ownerAccountId, { kind: 'refused', accessToken: rejected.accessToken });
  }

  #due(tokens: ManufacturerTokens): boolean {
    if (tokens.expiresAt === null) return false;
    return tokens.expiresAt.getTime() - this.#options.now().getTime() <= (this.#options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS);
  }

  /** Joins the refresh of this account already under way, or starts one. */
  #refreshOnce(ownerAccountId: string, cause: RefreshCause): Promise<ManufacturerTokens | null> {
    const running = this.#inFlight.get(ownerAccountId);
    if (running !== undefined) return running;
    const { credentials } = this.#options;
    const locked = credentials.withRefreshLock?.bind(credentials) ?? ((_id: string, work: (repository: typeof credentials) => Promise<ManufacturerTokens | null>) => work(credentials));
    const refresh = locked(ownerAccountId, (repository) => this.#refresh(repository, ownerAccountId, cause)).finally(() => {
      this.#inFlight.delete(ownerAccountId);
    });
    this.#inFlight.set(ownerAccountId, refresh);
    return refresh;
  }

  async #refresh(credentials: CredentialRefresherOptions['credentials'], ownerAccountId: string, cause: RefreshCause): Promise<ManufacturerTokens | null> {
    // Read again, under the lock: a refresh that finished meanwhile (here or in another process) already stored new tokens.
    const stored = await credentials.find(ownerAccountId);
    if (stored === null) return null;
    const tokens = tokensOf(stored);
    const renewal = this.#options.renewalFor(stored.providerId);
    const owner = await this.#options.ownerAccounts.findById(ownerAccountId);
    const needed = cause.kind === 'due' ? this.#due(tokens) : tokens.accessToken === cause.accessToken;
    if (!needed) return tokens;
    if (tokens.refreshToken === null || renewal === undefined || owner === null) return cause.kind === 'due' ? tokens : null;
    let fresh: ManufacturerTokens;
    try {
      fresh = await renewal.refresh(accountOf(owner), tokens);
    } catch (error) {
      // A refresh token the manufacturer refused is worth nothing: forget it, so later calls ask the owner to link again without asking the manufacturer.
      if (error instanceof CredentialRefreshError && error.reason === 'rejected') await credentials.delete?.(ownerAccountId);
      throw error;
    }
    // OAuth 2.0 (RFC 6749 §6): a manufacturer that issues no new refresh token leaves the old one valid.
    const refreshToken = fresh.refreshToken ?? tokens.refreshToken;
    await credentials.save({ ownerAccountId, providerId: stored.providerId, accessToken: fresh.accessToken, refreshToken, expiresAt: fresh.expiresAt, scopes: fresh.scopes });
    return { ...fresh, refreshToken };
  }
}
