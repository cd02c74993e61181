/**
 * @module Carport's Tesla partner key: an EC P-256 key pair generated once and kept in the store
 * (the private key encrypted). Tesla fetches the public key from the partner domain's
 * `/.well-known/appspecific/com.tesla.3p.public-key.pem` when the partner account is registered,
 * and vehicles accept commands signed with the private key once the owner paired it.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { PartnerKeyPair, PartnerKeyRepository } from '../../store/index.js';
import { pairingUrl } from './virtual-keys.js';

/** Where Tesla looks for the public key, under the partner domain. */
export const PARTNER_PUBLIC_KEY_PATH = '/.well-known/appspecific/com.tesla.3p.public-key.pem';

/** The name the pair is stored under. */
const KEY_NAME = 'tesla-partner';

function generatePartnerKeyPair(): PartnerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The partner key pair, generated and stored on first use. */
export function teslaPartnerKey(keys: PartnerKeyRepository): Promise<PartnerKeyPair> {
  return keys.findOrCreate(KEY_NAME, generatePartnerKeyPair);
}

/** What an operator registers with Tesla for the partner domain. */
export interface PartnerRegistration {
  readonly domain: string;
  readonly publicKeyUrl: string;
  readonly publicKeyPem: string;
  readonly pairingUrl: string;
  /** The Fleet API call that registers the domain (with a partner token from the client-credentials grant). */
  readonly registration: { readonly method: 'POST'; readonly url: string; readonly body: { readonly domain: string } };
}

export function partnerRegistration(domain: string, fleetApiUrl: string, publicKeyPem: string): PartnerRegistration {
  return {
    domain,
    publicKeyUrl: `https://${domain}${PARTNER_PUBLIC_KEY_PATH}`,
    publicKeyPem,
    pairingUrl: pairingUrl(domain),
    registration: { method: 'POST', url: `${fleetApiUrl}/api/1/partner_accounts`, body: { domain } },
  };
}
