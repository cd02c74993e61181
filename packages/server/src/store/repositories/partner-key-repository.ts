/**
 * @module Key pairs Carport generates once and keeps (the Tesla partner key signs commands and is
 * registered with Tesla, so it must never change by accident): the private key encrypted with the
 * secret key, the public key in clear.
 */
import type { Kysely } from 'kysely';
import type { Cipher } from '../../security/encryption.js';
import { toIso, type Clock } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';

/** A key pair as PEM text. */
export interface PartnerKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** Store contract for partner key pairs. */
export interface PartnerKeyRepository {
  /**
   * The pair stored under `name`, or the one `generate` makes, stored first. Two processes racing
   * both answer the pair that was stored first.
   */
  findOrCreate(name: string, generate: () => PartnerKeyPair): Promise<PartnerKeyPair>;
}

/** Builds the partner key repository over `db`. */
export function createPartnerKeyRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock; cipher: Cipher }): PartnerKeyRepository {
  const find = async (name: string): Promise<PartnerKeyPair | null> => {
    const row = await db.selectFrom('partner_keys').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? null : { privateKeyPem: deps.cipher.decrypt(row.private_key_encrypted), publicKeyPem: row.public_key_pem };
  };
  return {
    async findOrCreate(name, generate) {
      const stored = await find(name);
      if (stored !== null) return stored;
      const pair = generate();
      await db
        .insertInto('partner_keys')
        .values({ name, private_key_encrypted: deps.cipher.encrypt(pair.privateKeyPem), public_key_pem: pair.publicKeyPem, created_at: toIso(deps.clock()) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const kept = await find(name);
      if (kept === null) throw new Error(`the partner key ${name} was neither found nor stored`);
      return kept;
    },
  };
}
