/** @module Keeps the tokens a manufacturer issued when an owner linked their account, for the account Connect records. */
import type { ManufacturerTokens } from '../providers/contract/index.js';
import type { ProviderAccount } from '../providers/vehicle-provider.js';
import type { Repositories } from '../store/index.js';

/**
 * Records the owner account (the manufacturer identified it) and its tokens together. Stored at the
 * callback, before consent: the grant screen lists the account's vehicles with them, and a denied
 * consent leaves an account no application can see (grants belong to users, created on approval).
 */
export async function storeManufacturerTokens(repositories: Repositories, providerId: string, account: ProviderAccount, tokens: ManufacturerTokens): Promise<void> {
  await repositories.transaction(async (store) => {
    const owner = await store.ownerAccounts.upsert({ make: account.make, mode: account.mode, providerAccountId: account.providerAccountId, email: account.email });
    await store.providerCredentials.save({ ownerAccountId: owner.id, providerId, ...tokens });
  });
}
